import { spawnSync } from 'node:child_process';
import { repoRoot } from './server';

/** `pishkhan projections …` as an operator runs it, on an SQLite data folder. */
export function pishkhanProjections(dataDir: string, ...args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'projections', ...args],
    {
      cwd: repoRoot,
      env: { ...process.env, EVENT_STORE: 'sqlite', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { code: run.status, out: run.stdout, err: run.stderr };
}
