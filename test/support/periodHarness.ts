import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresReadModelDb, sqliteReadModelDb, type ReadModelDb } from '../../projections/db';
import type { Projection } from '../../projections/projection';
import { projectionRunner, type ProjectionRunner } from '../../projections/runner';
import { sqliteAppender, type Appender } from '../../projections/settlement/periodFixtures';
import { postgresEventStore, sqliteEventStore, type EventStore } from '../../src/shared/eventStore';
import { databaseUrl, dropSchema, randomSchema, withClient } from './postgres';

/** An event store whose recording instants the test sets, its read models and a scratch database. */
export interface PeriodHarness {
  store(): EventStore;
  db: ReadModelDb;
  append: Appender;
  /** Called once the log is written: the recording instants take effect. */
  written(): Promise<void>;
  scratch(): Promise<{ db: ReadModelDb; close(): Promise<void> }>;
  close(): Promise<void>;
}

export function sqlitePeriodHarness(): PeriodHarness {
  const dir = mkdtempSync(join(tmpdir(), 'pishkhan-period-'));
  const file = join(dir, 'events.sqlite');
  const writer = sqliteAppender(file);
  let store: EventStore | undefined;
  const db = sqliteReadModelDb(join(dir, 'readmodels.sqlite'));
  return {
    store: () => store!,
    db,
    append: writer.append,
    async written() {
      await writer.written();
      store = sqliteEventStore(file);
    },
    async scratch() {
      const scratch = sqliteReadModelDb(join(dir, `scratch-${Date.now()}.sqlite`));
      return { db: scratch, close: () => scratch.close() };
    },
    async close() {
      await db.close();
      await store?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function postgresPeriodHarness(): Promise<PeriodHarness> {
  const schema = randomSchema();
  let now = new Date();
  const store = await postgresEventStore({
    connectionString: databaseUrl,
    schema,
    layout: 'monthly',
    clock: () => now,
  });
  const db = postgresReadModelDb({ connectionString: databaseUrl, schema });
  const scratches: string[] = [];
  return {
    store: () => store,
    db,
    async append(at, stream, events, expected) {
      now = at;
      return store.append(stream, events, expected);
    },
    async written() {
      now = new Date();
    },
    async scratch() {
      const s = randomSchema();
      scratches.push(s);
      await withClient((c) => c.query(`CREATE SCHEMA ${s}`));
      const scratch = postgresReadModelDb({ connectionString: databaseUrl, schema: s });
      return { db: scratch, close: () => scratch.close() };
    },
    async close() {
      await db.close();
      await store.close();
      for (const s of [schema, ...scratches]) await dropSchema(s);
    },
  };
}

/**
 * A harness with `log` written into it and `projection` folded up to the log's head by a runner
 * (stop it, then close the harness): where each month rebuild's spec starts.
 */
export async function foldedPeriodLog(
  open: () => Promise<PeriodHarness> | PeriodHarness,
  log: (append: Appender) => Promise<{ early: number }>,
  projection: Projection,
): Promise<{ h: PeriodHarness; runner: ProjectionRunner; early: number }> {
  const h = await open();
  const { early } = await log(h.append);
  await h.written();
  const runner = projectionRunner({ store: h.store(), db: h.db, projections: [projection] });
  await runner.catchUp();
  return { h, runner, early };
}
