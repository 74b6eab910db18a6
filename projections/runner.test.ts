import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { memoryEventStore, type EventStore } from '../src/shared/eventStore';
import { sqliteReadModelDb, type ReadModelDb } from './db';
import type { Projection } from './projection';
import { readPage } from './readPage';
import { liveBuild, listBuilds, takeLease } from './registry';
import { foldPage, projectionRunner, StaleCheckpointError } from './runner';
import { dumpBuild } from './verify';

/** Counts events per type and remembers each event's position, so a double fold would show. */
const counter = (version = 1): Projection => ({
  name: 'counter',
  version,
  eventTypes: ['A', 'B'],
  tables: ['counts', 'seen'],
  schema: (p) => [
    `CREATE TABLE ${p}_counts (type TEXT PRIMARY KEY, n BIGINT NOT NULL)`,
    `CREATE TABLE ${p}_seen (position BIGINT NOT NULL)`,
  ],
  async applyBatch(tx, events, p) {
    for (const e of events) {
      await tx.run(
        `INSERT INTO ${p}_counts VALUES (?, 1) ON CONFLICT (type) DO UPDATE SET n = ${p}_counts.n + 1`,
        [e.type],
      );
      await tx.run(`INSERT INTO ${p}_seen VALUES (?)`, [e.position]);
    }
  },
});

let streams = 0;
let dir: string;
let store: EventStore;
let db: ReadModelDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pishkhan-runner-'));
  store = memoryEventStore();
  db = sqliteReadModelDb(join(dir, 'readmodels.sqlite'));
});
afterEach(async () => {
  await db.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function appendMany(types: string[]): Promise<void> {
  for (const type of types)
    await store.append(`s-${++streams}`, [{ type, data: { type } }], 'no_stream');
}

const counts = async (prefix: string) =>
  db
    .read((tx) =>
      tx.all<{ type: string; n: bigint }>(`SELECT type, n FROM ${prefix}_counts ORDER BY type`),
    )
    .then((rows) => rows.map((r) => `${r.type}=${r.n}`));

describe('projection runner', () => {
  it('folds each matching event once and moves the checkpoint past events it does not read', async () => {
    await appendMany(['A', 'B', 'C', 'A', 'C']);
    const runner = projectionRunner({ store, db, projections: [counter()], batchSize: 2 });
    await runner.catchUp();
    expect(await counts('counter_v1')).toEqual(['A=2', 'B=1']);
    const [status] = await runner.status();
    expect(status).toMatchObject({ name: 'counter', state: 'live', position: 5, head: 5, lag: 0 });
  });

  it('a second worker on the same database folds nothing already folded', async () => {
    await appendMany(['A', 'B', 'A']);
    const first = projectionRunner({ store, db, projections: [counter()], leaseMs: 1 });
    await first.catchUp();
    await first.stop();
    const second = projectionRunner({ store, db, projections: [counter()], leaseMs: 1 });
    await second.catchUp();
    expect(await counts('counter_v1')).toEqual(['A=2', 'B=1']);
  });

  it('rejects a replayed page whose checkpoint has already moved, leaving the read model as it was', async () => {
    await appendMany(['A', 'B']);
    const runner = projectionRunner({ store, db, projections: [counter()] });
    await runner.catchUp();
    const before = await dumpBuild(db, counter(), 'counter_v1');
    const stale = {
      name: 'counter',
      build: 1,
      codeVersion: 1,
      prefix: 'counter_v1',
      state: 'live' as const,
      position: 0,
    };
    const page = await readPage(store, ['A', 'B'], 0, 100);
    await expect(
      foldPage(db, counter(), stale, page, new Date(), { readStream: (s) => store.readStream(s) }),
    ).rejects.toBeInstanceOf(StaleCheckpointError);
    expect(await dumpBuild(db, counter(), 'counter_v1')).toEqual(before);
  });

  it('rebuilds beside the live version, switches over when caught up, and equals the incremental build', async () => {
    const runner = projectionRunner({ store, db, projections: [counter()], batchSize: 1 });
    await appendMany(['A', 'B']);
    await runner.catchUp();
    await appendMany(['A', 'C', 'B']);
    await runner.catchUp();
    const progress: number[] = [];
    const built = await runner.rebuild('counter', (p) => progress.push(p.position));
    expect(built).toMatchObject({ prefix: 'counter_v2', state: 'live', position: 5 });
    expect(progress[progress.length - 1]).toBe(5);
    expect(await dumpBuild(db, counter(), 'counter_v2')).toEqual(
      await dumpBuild(db, counter(), 'counter_v1'),
    );
    const states = (await runner.status()).map((s) => `${s.prefix}:${s.state}`);
    expect(states).toEqual(['counter_v1:retired', 'counter_v2:live']);
    expect(await runner.livePrefix('counter')).toBe('counter_v2');
  });

  it('a changed projection version builds beside the old one, which answers until the switch', async () => {
    await appendMany(['A', 'B', 'A']);
    const v1 = projectionRunner({ store, db, projections: [counter(1)] });
    await v1.catchUp();
    await v1.stop();
    const v2 = projectionRunner({ store, db, projections: [counter(2)], batchSize: 1 });
    await v2.start();
    expect(await v2.livePrefix('counter')).toBe('counter_v1');
    expect(
      (await db.read((tx) => listBuilds(tx))).map((b) => `${b.prefix}:${b.state}:${b.codeVersion}`),
    ).toEqual(['counter_v1:live:1', 'counter_v2:building:2']);
    await v2.catchUp();
    expect(await v2.livePrefix('counter')).toBe('counter_v2');
    expect(await counts('counter_v2')).toEqual(['A=2', 'B=1']);
  });

  it('only the lease holder folds a build', async () => {
    await appendMany(['A']);
    const holder = projectionRunner({ store, db, projections: [counter()] });
    await holder.catchUp();
    await appendMany(['A', 'A']);
    const other = projectionRunner({ store, db, projections: [counter()] });
    await other.catchUp();
    expect(await counts('counter_v1')).toEqual(['A=1']);
    expect(await takeLease(db, 'counter_v1', other.owner, Date.now(), 1000)).toBe(false);
    await holder.catchUp();
    expect(await counts('counter_v1')).toEqual(['A=3']);
  });

  it('reports lag as a gauge and fails readiness while lagging past the bound', async () => {
    const registry = new Registry();
    const runner = projectionRunner({ store, db, projections: [counter()], registry });
    await runner.catchUp();
    await appendMany(['A', 'B', 'A']);
    const ready = runner.readiness(2);
    expect(await ready()).toMatch(/counter 3/);
    await runner.waitFor('counter', 3);
    expect(await ready()).toBeUndefined();
    expect(await registry.metrics()).toMatch(/projection_lag_events\{projection="counter"\} 0/);
    expect((await db.read((tx) => liveBuild(tx, 'counter')))?.position).toBe(3);
  });
});

describe('readPage', () => {
  it('merges per-type pages only up to where every type is complete', async () => {
    await appendMany(['A', 'A', 'B', 'A', 'B', 'B']);
    const page = await readPage(store, ['A', 'B'], 0, 2);
    expect(page.events.map((e) => `${e.position}${e.type}`)).toEqual(['1A', '2A']);
    expect(page).toMatchObject({ upTo: 2, caughtUp: false });
    const next = await readPage(store, ['A', 'B'], 2, 10);
    expect(next.events.map((e) => e.position)).toEqual([3, 4, 5, 6]);
    expect(next).toMatchObject({ upTo: 6, caughtUp: true });
  });
});
