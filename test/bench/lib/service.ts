import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { productionNodeFlags, stopServer } from './httpLoad';

const repoRoot = join(__dirname, '..', '..', '..');

/** The built service as `npm start` runs it, in its own process. */
export interface Service {
  baseUrl: string;
  pid: number;
  /** Seconds from spawning the process to the first `/readyz` 200. */
  readySeconds: number;
  /** Resident memory (VmRSS) and its peak so far (VmHWM), in MB, from /proc. */
  memory(): { rssMb: number; peakMb: number };
  /** The last lines the service logged, to explain a failure. */
  logTail(): string;
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

const tail = (file: string) => readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');

/**
 * The port the service announces in its own log once it listens. It binds port 0 itself: a
 * port chosen beforehand could be taken, during a long start, by another process on this
 * shared machine, whose `/readyz` would then be timed instead.
 */
function announcedPort(logFile: string): number | undefined {
  const port = /http:\/\/127\.0\.0\.1:(\d+)/.exec(readFileSync(logFile, 'utf8'))?.[1];
  return port === undefined ? undefined : Number(port);
}

let starts = 0;

/**
 * Spawns `node <npm start's flags> dist/src/main.js` on a SQLite store in `dataDir`, its log in
 * a file of its own under `logDir`, and polls `/readyz` every 10 ms from the moment it listens
 * until it answers 200. Past `timeoutSeconds` the process is killed and the start fails.
 */
export async function startService(options: {
  dataDir: string;
  logDir: string;
  timeoutSeconds: number;
}): Promise<Service> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EVENT_STORE: 'sqlite',
    DATA_DIR: options.dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
  };
  delete env.SECRETS_KEY;
  delete env.DATABASE_URL;
  const logFile = join(options.logDir, `service-${++starts}.log`);
  const log = openSync(logFile, 'w');
  const started = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    [...productionNodeFlags(), join('dist', 'src', 'main.js')],
    { cwd: repoRoot, env, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  running.add(child);
  child.once('exit', () => running.delete(child));
  const deadline = started + BigInt(options.timeoutSeconds * 1e9);
  let port: number | undefined;
  while (!port || !(await readyzOk(`http://127.0.0.1:${port}/readyz`))) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the service exited before ready:\n${tail(logFile)}`);
    if (process.hrtime.bigint() > deadline) {
      await stopServer(child, 60_000);
      throw new Error(`the service was not ready within the cap of ${options.timeoutSeconds} s`);
    }
    await new Promise((r) => setTimeout(r, 10));
    port ??= announcedPort(logFile);
  }
  const readySeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const pid = child.pid!;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid,
    readySeconds,
    memory: () => ({
      rssMb: statusKb(pid, 'VmRSS') / 1024,
      peakMb: statusKb(pid, 'VmHWM') / 1024,
    }),
    logTail: () => tail(logFile),
    stop: () => stopServer(child, 60_000),
  };
}
