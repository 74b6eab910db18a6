import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { paymentIdOf } from '../../src/payments';
import type { IdempotencyKeyClaimed } from '../../contracts/events';
import { keyClaimStream } from '../../src/payments/keyClaim';
import { postgresEventStore, sqliteEventStore, type EventStore } from '../../src/shared/eventStore';
import { databaseUrl, describeWithPostgres, dropSchema, randomSchema } from '../support/postgres';
import { parseInstant } from '../../src/shared/jalaliPeriod';
import { startTestApp, type TestApp } from '../support/app';
import {
  nextRrn,
  payment,
  paymentWorld,
  recordedPayments,
  services,
  signedPost,
  type PaymentWorld,
} from '../support/payments';

interface Backend {
  /** A new connection to the one shared log. */
  open(dir: string): Promise<EventStore>;
  dispose(): Promise<void>;
}

/** Two API nodes on one log, as two processes behind a balancer would be; the world built on A. */
async function twoNodes(backend: Backend) {
  const dir = mkdtempSync(join(tmpdir(), 'pishkhan-nodes-'));
  const a = await startTestApp({ store: await backend.open(dir), now: '2026-11-19T08:00:00Z' });
  const w = await paymentWorld(a);
  a.clock.set('2026-11-29T08:00:00Z');
  const b = await startTestApp({
    store: await backend.open(dir),
    now: '2026-11-29T08:00:00Z',
    deps: { secrets: a.deps.secrets },
  });
  return {
    a,
    b,
    w,
    async close() {
      await b.close();
      await a.close();
      await backend.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const sqliteFile: Backend = {
  open: async (dir) => sqliteEventStore(join(dir, 'events.sqlite')),
  dispose: async () => undefined,
};

function acrossNodes(backend: Backend) {
  let nodes: Awaited<ReturnType<typeof twoNodes>>;
  let a: TestApp;
  let b: TestApp;
  let w: PaymentWorld;
  const pay = (node: TestApp, body: object, key: string) =>
    signedPost(node, w.good, '/v1/payments', body, { 'Idempotency-Key': key });
  const recorded = () => recordedPayments(a);

  beforeAll(async () => {
    nodes = await twoNodes(backend);
    ({ a, b, w } = nodes);
  });
  afterAll(() => nodes.close());

  it('names one payment: another body under a key node A used is 422 on node B, the same body a replay', async () => {
    const body = payment(a);
    const first = await pay(a, body, 'k-nodes-1').expect(201);
    const before = await recorded();
    const other = await pay(b, { ...body, rrn: nextRrn() }, 'k-nodes-1').expect(422);
    expect(other.body.code).toBe('idempotency-mismatch');
    expect(await recorded()).toBe(before);
    const again = await pay(b, body, 'k-nodes-1').expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
  });

  it('concurrent requests with one key and different bodies on both nodes write exactly one payment', async () => {
    const before = await recorded();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => pay(i % 2 ? b : a, payment(a), 'k-nodes-race')),
    );
    expect(await recorded()).toBe(before + 1);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 409 || s === 422)).toBe(true);
  });

  describe('a claim whose payment was never written (the node crashed in between)', () => {
    const claimFor = async (key: string, paymentId: string, ageMs: number) => {
      const event: IdempotencyKeyClaimed = {
        type: 'IdempotencyKeyClaimed',
        terminalId: w.good.terminalId,
        paymentId,
        claimedAt: new Date(a.clock.now().getTime() - ageMs).toISOString(),
      };
      await a.store.append(
        keyClaimStream(w.good.terminalId, key),
        [{ type: event.type, data: event }],
        'no_stream',
      );
    };
    const idOf = (body: { rrn: string; transactionTime: string }) =>
      paymentIdOf(w.good.terminalId, body.rrn, parseInstant(body.transactionTime)!);

    it('lets the retry of that same payment through', async () => {
      const body = payment(a);
      await claimFor('k-crashed', idOf(body), 5_000);
      const before = await recorded();
      const answer = await pay(b, body, 'k-crashed').expect(201);
      expect(answer.headers['idempotent-replayed']).toBeUndefined();
      expect(await recorded()).toBe(before + 1);
    });

    it('answers another body 409 while the claim is fresh and 422 once it is abandoned', async () => {
      const claimed = payment(a);
      await claimFor('k-fresh', idOf(claimed), 5_000);
      await claimFor('k-abandoned', idOf(payment(a)), 120_000);
      const before = await recorded();
      expect((await pay(b, payment(a), 'k-fresh').expect(409)).body.code).toBe(
        'idempotency-in-progress',
      );
      expect((await pay(a, payment(a), 'k-abandoned').expect(422)).body.code).toBe(
        'idempotency-mismatch',
      );
      expect(await recorded()).toBe(before);
    });
  });
}

describe('an Idempotency-Key across API nodes on one SQLite file', () => acrossNodes(sqliteFile));

describeWithPostgres('an Idempotency-Key across API nodes on one PostgreSQL log', () => {
  const schema = randomSchema();
  acrossNodes({
    open: () => postgresEventStore({ connectionString: databaseUrl, schema }),
    dispose: () => dropSchema(schema),
  });
});

describe('a complaint resolved on one node refunds a payment recorded moments ago on another', () => {
  let nodes: Awaited<ReturnType<typeof twoNodes>>;
  let a: TestApp;
  let b: TestApp;
  let w: PaymentWorld;
  beforeAll(async () => {
    nodes = await twoNodes(sqliteFile);
    ({ a, b, w } = nodes);
  });
  afterAll(() => nodes.close());

  it('node B finds the payment in the log instead of refusing the refund', async () => {
    const filed = await request(b.app)
      .post('/v1/public/complaints')
      .send({
        kind: 'complaint',
        topic: 'overcharge',
        subject: { kind: 'office', officeId: w.good.officeId, serviceCode: services.good },
        description: 'I was charged more than the tariff.',
        contact: { name: 'Maryam Ahmadi', mobile: '09121234567' },
      })
      .expect(201);
    const list = await request(b.app)
      .get('/v1/complaints')
      .set('Authorization', w.a.regulator)
      .expect(200);
    const complaint = (
      list.body.items as Array<{ complaintId: string; trackingCode?: string }>
    )[0]!;
    expect(filed.body.trackingCode).toBeDefined();
    const url = `/v1/complaints/${complaint.complaintId}`;
    await request(b.app)
      .post(`${url}/review`)
      .set('Authorization', w.a.regulator)
      .send({ reason: 'provincial desk' })
      .expect(200);

    const paid = await signedPost(
      a,
      w.good,
      '/v1/payments',
      payment(a, { amount: '1800000' }),
    ).expect(201);
    const resolved = await request(b.app)
      .post(`${url}/resolve`)
      .set('Authorization', w.a.regulator)
      .send({
        outcome: 'upheld',
        remedies: [{ kind: 'refund', paymentId: paid.body.paymentId as string, amount: '79267' }],
        reason: 'charged above the approved tariff',
      })
      .expect(200);
    expect(resolved.body.refunds).toEqual([
      expect.objectContaining({ paymentId: paid.body.paymentId, recordedInLedger: true }),
    ]);
  });
});
