import { officeFold } from '../../contracts/reference/officeRecords';
import { instant } from '../../src/shared/jalali';
import { addJalaliYears, jalaliDateOf, startOfJalaliDay } from '../../src/shared/jalaliPeriod';
import type { ReadModelDb } from '../db';
import { deadlinesReport } from '../deadlines/queries';
import { loadSnapshot } from '../reference/projection';
import {
  deliveringOffices,
  rollUp,
  volumeCube,
  volumeView,
  zeroVolume,
  addVolume,
  type VolumeCell,
} from '../volumes/queries';
import type { MonthRange } from './period';
import type { Sheet } from './sheets';
import { keyColumns, volumeRows, volumeSheet } from './volumeSheets';

/** The half-years (`1405-H2`) a range of months touches: the catalogue periods it reads. */
const halfYearsOf = (months: readonly string[]) => [
  ...new Set(months.map((m) => `${m.slice(0, 4)}-H${Number(m.slice(5, 7)) <= 6 ? 1 : 2}`)),
];

/** `(b − a) / a` in percent, one decimal; empty when there was nothing before. */
const change = (a: bigint, b: bigint) =>
  a === 0n ? '' : (Number(((b - a) * 1000n) / a) / 10).toFixed(1);

/** Volumes by every dimension AREO reads, from the cube of the range (offices summed). */
export function volumeSections(cells: readonly VolumeCell[]) {
  const totals = cells.reduce((t, c) => addVolume(t, c.volume), zeroVolume());
  const byMonth = rollUp(cells, ['month'], (c) => ({ month: c.month }));
  return {
    totals: volumeView(totals),
    byAgency: volumeRows(rollUp(cells, ['agencyId'], (c) => ({ agencyId: c.agencyId }))),
    byService: volumeRows(
      rollUp(cells, ['agencyId', 'serviceCode'], (c) => ({
        agencyId: c.agencyId,
        serviceCode: c.serviceCode,
      })),
    ),
    byProvince: volumeRows(rollUp(cells, ['province'], (c) => ({ province: c.province }))),
    byOfficeKind: volumeRows(rollUp(cells, ['officeKind'], (c) => ({ officeKind: c.officeKind }))),
    byAgencyProvince: volumeRows(
      rollUp(cells, ['agencyId', 'province'], (c) => ({
        agencyId: c.agencyId,
        province: c.province,
      })),
    ),
    trends: byMonth.map((m, i) => {
      const before = i > 0 ? byMonth[i - 1]!.volume : undefined;
      return {
        month: m.month,
        ...volumeView(m.volume),
        paymentsChange: before ? m.volume.payments - before.payments : 0,
        netChange: before ? (m.volume.net - before.net).toString() : '0',
        netChangePercent: before ? change(before.net, m.volume.net) : '',
      };
    }),
  };
}

/**
 * Catalogue coverage (پوشش فهرست خدمات): for each catalogue entry of the range's half-years, in
 * each province (the entry's own, or every province with offices for a national entry), how
 * many offices had it assigned during the range and how many delivered it (a payment there).
 */
async function coverage(db: ReadModelDb, range: MonthRange, province: string | undefined) {
  const periods = halfYearsOf(range.months);
  const [{ items }, offices, delivered] = await Promise.all([
    deadlinesReport(db, { at: range.end, ...(province ? { province } : {}) }),
    loadSnapshot(db, officeFold),
    deliveringOffices(db, {
      fromMonth: range.months[0]!,
      toMonth: range.months[range.months.length - 1]!,
      ...(province ? { province } : {}),
    }),
  ]);
  const [from, to] = [range.start.toISOString(), range.end.toISOString()];
  const records = (offices?.records ?? []).map(([, r]) => r.state);
  const provinces = [...new Set(records.map((o) => o.province))]
    .filter((p) => !province || p === province)
    .sort();
  return items
    .filter((i) => periods.includes(i.period))
    .flatMap((i) =>
      (i.scope === 'national' ? provinces : [i.scope]).map((p) => ({
        scope: i.scope,
        period: i.period,
        agencyId: i.agencyId,
        serviceCode: i.serviceCode,
        province: p,
        officesAssigned: records.filter(
          (o) =>
            o.province === p &&
            (Object.hasOwn(o.assignments, i.serviceCode) ? o.assignments[i.serviceCode]! : []).some(
              (a) => a.from < to && (a.until === undefined || a.until > from),
            ),
        ).length,
        officesDelivered: delivered.get(`${i.serviceCode}\u0000${p}`) ?? 0,
      })),
    );
}

/**
 * Listings late against their timetable date (offerBy, clause 1) or against the two years from
 * the catalogue's notification within which the agency must deliver it (clause 2), as of `at`.
 */
