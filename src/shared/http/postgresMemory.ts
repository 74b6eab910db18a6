import { createHmac } from 'node:crypto';
import { Pool } from 'pg';
import type { Clock } from '../clock';
import { StoreUnavailableError } from '../errors';
import { maxSessionsPerCredential, type SessionStore } from './sessionStore';
import { windowOf, type RequestMemory, type WindowLimiter } from './requestMemory';

export interface PostgresMemoryOptions {
  connectionString: string;
  /** The events' schema (DATABASE_SCHEMA); the two tables are created there when missing. */
  schema: string;
  clock: Clock;
  /** The key of the keyed digest every stored signature and limit key is kept as (same on every node). */
  digestKey: Buffer;
  /** How often this node deletes expired rows; 0 never (tests sweep by hand). */
  sweepMs?: number;
  /** Most operations of one kind sent in one statement. */
  maxBatch?: number;
}

/**
 * Gathers the calls made while a statement of their kind is in flight and sends them as the
 * next statement: one round trip per call at most, and one statement for many under load.
 */
function grouped<I, O>(
  run: (items: I[]) => Promise<O[]>,
  maxBatch: number,
): (item: I) => Promise<O> {
  let waiting: Array<{ item: I; resolve: (o: O) => void; reject: (e: unknown) => void }> = [];
  let busy = false;
  const flush = () => {
    if (busy || waiting.length === 0) return;
    const batch = waiting.slice(0, maxBatch);
    waiting = waiting.slice(batch.length);
    busy = true;
    run(batch.map((b) => b.item))
      .then(
        (out) => batch.forEach((b, i) => b.resolve(out[i]!)),
        (error: unknown) => batch.forEach((b) => b.reject(error)),
      )
      .finally(() => {
        busy = false;
        flush();
      });
  };
  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      // Requests read in the same turn of the event loop go together.
      if (!busy && waiting.length === 1) setImmediate(flush);
    });
}

interface Hit {
  scope: string;
  key: string;
  windowStart: number;
  expiresAt: number;
}

/**
 * The request memory shared by every API node on one PostgreSQL (EVENT_STORE=postgres): three
 * UNLOGGED tables in the events' schema. `used_signatures` holds a keyed digest of each used
 * gateway signature; a signature is new when `INSERT … ON CONFLICT DO NOTHING` inserts it
 * (one round trip). `rate_counts` holds one counter per (scope, keyed digest of the key,
 * window start), raised by an UPSERT that answers the count. `console_sessions` holds each
 * console session by the SHA-256 of its id, its credential's token digest and its sliding idle
 * expiry, so a sign-out on one node ends it on all. Expired rows are deleted every
 * `sweepMs` by each node. UNLOGGED: no WAL, so nothing waits on a disk flush; a PostgreSQL
 * crash or fail-over empties the tables (the console asks its users to sign in again), as restarting a node empties its own memory.
 * Any failure answers StoreUnavailableError (503): a request is refused rather than let
 * through unchecked.
 */
export async function postgresRequestMemory(options: PostgresMemoryOptions): Promise<
  RequestMemory & {
    /** Deletes the rows expired by `nowMs`; answers how many. */
    sweep(nowMs?: number): Promise<number>;
  }
