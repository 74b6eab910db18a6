import type { PaymentConsumed, PaymentRecorded } from '../../contracts/events/payments';
import type { ReadModelDb, SqlValue } from '../db';
import { liveBuild } from '../registry';
import { paymentsTable } from './projection';
import type { PaymentStatus, StoredCorrection } from './status';

/** A payment as the register holds it: the recorded event, its corrections since, and where. */
export interface PaymentRow {
  recorded: PaymentRecorded;
  corrections: StoredCorrection[];
  position: number;
  revision: number;
  attempt: string | undefined;
  day: string;
  /** The agency's consumption of the payment for a service delivery, once consumed. */
  consumption: PaymentConsumed | undefined;
}

/** The columns a list may be narrowed by; every given one must match. */
export interface PaymentFilter {
  officeId?: string;
  terminalId?: string;
  serviceCode?: string;
  agencyId?: string;
  day?: string;
  status?: PaymentStatus;
  /** The registered PSP whose terminal took the payment. */
  pspId?: string;
}

interface Raw {
  recorded: string;
  corrections: string;
  position: unknown;
  revision: unknown;
  attempt: string | null;
  day: string;
  consumption: string | null;
}

const selected = 'recorded, corrections, position, revision, attempt, day, consumption';

const rowOf = (r: Raw): PaymentRow => ({
  recorded: JSON.parse(r.recorded) as PaymentRecorded,
  corrections: JSON.parse(r.corrections) as StoredCorrection[],
  position: Number(r.position),
  revision: Number(r.revision),
  attempt: r.attempt ?? undefined,
  day: r.day,
  consumption: r.consumption === null ? undefined : (JSON.parse(r.consumption) as PaymentConsumed),
});

const column: Record<keyof PaymentFilter, string> = {
  officeId: 'office_id',
  terminalId: 'terminal_id',
  serviceCode: 'service_code',
  agencyId: 'agency_id',
  day: 'day',
  status: 'status',
  pspId: 'psp_id',
};

/** The payment id a citizen's tracking code (کد رهگیری) names, if the register holds it. */
export async function paymentIdByTrackingCode(
  db: ReadModelDb,
  prefix: string,
  trackingCode: string,
): Promise<string | undefined> {
  const rows = await db.read((tx) =>
    tx.all<{ payment_id: string }>(
      `SELECT payment_id FROM ${prefix}_${paymentsTable} WHERE tracking_code = ? ORDER BY position LIMIT 1`,
      [trackingCode],
    ),
  );
  return rows[0]?.payment_id;
}

/**
 * Payments matching every field of `filter` (the caller's scope among them), in log order,
 * after the cursor position: one page and whether more follow. Reads one snapshot.
 */
export async function listPayments(
  db: ReadModelDb,
  prefix: string,
  filter: PaymentFilter,
  after: number,
  limit: number,
): Promise<{ items: PaymentRow[]; more: boolean }> {
  const where = ['position > ?'];
  const params: SqlValue[] = [after];
  for (const [key, value] of Object.entries(filter) as [keyof PaymentFilter, string][]) {
    if (value === undefined) continue;
    where.push(`${column[key]} = ?`);
    params.push(value);
  }
  const rows = await db.read((tx) =>
    tx.all<Raw>(
      `SELECT ${selected} FROM ${prefix}_${paymentsTable}
       WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`,
      [...params, limit + 1],
    ),
  );
  return { items: rows.slice(0, limit).map(rowOf), more: rows.length > limit };
}

/** One payment as the register holds it. */
export async function paymentRow(
  db: ReadModelDb,
  prefix: string,
  paymentId: string,
): Promise<PaymentRow | undefined> {
  const rows = await db.read((tx) =>
    tx.all<Raw>(`SELECT ${selected} FROM ${prefix}_${paymentsTable} WHERE payment_id = ?`, [
      paymentId,
    ]),
  );
  return rows[0] && rowOf(rows[0]);
}

/**
 * An agency's payments with a card network reference (شماره مرجع, RRN), oldest first: an RRN
 * is unique per terminal and day only, so it may name a few. At most `limit`.
 */
export async function agencyPaymentsByRrn(
  db: ReadModelDb,
  prefix: string,
  q: { agencyId: string; rrn: string; limit: number },
): Promise<PaymentRow[]> {
  const rows = await db.read((tx) =>
    tx.all<Raw>(
      `SELECT ${selected} FROM ${prefix}_${paymentsTable} WHERE rrn = ? AND agency_id = ?
       ORDER BY position LIMIT ?`,
      [q.rrn, q.agencyId, q.limit],
    ),
  );
  return rows.map(rowOf);
}

/** Consumptions of an agency's payments per Jalali day of consumption and service. */
export interface ConsumptionSum {
  day: string;
  serviceCode: string;
  count: number;
  /** Whole rials of the consumed payments, as a decimal string. */
  amount: string;
}

/**
 * What an agency consumed between two Jalali days (inclusive), summed per day and service
 * from the register's consumption column, with the live build's position.
 */
export async function agencyConsumptions(
  db: ReadModelDb,
  q: { agencyId: string; fromDay: string; toDay: string },
): Promise<{ position: number; sums: ConsumptionSum[] }> {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, 'payments');
    if (!live) return { position: 0, sums: [] };
    const rows = await tx.all<{ day: string; service_code: string; n: unknown; rials: unknown }>(
      `SELECT consumed_day AS day, service_code, COUNT(*) AS n, SUM(consumed_amount) AS rials
       FROM ${live.prefix}_${paymentsTable}
       WHERE agency_id = ? AND consumed_day BETWEEN ? AND ?
       GROUP BY consumed_day, service_code ORDER BY consumed_day, service_code`,
      [q.agencyId, q.fromDay, q.toDay],
    );
    return {
      position: live.position,
      sums: rows.map((r) => ({
        day: r.day,
        serviceCode: r.service_code,
        count: Number(r.n),
        amount: BigInt(String(r.rials)).toString(),
      })),
    };
  });
}
