import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { fixedClock } from '../../src/shared/clock';
import { postgresEventStore } from '../../src/shared/eventStore';
import { sign } from '../../src/shared/http/auth';
import { postgresRequestMemory } from '../../src/shared/http/postgresMemory';
import type { RequestMemory } from '../../src/shared/http/requestMemory';
import { secretBox } from '../../src/shared/secrets';
import { startTestApp, type TestApp } from '../support/app';
import { payment, paymentWorld, recordedPayments, type PaymentWorld } from '../support/payments';
import { databaseUrl, describeWithPostgres, dropSchema, randomSchema } from '../support/postgres';

/**
 * Two API nodes on one PostgreSQL schema, each with its own connections, as two processes
 * behind a balancer: the used signatures and the rate-limit counts are theirs together.
 */
describeWithPostgres('the request memory shared by two API nodes on PostgreSQL', () => {
  const schema = randomSchema();
  const secrets = secretBox(randomBytes(32));
  const perMinute = 4;
  const memories: RequestMemory[] = [];
  let a: TestApp;
  let b: TestApp;
  let w: PaymentWorld;

  async function node(now: string): Promise<TestApp> {
    const memory = await postgresRequestMemory({
      connectionString: databaseUrl,
      schema,
      clock: fixedClock(now),
      digestKey: secrets.derive('request-memory'),
      sweepMs: 0,
    });
    memories.push(memory);
    return startTestApp({
      store: await postgresEventStore({ connectionString: databaseUrl, schema }),
      now,
      deps: { secrets, memory, credentialLimits: { perMinute, gatewayPerMinute: 0 } },
    });
  }

  beforeAll(async () => {
    const builder = await startTestApp({
      store: await postgresEventStore({ connectionString: databaseUrl, schema }),
      now: '2026-11-19T08:00:00Z',
      deps: { secrets },
    });
    w = await paymentWorld(builder);
    await builder.close();
    a = await node('2026-11-29T08:00:30Z');
    b = await node('2026-11-29T08:00:30Z');
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    for (const m of memories) await m.close();
    await dropSchema(schema);
  });

  it('refuses on node B the signed payment node A accepted, and records it once', async () => {
    const raw = JSON.stringify(payment(a));
    const ts = String(Math.floor(a.clock.now().getTime() / 1000));
    const signature = sign(w.good.secret, ts, 'POST', '/v1/payments', raw);
    const send = (node: TestApp) =>
      request(node.app)
        .post('/v1/payments')
        .set({
          authorization: w.good.authorization,
          'content-type': 'application/json',
          'idempotency-key': 'k-replay-across',
          'x-pishkhan-timestamp': ts,
          'x-pishkhan-signature': signature,
        })
        .send(raw);
    const before = await recordedPayments(a);
    await send(a).expect(201);
    const replayed = await send(b).expect(401);
    expect(replayed.body.detail).toMatch(/already used/);
    expect(await recordedPayments(a)).toBe(before + 1);
  });

  it(`gives a credential limited to ${perMinute} a minute ${perMinute} in all across the two nodes`, async () => {
    const { authorization } = await a.tokenFor('regulator');
    await b.deps.readModels.credentials.ensure(await a.store.headPosition());
    const statuses: number[] = [];
    for (let i = 0; i < 2 * perMinute; i++) {
      const answer = await request((i % 2 ? b : a).app)
        .get('/v1/me')
        .set('Authorization', authorization);
      statuses.push(answer.status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(perMinute);
    expect(statuses.filter((s) => s === 429)).toHaveLength(perMinute);
  });
});
