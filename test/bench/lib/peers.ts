import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const peersDir = join(__dirname, '..', 'peers');

/**
 * Emmett peers live in their own folders with their own lockfiles so they never
 * enter the product's dependency tree; they are installed on first use only.
 */
export function peerRequire(peer: 'sqlite' | 'postgres', log: (m: string) => void): NodeRequire {
  const dir = join(peersDir, peer);
  if (!existsSync(join(dir, 'node_modules'))) {
    log(`installing peer ${peer} (npm ci in ${dir}; sqlite3 compiles from source, ~2 min)`);
    const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
      cwd: dir,
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 10 * 60 * 1000,
    });
    if (result.status !== 0)
      throw new Error(`npm ci for peer ${peer} failed (status ${String(result.status)})`);
  }
  return createRequire(join(dir, 'package.json'));
}
