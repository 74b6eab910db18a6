import type { SettlementBatchClosed } from '../../contracts/events/settlement';
import { instant } from '../../src/shared/jalali';
import type { ReadModelDb } from '../db';
import { businessDayStart } from '../businessDay';
import { liveBuild } from '../registry';

interface LineRow {
  day: string;
  kind: string;
  beneficiary_id: string;
  iban: string;
  deposit_id: string;
  agency_id: string;
  service_code: string;
  office_id: string;
  payments: bigint | string;
  gross: bigint | string;
  reversal_count: bigint | string;
  reversals: bigint | string;
  refund_count: bigint | string;
  refunds: bigint | string;
}

/** Counts and money of a group of settlement lines; `net` is what is owed (gross − reversals − refunds). */
export interface Totals {
  payments: number;
  gross: bigint;
  reversalCount: number;
  reversals: bigint;
  refundCount: number;
  refunds: bigint;
  net: bigint;
}

export const zeroTotals = (): Totals => ({
  payments: 0,
  gross: 0n,
  reversalCount: 0,
  reversals: 0n,
  refundCount: 0,
  refunds: 0n,
  net: 0n,
});

/** Adds `a` into `t`. */
export function addTotals(t: Totals, a: Totals): Totals {
  t.payments += a.payments;
  t.gross += a.gross;
  t.reversalCount += a.reversalCount;
  t.reversals += a.reversals;
  t.refundCount += a.refundCount;
  t.refunds += a.refunds;
  t.net += a.net;
  return t;
}

function add(t: Totals, r: LineRow): void {
  const [gross, reversals, refunds] = [BigInt(r.gross), BigInt(r.reversals), BigInt(r.refunds)];
  t.payments += Number(r.payments);
  t.gross += gross;
  t.reversalCount += Number(r.reversal_count);
  t.reversals += reversals;
  t.refundCount += Number(r.refund_count);
  t.refunds += refunds;
  t.net += gross - reversals - refunds;
}

/** Totals on the wire: counts as numbers, rials as decimal strings. */
export const totalsView = (t: Totals) => ({
  payments: t.payments,
  gross: t.gross.toString(),
  reversalCount: t.reversalCount,
  reversals: t.reversals.toString(),
  refundCount: t.refundCount,
  refunds: t.refunds.toString(),
  net: t.net.toString(),
});

/** A beneficiary's account on one business day: an agency treasury line is per deposit id. */
export interface BeneficiaryDay {
  day: string;
  kind: string;
  beneficiaryId: string;
  iban: string;
  depositId: string;
  totals: Totals;
  byService: Map<string, Totals>;
  byOffice: Map<string, Totals>;
}

export interface SettlementQuery {
  from: string;
  to: string;
  /** Only this beneficiary's money (an agency reads only its own). */
  beneficiary?: { kind: string; id: string };
}

/** Lines of the live settlement build for a day range, folded per day and beneficiary account. */
export async function settlementLines(
  db: ReadModelDb,
  q: SettlementQuery,
): Promise<{ position: number; accounts: BeneficiaryDay[] }> {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, 'settlement');
    if (!live) return { position: 0, accounts: [] };
    const p = live.prefix;
    const rows = q.beneficiary
      ? await tx.all<LineRow>(
          `SELECT * FROM ${p}_lines WHERE kind = ? AND beneficiary_id = ? AND day BETWEEN ? AND ?`,
          [q.beneficiary.kind, q.beneficiary.id, q.from, q.to],
        )
      : await tx.all<LineRow>(`SELECT * FROM ${p}_lines WHERE day BETWEEN ? AND ?`, [q.from, q.to]);
    const accounts = new Map<string, BeneficiaryDay>();
    for (const r of rows) {
      const key = [r.day, r.kind, r.beneficiary_id, r.iban, r.deposit_id].join('\u0000');
      let a = accounts.get(key);
      if (!a) {
        a = {
          day: r.day,
          kind: r.kind,
          beneficiaryId: r.beneficiary_id,
          iban: r.iban,
          depositId: r.deposit_id,
          totals: zeroTotals(),
          byService: new Map(),
          byOffice: new Map(),
        };
        accounts.set(key, a);
      }
      add(a.totals, r);
      for (const [map, k] of [
        [a.byService, r.service_code],
        [a.byOffice, r.office_id],
      ] as const) {
        let t = map.get(k);
        if (!t) map.set(k, (t = zeroTotals()));
        add(t, r);
      }
    }
    const order = (x: BeneficiaryDay) =>
      [x.day, x.kind, x.beneficiaryId, x.iban, x.depositId].join('\u0000');
    return {
      position: live.position,
      accounts: [...accounts.values()].sort((a, b) => (order(a) < order(b) ? -1 : 1)),
    };
  });
}

const sortedEntries = (m: Map<string, Totals>) =>
  [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** A business day shown as Jalali and ISO (the instant it begins in Asia/Tehran, cut-off included). */
export const dayView = (day: string, cutoffMinutes: number) => ({
  jalali: day,
  start: instant(businessDayStart(day, cutoffMinutes)),
});

/** The settlement report body: per day and beneficiary, by service and office, and the expected treasury credits. */
export function settlementReportBody(
  accounts: readonly BeneficiaryDay[],
  q: SettlementQuery,
  cutoffMinutes: number,
) {
  const total = zeroTotals();
  for (const a of accounts) addTotals(total, a.totals);
  return {
    from: dayView(q.from, cutoffMinutes),
    to: dayView(q.to, cutoffMinutes),
    cutoff: `${String(Math.floor(cutoffMinutes / 60)).padStart(2, '0')}:${String(cutoffMinutes % 60).padStart(2, '0')}`,
    totals: totalsView(total),
    lines: accounts.map((a) => ({
      day: dayView(a.day, cutoffMinutes),
      beneficiary: { kind: a.kind, id: a.beneficiaryId, iban: a.iban, depositId: a.depositId },
      ...totalsView(a.totals),
      byService: sortedEntries(a.byService).map(([serviceCode, t]) => ({
        serviceCode,
        ...totalsView(t),
      })),
      byOffice: sortedEntries(a.byOffice).map(([officeId, t]) => ({ officeId, ...totalsView(t) })),
    })),
    expectedTreasuryCredits: accounts
      .filter((a) => a.kind === 'agency')
      .map((a) => ({
        day: dayView(a.day, cutoffMinutes),
        agencyId: a.beneficiaryId,
        iban: a.iban,
        depositId: a.depositId,
        amount: a.totals.net.toString(),
      })),
  };
}

/** Closed settlement batches for a day range, from the live build. */
export async function settlementBatches(
  db: ReadModelDb,
  from: string,
  to: string,
): Promise<SettlementBatchClosed[]> {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, 'settlement');
    if (!live) return [];
    const rows = await tx.all<{ body: string }>(
      `SELECT body FROM ${live.prefix}_batches WHERE day BETWEEN ? AND ? ORDER BY day`,
      [from, to],
    );
    return rows.map((r) => JSON.parse(r.body) as SettlementBatchClosed);
  });
}
