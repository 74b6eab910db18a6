import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from './eventStore.contract';
import { ConcurrencyError } from '../../src/shared/errors';
import { sqliteEventStore, type EventStore } from '../../src/shared/eventStore';

let dir = '';
eventStoreContract('sqlite', {
  async open() {
    dir = mkdtempSync(join(tmpdir(), 'pishkhan-sqlite-'));
    return sqliteEventStore(join(dir, 'events.sqlite'));
  },
  async reopen() {
    return sqliteEventStore(join(dir, 'events.sqlite'));
  },
  async cleanup() {
    rmSync(dir, { recursive: true, force: true });
  },
});

describe('sqlite: two processes on one file', () => {
  it('a subscriber sees an event another connection wrote, without appending anything itself', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'pishkhan-sqlite-two-'));
    const file = join(shared, 'events.sqlite');
    const mine = sqliteEventStore(file);
    const theirs = sqliteEventStore(file);
    await mine.append('office-1', [{ type: 'Mine', data: {} }], 'no_stream');
    const seen: string[] = [];
    let got!: () => void;
    const gotTheirs = new Promise<void>((r) => (got = r));
    const sub = mine.subscribe({}, (e) => {
      seen.push(e.type);
      if (e.type === 'Theirs') got();
    });
    await sub.caughtUp;
    await theirs.append('office-2', [{ type: 'Theirs', data: {} }], 'no_stream');
    await gotTheirs;
    expect(seen).toEqual(['Mine', 'Theirs']);
    await sub.stop();
    await theirs.close();
    await mine.close();
    rmSync(shared, { recursive: true, force: true });
  });

  it('while both write at once, a subscriber on one still sees every event of both, once, in order', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'pishkhan-sqlite-both-'));
    const file = join(shared, 'events.sqlite');
    const mine = sqliteEventStore(file);
    const theirs = sqliteEventStore(file);
    const rounds = 40;
    const seen: number[] = [];
    let got!: () => void;
    const gotAll = new Promise<void>((r) => (got = r));
    const sub = mine.subscribe({}, (e) => {
      seen.push(e.position);
      if (seen.length === 4 * rounds) got();
    });
    await sub.caughtUp;
    for (let i = 0; i < rounds; i++) {
      await Promise.all([
        mine.append(`mine-${i}-a`, [{ type: 'Mine', data: { i } }], 'no_stream'),
        theirs.append(`theirs-${i}-a`, [{ type: 'Theirs', data: { i } }], 'no_stream'),
        mine.append(`mine-${i}-b`, [{ type: 'Mine', data: { i } }], 'no_stream'),
        theirs.append(`theirs-${i}-b`, [{ type: 'Theirs', data: { i } }], 'no_stream'),
      ]);
    }
    await gotAll;
    const all = await mine.readAll({ limit: 10_000 });
    expect(seen).toEqual(all.map((e) => e.position));
    expect(all).toHaveLength(4 * rounds);
    await sub.stop();
    await theirs.close();
    await mine.close();
    rmSync(shared, { recursive: true, force: true });
  });

  it('while both append to the same streams at expected revisions, each append is written or refused as a conflict, never failed as a busy file', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'pishkhan-sqlite-race-'));
    const file = join(shared, 'events.sqlite');
    const nodes = [sqliteEventStore(file), sqliteEventStore(file)];
    const streams = ['license-1', 'license-2', 'license-3'];
    const outcomes: string[] = [];
    const writer = async (store: EventStore, n: number) => {
      for (let i = 0; i < 60; i++) {
        const stream = streams[i % streams.length]!;
        const last = (await store.readStream(stream)).at(-1);
        try {
          await store.append(
            stream,
            [{ type: 'Step', data: { n, i } }],
            last === undefined ? 'no_stream' : last.revision,
          );
          outcomes.push('written');
        } catch (error) {
          outcomes.push(error instanceof ConcurrencyError ? 'conflict' : String(error));
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map((n) => writer(nodes[n % 2]!, n)));
    expect(outcomes.filter((o) => o !== 'written' && o !== 'conflict')).toEqual([]);
    for (const stream of streams) {
      const events = await nodes[0]!.readStream(stream);
      expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    }
    const written = outcomes.filter((o) => o === 'written').length;
    expect(await nodes[1]!.readAll({ limit: 10_000 })).toHaveLength(written);
    await Promise.all(nodes.map((s) => s.close()));
    rmSync(shared, { recursive: true, force: true });
  });

  it('under test, refuses event data that would read back differently from the file (subscribers here share the object)', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'pishkhan-sqlite-json-'));
    const store = sqliteEventStore(join(shared, 'events.sqlite'));
    await expect(
      store.append('office-1', [{ type: 'Dated', data: { at: new Date(0) } }], 'no_stream'),
    ).rejects.toThrow(/does not survive JSON unchanged/);
    await expect(
      store.append('office-1', [{ type: 'Holey', data: { a: 1, b: undefined } }], 'no_stream'),
    ).rejects.toThrow(/does not survive JSON unchanged/);
    expect(await store.headPosition()).toBe(0);
    await store.append(
      'office-1',
      [{ type: 'Plain', data: { at: '1970-01-01T00:00:00.000Z' } }],
      'no_stream',
    );
    expect(await store.headPosition()).toBe(1);
    await store.close();
    rmSync(shared, { recursive: true, force: true });
  });
});

describe('sqlite: what a reader gets right after an append', () => {
  it('is the event as the file holds it, keys in the same order, whether it comes from memory or from the file', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'pishkhan-sqlite-order-'));
    const file = join(shared, 'events.sqlite');
    const store = sqliteEventStore(file);
    const data = {
      type: 'X',
      paymentId: 'p-1',
      amount: '100',
      nested: { z: 1, a: [{ y: 2, b: 3 }] },
    };
    await store.append(
      'payment-p-1',
      [{ type: 'PaymentRecorded', data, metadata: { v: 2, a: 1 } }],
      'no_stream',
    );
    const [fromMemory] = await store.readAll({ after: 0 });
    await store.close();
    const reopened = sqliteEventStore(file);
    const [fromFile] = await reopened.readAll({ after: 0 });
    await reopened.close();
    rmSync(shared, { recursive: true, force: true });
    expect(fromMemory!.data).toEqual(data);
    expect(JSON.stringify(fromMemory!.data)).toBe(JSON.stringify(fromFile!.data));
    expect(JSON.stringify(fromMemory!.metadata)).toBe(JSON.stringify(fromFile!.metadata));
    expect(Object.keys(fromMemory!.data as object)).toEqual([
      'amount',
      'nested',
      'paymentId',
      'type',
    ]);
  });
});
