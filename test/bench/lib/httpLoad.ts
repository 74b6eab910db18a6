import { readFileSync } from 'node:fs';
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sign } from '../../../src/shared/http/auth';
import type { Figures } from './figures';
import { cpuMeter, type RunCpu } from './threadCpu';

/** What a request factory returns; called for every request, so bodies may be signed or unique. */
export interface BenchRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A gateway POST of `body` signed with the terminal's secret, as a PSP switch sends it. */
export function signedPost(
  terminal: { authorization: string; secret: string },
  path: string,
  body: string,
): BenchRequest & { headers: Record<string, string> } {
  const ts = String(Math.floor(Date.now() / 1000));
  return {
    method: 'POST',
    path,
    headers: {
      'content-type': 'application/json',
      authorization: terminal.authorization,
      'x-pishkhan-timestamp': ts,
      'x-pishkhan-signature': sign(terminal.secret, ts, 'POST', path, body),
    },
    body,
  };
}

export interface HttpLoadOptions {
  /** A TypeScript file that listens on 127.0.0.1:0 and sends `{ port }` to its parent over IPC. */
  serverScript: string;
  serverEnv?: Record<string, string>;
  /** Node flags the server runs with (besides BENCH_SERVER_NODE_ARGS). */
  serverNodeArgs?: string[];
  request: () => BenchRequest;
  connections?: number;
  seconds?: number;
  warmupSeconds?: number;
  /** Runs against the server after the measured load, before it stops: to check what it stored. */
  afterLoad?: (baseUrl: string, result: HttpLoadResult) => Promise<void>;
}

export interface HttpLoadResult {
  perS: number;
  p99Ms: number;
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
  /** The server's CPU during the measured run (Linux), and the load generator's. */
  cpu: RunCpu | undefined;
}

const repoRoot = join(__dirname, '..', '..', '..');

/**
 * The Node flags `npm start` gives the service (package.json), so a bench server of the
 * real app runs as production does.
 */
export function productionNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const flags = /\bnode((?:\s+--[\w-]+(?:=\S+)?)*)\s+dist\//.exec(scripts.start)?.[1];
  if (flags === undefined) throw new Error(`Cannot read node flags from: ${scripts.start}`);
  return flags.split(/\s+/).filter(Boolean);
}

function startServer(
  script: string,
  env: Record<string, string>,
  nodeArgs: string[],
): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(script, [], {
    cwd: repoRoot,
    execArgv: [
      '--import',
      'tsx',
      ...nodeArgs,
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    ],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} did not report a port in 30 s`)),
      30_000,
    );
    child.once('message', (message: { port?: number }) => {
      clearTimeout(timer);
      if (typeof message.port === 'number') resolve({ child, port: message.port });
      else reject(new Error(`${script} sent ${JSON.stringify(message)}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${String(code)} before listening`));
    });
  });
}

/** SIGTERM, then SIGKILL if the process has not exited after `graceMs`. */
export function stopServer(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * The server's CPU under `name`: its busiest thread (near 100 % means that thread is the limit)
 * and the whole process (what the other core still had to give), each also as CPU time per
 * request answered (`perS`). Per request, a figure depends far less on how fast the shared
 * machine happens to be than a rate does, and `floorOf` names the figure it is compared with.
 */
export function cpuFigures(
  name: string,
  cpu: RunCpu | undefined,
  conditions: string,
  perS?: number,
  floorOf?: string,
): Figures {
  if (!cpu) return {};
  const perRequest = (pct: number, what: string, figure: string): Figures =>
    perS && perS > 0
      ? {
          [`${name}.${figure}`]: {
            value: Math.round((pct / 100 / perS) * 1e6),
            unit: 'µs',
            ...(floorOf ? { floor: `${floorOf}.${figure}` } : {}),
            conditions: `${conditions}; ${what} CPU time per request answered, from /proc`,
          },
        }
      : {};
  return {
    [`${name}.server_busiest_thread_pct`]: {
      value: cpu.busiestThreadPct,
      unit: '%',
      conditions: `${conditions}; percent of one core, from /proc`,
    },
    [`${name}.server_process_pct`]: {
      value: cpu.processPct,
      unit: '%',
      conditions: `${conditions}; all threads of the server process, percent of one core, from /proc`,
    },
    ...(cpu.busiestThreadWaitPct === undefined
      ? {}
      : {
          [`${name}.server_busiest_thread_wait_pct`]: {
            value: cpu.busiestThreadWaitPct,
            unit: '%',
            conditions: `${conditions}; percent of the wall time the busiest thread was ready to run and waited for a core, from /proc schedstat`,
          },
        }),
    ...perRequest(cpu.busiestThreadPct, "the busiest thread's", 'server_busiest_thread_us_per_req'),
    ...perRequest(cpu.processPct, "all threads'", 'server_process_us_per_req'),
    ...perRequest(
      cpu.loadGeneratorPct,
      "the load generator's (autocannon in the bench process, with the requests it builds and signs; not the server's)",
      'load_us_per_req',
    ),
  };
}

/**
 * The one HTTP load shape of BENCH.md (64 connections, 2 s warm-up, 10 s
 * measured, loopback only): the server runs in a child process so the load
 * generator in this process does not share its event loop.
 */
export async function httpLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  const { child, port } = await startServer(
    options.serverScript,
    options.serverEnv ?? {},
    options.serverNodeArgs ?? [],
  );
  try {
    const shoot = (seconds: number): Promise<autocannon.Result> =>
      autocannon({
        url: `http://127.0.0.1:${port}`,
        connections: options.connections ?? 64,
        duration: seconds,
        timeout: 10,
        requests: [{ setupRequest: (raw) => ({ ...raw, ...options.request() }) }],
      });
    await shoot(options.warmupSeconds ?? 2);
    const meter = cpuMeter(child.pid);
    const result = await shoot(options.seconds ?? 10);
    const cpu = meter.stop();
    const measured: HttpLoadResult = {
      perS: result['2xx'] / result.duration,
      p99Ms: result.latency.p99,
      ok: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      seconds: result.duration,
      cpu,
    };
    await options.afterLoad?.(`http://127.0.0.1:${port}`, measured);
    return measured;
  } finally {
    await stopServer(child);
  }
}
