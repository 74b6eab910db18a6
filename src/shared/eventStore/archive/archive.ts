import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { createGzip } from 'node:zlib';
import { Client } from 'pg';
import { storedJson } from '../../../../contracts/ledger/canonical';
import { IllegalStateError } from '../../errors';
import { canonicalColumnsSql, createPartitionSql } from '../adapters/postgres';
import { logMonth, logMonthOfPartition, type LogMonth } from '../logMonths';
import type { ArchivedRange } from '../port';
import {
  ArchiveCorruptError,
  archiveDigest,
  archiveFormat,
  readArchive,
  type ArchiveFooter,
  type ArchiveHeader,
} from './file';
import { readArchivedRanges } from './ranges';

export interface LogDatabase {
  connectionString: string;
  schema: string;
}

async function withClient<T>(db: LogDatabase, work: (c: Client) => Promise<T>): Promise<T> {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(db.schema))
    throw new Error(`invalid schema name: ${db.schema}`);
  const client = new Client({ connectionString: db.connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A month's partition as the database holds it. */
export interface LogPartition {
  month: LogMonth;
  state: 'attached' | 'archived';
  archive?: ArchivedRange;
}

/** The attached partitions and the archived months, oldest first. */
export async function listPartitions(db: LogDatabase): Promise<LogPartition[]> {
  return withClient(db, async (c) => {
    await requireMonthly(c, db.schema);
    const attached = await c.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = '"${db.schema}".events'::regclass`,
    );
    const parts: LogPartition[] = attached.rows.flatMap((r) => {
      const month = logMonthOfPartition(r.name);
      return month ? [{ month, state: 'attached' as const }] : [];
    });
    for (const archive of await readArchivedRanges(c, db.schema)) {
      const [jy, jm] = archive.month.split('-').map(Number);
      parts.push({ month: logMonth(jy!, jm!), state: 'archived', archive });
    }
    return parts.sort((a, b) => a.month.start.getTime() - b.month.start.getTime());
  });
}

async function requireMonthly(c: Client, schema: string): Promise<void> {
  const kind = await c.query<{ kind: string }>(
    `SELECT c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = 'events'`,
    [schema],
  );
  if (kind.rows[0]?.kind !== 'p')
    throw new IllegalStateError(
      `the events table in schema ${schema} is not partitioned (DATABASE_LAYOUT=single); see docs/log-archive.md for the migration`,
    );
}

async function isAttached(c: Client, schema: string, month: LogMonth): Promise<boolean> {
  const r = await c.query(
    `SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = '"${schema}".events'::regclass AND c.relname = $1`,
    [month.partition],
  );
  return r.rowCount === 1;
}

interface Census {
  count: number;
  first: number;
  last: number;
}

async function census(c: Client, table: string): Promise<Census> {
  const r = await c.query<{ count: string; first: string; last: string }>(
    `SELECT count(*)::text AS count, coalesce(min(position), 0)::text AS first,
            coalesce(max(position), 0)::text AS last FROM ${table}`,
  );
  const row = r.rows[0]!;
  return { count: Number(row.count), first: Number(row.first), last: Number(row.last) };
}

export interface ArchiveOptions {
  month: LogMonth;
  /** Folder the file is written to (created when missing). */
  dir: string;
  now: Date;
  /** LOG_ARCHIVE_MIN_AGE_DAYS: days that must have passed since the month ended. */
  minAgeDays: number;
  /** Drop the detached table; by default it is kept, renamed `<partition>_archived`. */
  drop?: boolean;
}

export interface ArchiveResult extends ArchiveFooter {
  file: string;
  dropped: boolean;
}

const pageSize = 5000;

/**
 * Archives a closed log month: exports its partition to a file, reads the file back and checks
 * its count and digest against what was exported and what the partition holds, and only then
 * detaches the partition (dropping or keeping it) and records the month as archived, all in one
 * transaction that counts the partition again under the detach's lock.
 */
export async function archiveMonth(db: LogDatabase, o: ArchiveOptions): Promise<ArchiveResult> {
  const { month } = o;
  const { schema } = db;
  const ageDays = (o.now.getTime() - month.end.getTime()) / 86_400_000;
  if (ageDays < 0) throw new IllegalStateError(`log month ${month.id} is not closed yet`);
  if (ageDays < o.minAgeDays)
    throw new IllegalStateError(
      `log month ${month.id} ended ${Math.floor(ageDays)} days ago; LOG_ARCHIVE_MIN_AGE_DAYS is ${o.minAgeDays}`,
    );
  return withClient(db, async (c) => {
    await requireMonthly(c, schema);
    if (!(await isAttached(c, schema, month)))
      throw new IllegalStateError(`log month ${month.id} has no attached partition`);
    const table = `"${schema}".${month.partition}`;
    mkdirSync(o.dir, { recursive: true });
    const file = resolve(join(o.dir, `events-${month.id}.jsonl.gz`));
    if (existsSync(file)) throw new IllegalStateError(`${file} exists already`);
    const partial = `${file}.partial`;

    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    let exported: ArchiveFooter;
    let before: Census;
    try {
      before = await census(c, table);
      exported = await exportPartition(c, table, partial, {
        format: archiveFormat,
        version: 1,
        month: month.id,
        start: month.start.toISOString(),
        end: month.end.toISOString(),
        schema,
        exportedAt: o.now.toISOString(),
      });
    } finally {
      await c.query('COMMIT');
    }
    const mismatch = (what: string) => {
      rmSync(partial, { force: true });
      return new ArchiveCorruptError(file, what);
    };
    if (exported.count !== before.count)
      throw mismatch('exported count differs from the partition');
    const read = await readArchive(partial).catch((error: unknown) => {
      rmSync(partial, { force: true });
      throw error;
    });
    if (
      read.footer.sha256 !== exported.sha256 ||
      read.footer.count !== before.count ||
      read.footer.first !== before.first ||
      read.footer.last !== before.last
    )
      throw mismatch('the file read back differs from what was exported');
    renameSync(partial, file);

    const dropped = o.drop === true;
    await c.query('BEGIN');
    try {
      await c.query(`ALTER TABLE "${schema}".events DETACH PARTITION ${table}`);
      const after = await census(c, table);
      if (after.count !== before.count || after.last !== before.last)
        throw new IllegalStateError(
          `log month ${month.id} changed while it was exported (${before.count} then ${after.count} events); nothing detached`,
        );
      await c.query(
        dropped
          ? `DROP TABLE ${table}`
          : `ALTER TABLE ${table} RENAME TO ${month.partition}_archived`,
      );
      await c.query(
        `INSERT INTO "${schema}".event_archives
           (month, partition, first_position, last_position, count, sha256, file, dropped, archived_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          month.id,
          month.partition,
          before.first,
          before.last,
          before.count,
          exported.sha256,
          file,
          dropped,
          o.now,
        ],
      );
      await c.query('COMMIT');
    } catch (error) {
      await c.query('ROLLBACK');
      throw error;
    }
    return { ...exported, file, dropped };
  });
}

