import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { ConcurrencyError } from '../../src/shared/errors';
import type { EventStore, RecordedEvent } from '../../src/shared/eventStore';

/** How a contract run gets stores: `open` a fresh empty one; `reopen` the same data after close. */
export interface StoreHarness {
  open(): Promise<EventStore>;
  reopen(): Promise<EventStore>;
  cleanup?(): Promise<void>;
  /**
   * A guarantee the adapter cannot give, with why the product does not rely on it: the suite
   * then checks what the adapter does instead, so the gap stays written down and tested.
   */
  cannot?: { refuseEventIdOfAnotherStream: string };
}

const ev = (type: string, data: unknown = {}, id?: string) => ({
  type,
  data,
  ...(id ? { id } : {}),
});
const s = (category: string) => `${category}-${randomUUID()}`;

/** The one contract every adapter passes unchanged. */
export function eventStoreContract(adapterName: string, harness: StoreHarness): void {
  describe(`event store contract: ${adapterName}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await harness.open();
    });
    afterEach(async () => {
      await store.close();
      await harness.cleanup?.();
    });

    describe('expected revision', () => {
      it('no_stream creates a stream and then refuses a second creation', async () => {
        const stream = s('license');
        const first = await store.append(stream, [ev('A'), ev('B')], 'no_stream');
        expect(first.nextRevision).toBe(1);
        await expect(store.append(stream, [ev('C')], 'no_stream')).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
      });

      it('stream_exists refuses a missing stream and accepts an existing one', async () => {
        const stream = s('license');
        await expect(store.append(stream, [ev('A')], 'stream_exists')).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        await store.append(stream, [ev('A')], 'any');
        const r = await store.append(stream, [ev('B')], 'stream_exists');
        expect(r.nextRevision).toBe(1);
      });

      it('an exact revision must match the last revision', async () => {
        const stream = s('tariff');
        await store.append(stream, [ev('A')], 'no_stream');
        await expect(store.append(stream, [ev('B')], 1)).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(store.append(stream, [ev('B')], -5)).rejects.toBeInstanceOf(ConcurrencyError);
        const ok = await store.append(stream, [ev('B')], 0);
        expect(ok.nextRevision).toBe(1);
        const events = await store.readStream(stream);
        expect(events.map((e) => [e.type, e.revision])).toEqual([
          ['A', 0],
          ['B', 1],
        ]);
      });

      it('a refused append writes nothing', async () => {
        const stream = s('tariff');
        await store.append(stream, [ev('A')], 'no_stream');
        const headBefore = await store.headPosition();
        await expect(store.append(stream, [ev('X'), ev('Y')], 7)).rejects.toThrow();
        expect(await store.headPosition()).toBe(headBefore);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('any appends whatever the stream state', async () => {
        const stream = s('office');
        await store.append(stream, [ev('A')], 'any');
        const r = await store.append(stream, [ev('B')], 'any');
        expect(r.nextRevision).toBe(1);
      });
    });

    describe('idempotent retries', () => {
      it('appending the same event ids again returns the first result and stores nothing new', async () => {
        const stream = s('payment');
        const ids = [randomUUID(), randomUUID()];
        const batch = [ev('PaymentRecorded', { n: 1 }, ids[0]), ev('Noted', { n: 2 }, ids[1])];
        const first = await store.append(stream, batch, 'no_stream');
        const again = await store.append(stream, batch, 'no_stream');
        expect([again.nextRevision, again.position]).toEqual([first.nextRevision, first.position]);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('an append that says whether it wrote says so only for the first attempt', async () => {
        const stream = s('payment');
        const batch = [ev('PaymentRecorded', { n: 1 }, randomUUID())];
        const first = await store.append(stream, batch, 'no_stream');
        const again = await store.append(stream, batch, 'no_stream');
        const both = await Promise.all([
          store.append(stream, [ev('Noted', {}, randomUUID())], 0),
          store.append(stream, batch, 'no_stream'),
        ]);
        if (first.written === undefined) return;
        expect([first.written, again.written, ...both.map((r) => r.written)]).toEqual([
          true,
          false,
          true,
          false,
        ]);
      });

      const gap = harness.cannot?.refuseEventIdOfAnotherStream;
      if (gap === undefined) {
        it('an event id already used in another stream is refused', async () => {
          const id = randomUUID();
          await store.append(s('payment'), [ev('A', {}, id)], 'any');
          await expect(store.append(s('payment'), [ev('A', {}, id)], 'any')).rejects.toBeInstanceOf(
            ConcurrencyError,
          );
        });
      } else {
        it(`an event id already used in another stream is stored again (cannot refuse: ${gap})`, async () => {
          const id = randomUUID();
          const [first, second] = [s('payment'), s('payment')];
          await store.append(first, [ev('A', {}, id)], 'any');
          await store.append(second, [ev('A', {}, id)], 'any');
          expect((await store.readStream(second)).map((e) => e.id)).toEqual([id]);
        });
      }
    });

    describe('reading', () => {
      it('records stream, revision, position, id, type, data, metadata and time', async () => {
        const stream = s('payment');
        const id = randomUUID();
        const before = Date.now();
        const r = await store.append(
          stream,
          [{ id, type: 'PaymentRecorded', data: { amount: '120000' }, metadata: { actor: 'gw' } }],
          'no_stream',
        );
        const [e] = await store.readStream(stream);
        expect(e).toMatchObject({
          stream,
          revision: 0,
          position: r.position,
          id,
          type: 'PaymentRecorded',
          data: { amount: '120000' },
          metadata: { actor: 'gw' },
        });
        expect(e!.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      });

      it('an unknown stream reads as empty', async () => {
        expect(await store.readStream(s('nothing'))).toEqual([]);
      });

      it('reads a stream from a given revision', async () => {
        const stream = s('office');
        await store.append(stream, [ev('A'), ev('B'), ev('C')], 'no_stream');
        const tail = await store.readStream(stream, { fromRevision: 1 });
        expect(tail.map((e) => e.type)).toEqual(['B', 'C']);
      });

      it('$all is in strictly increasing position order across streams', async () => {
        const start = await store.headPosition();
        const a = s('alpha');
        const b = s('beta');
        await store.append(a, [ev('A1')], 'no_stream');
        await store.append(b, [ev('B1'), ev('B2')], 'no_stream');
        await store.append(a, [ev('A2')], 0);
        const all = await store.readAll({ after: start, limit: 100 });
        expect(all.map((e) => e.type)).toEqual(['A1', 'B1', 'B2', 'A2']);
        for (let i = 1; i < all.length; i++) {
          expect(all[i]!.position).toBeGreaterThan(all[i - 1]!.position);
        }
        expect(await store.headPosition()).toBe(all[all.length - 1]!.position);
      });

      it('pages through $all with after and limit', async () => {
        const start = await store.headPosition();
        const stream = s('page');
        await store.append(
          stream,
          Array.from({ length: 7 }, (_, i) => ev(`E${i}`)),
          'no_stream',
        );
        const first = await store.readAll({ after: start, limit: 3 });
        const second = await store.readAll({ after: first[2]!.position, limit: 3 });
        expect([...first, ...second].map((e) => e.type)).toEqual([
          'E0',
          'E1',
          'E2',
          'E3',
          'E4',
          'E5',
        ]);
      });

      it('filters $all by event type and by stream prefix', async () => {
        const start = await store.headPosition();
        const tag = randomUUID().slice(0, 8);
        await store.append(`tariff-${tag}`, [ev('TariffApproved'), ev('TariffNoted')], 'no_stream');
        await store.append(`payment-${tag}`, [ev('PaymentRecorded')], 'no_stream');
        const byType = await store.readAll({
          after: start,
          filter: { eventTypes: ['TariffApproved', 'PaymentRecorded'] },
        });
        expect(byType.map((e) => e.type)).toEqual(['TariffApproved', 'PaymentRecorded']);
        const byPrefix = await store.readAll({
          after: start,
          filter: { streamPrefixes: ['tariff-'] },
        });
        expect(byPrefix.map((e) => e.type)).toEqual(['TariffApproved', 'TariffNoted']);
      });
    });

    describe('subscription', () => {
      it('catches up, then follows live appends with no gap and no duplicate', async () => {
        const start = await store.headPosition();
        const tag = `sub${randomUUID().slice(0, 8)}-`;
        await store.append(`${tag}1`, [ev('Old1'), ev('Old2')], 'no_stream');
        const seen: RecordedEvent[] = [];
        let wanted = 0;
        let reached: () => void = () => undefined;
        const enough = new Promise<void>((r) => (reached = r));
        const sub = store.subscribe({ after: start, filter: { streamPrefixes: [tag] } }, (e) => {
          seen.push(e);
          if (seen.length === wanted) reached();
        });
        await sub.caughtUp;
        expect(seen.map((e) => e.type)).toEqual(['Old1', 'Old2']);
        wanted = 2 + 30;
        await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            store.append(`${tag}${i + 2}`, [ev(`Live${i}`)], 'no_stream'),
          ),
        );
        await enough;
        await sub.stop();
        const positions = seen.map((e) => e.position);
        expect(new Set(positions).size).toBe(positions.length);
        expect([...positions].sort((x, y) => x - y)).toEqual(positions);
        expect(seen.filter((e) => e.type.startsWith('Live'))).toHaveLength(30);
      });

      it('a failing handler ends the subscription with the error', async () => {
        await store.append(s('boom'), [ev('A')], 'no_stream');
        const sub = store.subscribe({}, () => {
          throw new Error('handler failed');
        });
        await expect(sub.done).rejects.toThrow('handler failed');
      });
    });

    describe('concurrency and payloads', () => {
      it('of many concurrent appends to one stream at the same revision, exactly one wins', async () => {
        const stream = s('payment');
        await store.append(stream, [ev('Opened')], 'no_stream');
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) => store.append(stream, [ev(`Try${i}`)], 0)),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results) {
          if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrencyError);
        }
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('stores and returns a 1 MB payload intact', async () => {
        const stream = s('big');
        const blob = 'x'.repeat(1024 * 1024);
        await store.append(stream, [ev('Big', { blob })], 'no_stream');
        const [e] = await store.readStream(stream);
        expect((e!.data as { blob: string }).blob).toHaveLength(blob.length);
      });

      it('round-trips Persian text and digits', async () => {
        const stream = s('agency');
        const data = {
          name: 'سازمان ثبت اسناد و املاک کشور',
          code: '۱۲۳۴۵',
          mixed: 'دفتر ٤٥٦ Tehran',
        };
        await store.append(stream, [ev('AgencyRegistered', data)], 'no_stream');
        const [e] = await store.readStream(stream);
        expect(e!.data).toEqual(data);
      });
    });

    describe('reading up to a head under concurrent appends', () => {
      const nextMacrotask = () => new Promise<void>((r) => setImmediate(r));

      /**
       * What a projection relies on: take the head, then page through `readAll` until a page
       * comes back short; every matching event at or below that head is then in the pages,
       * once. Checked while appends of every size are still committing.
       */
      it('pages read after a head hold every matching event at or below it exactly once', async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.array(
              fc.record({
                appends: fc.integer({ min: 1, max: 24 }),
                events: fc.integer({ min: 1, max: 3 }),
                type: fc.constantFrom('Alpha', 'Beta', 'Gamma'),
              }),
              { minLength: 2, maxLength: 8 },
            ),
            fc.subarray(['Alpha', 'Beta', 'Gamma'], { minLength: 1 }),
            fc.integer({ min: 1, max: 40 }),
            async (waves, types, limit) => {
              const start = await store.headPosition();
              const snapshots: Array<{ head: number; read: number[] }> = [];
              let writing = true;
              const writer = (async () => {
                const acknowledged: Array<Promise<unknown>> = [];
                for (const wave of waves) {
                  for (let i = 0; i < wave.appends; i++) {
                    const batch = Array.from({ length: wave.events }, () => ev(wave.type));
                    acknowledged.push(store.append(s('race'), batch, 'no_stream'));
                  }
                  await nextMacrotask();
                }
                await Promise.all(acknowledged);
                writing = false;
              })();
              do {
                const head = await store.headPosition();
                const read: number[] = [];
                for (let after = start; ;) {
                  const page = await store.readAll({ after, filter: { eventTypes: types }, limit });
                  read.push(...page.map((e) => e.position));
                  if (page.length < limit) break;
                  after = page[page.length - 1]!.position;
                }
                snapshots.push({ head, read });
                await nextMacrotask();
              } while (writing);
              await writer;
              const log = await store.readAll({ after: start, limit: 100_000 });
              const matching = log.filter((e) => types.includes(e.type)).map((e) => e.position);
              for (const { head, read } of snapshots) {
                expect(read.filter((p) => p <= head)).toEqual(matching.filter((p) => p <= head));
              }
            },
          ),
          { numRuns: 25 },
        );
      });
    });

    it('closing and reopening keeps everything', async () => {
      const stream = s('durable');
      const r = await store.append(stream, [ev('A', { n: 1 }), ev('B', { n: 'دو' })], 'no_stream');
      await store.close();
      store = await harness.reopen();
      const events = await store.readStream(stream);
      expect(events.map((e) => e.data)).toEqual([{ n: 1 }, { n: 'دو' }]);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(r.position);
      const next = await store.append(stream, [ev('C')], 1);
      expect(next.nextRevision).toBe(2);
      expect(next.position).toBeGreaterThan(r.position);
    });
  });
}
