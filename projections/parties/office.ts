import { halfYearOf } from '../../src/shared/jalaliPeriod';
import { instant } from '../../src/shared/jalali';
import { complianceSummary } from '../compliance/queries';
import type { ReadModelDb } from '../db';
import { officeMeasures } from '../supervision/queries';
import { performanceScore } from '../supervision/score';
import {
  addVolume,
  officeMoney,
  rollUp,
  volumeCube,
  volumeView,
  zeroVolume,
} from '../volumes/queries';
import { complianceSheet } from './agency';
import type { MonthRange } from './period';
import type { Sheet } from './sheets';
import { keyColumns, supervisionColumns, volumeRows, volumeSheet } from './volumeSheets';

/**
 * An office's statement (صورت‌حساب دفتر) for one Jalali month: what its payments, reversals and
 * refunds came to, the office fees it earned and the VAT among them, every settlement payout
 * to it for the month's business days and when its batch was closed, and what is still owed:
 * for the month (fees earned − paid out for its days) and to date. With its tariff compliance
 * record for the month and its supervision measures and score for the half-year.
 */
export async function officeStatement(
  db: ReadModelDb,
  q: { range: MonthRange; officeId: string; asOf: Date },
) {
  const { range, officeId } = q;
  const month = range.months[0]!;
  const period = halfYearOf(range.start);
  const [cube, money, compliance, measured] = await Promise.all([
    volumeCube(db, { fromMonth: month, toMonth: month, officeId, byOffice: true }),
    officeMoney(db, { officeId, fromDay: range.firstDay, toDay: range.lastDay }),
    complianceSummary(db, { from: range.firstDay, to: range.lastDay, officeId }),
    officeMeasures(db, { period, asOf: q.asOf, officeId }),
  ]);
  const totals = cube.cells.reduce((t, c) => addVolume(t, c.volume), zeroVolume());
  const paidOut = money.payouts.reduce((s, p) => s + p.amount, 0n);
  const measures = measured.offices[0];
  return {
    position: Math.min(cube.position, money.position, compliance.position, measured.position),
    body: {
      period: range.view,
      officeId,
      totals: volumeView(totals),
      byService: volumeRows(
        rollUp(cube.cells, ['serviceCode'], (x) => ({ serviceCode: x.serviceCode })),
      ),
      payouts: money.payouts.map((p) => ({
        day: p.day,
        batchId: p.batchId,
        endToEndId: p.endToEndId,
        iban: p.iban,
        amount: p.amount.toString(),
        closedAt: instant(new Date(p.closedAt)),
      })),
      paidOut: paidOut.toString(),
      stillOwed: (totals.officeFees - paidOut).toString(),
      owedToDate: (money.feesToDate - money.paidToDate).toString(),
      compliance: { totals: compliance.totals, byType: compliance.byType },
      supervision: {
        period: period.id,
        score: performanceScore(
          measures ?? {
            volume: 0,
            violations: 0,
            reversals: 0,
            complaintsUpheld: 0,
            slaBreaches: 0,
          },
        ),
        ...(measures ?? {}),
      },
    },
  };
}

type StatementBody = Awaited<ReturnType<typeof officeStatement>>['body'];

export function officeSheets(b: StatementBody): Sheet[] {
  const s = b.supervision as Record<string, string | number | undefined>;
  return [
    {
      name: 'statement',
      fa: 'صورت‌حساب',
      columns: [
        ...volumeSheet('statement', '', [], []).columns,
        { key: 'paidOut', fa: 'پرداخت‌شده در تسویه (ریال)', kind: 'number' },
        { key: 'stillOwed', fa: 'مانده طلب ماه (ریال)', kind: 'number' },
        { key: 'owedToDate', fa: 'مانده طلب تا پایان ماه (ریال)', kind: 'number' },
      ],
      rows: [{ ...b.totals, paidOut: b.paidOut, stillOwed: b.stillOwed, owedToDate: b.owedToDate }],
    },
    volumeSheet('by_service', 'خدمت', ['serviceCode'], b.byService),
    {
      name: 'payouts',
      fa: 'پرداخت‌ها',
      columns: [
        { key: 'day', fa: 'روز تسویه' },
        { key: 'batchId', fa: 'دسته تسویه', kind: 'id' },
        { key: 'endToEndId', fa: 'شناسه دستور پرداخت', kind: 'id' },
        { key: 'iban', fa: 'شبا', kind: 'id' },
        { key: 'amount', fa: 'مبلغ (ریال)', kind: 'number' },
        { key: 'closedAt', fa: 'زمان بستن دسته' },
        { key: 'closedAtIso', fa: 'زمان بستن دسته (ISO)' },
      ],
      rows: b.payouts.map((p) => ({
        ...p,
        closedAt: p.closedAt.jalali,
        closedAtIso: p.closedAt.iso,
      })),
    },
    complianceSheet([
      ['totals', b.compliance.totals ? [b.compliance.totals] : [], 'all'],
      ['type', b.compliance.byType, 'type'],
    ]),
    {
      name: 'supervision',
      fa: 'نظارت',
      columns: [
        ...supervisionColumns,
        { key: 'complaintsReceived', fa: 'شکایت دریافتی', kind: 'number' },
      ],
      rows: [
        Object.fromEntries(
          [...supervisionColumns.map((c) => c.key), 'complaintsReceived'].map((k) => [
            k,
            s[k] ?? 0,
          ]),
        ),
      ],
    },
    {
      name: 'office',
      fa: 'دفتر',
      columns: [keyColumns.officeId],
      rows: [{ officeId: b.officeId }],
    },
  ];
}
