import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { StoreUnavailableError } from '../../errors';
import { createAppendSignal, pollingSubscription, type ScannedPage } from '../pollingSubscription';
import { recentTail } from '../recentTail';
import {
  errorOf,
  openEventsTable,
  sqliteWriter,
  toStored,
  type WriteRequest,
  type WriteResult,
} from './sqliteWriter';
import { sqliteWriterThread } from './sqliteWriterThread';
import type {
  AppendResult,
  EventStore,
  ReadAllOptions,
  RecordedEvent,
  StoredLeafEvent,
  Subscription,
} from '../port';

interface Row {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
  canonical: number;
}

interface PendingAppend {
  stream: string;
  /** Dropped once sent: a batch's JSON is garbage while it commits, not copied by the next scavenge. */
  request: WriteRequest | undefined;
  /**
   * The appended events with their ids; those of types the recent tail keeps as the stored
   * bytes parse back (keys in canonical order): readers here get these objects, the same as
   * readers of the file get. The others carry no data: nothing here reads them back.
   */
  events: ReadonlyArray<{
    id: string;
    type: string;
    kept?: Pick<RecordedEvent, 'data' | 'metadata'>;
  }>;
  /** The tail's generation when `kept` was decided. */
  generation: number;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

const checkPlainJson = process.env.NODE_ENV === 'test';

/**
 * The embedded default: one durable SQLite file (WAL, synchronous=FULL).
 * Appends that arrive in the same tick are group-committed in one transaction, on the
 * writer thread (`sqliteWriter.ts`) so that the insert and the fsync never stall this one
 * (a lone append on an idle store commits here), and every caller is answered only after
 * that transaction is on disk; the next tick's batch is already on its way meanwhile.
 * Nothing is ever deleted, so rowid positions are never reused and, with SQLite's single
 * writer, they follow commit order. Reads run here, on this thread's own connection.
 */
export function sqliteEventStore(
  filename: string,
  options: {
    /**
     * `inline` commits every batch on this thread's connection, never on the writer thread:
     * for an embedding that wants no worker thread, and for tests that exercise that path.
     */
    writes?: 'thread' | 'inline';
  } = {},
): EventStore {
  const inlineOnly = options.writes === 'inline';
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  openEventsTable(db);
  const writer = inlineOnly ? undefined : sqliteWriterThread(filename);
  const commitHere = sqliteWriter(db);

  const readLeafPageStmt = db.prepare<[number, number], Row>(
    'SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?',
  );
  const readStreamStmt = db.prepare<[string, number], Row>(
    'SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision',
  );
  const head = db.prepare<[], { p: number | null }>('SELECT MAX(position) AS p FROM events');
  const headNow = () => head.get()?.p ?? 0;
  const tail = recentTail(20_000);

  const signal = createAppendSignal();
  let queue: PendingAppend[] = [];
  let scheduled = false;
  let closed = false;
  const inFlight = new Set<Promise<void>>();
  /** Events sent to the writer and not answered yet: the file's head may be ahead of the tail by this many. */
  let eventsInFlight = 0;
  const subscriptions = new Set<Subscription>();

  /** Hands the recent tail the positions a batch inserted and its events of kept types. */
  function keepCommitted(batch: readonly PendingAppend[], result: WriteResult): void {
    const recordedAt = new Date(result.recordedAt);
    const committed: RecordedEvent[] = [];
    let first = Infinity;
    let last = -1;
    let decidedAt = tail.generation;
    result.outcomes.forEach((o, i) => {
      if (!o.ok || !o.inserted) return;
      const { stream, events, generation } = batch[i]!;
      const n = events.length;
      first = Math.min(first, o.position - n + 1);
      last = Math.max(last, o.position);
      decidedAt = Math.min(decidedAt, generation);
      events.forEach((e, k) => {
        if (e.kept)
          committed.push({
            stream,
            revision: o.nextRevision - n + 1 + k,
            position: o.position - n + 1 + k,
            id: e.id,
            type: e.type,
            data: e.kept.data,
            metadata: e.kept.metadata,
            recordedAt,
          });
      });
    });
    tail.add(first, last, committed, decidedAt);
  }

  function settle(batch: readonly PendingAppend[], result: WriteResult): void {
    keepCommitted(batch, result);
    result.outcomes.forEach((o, i) =>
      o.ok
        ? batch[i]!.resolve({
            nextRevision: o.nextRevision,
            position: o.position,
            written: o.inserted,
          })
        : batch[i]!.reject(errorOf(o.failure)),
    );
    signal.notify();
  }

  /**
   * A lone append with nothing on its way to the writer thread commits here, on this
   * thread's connection: one caller waiting in sequence (a CLI, a quiet office) is not made
   * to pay two thread hops per append. The writer thread holds no lock while idle.
   */
  function commitInline(batch: readonly PendingAppend[]): void {
    let result: WriteResult;
    try {
      result = commitHere(batch.map((p) => p.request!));
    } catch (error) {
      const failure = new StoreUnavailableError(`sqlite commit failed: ${String(error)}`);
      for (const p of batch) p.reject(failure);
      return;
    }
    settle(batch, result);
  }

  function flush(): void {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    if (!writer || (batch.length === 1 && eventsInFlight === 0)) return commitInline(batch);
    const events = batch.reduce((n, p) => n + p.events.length, 0);
    eventsInFlight += events;
    const requests = batch.map((p) => p.request!);
    for (const p of batch) p.request = undefined;
    const done = writer.write(requests).then(
      (result) => {
        eventsInFlight -= events;
        settle(batch, result);
      },
      (error: unknown) => {
        eventsInFlight -= events;
        for (const p of batch) p.reject(error);
      },
    );
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  }

  function toRecorded(row: Row): RecordedEvent {
    const event: RecordedEvent = {
      stream: row.stream,
      revision: row.revision,
      position: row.position,
      id: row.id,
      type: row.type,
      data: JSON.parse(row.data) as unknown,
      metadata: JSON.parse(row.metadata) as Record<string, unknown>,
      recordedAt: new Date(row.recorded_at),
    };
    if (row.canonical === 1) event.canonical = { data: row.data, metadata: row.metadata };
    return event;
  }

  /** A row for its leaf: its stored bytes as they are when it has them, else parsed. */
  function toLeafEvent(row: Row): RecordedEvent | StoredLeafEvent {
    if (row.canonical !== 1) return toRecorded(row);
    return {
      stream: row.stream,
      revision: row.revision,
      position: row.position,
      id: row.id,
      type: row.type,
      recordedAt: new Date(row.recorded_at),
      canonical: { data: row.data, metadata: row.metadata },
    };
  }

  const statements = new Map<string, Database.Statement<unknown[], Row>>();

  function readAllSync(options: ReadAllOptions): RecordedEvent[] {
    const where = ['position > ?'];
    const params: Array<string | number> = [options.after ?? 0];
    const types = options.filter?.eventTypes;
    if (types) {
      where.push(`type IN (${types.map(() => '?').join(',') || 'NULL'})`);
      params.push(...types);
    }
    const prefixes = options.filter?.streamPrefixes;
    if (prefixes) {
      where.push(`(${prefixes.map(() => 'substr(stream, 1, ?) = ?').join(' OR ') || '0'})`);
      for (const p of prefixes) params.push(p.length, p);
    }
    params.push(options.limit ?? 1000);
    const sql = `SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`;
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare<unknown[], Row>(sql)));
    return statement.all(...params).map(toRecorded);
  }

  /**
   * Served from the recent tail when the tail holds the whole page; else from the file.
   * `readAll` promises every event committed before the call (the file's head), so it takes
   * the tail only when the tail reaches that head. A subscription states how far it scanned,
   * so it may also take the tail while this store's own batches, still on their way back
   * from the writer, lie past its end: it reads them on the next round. A foreign write
   * inside that margin is not lost: it breaks the tail's run of positions when the batch
   * comes back, and the tail starts over.
   */
  function readPageSync(options: ReadAllOptions, completeToHead: boolean): ScannedPage {
    const limit = options.limit ?? 1000;
    const scannedHead = headNow();
    const fromTail = tail.page(options);
    const margin = completeToHead ? 0 : eventsInFlight;
    if (fromTail && (fromTail.events.length >= limit || fromTail.end + margin >= scannedHead))
      return fromTail;
    const events = readAllSync(options);
    const full = events.length >= limit;
    return {
      events,
      scannedTo: full
        ? events[events.length - 1]!.position
        : Math.max(options.after ?? 0, scannedHead),
    };
  }

  return {
    kind: 'sqlite',
    append(stream, events, expected) {
      if (closed) return Promise.reject(new StoreUnavailableError('event store is closed'));
      if (events.length === 0) return Promise.reject(new Error('append needs at least one event'));
      let request: WriteRequest;
      let stored: PendingAppend['events'];
      const generation = tail.generation;
      try {
        const rows = events.map((e) => {
          const data = toStored(e.type, e.data, checkPlainJson);
          const metadata = toStored(e.type, e.metadata ?? {}, checkPlainJson);
          const id = e.id ?? randomUUID();
          const kept = tail.keeps(e.type)
            ? { data: data.value, metadata: metadata.value as Record<string, unknown> }
            : undefined;
          return {
            row: { id, type: e.type, data: data.json, metadata: metadata.json },
            event: { id, type: e.type, ...(kept ? { kept } : {}) },
          };
        });
        request = {
          stream,
          expected,
          callerIds: events.some((e) => e.id !== undefined),
          events: rows.map((r) => r.row),
        };
        stored = rows.map((r) => r.event);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      return new Promise((resolve, reject) => {
        queue.push({ stream, request, events: stored, generation, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    async readStream(stream, options) {
      return readStreamStmt.all(stream, options?.fromRevision ?? 0).map(toRecorded);
    },
    async readAll(options = {}) {
      return readPageSync(options, true).events;
    },
    async readLeafPage(after, limit) {
      return readLeafPageStmt.all(after, limit).map(toLeafEvent);
    },
    subscribe(options, handler) {
      tail.want(options.filter);
      const sub = pollingSubscription(
        async (o) => readPageSync(o, false),
        signal,
        options,
        handler,
      );
      subscriptions.add(sub);
      void sub.done.catch(() => undefined).finally(() => subscriptions.delete(sub));
      return sub;
    },
    async headPosition() {
      return headNow();
    },
    async close() {
      if (closed) return;
      flush();
      closed = true;
      await Promise.allSettled([...inFlight]);
      await writer?.close();
      await Promise.all([...subscriptions].map((s) => s.stop()));
      signal.notify();
      db.close();
    },
  };
}
