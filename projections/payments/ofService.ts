import type { PaymentRecorded } from '../../contracts/events/payments';
import type { ReadModelDb } from '../db';
import { liveBuild } from '../registry';
import { paymentsTable } from './projection';

/**
 * One page of a service's payments whose Jalali day lies in the range and that were recorded
 * before a log position, in log order after `after`: what a tariff approved at that position
 * may have judged differently. Answers the live build's position with the page.
 */
export async function paymentsOfService(
  db: ReadModelDb,
  q: {
    serviceCode: string;
    fromDay: string;
    toDay: string;
    before: number;
    after: number;
    limit: number;
  },
): Promise<{ position: number; items: Array<{ position: number; recorded: PaymentRecorded }> }> {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, 'payments');
    if (!live) return { position: 0, items: [] };
    const rows = await tx.all<{ position: unknown; recorded: string }>(
      `SELECT position, recorded FROM ${live.prefix}_${paymentsTable}
       WHERE day BETWEEN ? AND ? AND service_code = ? AND position > ? AND position < ?
       ORDER BY position LIMIT ?`,
      [q.fromDay, q.toDay, q.serviceCode, q.after, q.before, q.limit],
    );
    return {
      position: live.position,
      items: rows.map((r) => ({
        position: Number(r.position),
        recorded: JSON.parse(r.recorded) as PaymentRecorded,
      })),
    };
  });
}
