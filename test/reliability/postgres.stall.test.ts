import {
  postgresEventStore,
  type EventStore,
  type RecordedEvent,
} from '../../src/shared/eventStore';
import { databaseUrl, describeWithPostgres, dropSchema, randomSchema } from '../support/postgres';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';

/**
 * A network that drops a flow without a FIN or an RST leaves a query waiting for an answer
 * that never comes. The store's queries give up (after 5 s) and its subscriptions read again
 * on a fresh connection, so read models do not freeze behind a dead connection.
 */
describeWithPostgres('postgres store behind a stalled connection', () => {
  const schema = randomSchema();
  let proxy: TcpProxy;
  let behind: EventStore;
  let direct: EventStore;

  beforeAll(async () => {
    proxy = await startTcpProxy({
      host: '127.0.0.1',
      port: Number(new URL(databaseUrl).port || 5432),
    });
    direct = await postgresEventStore({ connectionString: databaseUrl, schema });
    behind = await postgresEventStore({ connectionString: proxy.url(databaseUrl), schema });
  });
  afterAll(async () => {
    await behind.close();
    await direct.close();
    await proxy.close();
    await dropSchema(schema);
  });

  it('a subscription whose read hangs on a stalled connection reads again and sees the next event', async () => {
    const seen: RecordedEvent[] = [];
    let onEvent: () => void = () => undefined;
    const subscription = behind.subscribe({}, (e) => {
      seen.push(e);
      onEvent();
    });
    await subscription.caughtUp;
    await direct.append('stall-a', [{ type: 'Noted', data: { n: 1 } }], 'no_stream');
    await new Promise<void>((resolve) => {
      onEvent = resolve;
      if (seen.length > 0) resolve();
    });

    proxy.stall();
    await direct.append('stall-b', [{ type: 'Noted', data: { n: 2 } }], 'no_stream');
    await new Promise<void>((resolve) => {
      onEvent = () => {
        if (seen.some((e) => e.stream === 'stall-b')) resolve();
      };
      onEvent();
    });
    expect(seen.map((e) => e.stream)).toEqual(['stall-a', 'stall-b']);
    await subscription.stop();
  }, 30_000);
});
