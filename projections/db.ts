import Database from 'better-sqlite3';
import { Pool, type PoolClient } from 'pg';

/** A value bound to a statement parameter. */
export type SqlValue = string | number | bigint | null;

/** One open transaction on the read-model database. `?` placeholders work in both dialects. */
export interface SqlTx {
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The same statement once per parameter row. */
  runMany(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<void>;
}

/**
 * Where SQL read models live: SQLite beside the event store by default, PostgreSQL with
 * EVENT_STORE=postgres. Writes are serialized; reads see one committed snapshot.
 */
export interface ReadModelDb {
  readonly kind: 'sqlite' | 'postgres';
  write<T>(work: (tx: SqlTx) => Promise<T>): Promise<T>;
  read<T>(work: (tx: SqlTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Runs one task at a time, in call order. */
function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const next = tail.then(task, task);
    tail = next.catch(() => undefined);
    return next;
  };
}

function sqliteTx(db: Database.Database): SqlTx {
  const cache = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
    return stmt;
  };
  return {
    async run(sql, params = []) {
      return prepared(sql).run(...params).changes;
    },
    async all<T>(sql: string, params: readonly SqlValue[] = []) {
      return prepared(sql).all(...params) as T[];
    },
    async runMany(sql, rows) {
      const stmt = prepared(sql);
      for (const row of rows) stmt.run(...row);
    },
  };
}

const isBusy = (error: unknown) =>
  typeof (error as { code?: unknown }).code === 'string' &&
  (error as { code: string }).code.startsWith('SQLITE_BUSY');

/**
 * Takes the file's write lock without holding the thread: the writer connection has no busy
 * timeout, so a lock another connection holds fails at once, and the attempt is repeated on a
 * timer until `waitMs` have passed, as busy_timeout would have waited. SQLite's own busy wait
 * sleeps inside the call: on the HTTP thread (the webhook dispatcher's lease) it stalled every
 * request for as long as the projection thread's fold of a page held the lock.
 */
async function beginImmediate(db: Database.Database, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (let delay = 1; ; delay = Math.min(delay * 2, 20)) {
    try {
      db.exec('BEGIN IMMEDIATE');
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/**
 * Two connections to one WAL file: a writer and a snapshot reader. Integers come back as bigint.
 * A write waits for the file's write lock (held by another connection, another thread's fold)
 * up to `lockWaitMs` without blocking its thread; then it fails with SQLITE_BUSY.
 */
export function sqliteReadModelDb(
  filename: string,
  options: { lockWaitMs?: number } = {},
): ReadModelDb {
  const lockWaitMs = options.lockWaitMs ?? 10_000;
  const open = (readonly: boolean) => {
    const db = new Database(filename, readonly ? { fileMustExist: true } : {});
    db.pragma('busy_timeout = 10000');
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 0');
    }
    db.defaultSafeIntegers(true);
    return db;
  };
  const writer = open(false);
  const reader = open(true);
  const [w, r] = [sqliteTx(writer), sqliteTx(reader)];
  const [writeQueue, readQueue] = [serial(), serial()];
  const inTransaction = async <T>(
    db: Database.Database,
    tx: SqlTx,
    begin: () => void | Promise<void>,
    work: (tx: SqlTx) => Promise<T>,
  ) => {
    await begin();
    try {
      const result = await work(tx);
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  };
  return {
    kind: 'sqlite',
    write: (work) =>
      writeQueue(() => inTransaction(writer, w, () => beginImmediate(writer, lockWaitMs), work)),
    read: (work) =>
      readQueue(() => inTransaction(reader, r, () => void reader.exec('BEGIN'), work)),
    async close() {
      await Promise.all([
        writeQueue(async () => writer.close()),
        readQueue(async () => reader.close()),
      ]);
    },
  };
}

const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

function pgTx(client: PoolClient): SqlTx {
  const norm = (params: readonly SqlValue[]) =>
    params.map((p) => (typeof p === 'bigint' ? p.toString() : p));
  return {
    async run(sql, params = []) {
      return (await client.query(numbered(sql), norm(params))).rowCount ?? 0;
    },
    async all<T>(sql: string, params: readonly SqlValue[] = []) {
      return (await client.query(numbered(sql), norm(params))).rows as T[];
    },
    async runMany(sql, rows) {
      const text = numbered(sql);
      for (const row of rows) await client.query(text, norm(row));
    },
  };
}

/** Read models in a PostgreSQL schema (the event store's by default). BIGINT comes back as a decimal string. */
export function postgresReadModelDb(options: {
  connectionString: string;
  schema: string;
}): ReadModelDb {
  const pool = new Pool({ connectionString: options.connectionString, max: 4 });
  pool.on('connect', (client) => void client.query(`SET search_path TO ${options.schema}`));
  const inTransaction = async <T>(begin: string, work: (tx: SqlTx) => Promise<T>) => {
    const client = await pool.connect();
    try {
      await client.query(begin);
      const result = await work(pgTx(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  return {
    kind: 'postgres',
    write: (work) => inTransaction('BEGIN', work),
    read: (work) => inTransaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', work),
    close: () => pool.end(),
  };
}
