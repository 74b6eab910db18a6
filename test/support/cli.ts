import { spawn, spawnSync } from 'node:child_process';
import { repoRoot } from './server';

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
