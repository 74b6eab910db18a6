import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { startTcpProxy, type TcpProxy } from './tcpProxy';

/** The PostgreSQL the tests use; trust auth on this machine unless DATABASE_URL says otherwise. */
export const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const probe = `const { Client } = require('pg');
const c = new Client({ connectionString: process.env.PROBE_URL, connectionTimeoutMillis: 3000 });
c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));`;

/** Checked synchronously, because Jest decides which suites exist before any hook runs. */
function reachable(): boolean {
  const result = spawnSync(process.execPath, ['-e', probe], {
    cwd: join(__dirname, '..', '..'),
    env: { ...process.env, PROBE_URL: databaseUrl },
    timeout: 10_000,
  });
  return result.status === 0;
}

/**
 * Defines the suite when PostgreSQL answers. Otherwise a CI run fails (a silent skip
 * would let the adapter rot), and a local run skips with a visible notice.
 */
export function describeWithPostgres(name: string, body: () => void): void {
  if (reachable()) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs PostgreSQL', () => {
        throw new Error(`PostgreSQL unreachable at ${databaseUrl}; CI=true requires it`);
      });
    });
  } else {
    console.warn(`${name}: skipped, PostgreSQL unreachable at ${databaseUrl} (set DATABASE_URL)`);
    describe.skip(name, body);
  }
}

export function randomSchema(): string {
  return `test_${randomBytes(6).toString('hex')}`;
}

/** The connection string with an application_name, so a test can find that pool's backends. */
export function withApplicationName(url: string, name: string): string {
  const u = new URL(url);
  u.searchParams.set('application_name', name);
  return u.toString();
}

export async function withClient<T>(
  fn: (client: Client) => Promise<T>,
  url = databaseUrl,
): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  await withClient((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}

/** A fault-injecting TCP proxy in front of the tests' PostgreSQL, and its URL. */
export async function postgresProxy(): Promise<{ proxy: TcpProxy; url: string }> {
  const proxy = await startTcpProxy({
    host: '127.0.0.1',
    port: Number(new URL(databaseUrl).port || 5432),
  });
  return { proxy, url: proxy.url(databaseUrl) };
}
