import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { postgresEventStore } from '../../src/shared/eventStore';
import { logMonth } from '../../src/shared/eventStore/logMonths';
import { databaseUrl, describeWithPostgres, dropSchema, randomSchema } from '../support/postgres';

const repoRoot = join(__dirname, '..', '..');

/** `pishkhan log …` as an operator runs it against the node's PostgreSQL. */
function pishkhanLog(schema: string, dir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'log', ...args], {
    cwd: repoRoot,
    env: {
      ...process.env,
      EVENT_STORE: 'postgres',
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: schema,
      DATA_DIR: dir,
      LOG_ARCHIVE_MIN_AGE_DAYS: '30',
      LOG_LEVEL: 'warn',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describeWithPostgres('pishkhan log', () => {
  const farahvardin = logMonth(1404, 1);
  let schema: string;
  let dir: string;

  beforeAll(async () => {
    schema = randomSchema();
    dir = mkdtempSync(join(tmpdir(), 'pishkhan-log-cli-'));
    const store = await postgresEventStore({
      connectionString: databaseUrl,
      schema,
      layout: 'monthly',
      clock: () => farahvardin.start,
    });
    for (let i = 0; i < 3; i++)
      await store.append(
        `payment-${randomUUID()}`,
        [{ type: 'PaymentRecorded', data: { i } }],
        'no_stream',
      );
    await store.close();
  });
  afterAll(async () => {
    await dropSchema(schema);
    rmSync(dir, { recursive: true, force: true });
  });

  it('archives a month named in Persian digits, verifies the file, lists it, restores it', () => {
    const open = pishkhanLog(
      schema,
      dir,
      'archive',
      '--month',
      `${new Date().getUTCFullYear()}-01`,
    );
    expect(open.status).toBe(1);
    expect(open.stderr).toMatch(/partitions follow Jalali months/);

    const archived = pishkhanLog(schema, dir, 'archive', '--month', '۱۴۰۴-۰۱');
    expect(archived.stderr).toBe('');
    expect(archived.stdout).toMatch(/archived ۱۴۰۴-۰۱: 3 events, positions 1..3/);
    const file = join(dir, 'archive', 'events-1404-01.jsonl.gz');

    const verified = pishkhanLog(schema, dir, 'verify-archive', file);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toMatch(/archive verified: 1404-01, 3 events/);

    const altered = join(dir, 'altered.jsonl.gz');
    writeFileSync(
      altered,
      gzipSync(gunzipSync(readFileSync(file)).toString('utf8').replace('"i":2', '"i":7')),
    );
    const refused = pishkhanLog(schema, dir, 'verify-archive', altered);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/SHA-256/);

    expect(pishkhanLog(schema, dir, 'partitions').stdout).toMatch(
      /^1404-01 archived positions 1..3/m,
    );
    const restored = pishkhanLog(schema, dir, 'restore', file);
    expect(restored.stdout).toMatch(/restored 1404-01: 3 events from the kept table/);
    expect(pishkhanLog(schema, dir, 'partitions').stdout).toMatch(/^1404-01 attached$/m);
  });
});
