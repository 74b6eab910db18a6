/**
 * PostgreSQL adapter, for several API processes sharing one log.
 *
 * Ordering: every append transaction first takes `pg_advisory_xact_lock(LOCK_NAMESPACE,
 * <hash of the schema>)`, a constant per store, and only then assigns positions from a
 * sequence. Writers are therefore serialized and positions follow commit order: a
 * transaction becomes visible before it releases the lock, and the next writer can only
 * draw higher positions after that. A reader following $all with "position > last seen"
 * can never skip an event that commits late with a lower position. We chose this over
 * transaction ids and snapshot xmin because it is simple and obviously correct; the cost
 * is one writer at a time per database (per schema), which group commit offsets.
 *
 * Group commit: appends arriving while no commit is running (in practice, those of one
 * tick) and those arriving while one is running go together into the next transaction.
 * Each is validated on its own before anything is inserted (see planBatch), so a stale
 * expected revision refuses only its own append; callers are answered after COMMIT.
 * If the transaction fails for another reason, its appends are retried one per
 * transaction so that one bad payload cannot sink the rest.
 *
 * Layouts (docs/log-archive.md): `single` is one table; `monthly` partitions it by log month
 * (a Jalali month in Tehran) on `recorded_at`, which each batch takes from the database clock
 * after the lock (so a month holds one contiguous run of positions), creating the month's
 * partition on demand. PostgreSQL wants the partition key in every unique index, so stream
 * revisions are kept unique by `stream_heads`, an unpartitioned table of each stream's last
 * revision that the insert moves forward from exactly the revision the batch planned on.
 */
import { randomUUID } from 'node:crypto';
import { Client, Pool, escapeLiteral } from 'pg';
import type { PoolClient, QueryResult } from 'pg';
import { StoreUnavailableError } from '../../errors';
import { createAppendSignal, pollingSubscription } from '../pollingSubscription';
import type {
  ArchivedRange,
  EventStore,
  ReadAllOptions,
  RecordedEvent,
  Subscription,
} from '../port';
import { logMonthOf, nextLogMonth } from '../logMonths';
import type { LogMonth } from '../logMonths';
import { ArchivedEventsError, readArchivedRanges } from '../archive/ranges';
import { storedJson } from '../../../../contracts/ledger/canonical';
import { planBatch } from './postgresPlan';
import type { BatchState, EncodedEvent, PendingAppend, PlannedRow } from './postgresPlan';

/** First key of the two-key advisory lock; the second is the schema's hash. */
const LOCK_NAMESPACE = 0x50_4b_4c_47;
const MAX_APPENDS_PER_COMMIT = 500;
const MAX_BYTES_PER_COMMIT = 8 * 1024 * 1024;
/**
 * Batches whose transactions may be open at once. The advisory lock still orders them
 * inside PostgreSQL and each reads its state after taking the lock, so revision checks
 * and commit-order positions hold; the overlap hides the round trips of the next batch
 * behind the commit of the previous one.
 */
const MAX_BATCHES_IN_FLIGHT = 3;

interface Row {
  position: string;
  stream: string;
  revision: number;
  id: string;
  type: string;
  /** jsonb of the rows written before `data_text`; null since. */
  data: unknown;
  metadata: Record<string, unknown> | null;
  /** The canonical JSON the store wrote (`storedJson`); null on rows written before. */
  data_text: string | null;
  metadata_text: string | null;
  recorded_at: Date;
}

export interface PostgresEventStoreOptions {
  connectionString: string;
  /** Schema holding the tables, created when missing; `public` by default. */
  schema?: string;
  poolSize?: number;
  /**
   * The table's layout when this call creates it; an existing table keeps its own (an
   * unpartitioned one stays `single`). `single` unless given.
   */
  layout?: PostgresLayout;
  /** Instants appends are recorded at in the `monthly` layout; the database clock unless given (tests). */
  clock?: () => Date;
}

export type PostgresLayout = 'single' | 'monthly';

