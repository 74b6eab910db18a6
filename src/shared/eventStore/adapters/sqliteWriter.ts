import { isDeepStrictEqual } from 'node:util';
import {
  type MessagePort,
  parentPort,
  receiveMessageOnPort,
  workerData,
} from 'node:worker_threads';
import Database from 'better-sqlite3';
import { storedForm } from '../../../../contracts/ledger/canonical';
import { ConcurrencyError } from '../../errors';
import { checkExpectedRevision, classifyRetry } from '../expectedRevision';
import type { ExpectedRevision } from '../port';

/** One append as the writer receives it; every event already has its id. */
export interface WriteRequest {
  stream: string;
  expected: ExpectedRevision;
  /** Whether the caller chose the ids (a retry may then find them stored) or they are fresh UUIDs. */
  callerIds: boolean;
  /**
   * Data and metadata as canonical JSON (`storedJson`), made on the caller's thread: a string
   * crosses threads cheaper than an object.
   */
  events: ReadonlyArray<{ id: string; type: string; data: string; metadata: string }>;
}

/** A failed append, rebuilt on the other side of the thread boundary. */
export type WriteFailure =
  | { kind: 'concurrency'; stream: string; expected: string; actual: number | 'no_stream' }
  | { kind: 'error'; message: string };

/**
 * What became of one append. `inserted` is false for an idempotent retry; when true, the
 * events hold revisions `nextRevision - n + 1 … nextRevision` and positions `position - n + 1 … position`.
 */
export type WriteOutcome =
  | { ok: true; nextRevision: number; position: number; inserted: boolean }
  | { ok: false; failure: WriteFailure };

export interface WriteResult {
  /** The commit's time, ISO; every event of the transaction carries it. */
  recordedAt: string;
  outcomes: WriteOutcome[];
}

export const eventsSchema = `
  CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY,
    stream TEXT NOT NULL,
    revision INTEGER NOT NULL,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    canonical INTEGER NOT NULL DEFAULT 0,
    UNIQUE (stream, revision)
  );
  CREATE INDEX IF NOT EXISTS events_by_type ON events (type, position);
`;

/**
 * Opens the events table, adding `canonical` to a file made before it: 1 on rows whose data
 * and metadata were written as canonical JSON (`storedJson`, every append since), 0 on the rows
 * before, whose leaves are still written from the parsed event (the same bytes, more slowly).
 * Adding a column with a constant default rewrites no row.
 */
export function openEventsTable(db: Database.Database): void {
  db.exec(eventsSchema);
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(events)').all();
  if (!columns.some((c) => c.name === 'canonical'))
    db.exec('ALTER TABLE events ADD COLUMN canonical INTEGER NOT NULL DEFAULT 0');
}

function failureOf(error: unknown): WriteFailure {
  if (error instanceof ConcurrencyError)
    return {
      kind: 'concurrency',
      stream: error.stream,
      expected: error.expected,
      actual: error.actual,
    };
  return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
}

/** The inverse of `failureOf`, on the caller's thread. */
export function errorOf(failure: WriteFailure): Error {
  return failure.kind === 'concurrency'
    ? new ConcurrencyError(failure.stream, failure.expected, failure.actual)
    : new Error(failure.message);
}

/**
 * Appended data must be plain JSON: subscribers in this process get the value the stored bytes
 * parse back to (`storedForm`), readers of the file get the bytes parsed, and both must see the
 * same values, keys in the same order. Tests check on every append that the JSON holds what the
 * caller appended.
 */
export function toStored(type: string, data: unknown, check: boolean) {
  const stored = storedForm(data);
  if (check && !isDeepStrictEqual(JSON.parse(stored.json), data))
    throw new Error(`${type} data does not survive JSON unchanged (undefined, Date, class…)`);
  return stored;
}

/**
 * The write side of the SQLite event store: every batch of appends is one transaction,
 * committed with synchronous=FULL before it returns. It runs on its own thread (see
 * `sqliteWriterThread`), so the insert and the fsync never stall the HTTP thread; the store
 * also runs it on its own connection for a lone append while that thread is idle.
 */
