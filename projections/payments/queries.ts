import type { PaymentRecorded } from '../../contracts/events/payments';
import type { ReadModelDb, SqlValue } from '../db';
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
}

/** The columns a list may be narrowed by; every given one must match. */
export interface PaymentFilter {
  officeId?: string;
  terminalId?: string;
  serviceCode?: string;
  agencyId?: string;
  day?: string;
  status?: PaymentStatus;
}

interface Raw {
  recorded: string;
  corrections: string;
  position: unknown;
  revision: unknown;
  attempt: string | null;
  day: string;
}

const rowOf = (r: Raw): PaymentRow => ({
  recorded: JSON.parse(r.recorded) as PaymentRecorded,
  corrections: JSON.parse(r.corrections) as StoredCorrection[],
  position: Number(r.position),
  revision: Number(r.revision),
  attempt: r.attempt ?? undefined,
  day: r.day,
});

const column: Record<keyof PaymentFilter, string> = {
  officeId: 'office_id',
  terminalId: 'terminal_id',
  serviceCode: 'service_code',
  agencyId: 'agency_id',
  day: 'day',
  status: 'status',
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
      `SELECT recorded, corrections, position, revision, attempt, day FROM ${prefix}_${paymentsTable}
       WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`,
      [...params, limit + 1],
    ),
  );
  return { items: rows.slice(0, limit).map(rowOf), more: rows.length > limit };
}
