import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paymentIdOf } from '../../src/payments';
import { keyClaimStream, type IdempotencyKeyClaimed } from '../../src/payments/keyClaim';
import { postgresEventStore, sqliteEventStore, type EventStore } from '../../src/shared/eventStore';
import { databaseUrl, describeWithPostgres, dropSchema, randomSchema } from '../support/postgres';
import { parseInstant } from '../../src/shared/jalaliPeriod';
import { startTestApp, type TestApp } from '../support/app';
import {
  nextRrn,
  payment,
  paymentWorld,
  recordedPayments,
  signedPost,
  type PaymentWorld,
} from '../support/payments';

interface Backend {
  /** A new connection to the one shared log. */
  open(dir: string): Promise<EventStore>;
  dispose(): Promise<void>;
}

/** Two API nodes on one log, as two processes behind a balancer would be. */
function acrossNodes(backend: Backend) {
  let dir: string;
  let a: TestApp;
  let b: TestApp;
  let w: PaymentWorld;
  const pay = (node: TestApp, body: object, key: string) =>
    signedPost(node, w.good, '/v1/payments', body, { 'Idempotency-Key': key });
  const recorded = () => recordedPayments(a);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pishkhan-nodes-'));
    a = await startTestApp({ store: await backend.open(dir), now: '2026-11-19T08:00:00Z' });
    w = await paymentWorld(a);
    a.clock.set('2026-11-29T08:00:00Z');
    b = await startTestApp({
      store: await backend.open(dir),
      now: '2026-11-29T08:00:00Z',
      deps: { secrets: a.deps.secrets },
    });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await backend.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

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

describe('an Idempotency-Key across API nodes on one SQLite file', () =>
  acrossNodes({
    open: async (dir) => sqliteEventStore(join(dir, 'events.sqlite')),
    dispose: async () => undefined,
  }));

describeWithPostgres('an Idempotency-Key across API nodes on one PostgreSQL log', () => {
  const schema = randomSchema();
  acrossNodes({
    open: () => postgresEventStore({ connectionString: databaseUrl, schema }),
    dispose: () => dropSchema(schema),
  });
});
