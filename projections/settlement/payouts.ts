import type { SettlementBatchClosed } from '../../contracts/events/settlement';
import { instant } from '../../src/shared/jalali';
import { businessDayStart } from '../businessDay';
import { liveBuild } from '../registry';
import type { ReadModelDb } from '../db';

/** A closed batch as one party reads it; `agencyId` is set when it is one agency's part. */
export type BatchView = SettlementBatchClosed & { agencyId?: string };

/**
 * An agency's part of a closed settlement batch (دسته تسویه): the payout instructions that credit
 * its own accounts (its treasury fees), its own accounts not paid out, and the total of those
 * instructions. Office, VAT and other agencies' lines are not its money. Undefined when the day
 * has nothing of it.
 */
export function agencyPart(batch: SettlementBatchClosed, agencyId: string): BatchView | undefined {
  const its = (line: { kind: string; beneficiaryId: string }) =>
    line.kind === 'agency' && line.beneficiaryId === agencyId;
  const instructions = batch.instructions.filter(its);
  const notPaidOut = batch.notPaidOut.filter(its);
  if (instructions.length === 0 && notPaidOut.length === 0) return undefined;
  const total = instructions.reduce((sum, i) => sum + BigInt(i.amount), 0n).toString();
  return { ...batch, instructions, notPaidOut, total, agencyId };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** One line of the list of closed batches: its day and the totals of what the reader may see. */
export const batchSummary = (b: BatchView) => ({
  batchId: b.batchId,
  day: b.day,
  dayStart: instant(businessDayStart(b.day, minutesOf(b.cutoff))),
  closedAt: b.closedAt,
  ledgerPosition: b.ledgerPosition,
  instructions: b.instructions.length,
  payments: b.instructions.reduce((n, i) => n + i.payments, 0),
  total: b.total,
  notPaidOut: b.notPaidOut.length,
});

/** How many batches are read at a time while looking for the days that pay one agency. */
export const scanChunk = 50;

/** Up to `n` closed batches, newest day first, before the day key `before`, with their day. */
export type ReadBatches = (
  before: string,
  n: number,
) => Promise<Array<{ day: string; batch: SettlementBatchClosed }>>;

/**
 * Up to `limit` batches `view` keeps, newest first, before `before`, and whether there are more:
 * read a chunk at a time until the page is full or the days run out.
 */
export async function collectPage(
  read: ReadBatches,
  q: { before?: string | undefined; limit: number },
  view: (b: SettlementBatchClosed) => BatchView | undefined,
): Promise<{ items: BatchView[]; more: boolean }> {
  const items: BatchView[] = [];
  let before = q.before ?? '9999/99/99';
  for (;;) {
    const rows = await read(before, scanChunk);
    for (const row of rows) {
      const seen = view(row.batch);
      if (!seen) continue;
      if (items.length === q.limit) return { items, more: true };
      items.push(seen);
    }
    if (rows.length < scanChunk) return { items, more: false };
    before = rows.at(-1)!.day;
  }
}

/**
 * Closed batches, newest day first, before `before` (a `1405/09/07` key) when given: a page of
 * those `view` keeps. The read model keeps a batch as its event, so an agency's days are found by
 * reading batches in chunks until the page is full.
 */
export async function batchPage(
  db: ReadModelDb,
  q: { before?: string | undefined; limit: number },
  view: (b: SettlementBatchClosed) => BatchView | undefined,
): Promise<{ position: number; items: BatchView[]; more: boolean }> {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, 'settlement');
    if (!live) return { position: 0, items: [], more: false };
    const read: ReadBatches = async (before, n) =>
      (
        await tx.all<{ day: string; body: string }>(
          `SELECT day, body FROM ${live.prefix}_batches WHERE day < ? ORDER BY day DESC LIMIT ?`,
          [before, n],
        )
      ).map((r) => ({ day: r.day, batch: JSON.parse(r.body) as SettlementBatchClosed }));
    return { position: live.position, ...(await collectPage(read, q, view)) };
  });
}
