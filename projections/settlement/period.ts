import type { EventStore } from '../../src/shared/eventStore';
import type { LogMonth } from '../../src/shared/eventStore/logMonths';
import { businessDayStart, businessDays } from '../businessDay';
import type { ReadModelDb, SqlTx, SqlValue } from '../db';
import { originsOf } from '../ledger';
import type { Projection } from '../projection';
import { readPage } from '../readPage';
import { positionBefore } from '../recordedFrom';
import { liveBuild } from '../registry';
import { batchRow, foldLines, settlementLineTable, writeLines } from './lines';

/**
 * How long before its first business day begins an event of a period may have been recorded
 * and still be read: the recorder refuses a transaction time more than 5 minutes ahead of its
 * clock, so a day covers clock differences between nodes and the database with room to spare.
 */
export const periodLeadMs = 86_400_000;

export interface PeriodRebuild {
  /** The Jalali month rebuilt, `1405-08`. */
  period: string;
  prefix: string;
  /** The log was read after this position… */
  from: number;
  /** …up to the live build's checkpoint, which the period's rows now reflect. */
  upTo: number;
  /** Events of the projection's types read. */
  events: number;
  /** Rows of the period before and after. */
  replaced: { lines: number; batches: number };
  written: { lines: number; batches: number };
}

/** The rows of one Jalali month among the `day` keys `1405/08/01` … `1405/08/31`. */
const daysOf = (m: LogMonth) => {
  const month = `${m.jy}/${String(m.jm).padStart(2, '0')}/`;
  return {
    first: `${month}01`,
    keep: (day: string) => day.startsWith(month),
    where: 'day >= ? AND day < ?',
    bounds: [`${month}00`, `${month}99`] as SqlValue[],
  };
};

/** The live build moved under the rebuild (a switch-over, or another code version). */
export class PeriodRebuildError extends Error {}

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
export async function rebuildSettlementPeriod(options: {
  store: EventStore;
  db: ReadModelDb;
  projection: Projection;
  month: LogMonth;
  cutoffMinutes: number;
  pageSize?: number;
  /** Called once the log has been read up to the checkpoint seen first (tests fold on here). */
  beforeCommit?: () => Promise<void>;
}): Promise<PeriodRebuild> {
  const { store, db, projection, month } = options;
  const pageSize = options.pageSize ?? 5000;
  const days = daysOf(month);
  const dayOf = businessDays(options.cutoffMinutes);
  const live = await db.read((tx) => liveBuild(tx, projection.name));
  if (!live) throw new PeriodRebuildError(`projection ${projection.name} has no live build yet`);
  if (live.codeVersion !== projection.version)
    throw new PeriodRebuildError(
      `${live.prefix} was built by version ${live.codeVersion} and this code folds version ${projection.version}: rebuild it whole`,
    );
  const start = businessDayStart(days.first, options.cutoffMinutes).getTime() - periodLeadMs;
  const from = await positionBefore(store, new Date(start));
  const archived = (await store.archivedRanges?.())?.filter((a) => a.last > from) ?? [];
  if (archived.length)
    throw new PeriodRebuildError(
      `log month ${archived.map((a) => a.month).join(', ')} is archived and holds events ${month.id} may take: restore it first (pishkhan log restore)`,
    );
  const lines = settlementLineTable();
  const batches = new Map<string, SqlValue[]>();
  const ctx = (s: string) => store.readStream(s);
  let position = Math.min(from, live.position);
  let events = 0;
  const readTo = async (target: number) => {
    while (position < target) {
      const page = await readPage(store, projection.eventTypes, position, pageSize, target);
      if (page.upTo <= position) throw new Error(`the log ends before position ${target}`);
      foldLines(lines, page.events, await originsOf(page.events, ctx), dayOf, days.keep);
      for (const e of page.events) {
        if (e.type !== 'SettlementBatchClosed') continue;
        const row = batchRow(e.data);
        const day = String(row[0]);
        if (days.keep(day) && !batches.has(day)) batches.set(day, row);
      }
      events += page.events.length;
      position = page.upTo;
    }
  };
  await readTo(live.position);
  await options.beforeCommit?.();
  return db.write(async (tx) => {
    const upTo = await lockedCheckpoint(tx, db.kind, live.prefix);
    await readTo(upTo);
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
      events,
      replaced,
      written: { lines: lines.size, batches: batches.size },
    };
  });
}

/** The build's checkpoint, its row locked until the transaction ends; refuses a build no longer live. */
async function lockedCheckpoint(
  tx: SqlTx,
  kind: ReadModelDb['kind'],
  prefix: string,
): Promise<number> {
  const [row] = await tx.all<{ position: unknown; state: string }>(
    `SELECT position, state FROM projection_builds WHERE prefix = ?${kind === 'postgres' ? ' FOR UPDATE' : ''}`,
    [prefix],
  );
  if (row?.state !== 'live')
    throw new PeriodRebuildError(
      `${prefix} stopped being live during the rebuild; nothing changed`,
    );
  return Number(row.position);
}