async function exportPartition(
  c: Client,
  table: string,
  file: string,
  header: ArchiveHeader,
): Promise<ArchiveFooter> {
  const gzip = createGzip();
  const out = createWriteStream(file);
  const piped = gzip.pipe(out);
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };
  const digest = archiveDigest();
  await write(JSON.stringify(header));
  let after = 0;
  for (;;) {
    const page = await c.query<{ line: string; position: string }>(
      `SELECT position::text AS position,
              '{"position":' || position || ',"stream":' || to_json(stream)::text ||
              ',"revision":' || revision || ',"id":' || to_json(id)::text ||
              ',"type":' || to_json(type)::text || ',"data":' || coalesce(data_text, data::text) ||
              ',"metadata":' || coalesce(metadata_text, metadata::text) ||
              ',"recordedAt":' || to_json(recorded_at)::text || '}' AS line
         FROM ${table} WHERE position > $1 ORDER BY position LIMIT ${pageSize}`,
      [after],
    );
    for (const r of page.rows) {
      digest.add(r.line, Number(r.position));
      await write(r.line);
    }
    if (page.rows.length < pageSize) break;
    after = Number(page.rows.at(-1)!.position);
  }
  const footer = digest.footer();
  gzip.end(`${JSON.stringify(footer)}\n`);
  await once(piped, 'finish');
  return footer;
}

