import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedFetch } from '../../contracts/signers/sign';
import { seedDemoWorld, type DemoWorld } from '../../src/cli/demoWorld';
import { repoRoot, startServer, type RunningServer } from '../support/server';

/** An API answer as the browser tests read it: the status and the parsed JSON body. */
export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface DemoServer {
  server: RunningServer;
  world: DemoWorld;
  /** The regulator's bootstrap token the server wrote to its data dir (it may mint credentials). */
  regulator: string;
  /** Calls the API with `token` as the bearer (none when undefined), `body` as JSON when given. */
  api(token: string | undefined, method: string, path: string, body?: unknown): Promise<ApiAnswer>;
  /**
   * Posts the `n`th payment of the demo's service from the Tehran office's terminal, signed;
   * `amount` (whole rials) defaults to the tariff.
   */
  pay(n: number, maskedCard?: string, amount?: string): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * The real server (src/main.ts) on the SQLite store in a fresh data dir, seeded as `npm run demo`
 * seeds it, with the console built if it is not; `env` adds settings (e.g. the SMS provider's).
 */
export async function startDemoServer(env: Record<string, string> = {}): Promise<DemoServer> {
  if (!existsSync(join(repoRoot, 'dist', 'console', 'index.html')))
    execFileSync('npm', ['run', 'console:build', '--silent'], { cwd: repoRoot });
  const dataDir = mkdtempSync(join(tmpdir(), 'pishkhan-browser-'));
  const server = await startServer({ ...env, DATA_DIR: dataDir });
  const regulator = readFileSync(join(dataDir, 'regulator-token'), 'utf8').trim();
  const world = await seedDemoWorld(server.url, regulator, new Date());
  return {
    server,
    world,
    regulator,
    async api(token, method, path, body) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    pay: (n, maskedCard = '603799******1234', amount = world.payment.amount) =>
      signedFetch(
        world.terminal,
        'POST',
        `${server.url}/v1/payments`,
        JSON.stringify({
          rrn: `${String(Date.now()).slice(-9)}${n}00`,
          stan: `00421${n}`,
          transactionTime: new Date().toISOString(),
          serviceCode: world.payment.serviceCode,
          quantity: 1,
          occurrence: 1,
          amount,
          maskedCard,
        }),
      ),
    async stop() {
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
