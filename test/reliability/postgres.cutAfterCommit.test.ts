import { postgresEventStore, type EventStore } from '../../src/shared/eventStore';
import { paymentServer, type PaymentServer } from '../support/paymentServer';
import { services } from '../support/payments';
import { describeWithPostgres, dropSchema, postgresProxy, randomSchema } from '../support/postgres';
import type { TcpProxy } from '../support/tcpProxy';

/**
 * The store is cut off between a payment's COMMIT and the payment's answer. The payment is
 * written, but its answer must not wait for the store to come back: it answers 503
 * store-unavailable at once, and its re-send with the same key after the cut is a replay. A
 * request that waited instead would hold a gateway that is itself waiting for its requests to
 * end before it retries, until REQUEST_TIMEOUT_MS (the stall the fault test used to tolerate).
 */
describeWithPostgres('a payment whose store is cut off right after its commit', () => {
  const schema = randomSchema();
  let proxy: TcpProxy;
  let app: PaymentServer;
  /** Set to cut the store off as soon as the next payment's append is answered. */
  let cutAfterNextPayment = false;
  let cut: Promise<void> | undefined;

  beforeAll(async () => {
    let url: string;
    ({ proxy, url } = await postgresProxy());
    const pg = await postgresEventStore({ connectionString: url, schema });
    const store: EventStore = {
      ...pg,
      async append(stream, events, expected) {
        const result = await pg.append(stream, events, expected);
        if (cutAfterNextPayment && stream.startsWith('payment-')) {
          cutAfterNextPayment = false;
          cut = proxy.cut('refuse');
          await cut;
        }
        return result;
      },
    };
    // Far above any wait of the store's own (5 s), so a timeout here means a wait with no bound.
    app = await paymentServer(store, 20_000);
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await dropSchema(schema);
  });

  it('answers 503 store-unavailable at once, and the re-send after the cut is a replay', async () => {
    const raw = JSON.stringify({
      rrn: '700000000001',
      stan: '000001',
      transactionTime: new Date(app.t.clock.now().getTime() - 60_000).toISOString(),
      serviceCode: services.good,
      quantity: 1,
      occurrence: 1,
      amount: '1600000',
      maskedCard: '603799******1234',
    });
    cutAfterNextPayment = true;

    const first = await app.post(raw, 'cut-after-commit', 0);
    expect(first.status).toBe(503);
    expect(first.body.code).toBe('store-unavailable');

    expect(cut).toBeDefined();
    await cut;
    await proxy.restore();
    const again = await app.post(raw, 'cut-after-commit', 1);
    expect(again.status).toBe(201);
    expect(again.replayed).toBe(true);
  }, 30_000);
});
