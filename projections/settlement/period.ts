import type { RecordedEvent } from '../../src/shared/eventStore';
import { businessDays } from '../businessDay';
import type { SqlValue } from '../db';
import { originsOf } from '../ledger';
import {
  lockedCheckpoint,
  periodReader,
  periodStart,
  type PeriodRebuildOf,
  type PeriodRebuildOptions,
} from '../period';
import { batchRow, foldLines, settlementLineTable, writeLines } from './lines';

export { PeriodRebuildError, periodLeadMs } from '../period';

export type PeriodRebuild = PeriodRebuildOf<'lines' | 'batches'>;

/**
 * Rebuilds one Jalali month's rows of the live settlement build (lines and closed batches of its
 * business days) without folding the log from position 0. A month's lines also take events
 * recorded after it (store-and-forward batches arriving late, reversals and refunds), so the
 * log is read from the month's first position (found by recording instant, `periodLeadMs`
 * before its first business day) up to the live build's checkpoint, keeping only the month's
 * days. The runner folds on meanwhile: no lease is taken. The last stretch is read inside the
 * write transaction that replaces the month's rows, after locking the build's registry row
 * (PostgreSQL `FOR UPDATE`; SQLite's write lock), so the rows replaced reflect exactly the
 * checkpoint they commit beside and the runner's next batch adds on top of them. Reads go on
 * from the committed snapshot throughout.
 */
export async function rebuildSettlementPeriod(
  options: PeriodRebuildOptions & { cutoffMinutes: number },
): Promise<PeriodRebuild> {
  const { store, db, projection, month } = options;
  const start = await periodStart(options);
  const { live, days, from } = start;
  const dayOf = businessDays(options.cutoffMinutes);
  const lines = settlementLineTable();
  const batches = new Map<string, SqlValue[]>();
  const ctx = (s: string) => store.readStream(s);
  const reader = periodReader(store, projection, start, options.pageSize ?? 5000);
  const fold = async (events: RecordedEvent[]) => {
    foldLines(lines, events, await originsOf(events, ctx), dayOf, days.keep);
    for (const e of events) {
      if (e.type !== 'SettlementBatchClosed') continue;
      const row = batchRow(e.data);
      const day = String(row[0]);
      if (days.keep(day) && !batches.has(day)) batches.set(day, row);
    }
  };
  await reader.readTo(live.position, fold);
  await options.beforeCommit?.();
  return db.write(async (tx) => {
    const upTo = await lockedCheckpoint(tx, db.kind, live.prefix);
    await reader.readTo(upTo, fold);
    const replaced = {
      lines: await tx.run(`DELETE FROM ${live.prefix}_lines WHERE ${days.where}`, days.bounds),
      batches: await tx.run(`DELETE FROM ${live.prefix}_batches WHERE ${days.where}`, days.bounds),
    };
    await writeLines(tx, live.prefix, lines);
    await tx.runMany(`INSERT INTO ${live.prefix}_batches VALUES (?, ?, ?, ?, ?)`, [
      ...batches.values(),
    ]);
    return {
      period: month.id,
      prefix: live.prefix,
      from,
      upTo,
      events: reader.events,
      replaced,
      written: { lines: lines.size, batches: batches.size },
    };
  });
}
