import type { ReadModelDb } from '../db';
import { complianceReport } from '../compliance/queries';
import { agencyConsumptions, type ConsumptionSum } from '../payments/queries';
import { reconciliationRuns } from '../reconciliations/queries';
import {
  addTotals,
  settlementLines,
  totalsView,
  zeroTotals,
  type Totals,
} from '../settlement/queries';
import { addVolume, rollUp, volumeCube, volumeView, zeroVolume } from '../volumes/queries';
import type { MonthRange } from './period';
import type { Column, Sheet } from './sheets';
import { keyColumns, volumeRows, volumeSheet } from './volumeSheets';

/**
 * An agency's report over a range of months, its own services only: its treasury fees as
 * settlement sums them (by month), tariff compliance on its services, volumes by office,
 * province, service and month, how many reconciliation runs it has, and the payments it
 * consumed for service deliveries (مصرف پرداخت) by month and service.
 */
export async function agencyReport(db: ReadModelDb, q: { range: MonthRange; agencyId: string }) {
  const { range, agencyId } = q;
  const [settled, compliance, cube, runs, consumed] = await Promise.all([
    settlementLines(db, {
      from: range.firstDay,
      to: range.lastDay,
      beneficiary: { kind: 'agency', id: agencyId },
    }),
    complianceReport(db, { from: range.firstDay, to: range.lastDay, agencyId }),
    volumeCube(db, {
      fromMonth: range.months[0]!,
      toMonth: range.months[range.months.length - 1]!,
      agencyId,
      byOffice: true,
    }),
    reconciliationRuns(db, { agencyId, limit: 1 }),
    agencyConsumptions(db, { agencyId, fromDay: range.firstDay, toDay: range.lastDay }),
  ]);
  const total = zeroTotals();
  const months = new Map<string, Totals>();
  for (const a of settled.accounts) {
    addTotals(total, a.totals);
    const month = a.day.slice(0, 7);
    let t = months.get(month);
    if (!t) months.set(month, (t = zeroTotals()));
    addTotals(t, a.totals);
  }
  const c = compliance.body;
  const last = runs.runs[0]?.run;
  return {
    position: Math.min(
      settled.position,
      compliance.position,
      cube.position,
      runs.position,
      consumed.position,
    ),
    body: {
      period: range.view,
      agencyId,
      settlement: {
        totals: totalsView(total),
        byMonth: [...months]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([month, t]) => ({
            month,
            ...totalsView(t),
          })),
      },
      compliance: {
        totals: c?.totals,
        byType: c?.byType ?? [],
        byService: c?.byService ?? [],
        byOffice: c?.byOffice ?? [],
        byMonth: c?.byMonth ?? [],
      },
      volumes: {
        totals: volumeView(cube.cells.reduce((t, x) => addVolume(t, x.volume), zeroVolume())),
        byService: volumeRows(
          rollUp(cube.cells, ['serviceCode'], (x) => ({ serviceCode: x.serviceCode })),
        ),
        byOffice: volumeRows(
          rollUp(cube.cells, ['officeId', 'province'], (x) => ({
            officeId: x.officeId,
            province: x.province,
          })),
        ),
        byProvince: volumeRows(rollUp(cube.cells, ['province'], (x) => ({ province: x.province }))),
        byMonth: volumeRows(rollUp(cube.cells, ['month'], (x) => ({ month: x.month }))),
      },
      consumptions: consumptionsView(consumed.sums),
      reconciliations: {
        runs: runs.total,
        ...(last
          ? {
              last: {
                runId: last.runId,
                from: last.from,
                to: last.to,
                completedAt: last.completedAt,
                totals: last.totals,
              },
            }
          : {}),
      },
    },
  };
}

/** Consumed payments (پرداخت‌های مصرف‌شده): count and rials in all, by month and by service. */
function consumptionsView(sums: readonly ConsumptionSum[]) {
  type Tally = { payments: number; rials: bigint };
  const add = (into: Map<string, Tally>, key: string, s: ConsumptionSum) => {
    const t = into.get(key) ?? { payments: 0, rials: 0n };
    t.payments += s.count;
    t.rials += BigInt(s.amount);
    into.set(key, t);
  };
  const total: Tally = { payments: 0, rials: 0n };
  const byMonth = new Map<string, Tally>();
  const byService = new Map<string, Tally>();
  for (const s of sums) {
    total.payments += s.count;
    total.rials += BigInt(s.amount);
    add(byMonth, s.day.slice(0, 7), s);
    add(byService, s.serviceCode, s);
  }
  const figures = (t: Tally) => ({ payments: t.payments, amount: t.rials.toString() });
  const sorted = (m: Map<string, Tally>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    totals: figures(total),
    byMonth: sorted(byMonth).map(([month, t]) => ({ month, ...figures(t) })),
    byService: sorted(byService).map(([serviceCode, t]) => ({ serviceCode, ...figures(t) })),
  };
}