async function lateListings(db: ReadModelDb, at: Date, province: string | undefined) {
  const { items } = await deadlinesReport(db, { at, ...(province ? { province } : {}) });
  const iso = at.toISOString();
  return items.flatMap((i) => {
    const twoYearBy = startOfJalaliDay(addJalaliYears(jalaliDateOf(new Date(i.publishedAt)), 2));
    const by = twoYearBy.toISOString();
    const timetableLate = i.status === 'overdue' || i.status === 'delivered_late';
    const twoYearLate = i.deliveredAt ? i.deliveredAt > by : by < iso;
    if (!timetableLate && !twoYearLate) return [];
    return [
      {
        agencyId: i.agencyId,
        serviceCode: i.serviceCode,
        scope: i.scope,
        period: i.period,
        status: i.status,
        offerBy: instant(new Date(i.offerBy)),
        twoYearBy: instant(twoYearBy),
        timetableLate,
        twoYearLate,
      },
    ];
  });
}

export async function nationalReport(
  db: ReadModelDb,
  q: { range: MonthRange; province?: string; at: Date },
) {
  const { range, province } = q;
  const cube = await volumeCube(db, {
    fromMonth: range.months[0]!,
    toMonth: range.months[range.months.length - 1]!,
    ...(province ? { province } : {}),
  });
  const [covered, late] = await Promise.all([
    coverage(db, range, province),
    lateListings(db, q.at, province),
  ]);
  return {
    position: cube.position,
    body: {
      period: range.view,
      ...(province ? { province } : {}),
      at: instant(q.at),
      ...volumeSections(cube.cells),
      coverage: covered,
      lateAgencies: late,
    },
  };
}

type NationalBody = Awaited<ReturnType<typeof nationalReport>>['body'];

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** The national report's tables, for CSV and XLSX. */
export function nationalSheets(b: NationalBody): Sheet[] {
  return [
    volumeSheet('totals', 'جمع کل', [], [b.totals]),
    {
      ...volumeSheet('trends', 'روند ماهانه', ['month'], b.trends),
      columns: [
        ...volumeSheet('trends', '', ['month'], []).columns,
        { key: 'paymentsChange', fa: 'تغییر تعداد نسبت به ماه قبل', kind: 'number' },
        { key: 'netChange', fa: 'تغییر خالص نسبت به ماه قبل (ریال)', kind: 'number' },
        { key: 'netChangePercent', fa: 'درصد تغییر خالص' },
      ],
    },
    volumeSheet('by_agency', 'دستگاه', ['agencyId'], b.byAgency),
    volumeSheet('by_service', 'خدمت', ['agencyId', 'serviceCode'], b.byService),
    volumeSheet('by_province', 'استان', ['province'], b.byProvince),
    volumeSheet('by_office_kind', 'نوع دفتر', ['officeKind'], b.byOfficeKind),
    volumeSheet(
      'by_agency_province',
      'دستگاه و استان',
      ['agencyId', 'province'],
      b.byAgencyProvince,
    ),
    {
      name: 'coverage',
      fa: 'پوشش فهرست خدمات',
      columns: [
        { key: 'scope', fa: 'دامنه فهرست' },
        { key: 'period', fa: 'دوره' },
        keyColumns.agencyId,
        keyColumns.serviceCode,
        keyColumns.province,
        { key: 'officesAssigned', fa: 'دفاتر واگذارشده', kind: 'number' },
        { key: 'officesDelivered', fa: 'دفاتر ارائه‌دهنده', kind: 'number' },
      ],
      rows: b.coverage,
    },
    {
      name: 'late_agencies',
      fa: 'دستگاه‌های دارای تأخیر',
      columns: [
        keyColumns.agencyId,
        keyColumns.serviceCode,
        { key: 'scope', fa: 'دامنه فهرست' },
        { key: 'period', fa: 'دوره' },
        { key: 'status', fa: 'وضعیت' },
        { key: 'offerBy', fa: 'مهلت جدول زمانی' },
        { key: 'offerByIso', fa: 'مهلت جدول زمانی (ISO)' },
        { key: 'twoYearBy', fa: 'مهلت دو ساله' },
        { key: 'twoYearByIso', fa: 'مهلت دو ساله (ISO)' },
        { key: 'timetableLate', fa: 'تأخیر از جدول زمانی' },
        { key: 'twoYearLate', fa: 'تأخیر از مهلت دو ساله' },
      ],
      rows: b.lateAgencies.map((l) => ({
        agencyId: l.agencyId,
        serviceCode: l.serviceCode,
        scope: l.scope,
        period: l.period,
        status: l.status,
        offerBy: l.offerBy.jalali,
        offerByIso: l.offerBy.iso,
        twoYearBy: l.twoYearBy.jalali,
        twoYearByIso: l.twoYearBy.iso,
        timetableLate: yesNo(l.timetableLate),
        twoYearLate: yesNo(l.twoYearLate),
      })),
    },
  ];
}