/** Checks an archive file on its own: count, range and digest against its footer. */
export const verifyArchive = (file: string) => readArchive(file);

/**
 * Brings an archived month back: re-attaches the kept table when it is still there and holds
 * what the archive says, or else loads the file (checked first) into a new partition; either
 * way the month is attached again and no longer listed as archived.
 */
export async function restoreArchive(
  db: LogDatabase,
  file: string,
): Promise<{ month: string; count: number; from: 'kept table' | 'file' }> {
  const checked = await readArchive(file);
  const [jy, jm] = checked.header.month.split('-').map(Number);
  const month = logMonth(jy!, jm!);
  return withClient(db, async (c) => {
    await requireMonthly(c, db.schema);
    const archived = (await readArchivedRanges(c, db.schema)).find((r) => r.month === month.id);
    if (!archived) throw new IllegalStateError(`log month ${month.id} is not archived`);
    if (archived.sha256 !== checked.footer.sha256)
      throw new ArchiveCorruptError(
        file,
        `its digest is not the one recorded when ${month.id} was archived`,
      );
    const kept = `"${db.schema}".${month.partition}_archived`;
    const keptExists = (await c.query(`SELECT to_regclass($1) IS NOT NULL AS e`, [kept]))
      .rows[0] as { e: boolean };
    await c.query('BEGIN');
    try {
      let from: 'kept table' | 'file';
      if (keptExists.e && (await census(c, kept)).count === checked.footer.count) {
        await c.query(canonicalColumnsSql(kept));
        await c.query(`ALTER TABLE ${kept} RENAME TO ${month.partition}`);
        await c.query(
          `ALTER TABLE "${db.schema}".events ATTACH PARTITION "${db.schema}".${month.partition}
             FOR VALUES FROM ('${month.start.toISOString()}') TO ('${month.end.toISOString()}')`,
        );
        from = 'kept table';
      } else {
        if (keptExists.e) await c.query(`DROP TABLE ${kept}`);
        await c.query(createPartitionSql(db.schema, month));
        await loadFile(c, db.schema, file);
        from = 'file';
      }
      const now = await census(c, `"${db.schema}".${month.partition}`);
      if (now.count !== checked.footer.count || now.last !== checked.footer.last)
        throw new IllegalStateError(
          `restored ${now.count} events; the archive holds ${checked.footer.count}`,
        );
      await c.query(`DELETE FROM "${db.schema}".event_archives WHERE month = $1`, [month.id]);
      await c.query('COMMIT');
      return { month: month.id, count: now.count, from };
    } catch (error) {
      await c.query('ROLLBACK');
      throw error;
    }
  });
}

/**
 * Inserts the file's events as PostgreSQL parses each line, with data and metadata stored as
 * canonical JSON (the text of events written since the store kept it, the same bytes again, and
 * of older ones, whose leaves were always written from that canonical form).
 */
async function loadFile(c: Client, schema: string, file: string): Promise<void> {
  let lines: string[] = [];
  let data: string[] = [];
  let metadata: string[] = [];
  const flush = async () => {
    if (lines.length === 0) return;
    await c.query(
      `INSERT INTO "${schema}".events (position, stream, revision, id, type, data_text, metadata_text, recorded_at)
       SELECT (j->>'position')::bigint, j->>'stream', (j->>'revision')::integer, j->>'id', j->>'type',
              d, m, (j->>'recordedAt')::timestamptz
         FROM unnest($1::jsonb[], $2::text[], $3::text[]) AS u(j, d, m)`,
      [lines, data, metadata],
    );
    lines = [];
    data = [];
    metadata = [];
  };
  await readArchive(file, async (event, line) => {
    lines.push(line);
    data.push(storedJson(event.data));
    metadata.push(storedJson(event.metadata));
    if (lines.length >= 1000) await flush();
  });
  await flush();
}
