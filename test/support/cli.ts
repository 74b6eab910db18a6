import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { sqliteReadModelDb } from '../../projections/db';
import type { Projection } from '../../projections/projection';
import { projectionRunner } from '../../projections/runner';
import { sqliteEventStore, type EventStore } from '../../src/shared/eventStore';
import { repoRoot } from './server';

/**
 * Brings `projections` up to the head of a data folder's SQLite log once, as a node had before
 * an operator runs the CLI on it; `seed` first writes the log through the same store.
 */
export async function foldDataDir(
  dataDir: string,
  projections: Projection[],
  seed?: (store: EventStore) => Promise<void>,
): Promise<void> {
  const store = sqliteEventStore(join(dataDir, 'events.sqlite'));
  const db = sqliteReadModelDb(join(dataDir, 'readmodels.sqlite'));
  try {
    await seed?.(store);
    const runner = projectionRunner({ store, db, projections });
    await runner.catchUp();
    await runner.stop();
  } finally {
    await db.close();
    await store.close();
  }
}

/** `pishkhan projections …` as an operator runs it, on an SQLite data folder. */
export function pishkhanProjections(dataDir: string, ...args: string[]) {
  const run = spawnSync(process.execPath, argv(args), { ...options(dataDir), encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** The same, without blocking this process (a server or requests run meanwhile). */
export function pishkhanProjectionsAsync(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, argv(args), options(dataDir));
  let [out, err] = ['', ''];
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

const argv = (args: string[]) => ['--import', 'tsx', 'src/cli/main.ts', 'projections', ...args];
const options = (dataDir: string) => ({
  cwd: repoRoot,
  env: { ...process.env, EVENT_STORE: 'sqlite', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  timeout: 60_000,
});
