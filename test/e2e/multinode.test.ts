import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseUrl, describeWithPostgres, randomSchema, withClient } from '../support/postgres';
import { startServer, type RunningServer } from '../support/server';

jest.setTimeout(60_000);

describeWithPostgres('two API nodes on one PostgreSQL log', () => {
  const schema = randomSchema();
  const dirs = [
    mkdtempSync(join(tmpdir(), 'pishkhan-n1-')),
    mkdtempSync(join(tmpdir(), 'pishkhan-n2-')),
  ];
  const nodes: RunningServer[] = [];
  const env = (dir: string) => ({
    DATA_DIR: dir,
    EVENT_STORE: 'postgres',
    DATABASE_URL: databaseUrl,
    DATABASE_SCHEMA: schema,
    SECRETS_KEY: 'a'.repeat(64),
  });

  afterAll(async () => {
    for (const n of nodes) {
      n.child.kill('SIGTERM');
      await n.exited;
    }
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await withClient((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  });

  it('a credential issued on one node authenticates on the other, and only one bootstrap token exists', async () => {
    nodes.push(await startServer(env(dirs[0]!)));
    nodes.push(await startServer(env(dirs[1]!)));
    const [a, b] = nodes as [RunningServer, RunningServer];
    expect(a.stdout.some((l) => /^\s+pk_/.test(l))).toBe(true);
    expect(b.stdout.some((l) => /^\s+pk_/.test(l))).toBe(false);
    const admin = readFileSync(join(dirs[0]!, 'regulator-token'), 'utf8').trim();

    const issued = await fetch(`${a.url}/v1/credentials`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'agency', scope: { agencyId: 'AG-17' }, label: 'accounting' }),
    });
    expect(issued.status).toBe(201);
    const { token } = (await issued.json()) as { token: string };
    const me = await fetch(`${b.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ role: 'agency', scope: { agencyId: 'AG-17' } });
    const ready = await fetch(`${b.url}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready', store: 'postgres' });
  });
});
