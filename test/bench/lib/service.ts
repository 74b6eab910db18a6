import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { productionNodeFlags } from './httpLoad';

const repoRoot = join(__dirname, '..', '..', '..');

/** The built service as `npm start` runs it, in its own process. */
export interface Service {
  baseUrl: string;
  pid: number;
  /** Seconds from spawning the process to the first `/readyz` 200. */
  readySeconds: number;
  /** Resident memory (VmRSS) and its peak so far (VmHWM), in MB, from /proc. */
  memory(): { rssMb: number; peakMb: number };
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Compiles the service the way `npm start` does before it runs it. */
export function buildService(): void {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
  if (kb === undefined) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(kb);
}

async function readyzOk(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const tail = (file: string) => readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');

/**
 * Spawns `node <npm start's flags> dist/src/main.js` on a SQLite store in `dataDir` and polls
 * `/readyz` every 10 ms until it answers 200. Its log goes to `logFile`. Past `timeoutSeconds`
 * the process is killed and the start fails.
 */
export async function startService(options: {
  dataDir: string;
  logFile: string;
  timeoutSeconds: number;
}): Promise<Service> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EVENT_STORE: 'sqlite',
    DATA_DIR: options.dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
  };
  delete env.SECRETS_KEY;
  delete env.DATABASE_URL;
  const log = openSync(options.logFile, 'a');
  const started = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    [...productionNodeFlags(), join('dist', 'src', 'main.js')],
    { cwd: repoRoot, env, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  running.add(child);
  child.once('exit', () => running.delete(child));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = started + BigInt(options.timeoutSeconds * 1e9);
  while (!(await readyzOk(`${baseUrl}/readyz`))) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the service exited before ready:\n${tail(options.logFile)}`);
    if (process.hrtime.bigint() > deadline) {
      await stopChild(child);
      throw new Error(`the service was not ready within the cap of ${options.timeoutSeconds} s`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const readySeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const pid = child.pid!;
  return {
    baseUrl,
    pid,
    readySeconds,
    memory: () => ({
      rssMb: statusKb(pid, 'VmRSS') / 1024,
      peakMb: statusKb(pid, 'VmHWM') / 1024,
    }),
    stop: () => stopChild(child),
  };
}
