import { randomUUID } from 'node:crypto';
import { eventStoreContract } from './eventStore.contract';
import { postgresEventStore } from '../../src/shared/eventStore';
import type { EventStore } from '../../src/shared/eventStore';
import { StoreUnavailableError } from '../../src/shared/errors';
import { databaseUrl, describeWithPostgres, dropSchema, randomSchema } from '../support/postgres';

let schema = '';
const open = () => postgresEventStore({ connectionString: databaseUrl, schema });

describeWithPostgres('postgres adapter', () => {
  eventStoreContract('postgres', {
    async open() {
      schema = randomSchema();
      return open();
    },
    reopen: open,
    async cleanup() {
      await dropSchema(schema);
    },
  });

  describe('group commit', () => {
    let store: EventStore;
    beforeEach(async () => {
      schema = randomSchema();
      store = await open();
    });
    afterEach(async () => {
      await store.close();
      await dropSchema(schema);
    });

    it('commits appends of one tick in one transaction, each validated on its own', async () => {
      const taken = `payment-${randomUUID()}`;
      await store.append(taken, [{ type: 'Opened', data: {} }], 'no_stream');
      const results = await Promise.allSettled([
        ...Array.from({ length: 10 }, () =>
          store.append(`payment-${randomUUID()}`, [{ type: 'Recorded', data: {} }], 'no_stream'),
        ),
        store.append(taken, [{ type: 'Stale', data: {} }], 'no_stream'),
      ]);
      expect(results.map((r) => r.status)).toEqual([
        ...Array<string>(10).fill('fulfilled'),
        'rejected',
      ]);
      const recorded = await store.readAll({ filter: { eventTypes: ['Recorded'] } });
      expect(new Set(recorded.map((e) => e.recordedAt.getTime())).size).toBe(1);
      expect(recorded.map((e) => e.position)).toEqual(
        recorded.map((_, i) => recorded[0]!.position + i),
      );
    });

    it('a payload PostgreSQL refuses fails alone; the rest of its batch commits', async () => {
      const results = await Promise.allSettled([
        store.append(
          `bad-${randomUUID()}`,
          [{ type: 'Bad', data: { nul: '\u0000' } }],
          'no_stream',
        ),
        store.append(`good-${randomUUID()}`, [{ type: 'Good', data: {} }], 'no_stream'),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
      expect((await store.readAll()).map((e) => e.type)).toEqual(['Good']);
    });

    it('a retry arriving in the same tick as its first attempt gets the same answer', async () => {
      const stream = `payment-${randomUUID()}`;
      const events = [{ id: randomUUID(), type: 'Recorded', data: { n: 1 } }];
      const [first, again] = await Promise.all([
        store.append(stream, events, 'no_stream'),
        store.append(stream, events, 'no_stream'),
      ]);
      expect(again).toEqual(first);
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('refuses data that is not JSON without touching the batch', async () => {
      const results = await Promise.allSettled([
        store.append(`bad-${randomUUID()}`, [{ type: 'Bad', data: { n: 1n } }], 'no_stream'),
        store.append(`good-${randomUUID()}`, [{ type: 'Good', data: {} }], 'no_stream'),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    });

    it('refuses appends after close', async () => {
      await store.close();
      await expect(
        store.append(`x-${randomUUID()}`, [{ type: 'A', data: {} }], 'any'),
      ).rejects.toBeInstanceOf(StoreUnavailableError);
      store = await open();
    });
  });
});

describe('postgres adapter without a server', () => {
  it('reports an unreachable database as StoreUnavailableError', async () => {
    await expect(
      postgresEventStore({
        connectionString: 'postgres://postgres@127.0.0.1:1/none',
        schema: randomSchema(),
      }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('refuses a schema name it would have to quote', async () => {
    await expect(
      postgresEventStore({ connectionString: databaseUrl, schema: 'x"; DROP' }),
    ).rejects.toThrow('invalid schema name');
  });
});
