import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { StoreUnavailableError } from '../../errors';
import { checkExpectedRevision, classifyRetry } from '../expectedRevision';
import { createAppendSignal, pollingSubscription, type ScannedPage } from '../pollingSubscription';
import { recentTail } from '../recentTail';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  RecordedEvent,
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
}

interface PendingAppend {
  stream: string;
  events: readonly EventToAppend[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

const schema = `
  CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY,
    stream TEXT NOT NULL,
    revision INTEGER NOT NULL,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (stream, revision)
  );
  CREATE INDEX IF NOT EXISTS events_by_type ON events (type, position);
`;

/**
 * Committed events are handed to this process's subscribers as the objects the caller
 * appended, not re-parsed from the row: the caller's data must therefore be plain JSON, or a
 * subscriber here would see other values than a reader of the file. Tests check that.
 */
const checkPlainJson = process.env.NODE_ENV === 'test';

function assertPlainJson(type: string, json: string, data: unknown): void {
  if (!isDeepStrictEqual(JSON.parse(json), data))
    throw new Error(`${type} data does not survive JSON unchanged (undefined, Date, class…)`);
}

/**
 * The embedded default: one durable SQLite file (WAL, synchronous=FULL).
 * Appends that arrive in the same tick are group-committed in one transaction,
 * and every caller is answered only after that transaction is on disk.
 * Nothing is ever deleted, so rowid positions are never reused and, with
 * SQLite's single writer, they follow commit order.
 */
export function sqliteEventStore(filename: string): EventStore {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(schema);

  const currentRevision = db.prepare<[string], { r: number | null }>(
    'SELECT MAX(revision) AS r FROM events WHERE stream = ?',
  );
  const findById = db.prepare<[string], Row>('SELECT * FROM events WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const readStreamStmt = db.prepare<[string, number], Row>(
    'SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision',
  );
  const head = db.prepare<[], { p: number | null }>('SELECT MAX(position) AS p FROM events');
  const dataVersion = () => db.pragma('data_version', { simple: true }) as number;
  let seenDataVersion = dataVersion();
  const tail = recentTail(20_000);

  const signal = createAppendSignal();
  let queue: PendingAppend[] = [];
  let scheduled = false;
  let closed = false;
  const subscriptions = new Set<Subscription>();

  /**
   * A single event to a new stream (every payment) is inserted straight away: the unique
   * (stream, revision) and id constraints refuse it exactly when the checks below would,
   * and only then are they run, to tell a retry from a conflict.
   */
  function appendFresh(
    p: PendingAppend,
    recordedAt: Date,
    committed: RecordedEvent[],
  ): AppendResult | undefined {
    const e = p.events[0]!;
    const id = e.id ?? randomUUID();
    const data = JSON.stringify(e.data);
    if (checkPlainJson) assertPlainJson(e.type, data, e.data);
    const metadata = e.metadata ?? {};
    let position: number;
    try {
      const info = insert.run(
        p.stream,
        0,
        id,
        e.type,
        data,
        JSON.stringify(metadata),
        recordedAt.toISOString(),
      );
      position = Number(info.lastInsertRowid);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return undefined;
      throw error;
    }
    committed.push({
      stream: p.stream,
      revision: 0,
      position,
      id,
      type: e.type,
      data: e.data,
      metadata,
      recordedAt,
    });
    return { nextRevision: 0, position };
  }

  function appendOne(p: PendingAppend, recordedAt: Date, committed: RecordedEvent[]): AppendResult {
    if (p.expected === 'no_stream' && p.events.length === 1) {
      const fresh = appendFresh(p, recordedAt, committed);
      if (fresh) return fresh;
    }
    const ids = p.events.map((e) => e.id ?? randomUUID());
    if (new Set(ids).size !== ids.length) throw new Error('duplicate event ids in one append');
    const callerIds = p.events.some((e) => e.id !== undefined);
    const stored = callerIds ? ids.flatMap((id) => findById.get(id) ?? []) : [];
    if (classifyRetry(p.stream, ids, stored) === 'retry') {
      const last = stored[stored.length - 1]!;
      return { nextRevision: last.revision, position: last.position };
    }
    const current = currentRevision.get(p.stream)?.r ?? -1;
    checkExpectedRevision(p.stream, p.expected, current);
    let position = 0;
    const at = recordedAt.toISOString();
    p.events.forEach((e, i) => {
      const data = JSON.stringify(e.data);
      if (checkPlainJson) assertPlainJson(e.type, data, e.data);
      const metadata = e.metadata ?? {};
      const revision = current + 1 + i;
      const info = insert.run(
        p.stream,
        revision,
        ids[i]!,
        e.type,
        data,
        JSON.stringify(metadata),
        at,
      );
      position = Number(info.lastInsertRowid);
      committed.push({
        stream: p.stream,
        revision,
        position,
        id: ids[i]!,
        type: e.type,
        data: e.data,
        metadata,
        recordedAt,
      });
    });
    return { nextRevision: current + p.events.length, position };
  }

  const commitBatch = db.transaction((batch: PendingAppend[], committed: RecordedEvent[]) => {
    const recordedAt = new Date();
    return batch.map((p) => {
      const mark = committed.length;
      try {
        return { ok: true as const, result: appendOne(p, recordedAt, committed) };
      } catch (error) {
        committed.length = mark;
        return { ok: false as const, error };
      }
    });
  });

  function flush(): void {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    let outcomes: ReturnType<typeof commitBatch>;
    const committed: RecordedEvent[] = [];
    try {
      outcomes = commitBatch(batch, committed);
    } catch (error) {
      const failure = new StoreUnavailableError(`sqlite commit failed: ${String(error)}`);
      for (const p of batch) p.reject(failure);
      return;
    }
    tail.add(committed);
    outcomes.forEach((o, i) => (o.ok ? batch[i]!.resolve(o.result) : batch[i]!.reject(o.error)));
    signal.notify();
  }

  function toRecorded(row: Row): RecordedEvent {
    return {
      stream: row.stream,
      revision: row.revision,
      position: row.position,
      id: row.id,
      type: row.type,
      data: JSON.parse(row.data) as unknown,
      metadata: JSON.parse(row.metadata) as Record<string, unknown>,
      recordedAt: new Date(row.recorded_at),
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

  /** Served from the recent tail when it holds the range, else from the file. */
  function readPageSync(options: ReadAllOptions): ScannedPage {
    const version = dataVersion();
    if (version !== seenDataVersion) {
      seenDataVersion = version;
      tail.clear();
    }
    const fromTail = tail.page(options);
    if (fromTail) return fromTail;
    const scannedHead = head.get()?.p ?? 0;
    const events = readAllSync(options);
    const full = events.length >= (options.limit ?? 1000);
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
      return new Promise((resolve, reject) => {
        queue.push({ stream, events, expected, resolve, reject });
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
      return readPageSync(options).events;
    },
    subscribe(options, handler) {
      const sub = pollingSubscription(async (o) => readPageSync(o), signal, options, handler);
      subscriptions.add(sub);
      void sub.done.catch(() => undefined).finally(() => subscriptions.delete(sub));
      return sub;
    },
    async headPosition() {
      return head.get()?.p ?? 0;
    },
    async close() {
      if (closed) return;
      flush();
      closed = true;
      await Promise.all([...subscriptions].map((s) => s.stop()));
      signal.notify();
      db.close();
    },
  };
}
