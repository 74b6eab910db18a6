import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../src/shared/eventStore';

/** A log event as the bulk path reads it: only what folds need. */
export type LogEvent = Pick<RecordedEvent, 'position' | 'stream' | 'type' | 'data'> &
  Partial<Pick<RecordedEvent, 'metadata'>>;

const noMetadata: Record<string, unknown> = Object.freeze({});

/** Metadata is small; most events' is `{}` or holds only an attempt id and the schema version. */
const metadataOf = (json: string): Record<string, unknown> =>
  json === '{}' ? noMetadata : (JSON.parse(json) as Record<string, unknown>);

/**
 * Reads the positions `from < position ≤ to` of the given types straight from an SQLite event
 * store file (the table `src/shared/eventStore/adapters/sqlite.ts` writes), in position order,
 * one page per `chunk` positions (empty pages skipped), each event's JSON read by `read` (by
 * default `JSON.parse`), its metadata only where `withMetadata` asks for it (a fold that reads
 * the version of some types need not parse every event's). Only the bulk rebuild uses this; everything else reads through the
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
  withMetadata: (type: string) => boolean = () => true,
): Generator<LogEvent[]> {
  const stmt = db
    .prepare(
      `SELECT position, stream, type, data, metadata FROM events WHERE position > ? AND position <= ? AND +type IN (${types.map(() => '?').join(', ')}) ORDER BY position`,
    )
    .raw();
  for (let after = from; after < to; after += chunk) {
    const rows = stmt.all(after, Math.min(to, after + chunk), ...types) as Array<
      [number | bigint, string, string, string, string]
    >;
    if (rows.length)
      yield rows.map(([position, stream, type, data, metadata]) =>
        withMetadata(type)
          ? {
              position: Number(position),
              stream,
              type,
              data: read(type, data),
              metadata: metadataOf(metadata),
            }
          : { position: Number(position), stream, type, data: read(type, data) },
      );
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

/**
 * Position ranges of `(0, upTo]` shared out among threads: one segment per thread, cut into
 * ranges of about `size` positions. A thread takes its own segment's ranges from the front,
 * then helps the others from their back, so that each reads mostly one stretch of the log
 * (and of its days) and none waits for a thread slowed by other work on the machine. `state`
 * (see `SharedRanges.state`) holds per segment how many ranges were taken from its front (low
 * 16 bits) and from its back (high 16 bits); every take is one compare-and-swap of that word.
 */
export class SharedRanges {
  private readonly taken: Uint32Array;
  private readonly size: number;

  constructor(
    state: SharedArrayBuffer,
    private readonly upTo: number,
    size: number,
  ) {
    this.taken = new Uint32Array(state);
    this.size = Math.max(size, Math.ceil(upTo / this.taken.length / 0xffff), 1);
  }

  static state(threads: number): SharedArrayBuffer {
    return new SharedArrayBuffer(threads * Uint32Array.BYTES_PER_ELEMENT);
  }

  private segment(s: number) {
    const n = this.taken.length;
    const from = Math.floor((this.upTo * s) / n);
    const to = Math.floor((this.upTo * (s + 1)) / n);
    return { from, to, ranges: Math.ceil((to - from) / this.size) };
  }

  private left(s: number): number {
    const word = Atomics.load(this.taken, s);
    return this.segment(s).ranges - (word & 0xffff) - (word >>> 16);
  }

  private take(s: number, fromBack: boolean): { from: number; to: number } | undefined {
    const { from, to, ranges } = this.segment(s);
    for (;;) {
      const word = Atomics.load(this.taken, s);
      const front = word & 0xffff;
      const back = word >>> 16;
      if (front + back >= ranges) return undefined;
      const next = fromBack ? word + 0x10000 : word + 1;
      if (Atomics.compareExchange(this.taken, s, word, next) !== word) continue;
      const r = fromBack ? ranges - 1 - back : front;
      return { from: from + r * this.size, to: Math.min(to, from + (r + 1) * this.size) };
    }
  }

  /** The next range for the thread that owns segment `own`, or undefined when all are taken. */
  next(own: number): { from: number; to: number } | undefined {
    const mine = this.take(own, false);
    if (mine) return mine;
    for (;;) {
      let most = -1;
      for (let s = 0; s < this.taken.length; s++)
        if (s !== own && this.left(s) > 0 && (most < 0 || this.left(s) > this.left(most))) most = s;
      if (most < 0) return undefined;
      const theirs = this.take(most, true);
      if (theirs) return theirs;
    }
  }
}