export interface PostgresEventStore extends EventStore {
  readonly kind: 'postgres';
  /** The layout of the table this store found or created. */
  readonly layout: PostgresLayout;
  readonly schema: string;
  archivedRanges(): Promise<ArchivedRange[]>;
}

function schemaKey(schema: string): number {
  let h = 0x811c9dc5;
  for (const ch of schema) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h | 0;
}

const connectionErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** Duck-typed: errors from node's net module may come from another realm (Jest). */
function isConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (code.startsWith('08') || connectionErrorCodes.has(code)))
    return true;
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|connection error|not queryable|Query read timeout/i.test(
      message,
    )
  );
}

function unavailable(error: unknown): unknown {
  return isConnectionError(error)
    ? new StoreUnavailableError(
        `postgres unavailable: ${String((error as { message?: unknown }).message)}`,
      )
    : error;
}

/**
 * One round trip for several statements (simple query protocol, values inlined as escaped
 * literals): the write lock is held for two round trips per batch instead of four.
 */
async function simpleQuery(client: PoolClient, sql: string): Promise<QueryResult[]> {
  const result = (await client.query(sql)) as QueryResult | QueryResult[];
  return Array.isArray(result) ? result : [result];
}

function toRecorded(row: Row): RecordedEvent {
  const text = row.data_text !== null && row.metadata_text !== null;
  const event: RecordedEvent = {
    stream: row.stream,
    revision: row.revision,
    position: Number(row.position),
    id: row.id,
    type: row.type,
    data: text ? (JSON.parse(row.data_text!) as unknown) : row.data,
    metadata: text
      ? (JSON.parse(row.metadata_text!) as Record<string, unknown>)
      : (row.metadata ?? {}),
    recordedAt: row.recorded_at,
  };
  if (text) event.canonical = { data: row.data_text!, metadata: row.metadata_text! };
  return event;
}

/**
 * A NUL character as JSON escapes it (`\u0000` after an even run of backslashes). jsonb refused
 * it, and text read models cannot hold it, so appends still do now that the text is stored.
 */
const escapedNul = /(?<!\\)(?:\\\\)*\\u0000/;

/**
 * Columns a table made before the canonical text get, with no row rewritten: data and
 * metadata are kept since as the canonical JSON the store wrote (text, since jsonb reorders
 * keys and would lose the bytes a ledger leaf is made of), and jsonb is left to older rows.
 */
export function canonicalColumnsSql(table: string): string {
  return `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS data_text text,
    ADD COLUMN IF NOT EXISTS metadata_text text,
    ALTER COLUMN data DROP NOT NULL, ALTER COLUMN metadata DROP NOT NULL;`;
}

/** Creates the partition of `month` unless it exists (another node may have made it). */
export function createPartitionSql(schema: string, month: LogMonth): string {
  return `CREATE TABLE IF NOT EXISTS "${schema}".${month.partition} PARTITION OF "${schema}".events
    FOR VALUES FROM ('${month.start.toISOString()}') TO ('${month.end.toISOString()}')`;
}

