import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteEventStore } from '../../src/shared/eventStore';
import { repoRoot, startServer } from '../support/server';

jest.setTimeout(60_000);

describe('the quick start: npm start on a fresh data dir', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'pishkhan-e2e-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints a regulator token once, which authenticates; a restart does not issue another', async () => {
    const first = await startServer({ DATA_DIR: dataDir });
    const tokenLine = first.stdout.find((l) => /^\s+pk_/.test(l));
    expect(tokenLine).toBeDefined();
    const token = tokenLine!.trim();
    const file = join(dataDir, 'regulator-token');
    expect(readFileSync(file, 'utf8').trim()).toBe(token);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const me = await fetch(`${first.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ role: 'regulator' });
    for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json']) {
      expect((await fetch(`${first.url}${path}`)).status).toBe(200);
    }
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await startServer({ DATA_DIR: dataDir });
    expect(second.stdout.some((l) => /^\s+pk_/.test(l))).toBe(false);
    const again = await fetch(`${second.url}/v1/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(again.status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('SIGTERM drains in-flight requests: every acknowledged write is in the store', async () => {
    const server = await startServer({ DATA_DIR: dataDir });
    const token = readFileSync(join(dataDir, 'regulator-token'), 'utf8').trim();
    const issue = (i: number) =>
      fetch(`${server.url}/v1/credentials`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          role: 'office',
          scope: { officeId: `OF-${i}` },
          label: `office ${i}`,
        }),
      }).then(
        (r) => r.status,
        () => 'refused' as const,
      );
    const inFlight = Array.from({ length: 40 }, (_, i) => issue(i));
    const firstDone = await Promise.race(inFlight);
    expect(firstDone).toBe(201);
    server.child.kill('SIGTERM');
    const outcomes = await Promise.all(inFlight);
    expect(await server.exited).toBe(0);
    expect(outcomes.every((o) => o === 201 || o === 'refused')).toBe(true);
    const acknowledged = outcomes.filter((o) => o === 201).length;

    const store = sqliteEventStore(join(dataDir, 'events.sqlite'));
    const issued = await store.readAll({
      filter: { eventTypes: ['CredentialIssued'] },
      limit: 1000,
    });
    await store.close();
    expect(issued.length).toBeGreaterThanOrEqual(acknowledged + 1);
  });

  it('what `npm start` runs (the production build, then dist/src/main.js) serves, and SIGTERM stops it', async () => {
    const scripts = (
      JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts.start).toBe(
      'npm run build --silent && node --max-semi-space-size=64 --v8-pool-size=2 --enable-source-maps dist/src/main.js',
    );
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'pipe' });
    const server = await startServer({ DATA_DIR: dataDir }, [
      process.execPath,
      '--max-semi-space-size=64',
      '--v8-pool-size=2',
      '--enable-source-maps',
      'dist/src/main.js',
    ]);
    const token = readFileSync(join(dataDir, 'regulator-token'), 'utf8').trim();
    const me = await fetch(`${server.url}/v1/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(200);
    // The build includes the console, and the banner says where it is.
    expect(server.stdout.some((l) => l.includes(`${server.url}/console/`))).toBe(true);
    const console = await fetch(`${server.url}/console/`);
    expect([console.status, console.headers.get('content-type')]).toEqual([
      200,
      'text/html; charset=utf-8',
    ]);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 240_000);

  it('a bad setting stops start-up with a message naming the variable', async () => {
    await expect(startServer({ DATA_DIR: dataDir, EVENT_STORE: 'mongo' })).rejects.toThrow(
      /EVENT_STORE/,
    );
  });
});
