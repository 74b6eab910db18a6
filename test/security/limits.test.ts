import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import request from 'supertest';
import { sqliteEventStore } from '../../src/shared/eventStore';
import { startTestApp, type TestApp } from '../support/app';
import { ids } from '../support/licensing';
import { stuckStore } from '../support/stuckStore';
import { payment, paymentWorld, signedPost, type PaymentWorld } from '../support/payments';

const isProblem = (res: request.Response, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: `/problems/${code}` });
};

describe('limits: per-credential rate limits, body, batch and page sizes', () => {
  let t: TestApp;
  let w: PaymentWorld;
  beforeAll(async () => {
    t = await startTestApp({
      now: '2026-11-29T08:00:00Z',
      deps: { credentialLimits: { perMinute: 40, gatewayPerMinute: 6 } },
    });
    w = await paymentWorld(t);
    t.clock.advance(10 * 60_000);
  }, 60_000);
  afterAll(() => t.close());

  it('a person’s credential over its budget gets 429 with Retry-After; other credentials are unaffected; the next window accepts again', async () => {
    const mine = (await t.tokenFor('areo')).authorization;
    const other = (await t.tokenFor('areo')).authorization;
    for (let i = 0; i < 40; i++)
      await request(t.app).get('/v1/me').set('Authorization', mine).expect(200);
    const refused = await request(t.app).get('/v1/me').set('Authorization', mine);
    isProblem(refused, 429, 'rate-limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    await request(t.app).get('/v1/me').set('Authorization', other).expect(200);
    t.clock.advance(60_000);
    await request(t.app).get('/v1/me').set('Authorization', mine).expect(200);
  });

  it('a gateway over its budget gets 429 and nothing is recorded; the refusal comes before the payment is read', async () => {
    t.clock.advance(60_000);
    for (let i = 0; i < 6; i++) await signedPost(t, w.good, '/v1/payments', payment(t)).expect(201);
    const head = await t.store.headPosition();
    const refused = await signedPost(t, w.good, '/v1/payments', payment(t));
    isProblem(refused, 429, 'rate-limited');
    expect(refused.headers['retry-after']).toBeDefined();
    expect(await t.store.headPosition()).toBe(head);
    t.clock.advance(60_000);
  });

  it('a body over BODY_LIMIT is 413 problem+json and records nothing', async () => {
    const head = await t.store.headPosition();
    const huge = JSON.stringify({ role: 'areo', label: 'x'.repeat(1_100_000) });
    const res = await request(t.app)
      .post('/v1/credentials')
      .set('Authorization', w.a.regulator)
      .set('Content-Type', 'application/json')
      .send(huge);
    isProblem(res, 413, 'payload-too-large');
    expect(await t.store.headPosition()).toBe(head);
  });

  it('a batch of 1,001 payments is refused whole (400); a page over its limit (payments 500, registry lists 200) is 400', async () => {
    t.clock.advance(60_000);
    const head = await t.store.headPosition();
    const items = Array.from({ length: 1001 }, () => payment(t));
    isProblem(await signedPost(t, w.good, '/v1/payments/batches', { items }), 400, 'validation');
    expect(await t.store.headPosition()).toBe(head);
    isProblem(
      await request(t.app).get('/v1/payments?limit=501').set('Authorization', w.a.regulator),
      400,
      'validation',
    );
    isProblem(
      await request(t.app).get('/v1/offices?limit=201').set('Authorization', w.a.regulator),
      400,
      'validation',
    );
    await request(t.app)
      .get('/v1/payments?limit=500')
      .set('Authorization', w.a.regulator)
      .expect(200);
    await request(t.app)
      .get('/v1/offices?limit=200')
      .set('Authorization', w.a.regulator)
      .expect(200);
  });
});

describe('security headers', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('every API answer forbids scripts, framing, sniffing and shared caching; no HSTS unless configured', async () => {
    t = await startTestApp();
    const regulator = (await t.tokenFor('regulator')).authorization;
    for (const res of [
      await request(t.app).get('/v1/me').set('Authorization', regulator),
      await request(t.app).get('/v1/nothing-here'),
    ]) {
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      );
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('with HSTS_MAX_AGE set, answers carry Strict-Transport-Security', async () => {
    t = await startTestApp({ deps: { hstsMaxAge: 31_536_000 } });
    const res = await request(t.app).get('/healthz').expect(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });
});

describe('request timeout', () => {
  it('a request stuck on the store is answered 503 problem+json with Retry-After after REQUEST_TIMEOUT_MS, and the node keeps serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pishkhan-timeout-'));
    const inner = sqliteEventStore(join(dir, 'events.sqlite'));
    const { store, stick, release } = stuckStore(inner);
    const t = await startTestApp({ store, deps: { requestTimeoutMs: 300 } });
    try {
      const regulator = (await t.tokenFor('regulator')).authorization;
      stick();
      // A client-side bound, so a missing server timeout fails this test instead of hanging it.
      const res = await request(t.app)
        .post('/v1/agencies')
        .timeout(10_000)
        .set('Authorization', regulator)
        .send({
          agencyId: 'slow-agency',
          nameFa: 'کند',
          nameEn: 'Slow',
          legalId: ids.legalA,
          treasuryIban: ids.iban,
          fees: [],
        });
      isProblem(res, 503, 'request-timeout');
      expect(res.headers['retry-after']).toBe('1');
      await request(t.app).get('/v1/me').set('Authorization', regulator).expect(200);
    } finally {
      release();
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