> {
  const { schema, clock } = options;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const signatures = `"${schema}".used_signatures`;
  const counts = `"${schema}".rate_counts`;
  const sessionsTable = `"${schema}".console_sessions`;
  const pool = new Pool({
    connectionString: options.connectionString,
    max: 3,
    connectionTimeoutMillis: 5000,
    query_timeout: 5000,
  });
  pool.on('error', () => undefined);
  const query = async <R extends Record<string, unknown>>(sql: string, values: unknown[]) => {
    try {
      return (await pool.query<R>(sql, values)).rows;
    } catch (error) {
      throw new StoreUnavailableError(
        `request memory unavailable: ${(error as { message?: string }).message ?? String(error)}`,
      );
    }
  };
  // Nodes starting together would race on CREATE … IF NOT EXISTS; the lock takes them in turn.
  await pool.query(`
    BEGIN;
    SELECT pg_advisory_xact_lock(hashtext('pishkhan request memory'));
    CREATE SCHEMA IF NOT EXISTS "${schema}";
    CREATE UNLOGGED TABLE IF NOT EXISTS ${signatures} (
      digest BYTEA PRIMARY KEY, expires_at BIGINT NOT NULL);
    CREATE INDEX IF NOT EXISTS used_signatures_expiry ON ${signatures} (expires_at);
    CREATE UNLOGGED TABLE IF NOT EXISTS ${counts} (
      scope TEXT NOT NULL, key BYTEA NOT NULL, window_start BIGINT NOT NULL,
      hits BIGINT NOT NULL, expires_at BIGINT NOT NULL,
      PRIMARY KEY (scope, key, window_start));
    CREATE INDEX IF NOT EXISTS rate_counts_expiry ON ${counts} (expires_at);
    CREATE UNLOGGED TABLE IF NOT EXISTS ${sessionsTable} (
      digest TEXT PRIMARY KEY, credential_id TEXT NOT NULL, token_digest TEXT NOT NULL,
      idle_ms BIGINT NOT NULL, expires_at BIGINT NOT NULL);
    CREATE INDEX IF NOT EXISTS console_sessions_credential ON ${sessionsTable} (credential_id);
    CREATE INDEX IF NOT EXISTS console_sessions_expiry ON ${sessionsTable} (expires_at);
    COMMIT;`);

  const digest = (purpose: string, text: string) =>
    createHmac('sha256', options.digestKey)
      .update(`${purpose}\n${text}`)
      .digest()
      .subarray(0, 16)
      .toString('hex');
  const maxBatch = options.maxBatch ?? 1000;

  const firstUse = grouped<{ digest: string; until: number }, boolean>(async (items) => {
    const distinct = new Map<string, number>();
    for (const item of items)
      distinct.set(item.digest, Math.max(item.until, distinct.get(item.digest) ?? 0));
    const inserted = await query<{ d: string }>(
      `INSERT INTO ${signatures} (digest, expires_at)
       SELECT decode(d, 'hex'), u FROM unnest($1::text[], $2::bigint[]) AS t(d, u)
       ON CONFLICT (digest) DO NOTHING RETURNING encode(digest, 'hex') AS d`,
      [[...distinct.keys()], [...distinct.values()]],
    );
    const fresh = new Set(inserted.map((r) => r.d));
    // Two uses of one signature in one statement: the first is new, the second a replay.
    return items.map((item) => fresh.delete(item.digest));
  }, maxBatch);

  const hit = grouped<Hit, number>(async (items) => {
    const id = (h: Hit) => `${h.scope} ${h.key} ${h.windowStart}`;
    const added = new Map<string, { hit: Hit; n: number }>();
    for (const h of items) {
      const entry = added.get(id(h));
      if (entry) entry.n += 1;
      else added.set(id(h), { hit: h, n: 1 });
    }
    const rows = [...added.values()];
    const totals = await query<{ scope: string; k: string; w: string; hits: string }>(
      `INSERT INTO ${counts} (scope, key, window_start, hits, expires_at)
       SELECT s, decode(k, 'hex'), w, n, x
         FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[]) AS t(s, k, w, n, x)
       ON CONFLICT (scope, key, window_start) DO UPDATE SET hits = ${counts}.hits + excluded.hits
       RETURNING scope, encode(key, 'hex') AS k, window_start AS w, hits`,
      [
        rows.map((r) => r.hit.scope),
        rows.map((r) => r.hit.key),
        rows.map((r) => r.hit.windowStart),
        rows.map((r) => r.n),
        rows.map((r) => r.hit.expiresAt),
      ],
    );
    const after = new Map(totals.map((t) => [`${t.scope} ${t.k} ${t.w}`, Number(t.hits)]));
    // The statement's hits take the counts just below the total, in the order they came.
    const next = new Map(rows.map((r) => [id(r.hit), after.get(id(r.hit))! - r.n]));
    return items.map((h) => {
      const count = next.get(id(h))! + 1;
      next.set(id(h), count);
      return count;
    });
  }, maxBatch);

  const sessions: SessionStore = {
    async open(record) {
      const now = clock.now().getTime();
      // The credential's least recently used sessions beyond the bound go in the same statement.
      await query(
        `WITH added AS (
           INSERT INTO ${sessionsTable} (digest, credential_id, token_digest, idle_ms, expires_at)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (digest) DO NOTHING RETURNING digest)
         DELETE FROM ${sessionsTable} WHERE digest IN (
           SELECT digest FROM ${sessionsTable} WHERE credential_id = $2
           ORDER BY expires_at - idle_ms DESC OFFSET $6)`,
        [
          record.digest,
          record.credentialId,
          record.tokenDigest,
          record.idleMs,
          now + record.idleMs,
          maxSessionsPerCredential - 1,
        ],
      );
    },
    async use(digest) {
      const now = clock.now().getTime();
      const rows = await query<{ credential_id: string; token_digest: string; expires_at: string }>(
        `UPDATE ${sessionsTable} SET expires_at = $2 + idle_ms
          WHERE digest = $1 AND expires_at >= $2
          RETURNING credential_id, token_digest, expires_at`,
        [digest, now],
      );
      const row = rows[0];
      return row
        ? {
            credentialId: row.credential_id,
            tokenDigest: row.token_digest,
            expiresAtMs: Number(row.expires_at),
          }
        : undefined;
    },
    async end(digest) {
      await query(`DELETE FROM ${sessionsTable} WHERE digest = $1`, [digest]);
    },
  };

  async function sweep(nowMs = clock.now().getTime()): Promise<number> {
    const [a, b, c] = await Promise.all([
      pool.query(`DELETE FROM ${signatures} WHERE expires_at < $1`, [nowMs]),
      pool.query(`DELETE FROM ${counts} WHERE expires_at < $1`, [nowMs]),
      pool.query(`DELETE FROM ${sessionsTable} WHERE expires_at < $1`, [nowMs]),
    ]);
    return (a.rowCount ?? 0) + (b.rowCount ?? 0) + (c.rowCount ?? 0);
  }
  const sweepMs = options.sweepMs ?? 60_000;
  const timer =
    sweepMs > 0 ? setInterval(() => void sweep().catch(() => undefined), sweepMs) : undefined;
  timer?.unref();

  return {
    kind: 'postgres',
    firstUse: (signature, until) => firstUse({ digest: digest('signature', signature), until }),
    limiter(scope, { windowMs, max }): WindowLimiter {
      return {
        async hit(key) {
          const window = windowOf(clock.now().getTime(), windowMs);
          const count = await hit({
            scope,
            key: digest(scope, key),
            windowStart: window.start,
            expiresAt: window.start + windowMs,
          });
          return window.verdict(count, max);
        },
      };
    },
    sessions,
    sweep,
    async close() {
      if (timer) clearInterval(timer);
      await pool.end();
    },
  };
}
