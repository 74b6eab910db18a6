import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../src/shared/eventStore';

/** A log event as the bulk path reads it: only what folds need. */
export type LogEvent = Pick<RecordedEvent, 'position' | 'stream' | 'type' | 'data'>;

/**
 * Reads the positions `from < position ≤ to` of the given types straight from an SQLite event
 * store file (the table `src/shared/eventStore/adapters/sqlite.ts` writes), in position order,
 * one page per `chunk` positions (empty pages skipped), each event's JSON read by `read` (by
 * default `JSON.parse`). Only the bulk rebuild uses this; everything else reads through the
 * store port.
 * The type filter is kept off the (type, position) index (`+type`): ledger events are most of
 * the log, and a range scan of the rowid needs no sort.
 */
export function* logChunks(
  db: Database.Database,
  from: number,
  to: number,
  types: readonly string[],
  chunk: number,
  read: (type: string, json: string) => unknown = (_, json) => JSON.parse(json),
): Generator<LogEvent[]> {
  const stmt = db
    .prepare(
      `SELECT position, stream, type, data FROM events WHERE position > ? AND position <= ? AND +type IN (${types.map(() => '?').join(', ')}) ORDER BY position`,
    )
    .raw();
  for (let after = from; after < to; after += chunk) {
    const rows = stmt.all(after, Math.min(to, after + chunk), ...types) as Array<
      [number | bigint, string, string, string]
    >;
    if (rows.length)
      yield rows.map(([position, stream, type, data]) => ({
        position: Number(position),
        stream,
        type,
        data: read(type, data),
      }));
  }
}

/** The events of one stream of the given type, in revision order, from the same file. */
export function streamReader(db: Database.Database, type: string) {
  const stmt = db.prepare<[string, string], { data: string }>(
    'SELECT data FROM events WHERE stream = ? AND type = ? ORDER BY revision',
  );
  return async (stream: string) =>
    stmt.all(stream, type).map((r) => ({ type, data: JSON.parse(r.data) as unknown }));
}

/** `count` contiguous position ranges `[from, to]` covering `(0, upTo]`. */
export function positionRanges(upTo: number, count: number): Array<{ from: number; to: number }> {
  const n = Math.max(1, Math.min(count, upTo));
  return Array.from({ length: n }, (_, i) => ({
    from: Math.floor((upTo * i) / n),
    to: Math.floor((upTo * (i + 1)) / n),
  }));
}
