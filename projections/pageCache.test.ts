import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  memoryEventStore,
  type EventStore,
  type ReadAllOptions,
  type RecordedEvent,
} from '../src/shared/eventStore';
import { sqliteReadModelDb, type ReadModelDb } from './db';
import { reverseFirstPayment, seedLedger } from './fixtures';
import { allProjections } from './index';
import { pageCache } from './pageCache';
import { seedReference } from './reference/fixtures';
import { projectionRunner } from './runner';
import { seedSupervision } from './supervision/fixtures';
import { dumpBuild } from './verify';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The store as the runner sees it, with each `readAll` counted by its filter; `frozen` hands out frozen events. */
function watched(store: EventStore, frozen = false) {
  const calls: string[] = [];
  const view: EventStore = Object.create(store) as EventStore;
  view.readAll = async (options?: ReadAllOptions) => {
    calls.push(options?.filter?.eventTypes?.join(',') ?? '*');
    const events = await store.readAll(options);
    return frozen ? events.map((e) => deepFreeze(structuredClone(e))) : events;
  };
  return { view, calls };
}

const append = (store: EventStore, stream: string, type: string, n: number) =>
  store.append(
    stream,
    Array.from({ length: n }, (_, i) => ({ type, data: { i } })),
    'any',
  );

describe('pageCache: one read of a range for every projection that asks for it', () => {
  let store: EventStore;
  beforeEach(() => {
    store = memoryEventStore();
  });
  afterEach(() => store.close());

  const positions = (p: { events: RecordedEvent[] }) => p.events.map((e) => e.position);

  it('answers a start inside a page it read from that page; past its end it reads again', async () => {
    await append(store, 's-1', 'A', 3);
    const { view, calls } = watched(store);
    const cache = pageCache(100);
    const first = await cache.read(view, 'A', 0, 10, 3);
    expect(first).toMatchObject({ upTo: 3 });
    expect(positions(first)).toEqual([1, 2, 3]);
    expect(positions(await cache.read(view, 'A', 0, 10, 3))).toEqual([1, 2, 3]);
    expect(await cache.read(view, 'A', 1, 10, 3)).toMatchObject({ upTo: 3 });
    expect(positions(await cache.read(view, 'A', 1, 10, 3))).toEqual([2, 3]);
    expect(calls).toEqual(['A']);
    await append(store, 's-1', 'A', 2);
    const later = await cache.read(view, 'A', 3, 10, 5);
    expect(later).toMatchObject({ upTo: 5 });
    expect(positions(later)).toEqual([4, 5]);
    expect(await cache.read(view, 'B', 0, 10, 5)).toEqual({ events: [], upTo: 5 });
    expect(calls).toEqual(['A', 'A', 'B']);
    expect(cache.stats()).toMatchObject({ reads: 3, hits: 3 });
  });

  it('a full page is complete only up to its last event, and an answer from a kept page keeps to the limit', async () => {
    await append(store, 's-1', 'A', 5);
    await append(store, 's-2', 'B', 1);
    const cache = pageCache(100);
    const full = await cache.read(store, 'A', 0, 4, 6);
    expect(full).toMatchObject({ upTo: 4 });
    expect(positions(full)).toEqual([1, 2, 3, 4]);
    const smaller = await cache.read(store, 'A', 0, 2, 6);
    expect(smaller).toMatchObject({ upTo: 2 });
    expect(positions(smaller)).toEqual([1, 2]);
    expect(positions(await cache.read(store, 'A', 4, 4, 6))).toEqual([5]);
  });

  it('keeps nothing past the head it was asked for, though the store has it', async () => {
    await append(store, 's-1', 'A', 5);
    const cache = pageCache(100);
    const page = await cache.read(store, 'A', 1, 10, 3);
    expect(page).toMatchObject({ upTo: 3 });
    expect(positions(page)).toEqual([2, 3]);
    const all = await cache.read(store, undefined, 0, 2, 5);
    expect(all).toMatchObject({ upTo: 2 });
    expect(positions(all)).toEqual([1, 2]);
  });

  it('holds at most its bound of events, dropping the oldest pages first', async () => {
    await append(store, 's-1', 'A', 6);
    const { view, calls } = watched(store);
    const cache = pageCache(4);
    await cache.read(view, 'A', 0, 3, 6);
    await cache.read(view, 'A', 3, 3, 6);
    expect(cache.stats().held).toBe(3);
    await cache.read(view, 'A', 0, 3, 6);
    expect(calls).toHaveLength(3);
    await cache.read(view, 'A', 3, 10, 6);
    expect(cache.stats().held).toBe(3);
    expect(calls).toHaveLength(4);
  });
});

describe('every projection in one runner, sharing pages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pishkhan-pagecache-'));
  let store: EventStore;
  let shared: ReadModelDb;
  let alone: ReadModelDb;
  beforeAll(async () => {
    store = memoryEventStore();
    await seedLedger(store, 40);
    await seedSupervision(store);
    await seedReference(store);
    shared = sqliteReadModelDb(join(dir, 'shared.sqlite'));
    alone = sqliteReadModelDb(join(dir, 'alone.sqlite'));
  });
  afterAll(async () => {
    await shared.close();
    await alone.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads each page of a type once, over frozen events, and builds what each projection builds alone', async () => {
    const projections = allProjections({ cutoffMinutes: 0 });
    const { view, calls } = watched(store, true);
    const together = projectionRunner({ store: view, db: shared, projections, batchSize: 9 });
    await together.catchUp();
    await reverseFirstPayment(store);
    await together.catchUp();

    const readers = projections.filter((p) => p.eventTypes.includes('PaymentRecorded')).length;
    expect(readers).toBeGreaterThan(3);
    const paymentPages = calls.filter((c) => c === 'PaymentRecorded').length;
    const pagesOfOneReader = Math.ceil(40 / 9) + 2;
    expect(paymentPages).toBeLessThanOrEqual(pagesOfOneReader);

    for (const p of projections) {
      const one = projectionRunner({ store, db: alone, projections: [p], batchSize: 9 });
      await one.catchUp();
      const prefix = `${p.name}_v1`;
      expect(await dumpBuild(shared, p, prefix)).toEqual(await dumpBuild(alone, p, prefix));
    }
  });
});