export function sqliteWriter(db: Database.Database) {
  const currentRevision = db.prepare<[string], { r: number | null }>(
    'SELECT MAX(revision) AS r FROM events WHERE stream = ?',
  );
  const findById = db.prepare<
    [string],
    { id: string; stream: string; revision: number; position: number }
  >('SELECT id, stream, revision, position FROM events WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at, canonical)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
  );

  function insertAll(r: WriteRequest, from: number, at: string): number {
    let position = 0;
    r.events.forEach((e, i) => {
      position = Number(
        insert.run(r.stream, from + i, e.id, e.type, e.data, e.metadata, at).lastInsertRowid,
      );
    });
    return position;
  }

  /**
   * A single event to a new stream (every payment) is inserted straight away: the unique
   * (stream, revision) and id constraints refuse it exactly when the checks below would,
   * and only then are they run, to tell a retry from a conflict.
   */
  function appendFresh(r: WriteRequest, at: string): WriteOutcome | undefined {
    try {
      return { ok: true, nextRevision: 0, position: insertAll(r, 0, at), inserted: true };
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return undefined;
      throw error;
    }
  }

  function appendChecked(r: WriteRequest, at: string): WriteOutcome {
    const ids = r.events.map((e) => e.id);
    if (new Set(ids).size !== ids.length) throw new Error('duplicate event ids in one append');
    const stored = r.callerIds ? ids.flatMap((id) => findById.get(id) ?? []) : [];
    if (classifyRetry(r.stream, ids, stored) === 'retry') {
      const last = stored[stored.length - 1]!;
      return { ok: true, nextRevision: last.revision, position: last.position, inserted: false };
    }
    const current = currentRevision.get(r.stream)?.r ?? -1;
    checkExpectedRevision(r.stream, r.expected, current);
    const position = insertAll(r, current + 1, at);
    return { ok: true, nextRevision: current + r.events.length, position, inserted: true };
  }

  /** Several events go in under a savepoint, so a failure part-way leaves none of them. */
  const appendSeveral = db.transaction(appendChecked);

  function appendOne(r: WriteRequest, at: string): WriteOutcome {
    try {
      if (r.events.length > 1) return appendSeveral(r, at);
      if (r.expected === 'no_stream') {
        const fresh = appendFresh(r, at);
        if (fresh) return fresh;
      }
      return appendChecked(r, at);
    } catch (error) {
      return { ok: false, failure: failureOf(error) };
    }
  }

  const commit = db.transaction((batch: readonly WriteRequest[]): WriteResult => {
    const recordedAt = new Date().toISOString();
    return { recordedAt, outcomes: batch.map((r) => appendOne(r, recordedAt)) };
  });

  /**
   * BEGIN IMMEDIATE: the write lock is taken first, waiting up to the busy timeout, so the
   * revision checks read the file as it is when the inserts go in. A deferred transaction
   * read first, and when another connection (a second node, a CLI) committed before its
   * insert, SQLite refused it at once with SQLITE_BUSY_SNAPSHOT instead of waiting.
   */
  return (batch: readonly WriteRequest[]): WriteResult => commit.immediate(batch);
}

export interface WriterData {
  sqliteWriter: { filename: string };
}

/** Messages to the writer thread: a numbered batch, or the order to close. */
export type ToWriter = { seq: number; batch: WriteRequest[] } | { close: true };
/** Its answers: the batch's result, or why the whole transaction failed. */
export type FromWriter =
  { seq: number; result: WriteResult } | { seq: number; failed: string } | { closed: true };

/**
 * Runs the writer on its thread. Every batch that queued while the last transaction was
 * committing goes into the next transaction together: under load one fsync serves many
 * batches, as a same-tick group commit does on a single thread.
 */
function serve(port: MessagePort, filename: string): void {
  const db = new Database(filename, { fileMustExist: true });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  const commit = sqliteWriter(db);
  port.on('message', (first: ToWriter) => {
    const messages = [first];
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port))
      messages.push(m.message as ToWriter);
    const batches = messages.filter((m): m is Extract<ToWriter, { seq: number }> => 'seq' in m);
    if (batches.length) {
      try {
        const { recordedAt, outcomes } = commit(batches.flatMap((b) => b.batch));
        let at = 0;
        for (const b of batches) {
          const result = { recordedAt, outcomes: outcomes.slice(at, (at += b.batch.length)) };
          port.postMessage({ seq: b.seq, result } satisfies FromWriter);
        }
      } catch (error) {
        for (const b of batches)
          port.postMessage({ seq: b.seq, failed: String(error) } satisfies FromWriter);
      }
    }
    if (messages.some((m) => 'close' in m)) {
      db.close();
      port.postMessage({ closed: true } satisfies FromWriter);
      port.close();
    }
  });
}

const data = workerData as Partial<WriterData> | undefined;
if (parentPort && data?.sqliteWriter) serve(parentPort, data.sqliteWriter.filename);
