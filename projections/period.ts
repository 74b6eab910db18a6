import type { EventStore, RecordedEvent } from '../src/shared/eventStore';
import type { LogMonth } from '../src/shared/eventStore/logMonths';
import { businessDayStart } from './businessDay';
import type { ReadModelDb, SqlTx, SqlValue } from './db';
import type { Projection } from './projection';
import { readPage } from './readPage';
import { positionBefore } from './recordedFrom';
import { liveBuild, type Build } from './registry';

/**
 * How long before its first business day begins an event of a period may have been recorded
 * and still be read: the recorder refuses a transaction time more than 5 minutes ahead of its
 * clock, so a day covers clock differences between nodes and the database with room to spare.
 */
export const periodLeadMs = 86_400_000;

/** What a period rebuild (بازسازی یک دوره) did, with its row counts per table of the build. */
export interface PeriodRebuildOf<Table extends string> {
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
  replaced: Record<Table, number>;
  written: Record<Table, number>;
}

/** The days of one Jalali month among the `day` keys `1405/08/01` … `1405/08/31`. */
export interface MonthDays {
  first: string;
  keep: (day: string) => boolean;
  /** A SQL condition on a `day` column, with `bounds` as its parameters. */
  where: string;
  bounds: SqlValue[];
}

export const daysOf = (m: LogMonth): MonthDays => {
  const month = `${m.jy}/${String(m.jm).padStart(2, '0')}/`;
  return {
    first: `${month}01`,
    keep: (day: string) => day.startsWith(month),
    where: 'day >= ? AND day < ?',
    bounds: [`${month}00`, `${month}99`],
  };
};

/** The live build moved under the rebuild (a switch-over, or another code version). */
export class PeriodRebuildError extends Error {}

/** What a period rebuild is asked: the live build of `projection` and the month to replace. */
export interface PeriodRebuildOptions {
  store: EventStore;
  db: ReadModelDb;
  projection: Projection;
  month: LogMonth;
  pageSize?: number;
  /** Called once the log has been read up to the checkpoint seen first (tests fold on here). */
  beforeCommit?: () => Promise<void>;
}

/** Where a period rebuild reads from, and the live build it replaces the month of. */
export interface PeriodStart {
  live: Build;
  days: MonthDays;
  /** The position before the first event recorded `periodLeadMs` before the month's first business day. */
  from: number;
}

/**
 * Finds the live build and the log position to read a month from (by recording instant, see
 * `positionBefore`). Refuses a projection with no live build, a live build of another code
 * version, and a log month at or after the start that is archived: `readAll` would pass over
 * its events and the month's rows would lose them.
 */
export async function periodStart(
  options: PeriodRebuildOptions & { cutoffMinutes: number },
): Promise<PeriodStart> {
  const { store, db, projection, month } = options;
  const days = daysOf(month);
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
  return { live, days, from };
}

/**
 * Reads the log after `start.from` (or the live checkpoint, when lower) page by page, handing
 * each page of the projection's types to `fold`; `readTo` carries on from where the last call
 * stopped, so the last stretch can be read inside the final transaction.
 */
export function periodReader(
  store: EventStore,
  projection: Projection,
  start: PeriodStart,
  pageSize: number,
) {
  let position = Math.min(start.from, start.live.position);
  let events = 0;
  return {
    get events() {
      return events;
    },
    async readTo(target: number, fold: (events: RecordedEvent[]) => Promise<void>) {
      while (position < target) {
        const page = await readPage(store, projection.eventTypes, position, pageSize, target);
        if (page.upTo <= position) throw new Error(`the log ends before position ${target}`);
        await fold(page.events);
        events += page.events.length;
        position = page.upTo;
      }
    },
  };
}

/** The build's checkpoint, its row locked until the transaction ends; refuses a build no longer live. */
export async function lockedCheckpoint(
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