type AgencyBody = Awaited<ReturnType<typeof agencyReport>>['body'];

const consumptionColumns: readonly Column[] = [
  { key: 'payments', fa: 'پرداخت مصرف‌شده', kind: 'number' },
  { key: 'amount', fa: 'مبلغ (ریال)', kind: 'number' },
];

const settlementColumns: readonly Column[] = [
  { key: 'payments', fa: 'تعداد پرداخت', kind: 'number' },
  { key: 'gross', fa: 'سهم ناخالص دستگاه (ریال)', kind: 'number' },
  { key: 'reversals', fa: 'برگشت (ریال)', kind: 'number' },
  { key: 'refunds', fa: 'استرداد (ریال)', kind: 'number' },
  { key: 'net', fa: 'خالص واریز به خزانه (ریال)', kind: 'number' },
];

export const complianceColumns: readonly Column[] = [
  { key: 'payments', fa: 'پرداخت‌های دارای تخلف', kind: 'number' },
  { key: 'violations', fa: 'تعداد تخلف', kind: 'number' },
  { key: 'excessCollected', fa: 'اضافه دریافت (ریال)', kind: 'number' },
  { key: 'refunded', fa: 'مسترد شده (ریال)', kind: 'number' },
  { key: 'stillHeld', fa: 'هنوز نگه‌داشته (ریال)', kind: 'number' },
];

type Figures = Record<string, string | number>;

/** A compliance section's rows under one key column: `section/key` rows for a sheet. */
export function complianceSheet(
  sections: ReadonlyArray<readonly [by: string, rows: ReadonlyArray<Figures>, keyField: string]>,
): Sheet {
  return {
    name: 'compliance',
    fa: 'رعایت تعرفه',
    columns: [
      { key: 'by', fa: 'بر حسب' },
      { key: 'key', fa: 'کلید', kind: 'id' },
      ...complianceColumns,
    ],
    rows: sections.flatMap(([by, rows, keyField]) =>
      rows.map((r) => ({ ...r, by, key: String(r[keyField] ?? 'all') })),
    ),
  };
}

export function agencySheets(b: AgencyBody): Sheet[] {
  const c = b.compliance;
  return [
    {
      name: 'settlement',
      fa: 'تسویه',
      columns: [keyColumns.month, ...settlementColumns],
      rows: [{ month: 'all', ...b.settlement.totals }, ...b.settlement.byMonth],
    },
    complianceSheet([
      ['totals', c.totals ? [c.totals] : [], 'all'],
      ['type', c.byType, 'type'],
      ['service', c.byService, 'serviceCode'],
      ['office', c.byOffice, 'officeId'],
      ['month', c.byMonth, 'month'],
    ]),
    volumeSheet('volumes_totals', 'جمع حجم', [], [b.volumes.totals]),
    volumeSheet('by_service', 'خدمت', ['serviceCode'], b.volumes.byService),
    volumeSheet('by_office', 'دفتر', ['officeId', 'province'], b.volumes.byOffice),
    volumeSheet('by_province', 'استان', ['province'], b.volumes.byProvince),
    volumeSheet('by_month', 'ماه', ['month'], b.volumes.byMonth),
    {
      name: 'consumptions',
      fa: 'مصرف پرداخت',
      columns: [
        { key: 'by', fa: 'بر حسب' },
        { key: 'key', fa: 'کلید', kind: 'id' },
        ...consumptionColumns,
      ],
      rows: [
        { by: 'totals', key: 'all', ...b.consumptions.totals },
        ...b.consumptions.byMonth.map((r) => ({ by: 'month', key: r.month, ...r })),
        ...b.consumptions.byService.map((r) => ({ by: 'service', key: r.serviceCode, ...r })),
      ],
    },
  ];
}