export async function postgresEventStore(
  options: PostgresEventStoreOptions,
): Promise<PostgresEventStore> {
  const schema = options.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const t = `"${schema}".events`;
  const seq = `"${schema}".events_position`;
  const channel = `"${schema}_events_appended"`;
  const lock = `SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${schemaKey(schema)})`;

  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    // A connection the network dropped without a reset (no FIN, no RST) would leave a query
    // waiting forever, and with it the subscription that every read model follows. Past this,
    // the query fails as "store unavailable", the pool discards the connection, the reader
    // tries again and an append answers 503; an append whose commit was in flight is in doubt
    // as with a lost COMMIT reply, which its retry settles (same event ids).
    query_timeout: 5000,
  });
  pool.on('error', () => undefined);

  const heads = `"${schema}".stream_heads`;
  let layout: PostgresLayout = options.layout ?? 'single';
  const partitions = new Set<string>();
  try {
    const found = await pool.query<{ kind: string }>(
      `SELECT c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname = 'events'`,
      [schema],
    );
    if (found.rows[0]) layout = found.rows[0].kind === 'p' ? 'monthly' : 'single';
    const before = await pool.query(
      `SELECT 1 FROM information_schema.columns
        WHERE table_schema = $1 AND table_name = 'events' AND column_name = 'data'
          AND NOT EXISTS (SELECT 1 FROM information_schema.columns
            WHERE table_schema = $1 AND table_name = 'events' AND column_name = 'data_text')`,
      [schema],
    );
    await pool.query(`BEGIN; ${lock};
      CREATE SCHEMA IF NOT EXISTS "${schema}";
      CREATE SEQUENCE IF NOT EXISTS ${seq} AS bigint;
      ${layout === 'monthly' ? monthlyTables() : singleTable()}
      ${before.rows.length > 0 ? canonicalColumnsSql(t) : ''}
      CREATE INDEX IF NOT EXISTS events_by_type ON ${t} (type, position);
      COMMIT;`);
    if (layout === 'monthly') {
      const listed = await pool.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
          WHERE i.inhparent = '${t}'::regclass`,
      );
      for (const r of listed.rows) partitions.add(r.name);
      const current = logMonthOf(options.clock?.() ?? new Date());
      for (const m of [current, nextLogMonth(current)]) await ensurePartition(pool, m);
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw unavailable(error);
  }

  async function ensurePartition(db: Pick<Pool, 'query'>, month: LogMonth): Promise<void> {
    if (partitions.has(month.partition)) return;
    await db.query(`BEGIN; ${lock}; ${createPartitionSql(schema, month)}; COMMIT`);
    partitions.add(month.partition);
  }

  function singleTable(): string {
    return `CREATE TABLE IF NOT EXISTS ${t} (
        position bigint PRIMARY KEY,
        stream text NOT NULL,
        revision integer NOT NULL,
        id text NOT NULL UNIQUE,
        type text NOT NULL,
        data jsonb,
        metadata jsonb,
        data_text text,
        metadata_text text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (stream, revision)
      );`;
  }

  function monthlyTables(): string {
    return `CREATE TABLE IF NOT EXISTS ${t} (
        position bigint NOT NULL,
        stream text NOT NULL,
        revision integer NOT NULL,
        id text NOT NULL,
        type text NOT NULL,
        data jsonb,
        metadata jsonb,
        data_text text,
        metadata_text text,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (position, recorded_at),
        UNIQUE (id, recorded_at),
        UNIQUE (stream, revision, recorded_at)
      ) PARTITION BY RANGE (recorded_at);
      CREATE TABLE IF NOT EXISTS ${heads} (stream text PRIMARY KEY, revision integer NOT NULL);
      CREATE TABLE IF NOT EXISTS "${schema}".event_archives (
        month text PRIMARY KEY,
        partition text NOT NULL,
        first_position bigint NOT NULL,
        last_position bigint NOT NULL,
        count bigint NOT NULL,
        sha256 text NOT NULL,
        file text NOT NULL,
        dropped boolean NOT NULL,
        archived_at timestamptz NOT NULL
      );
      CREATE OR REPLACE FUNCTION "${schema}".events_assert(ok boolean, message text) RETURNS boolean
        LANGUAGE plpgsql AS $$ BEGIN
          IF NOT ok THEN RAISE EXCEPTION '%', message USING ERRCODE = 'unique_violation'; END IF;
          RETURN ok;
        END $$;`;
  }

  const textArray = (values: readonly string[]) =>
    `ARRAY[${values.map(escapeLiteral).join(',')}]::text[]`;
  const revisionsSql = (streams: readonly string[]) =>
    layout === 'monthly'
      ? `SELECT stream, revision AS r FROM ${heads} WHERE stream = ANY(${textArray(streams)})`
      : `SELECT stream, max(revision) AS r FROM ${t} WHERE stream = ANY(${textArray(streams)}) GROUP BY stream`;
  const stateSql = (ids: readonly string[], streams: readonly string[]) => `SELECT
    (SELECT coalesce(json_agg(json_build_object('id', id, 'stream', stream, 'revision', revision, 'position', position)), '[]')
       FROM ${t} WHERE id = ANY(${textArray(ids)})) AS stored,
    (SELECT coalesce(json_object_agg(stream, r), '{}') FROM (${revisionsSql(streams)}) s) AS revisions,
    clock_timestamp() AS at`;
  const valuesOf = (rows: readonly PlannedRow[]) =>
    rows.map(
      (r, i) =>
        `(${i + 1}, ${escapeLiteral(r.stream)}, ${r.revision}, ${escapeLiteral(r.id)}, ${escapeLiteral(r.type)}, ` +
        `${escapeLiteral(r.data)}, ${escapeLiteral(r.metadata)})`,
    );
  /**
   * The monthly insert moves each stream's head from the revision before its first planned row,
   * or creates it for a stream starting at 0 (a second creation breaks the primary key); a head
   * that moved meanwhile fails `events_assert` and with it the transaction.
   */
  const monthlyInsertSql = (
    rows: readonly PlannedRow[],
    at: string,
  ) => `WITH block AS MATERIALIZED (
        SELECT setval('${seq}', nextval('${seq}') + ${rows.length} - 1) AS last
      ), v AS (
        SELECT * FROM (VALUES ${valuesOf(rows).join(',')}) AS v(ord, stream, revision, id, type, data, metadata)
      ), span AS (
        SELECT stream, min(revision) AS lo, max(revision) AS hi FROM v GROUP BY stream
      ), moved AS (
        UPDATE ${heads} h SET revision = s.hi FROM span s
         WHERE h.stream = s.stream AND s.lo > 0 AND h.revision = s.lo - 1 RETURNING h.stream
      ), created AS (
        INSERT INTO ${heads} (stream, revision) SELECT stream, hi FROM span WHERE lo = 0 RETURNING stream
      ), ins AS (
        INSERT INTO ${t} (position, stream, revision, id, type, data_text, metadata_text, recorded_at)
        SELECT (SELECT last FROM block) - ${rows.length} + v.ord, v.stream, v.revision, v.id, v.type,
               v.data, v.metadata, ${escapeLiteral(at)}::timestamptz
        FROM v
      )
      SELECT (last - ${rows.length} + 1)::text AS first,
        "${schema}".events_assert(
          (SELECT count(*) FROM moved) + (SELECT count(*) FROM created) = (SELECT count(*) FROM span),
          'a stream head moved under the append lock') AS heads
      FROM block`;
  const insertSql = (rows: readonly PlannedRow[]) => {
    const values = valuesOf(rows);
    return `WITH block AS MATERIALIZED (
        SELECT setval('${seq}', nextval('${seq}') + ${rows.length} - 1) AS last
      ), ins AS (
        INSERT INTO ${t} (position, stream, revision, id, type, data_text, metadata_text)
        SELECT (SELECT last FROM block) - ${rows.length} + v.ord, v.stream, v.revision, v.id, v.type, v.data, v.metadata
        FROM (VALUES ${values.join(',')}) AS v(ord, stream, revision, id, type, data, metadata)
      )
      SELECT (last - ${rows.length} + 1)::text AS first FROM block`;
  };

  const signal = createAppendSignal();
  const subscriptions = new Set<Subscription>();
  let queue: PendingAppend[] = [];
  const inFlight = new Set<Promise<void>>();
  let closed = false;
  let listener: Promise<Client> | undefined;

  /**
   * The instant a batch is recorded at, never before the previous batch's: a clock stepped back
   * must not put later positions in an earlier (perhaps archived) month.
   */
  let lastRecorded = 0;
  function recordingInstant(databaseNow: Date): Date {
    const now = (options.clock?.() ?? databaseNow).getTime();
    lastRecorded = Math.max(lastRecorded, now);
    return new Date(lastRecorded);
  }

  async function commitBatch(batch: PendingAppend[]): Promise<void> {
    const monthsCreated: string[] = [];
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      for (const p of batch) p.reject(unavailable(error));
      return;
    }
    // A checked-out client has no 'error' listener of the pool's: a connection lost mid-batch
    // would emit an unhandled 'error' (and crash the process) besides failing the query.
    const ignore = () => undefined;
    client.on('error', ignore);
    let answered: Array<() => void>;
    try {
      const ids = batch.flatMap((p) => p.ids);
      const streams = [...new Set(batch.map((p) => p.stream))];
      const state = await simpleQuery(client, `BEGIN; ${lock}; ${stateSql(ids, streams)}`);
      const read = state[2]!.rows[0] as BatchState & { at: Date };
      const { rows, outcomes } = planBatch(batch, read);
      let first = 0;
      if (rows.length > 0) {
        let sql = insertSql(rows);
        if (layout === 'monthly') {
          const at = recordingInstant(read.at);
          const month = logMonthOf(at);
          sql = monthlyInsertSql(rows, at.toISOString());
          if (!partitions.has(month.partition))
            sql = `${createPartitionSql(schema, month)}; ${sql}`;
          monthsCreated.push(month.partition);
        }
        const inserted = await simpleQuery(client, `${sql}; NOTIFY ${channel}; COMMIT`);
        const answer = inserted.find((r) => (r.rows[0] as { first?: string } | undefined)?.first);
        first = Number((answer!.rows[0] as { first: string }).first);
        for (const m of monthsCreated.splice(0)) partitions.add(m);
      } else {
        await client.query('COMMIT');
      }
      client.off('error', ignore);
      client.release();
      answered = outcomes.map((o, i) => {
        const p = batch[i]!;
        return o.ok ? () => p.resolve(o.answer(first)) : () => p.reject(o.error);
      });
    } catch (error) {
      monthsCreated.length = 0;
      client.off('error', ignore);
      client.release(true);
      if (isConnectionError(error) || batch.length === 1) {
        for (const p of batch) p.reject(unavailable(error));
      } else {
        for (const p of batch) await commitBatch([p]);
      }
      return;
    }
    for (const answer of answered) answer();
    signal.notify();
  }

  function kick(): void {
    while (inFlight.size < MAX_BATCHES_IN_FLIGHT && queue.length > 0) {
      let size = 0;
      let bytes = 0;
      while (size < queue.length && size < MAX_APPENDS_PER_COMMIT && bytes < MAX_BYTES_PER_COMMIT) {
        bytes += queue[size++]!.bytes;
      }
      const batch = queue.slice(0, size);
      queue = queue.slice(size);
      const committing: Promise<void> = commitBatch(batch).finally(() => {
        inFlight.delete(committing);
        kick();
      });
      inFlight.add(committing);
    }
  }

  async function readAllRows(o: ReadAllOptions): Promise<RecordedEvent[]> {
    const where = ['position > $1'];
    const values: unknown[] = [o.after ?? 0];
    if (o.filter?.eventTypes) {
      values.push(o.filter.eventTypes);
      where.push(`type = ANY($${values.length}::text[])`);
    }
    if (o.filter?.streamPrefixes) {
      values.push(o.filter.streamPrefixes);
      where.push(
        `EXISTS (SELECT 1 FROM unnest($${values.length}::text[]) p WHERE starts_with(stream, p))`,
      );
    }
    values.push(o.limit ?? 1000);
    const sql = `SELECT * FROM ${t} WHERE ${where.join(' AND ')} ORDER BY position LIMIT $${values.length}`;
    try {
      return (await pool.query<Row>(sql, values)).rows.map(toRecorded);
    } catch (error) {
      throw unavailable(error);
    }
  }

  /**
   * The head is read before the page: positions follow commit order (the append lock), so
   * every event up to that head is already visible to the page's query.
   */
  async function readPage(o: ReadAllOptions) {
    let scannedHead: number;
    try {
      scannedHead = Number(
        (await pool.query<{ p: string }>(`SELECT coalesce(max(position), 0)::text AS p FROM ${t}`))
          .rows[0]!.p,
      );
    } catch (error) {
      throw unavailable(error);
    }
    // The store is reachable: follow other nodes' appends again if the LISTEN connection was lost.
    listen();
    const events = await readAllRows(o);
    const full = events.length >= (o.limit ?? 1000);
    return {
      events,
      scannedTo: full ? events[events.length - 1]!.position : Math.max(o.after ?? 0, scannedHead),
    };
  }

  function listen(): void {
    if (listener || closed) return;
    const client = new Client({ connectionString: options.connectionString });
    const forget = () => {
      if (listener === started) listener = undefined;
      void client.end().catch(() => undefined);
    };
    client.on('notification', () => signal.notify());
    client.on('error', forget);
    const started = client.connect().then(async () => {
      await client.query(`LISTEN ${channel}`);
      return client;
    });
    started.catch(forget);
    listener = started;
  }

  return {
    kind: 'postgres',
    layout,
    schema,
    async append(stream, events, expected) {
      if (closed) throw new StoreUnavailableError('event store is closed');
      if (events.length === 0) throw new Error('append needs at least one event');
      const encoded: EncodedEvent[] = events.map((e) => ({
        id: e.id ?? randomUUID(),
        type: e.type,
        data: storedJson(e.data ?? null),
        metadata: storedJson(e.metadata ?? {}),
      }));
      const ids = encoded.map((e) => e.id);
      if (new Set(ids).size !== ids.length) throw new Error('duplicate event ids in one append');
      if ([stream, ...ids, ...encoded.map((e) => e.type)].some((v) => v.includes('\u0000'))) {
        throw new Error('stream, event id and type must not contain NUL');
      }
      if (encoded.some((e) => escapedNul.test(e.data) || escapedNul.test(e.metadata)))
        throw new Error('event data and metadata must not contain NUL');
      const bytes = encoded.reduce((n, e) => n + e.data.length + e.metadata.length, 0);
      return new Promise((resolve, reject) => {
        queue.push({ stream, events: encoded, ids, bytes, expected, resolve, reject });
        if (queue.length === 1) setImmediate(kick);
      });
    },
    async readStream(stream, o) {
      try {
        const from = o?.fromRevision ?? 0;
        if (layout === 'single') {
          const result = await pool.query<Row>({
            name: 'read-stream',
            text: `SELECT * FROM ${t} WHERE stream = $1 AND revision >= $2 ORDER BY revision`,
            values: [stream, from],
          });
          return result.rows.map(toRecorded);
        }
        // The head comes in the same query: a stream whose first events are not in an attached
        // month is refused rather than answered short.
        const result = await pool.query<Row & { head: number }>({
          name: 'read-stream-monthly',
          text: `SELECT h.revision AS head, e.* FROM ${heads} h
                   LEFT JOIN ${t} e ON e.stream = h.stream AND e.revision >= $2
                  WHERE h.stream = $1 ORDER BY e.revision`,
          values: [stream, from],
        });
        const events = result.rows.filter((r) => r.position !== null).map(toRecorded);
        const head = result.rows[0]?.head;
        if (head !== undefined && head >= from && (events[0]?.revision ?? head + 1) !== from)
          throw new ArchivedEventsError(stream, from, events[0]?.revision ?? head + 1);
        return events;
      } catch (error) {
        throw unavailable(error);
      }
    },
    archivedRanges: (): Promise<ArchivedRange[]> =>
      layout === 'monthly' ? readArchivedRanges(pool, schema) : Promise.resolve([]),
    readAll: (o = {}) => readAllRows(o),
    subscribe(o, handler) {
      listen();
      const sub = pollingSubscription(readPage, signal, o, handler);
      subscriptions.add(sub);
      void sub.done.catch(() => undefined).finally(() => subscriptions.delete(sub));
      return sub;
    },
    async headPosition() {
      try {
        const result = await pool.query<{ p: string }>(
          `SELECT coalesce(max(position), 0)::text AS p FROM ${t}`,
        );
        return Number(result.rows[0]!.p);
      } catch (error) {
        throw unavailable(error);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      kick();
      while (inFlight.size > 0) await Promise.all(inFlight);
      await Promise.all([...subscriptions].map((s) => s.stop()));
      const l = listener;
      listener = undefined;
      if (l) await l.then((c) => c.end()).catch(() => undefined);
      await pool.end();
    },
  };
}
