import { eventStoreContract } from './eventStore.contract';
import { esdbCannot } from './esdbGaps';
import { esdbEventStore, exactLagEvents } from '../../src/shared/eventStore/adapters/esdb';
import { eventsBehind } from '../../src/shared/eventStore';
import type { createKurrentModel as CreateModel } from '../support/kurrentModel';

/**
 * The store contract run through the KurrentDB adapter against an in-process model of the
 * server (test/support/kurrentModel.ts): it proves the adapter's own logic (paging, inclusive
 * reads, catching up then following, idempotent positions, lag in events), not the server.
 * The run against a real server is test/contract/esdb.test.ts.
 */
const mockModel = (() => {
  const actual = jest.requireActual<typeof import('@kurrent/kurrentdb-client')>(
    '@kurrent/kurrentdb-client',
  );
  const { createKurrentModel } = jest.requireActual<{ createKurrentModel: typeof CreateModel }>(
    '../support/kurrentModel',
  );
  return createKurrentModel(actual);
})();

jest.mock('@kurrent/kurrentdb-client', () => ({
  ...jest.requireActual<object>('@kurrent/kurrentdb-client'),
  KurrentDBClient: { connectionString: () => mockModel.client() },
}));

describe('esdb adapter on a model of the server', () => {
  eventStoreContract('esdb (server model)', {
    open: async () => esdbEventStore('kurrentdb://model:2113?tls=false'),
    reopen: async () => esdbEventStore('kurrentdb://model:2113?tls=false'),
    cannot: esdbCannot,
  });

  describe('projection lag', () => {
    it('counts events, not log bytes, and leaves system events out', async () => {
      const store = esdbEventStore('kurrentdb://model:2113?tls=false');
      try {
        const from = await store.headPosition();
        for (let i = 0; i < 7; i++) {
          await store.append(`lag-${i}-${from}`, [{ type: 'A', data: { i } }], 'no_stream');
        }
        const head = await store.headPosition();
        expect(head - from).toBeGreaterThan(7 * 100);
        expect(mockModel.log.some((e) => e.position.commit > from && e.type.startsWith('$'))).toBe(
          true,
        );
        expect(await eventsBehind(store, from, head)).toBe(7);
        expect(await eventsBehind(store, head, head)).toBe(0);
      } finally {
        await store.close();
      }
    });

    it(`past ${exactLagEvents} events, estimates the rest from the bytes per event counted`, async () => {
      const store = esdbEventStore('kurrentdb://model:2113?tls=false');
      try {
        const from = await store.headPosition();
        const total = exactLagEvents + 2_000;
        const batch = Array.from({ length: 500 }, () => ({ type: 'Same', data: { pad: 'x' } }));
        for (let i = 0; i < total / batch.length; i++) {
          await store.append(`estimate-${from}-${i}`, batch, 'no_stream');
        }
        const lag = await eventsBehind(store, from, await store.headPosition());
        expect(lag).toBeGreaterThanOrEqual(total * 0.98);
        expect(lag).toBeLessThanOrEqual(total * 1.02);
      } finally {
        await store.close();
      }
    });
  });
});
