import { eventStoreContract } from './eventStore.contract';
import { esdbEventStore } from '../../src/shared/eventStore/adapters/esdb';
import { StoreUnavailableError } from '../../src/shared/errors';

const connectionString = process.env.ESDB_CONNECTION_STRING ?? '';
if (!connectionString)
  console.warn('EventStoreDB contract run skipped: set ESDB_CONNECTION_STRING');

(connectionString ? describe : describe.skip)('esdb adapter', () => {
  eventStoreContract('esdb', {
    async open() {
      return esdbEventStore(connectionString);
    },
    // The server keeps everything, and the contract's streams are unique per test.
    async reopen() {
      return esdbEventStore(connectionString);
    },
  });
});

describe('esdb adapter without a server', () => {
  it('reports an unreachable server as StoreUnavailableError', async () => {
    const store = esdbEventStore('esdb://127.0.0.1:1?tls=false');
    try {
      await expect(
        store.append('payment-1', [{ type: 'A', data: {} }], 'any'),
      ).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.readStream('payment-1')).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await store.close();
    }
  });
});
