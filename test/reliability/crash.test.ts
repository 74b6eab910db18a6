import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresEventStore, sqliteEventStore } from '../../src/shared/eventStore';
import type { EventStore } from '../../src/shared/eventStore';
import { databaseUrl, describeWithPostgres, dropSchema, randomSchema } from '../support/postgres';

const ACKS_BEFORE_KILL = 3000;
const root = join(__dirname, '..', '..');

/** Runs the writer and SIGKILLs it once it has acknowledged enough appends; returns every id it acknowledged. */
function crashWriter(args: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'writer.ts'), ...args],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const acked: string[] = [];
    let partial = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      acked.push(...lines);
      if (acked.length >= ACKS_BEFORE_KILL) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer ended before the kill (${acked.length} acks): ${stderr}`));
    });
  });
}

async function readEverything(store: EventStore): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let after = 0;
  for (;;) {
    const page = await store.readAll({ after, limit: 1000 });
    for (const e of page) {
      expect(e.stream).toBe(`crash-${e.id}`);
      expect(e.revision).toBe(0);
      counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
    }
    if (page.length === 0) return counts;
    after = page[page.length - 1]!.position;
  }
}

async function expectAllAcknowledgedStoredOnce(acked: string[], reopen: () => Promise<EventStore>) {
  expect(acked.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
  expect(new Set(acked).size).toBe(acked.length);
  const store = await reopen();
  try {
    const counts = await readEverything(store);
    expect(acked.filter((id) => counts.get(id) !== 1)).toEqual([]);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(await store.headPosition()).toBeGreaterThanOrEqual(counts.size);
  } finally {
    await store.close();
  }
}

describe('crash: SIGKILL during a burst of concurrent appends (sqlite)', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pishkhan-crash-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged append exactly once', async () => {
    const file = join(dir, 'events.sqlite');
    const acked = await crashWriter(['sqlite', file]);
    await expectAllAcknowledgedStoredOnce(acked, async () => sqliteEventStore(file));
  }, 60_000);
});

describeWithPostgres('crash: SIGKILL during a burst of concurrent appends (postgres)', () => {
  const schema = randomSchema();
  afterAll(() => dropSchema(schema));

  it('keeps every acknowledged append exactly once', async () => {
    const acked = await crashWriter(['postgres', databaseUrl, schema]);
    await expectAllAcknowledgedStoredOnce(acked, () =>
      postgresEventStore({ connectionString: databaseUrl, schema }),
    );
  }, 60_000);
});
