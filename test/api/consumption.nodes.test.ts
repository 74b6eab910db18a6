import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { postgresEventStore, type EventStore } from '../../src/shared/eventStore';
import { startTestApp, type TestApp } from '../support/app';
import { databaseUrl, describeWithPostgres, dropSchema, randomSchema } from '../support/postgres';
import { payment, paymentWorld, signedPost, type PaymentWorld } from '../support/payments';

interface Backend {
  open(dir: string): Promise<EventStore>;
  dispose(): Promise<void>;
}

/**
 * A payment is consumed once however many API nodes an agency's requests reach at once: the
 * consumption is decided in the payment's own stream and appended at the revision read, so
 * of concurrent attempts on every node exactly one is written. Several API nodes run on one
 * PostgreSQL; two writers on one SQLite file are not a deployment (50 concurrent appends from
 * two connections there meet `database is locked`).
 */
function consumedOnceAcrossNodes(backend: Backend) {
  const dir = mkdtempSync(join(tmpdir(), 'pishkhan-consume-'));
  let a: TestApp;
  let b: TestApp;
  let w: PaymentWorld;
  let agency: string;

  beforeAll(async () => {
    a = await startTestApp({ store: await backend.open(dir), now: '2026-11-19T08:00:00Z' });
    w = await paymentWorld(a);
    a.clock.set('2026-11-29T08:00:00Z');
    b = await startTestApp({
      store: await backend.open(dir),
      now: '2026-11-29T08:00:00Z',
      deps: { secrets: a.deps.secrets },
    });
    agency = (await a.tokenFor('agency', { agencyId: 'traffic' })).authorization;
    await b.deps.readModels.credentials.ensure(await a.store.headPosition());
  }, 60_000);
  afterAll(async () => {
    await b.close();
    await a.close();
    await backend.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const consume = (node: TestApp, paymentId: string, deliveryReference: string) =>
    request(node.app)
      .post(`/v1/payments/${paymentId}/consumptions`)
      .set('Authorization', agency)
      .send({ deliveryReference });
  const consumedIn = async (paymentId: string) =>
    (await a.store.readStream(`payment-${paymentId}`)).filter((e) => e.type === 'PaymentConsumed');
  const summary = (answers: request.Response[]) =>
    answers
      .map(
        (r) =>
          `${r.status} ${r.status === 201 ? '' : ((r.body as { detail?: string }).detail ?? '')}`,
      )
      .join(', ');

  it('50 concurrent attempts with 50 delivery references on two nodes: one consumes, 49 are told which delivery did', async () => {
    const paid = await signedPost(a, w.good, '/v1/payments', payment(a)).expect(201);
    const paymentId = paid.body.paymentId as string;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => consume(i % 2 ? b : a, paymentId, `D-${i}`)),
    );
    const won = answers.filter((r) => r.status === 201);
    const lost = answers.filter((r) => r.status === 409);
    expect([won.length, lost.length, summary(answers)]).toEqual([1, 49, summary(answers)]);
    const winner = (won[0]!.body as { consumption: { deliveryReference: string } }).consumption
      .deliveryReference;
    for (const r of lost)
      expect(r.body).toMatchObject({
        code: 'illegal-state',
        consumption: { deliveryReference: winner },
      });
    const events = await consumedIn(paymentId);
    expect(events).toHaveLength(1);
    expect((events[0]!.data as { deliveryReference: string }).deliveryReference).toBe(winner);
  });

  it('the same delivery reference sent 20 times at once on two nodes is written once; every other answer is the replay', async () => {
    const paid = await signedPost(a, w.good, '/v1/payments', payment(a)).expect(201);
    const paymentId = paid.body.paymentId as string;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => consume(i % 2 ? b : a, paymentId, 'D-SAME')),
    );
    expect(summary(answers)).toEqual(answers.map(() => '201 ').join(', '));
    expect(answers.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    expect(await consumedIn(paymentId)).toHaveLength(1);
  });

  it('a reversal racing consumptions on two nodes: either the reversal or one consumption wins, never both', async () => {
    const body = payment(a);
    const paid = await signedPost(a, w.good, '/v1/payments', body).expect(201);
    const paymentId = paid.body.paymentId as string;
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => consume(i % 2 ? b : a, paymentId, `R-${i}`)),
      signedPost(b, w.good, '/v1/payments/reversals', {
        rrn: body.rrn,
        transactionTime: body.transactionTime,
      }),
    ]);
    const events = (await a.store.readStream(`payment-${paymentId}`)).map((e) => e.type);
    expect(events.slice(1).length).toBe(1);
    expect([
      answers.filter((r) => r.status === 201).length,
      answers.filter((r) => r.status === 409).length,
      summary(answers),
    ]).toEqual([1, 10, summary(answers)]);
  });
}

describeWithPostgres('consumption once only across API nodes on one PostgreSQL log', () => {
  const schema = randomSchema();
  consumedOnceAcrossNodes({
    open: () => postgresEventStore({ connectionString: databaseUrl, schema }),
    dispose: () => dropSchema(schema),
  });
});
