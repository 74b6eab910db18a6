import type { ReadModelDb } from '../db';
import { liveBuild } from '../registry';
import { addTotals, totalsView, zeroTotals, type Totals } from '../settlement/queries';
import { monthSums } from './projection';

type Sum = bigint | string | number | null;

/**
 * What a group of payments adds up to: settlement's totals (`net` is gross − reversals −
 * refunds), and the office fees (کارمزد دفتر) and value added tax among them, net of corrections.
 */
export type Volume = Totals & { officeFees: bigint; vat: bigint };

export const zeroVolume = (): Volume => ({ ...zeroTotals(), officeFees: 0n, vat: 0n });

export function addVolume(to: Volume, v: Volume): Volume {
  addTotals(to, v);
  to.officeFees += v.officeFees;
  to.vat += v.vat;
  return to;
}

/** A volume on the wire: counts as numbers, rials as decimal strings. */
export const volumeView = (v: Volume) => ({
  ...totalsView(v),
  officeFees: v.officeFees.toString(),
  vat: v.vat.toString(),
});

/** One cell of the volume cube: a Jalali month, agency, service, province, office kind and (when asked) office. */
export interface VolumeCell {
  month: string;
  agencyId: string;
  serviceCode: string;
  province: string;
  officeKind: string;
  officeId: string;
  volume: Volume;
}

export interface CubeQuery {
  /** Jalali months `1405/07`, both included. */
  fromMonth: string;
  toMonth: string;
  province?: string;
  agencyId?: string;
  officeId?: string;
  /** Keep offices apart; without it a cell sums every office (and `officeId` is ''). */
  byOffice?: boolean;
}

const big = (v: Sum | undefined) => BigInt(v ?? 0);

/**
 * The volume cube of a range of months, summed in SQL to the asked grain (offices apart or
 * not), read from the live `volumes` build; the position is the build's checkpoint.
 */
export async function volumeCube(
  db: ReadModelDb,
  q: CubeQuery,
): Promise<{ position: number; cells: VolumeCell[] }> {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, 'volumes');
    if (!live) return { position: 0, cells: [] };
    const keys = ['month', 'agency_id', 'service_code', 'province', 'office_kind'];
    if (q.byOffice) keys.push('office_id');
    const conditions = ['month >= ?', 'month <= ?'];
    const params: string[] = [q.fromMonth, q.toMonth];
    for (const [column, value] of [
      ['province', q.province],
      ['agency_id', q.agencyId],
      ['office_id', q.officeId],
    ] as const) {
      if (value === undefined) continue;
      conditions.push(`${column} = ?`);
      params.push(value);
    }
    const rows = await tx.all<Record<string, Sum>>(
      `SELECT ${keys.join(', ')}, ${monthSums.map((c) => `SUM(${c}) AS ${c}`).join(', ')}
       FROM ${live.prefix}_months WHERE ${conditions.join(' AND ')}
       GROUP BY ${keys.join(', ')} ORDER BY ${keys.join(', ')}`,
      params,
    );
    const cells = rows.map((r): VolumeCell => {
      const [gross, reversals, refunds] = [big(r.gross), big(r.reversals), big(r.refunds)];
      return {
        month: String(r.month),
        agencyId: String(r.agency_id),
        serviceCode: String(r.service_code),
        province: String(r.province),
        officeKind: String(r.office_kind),
        officeId: q.byOffice ? String(r.office_id) : '',
        volume: {
          payments: Number(r.payments),
          gross,
          reversalCount: Number(r.reversal_count),
          reversals,
          refundCount: Number(r.refund_count),
          refunds,
          net: gross - reversals - refunds,
          officeFees: big(r.office_fees),
          vat: big(r.vat),
        },
      };
    });
    return { position: live.position, cells };
  });
}

/** Cells summed by a key of their dimensions, in key order. */
export function rollUp<K extends string>(
  cells: readonly VolumeCell[],
  dims: readonly K[],
  keyOf: (c: VolumeCell) => Record<K, string>,
): Array<Record<K, string> & { volume: Volume }> {
  const groups = new Map<string, Record<K, string> & { volume: Volume }>();
  for (const c of cells) {
    const key = keyOf(c);
    const joined = dims.map((d) => key[d]).join('\u0000');
    let g = groups.get(joined);
    if (!g) groups.set(joined, (g = { ...key, volume: zeroVolume() }));
    addVolume(g.volume, c.volume);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

/**
 * Offices that delivered each service in each province over the months: distinct offices with
 * a payment of it there.
 */
export async function deliveringOffices(
  db: ReadModelDb,
  q: Pick<CubeQuery, 'fromMonth' | 'toMonth' | 'province'>,
): Promise<Map<string, number>> {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, 'volumes');
    const out = new Map<string, number>();
    if (!live) return out;
    const rows = await tx.all<{ service_code: string; province: string; offices: Sum }>(
      `SELECT service_code, province, COUNT(DISTINCT office_id) AS offices FROM ${live.prefix}_months
       WHERE month >= ? AND month <= ? AND payments > 0${q.province ? ' AND province = ?' : ''}
       GROUP BY service_code, province`,
      [q.fromMonth, q.toMonth, ...(q.province ? [q.province] : [])],
    );
    for (const r of rows) out.set(`${r.service_code}\u0000${r.province}`, Number(r.offices));
    return out;
  });
}

/** A payout instruction of a closed settlement batch, as the office's statement lists it. */
export interface Payout {
  day: string;
  batchId: string;
  endToEndId: string;
  iban: string;
  amount: bigint;
  closedAt: string;
}

/**
 * An office's settlement payouts for business days in `[fromDay, toDay]`, and everything its
 * fees came to and it was paid up to `toDay` (the office fees of every month up to `toDay`'s).
 */
export async function officeMoney(
  db: ReadModelDb,
  q: { officeId: string; fromDay: string; toDay: string },
): Promise<{ position: number; payouts: Payout[]; feesToDate: bigint; paidToDate: bigint }> {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, 'volumes');
    if (!live) return { position: 0, payouts: [], feesToDate: 0n, paidToDate: 0n };
    const p = live.prefix;
    const rows = await tx.all<Record<string, string | Sum>>(
      `SELECT day, batch_id, end_to_end_id, iban, amount, closed_at FROM ${p}_payouts
       WHERE kind = 'office' AND beneficiary_id = ? AND day >= ? AND day <= ? ORDER BY day, end_to_end_id`,
      [q.officeId, q.fromDay, q.toDay],
    );
    const [fees] = await tx.all<{ fees: Sum }>(
      `SELECT SUM(office_fees) AS fees FROM ${p}_months WHERE office_id = ? AND month <= ?`,
      [q.officeId, q.toDay.slice(0, 7)],
    );
    const [paid] = await tx.all<{ paid: Sum }>(
      `SELECT SUM(amount) AS paid FROM ${p}_payouts WHERE kind = 'office' AND beneficiary_id = ? AND day <= ?`,
      [q.officeId, q.toDay],
    );
    return {
      position: live.position,
      payouts: rows.map((r) => ({
        day: String(r.day),
        batchId: String(r.batch_id),
        endToEndId: String(r.end_to_end_id),
        iban: String(r.iban),
        amount: big(r.amount as Sum),
        closedAt: String(r.closed_at),
      })),
      feesToDate: big(fees?.fees ?? null),
      paidToDate: big(paid?.paid ?? null),
    };
  });
}
