import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { sqliteEventStore } from '../../src/shared/eventStore';
import { sign } from '../../src/shared/http/auth';
import { startTestApp, type TestApp } from '../support/app';
import {
  payment,
  paymentWorld,
  recordedPayments,
  signedPost,
  signedRaw,
  type PaymentWorld,
  type Terminal,
} from '../support/payments';
import { stuckStore } from '../support/stuckStore';

/**
 * The payment POSTs are served by the direct lane when they are plain (JSON in UTF-8, no
 * content coding, a declared length) and by express otherwise. A gzip-coded body is the
 * simplest way to send the same request the express way: both ends must answer alike and
 * share one idempotency, one signature memory and one rate budget.
 */
const send = (
  t: TestApp,
  caller: Terminal | { authorization: string },
  raw: string,
  options: { gzip?: boolean; path?: string; signedAs?: { ts: string; signature: string } } = {},
) => signedRaw(t, caller, options.path ?? '/v1/payments', raw, options);

const answerOf = (res: request.Response) => ({
  status: res.status,
  type: res.headers['content-type'] as string,
  body: { ...(res.body as object), instance: undefined, requestId: undefined },
});

describe('payment POSTs on the direct lane and through express', () => {
  let t: TestApp;
  let w: PaymentWorld;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-19T08:00:00Z' });
    w = await paymentWorld(t);
    t.clock.set('2026-11-29T08:00:00Z');
  });
  afterAll(() => t.close());

  it('a payment recorded one way is a replay the other way, in both directions', async () => {
    const first = JSON.stringify(payment(t));
    const viaLane = await send(t, w.good, first).expect(201);
    const againViaExpress = await send(t, w.good, first, { gzip: true }).expect(201);
    expect(againViaExpress.headers['idempotent-replayed']).toBe('true');
    expect(againViaExpress.body).toEqual(viaLane.body);

    const second = JSON.stringify(payment(t));
    const viaExpress = await send(t, w.good, second, { gzip: true }).expect(201);
    expect(viaExpress.headers['idempotent-replayed']).toBeUndefined();
    const againViaLane = await send(t, w.good, second).expect(201);
    expect(againViaLane.headers['idempotent-replayed']).toBe('true');
    expect(againViaLane.body).toEqual(viaExpress.body);
  });

  it('answers every refusal exactly as express does, and records none of them', async () => {
    const before = await recordedPayments(t);
    const regulator = { authorization: w.a.regulator };
    const unsigned = { authorization: w.good.authorization };
    const cases: Array<[string, Terminal | { authorization: string }, string, number, string]> = [
      ['malformed JSON', w.good, '{"rrn":', 400, 'malformed-json'],
      ['a JSON string, not an object', w.good, '"payment"', 400, 'malformed-json'],
      ['a JSON array', w.good, '[]', 400, 'validation'],
      ['an empty body', w.good, '', 400, 'validation'],
      ['an unknown field', w.good, JSON.stringify({ ...payment(t), tip: '1' }), 400, 'validation'],
      [
        'an amount that is not rials',
        w.good,
        JSON.stringify(payment(t, { amount: 'x' })),
        400,
        'validation',
      ],
      ['no signature', unsigned, JSON.stringify(payment(t)), 401, 'unauthorized'],
      [
        'a role that may not record payments',
        regulator,
        JSON.stringify(payment(t)),
        403,
        'forbidden',
      ],
    ];
    for (const [what, who, raw, status, code] of cases) {
      const lane = await send(t, who, raw);
      const express = await send(t, who, raw, { gzip: true });
      expect({ what, ...answerOf(lane) }).toEqual({ what, ...answerOf(express) });
      expect({ what, status: lane.status, code: (lane.body as { code: string }).code }).toEqual({
        what,
        status,
        code,
      });
      expect(lane.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(lane.body).toMatchObject({ instance: '/v1/payments' });
      expect(lane.body.requestId).toBe(lane.headers['x-request-id']);
    }
    expect(await recordedPayments(t)).toBe(before);
  });

  it('a signature used on one end is refused on the other: one replay memory', async () => {
    const raw = JSON.stringify(payment(t));
    const ts = String(Math.floor(t.clock.now().getTime() / 1000));
    const signedAs = { ts, signature: sign(w.good.secret, ts, 'POST', '/v1/payments', raw) };
    await send(t, w.good, raw, { signedAs }).expect(201);
    const replayed = await send(t, w.good, raw, { signedAs, gzip: true }).expect(401);
    expect(replayed.body).toMatchObject({
      code: 'unauthorized',
      detail: expect.stringMatching(/^This signature was already used: sign a retry anew/),
    });

    const other = JSON.stringify(payment(t));
    const otherAs = { ts, signature: sign(w.good.secret, ts, 'POST', '/v1/payments', other) };
    await send(t, w.good, other, { signedAs: otherAs, gzip: true }).expect(201);
    await send(t, w.good, other, { signedAs: otherAs }).expect(401);
  });

  it('gives a lane answer the edge’s headers, echoes the request id, and logs one line by route template', async () => {
    const res = await signedPost(t, w.good, '/v1/payments', payment(t), {
      'X-Request-Id': 'gateway-req-42',
    }).expect(201);
    expect(res.headers).toMatchObject({
      'x-request-id': 'gateway-req-42',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
      'content-type': 'application/json; charset=utf-8',
    });
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const lines = t.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.reqId === 'gateway-req-42');
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'request',
        method: 'POST',
        route: '/v1/payments',
        status: 201,
        role: 'gateway',
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain(w.good.secret);
  });

  it('a batch too large for BODY_LIMIT and a single over the gateway budget are refused the same on both ends', async () => {
    const small = await startTestApp({
      now: '2026-11-19T08:00:00Z',
      deps: { bodyLimit: '2kb', credentialLimits: { perMinute: 1200, gatewayPerMinute: 40 } },
    });
    try {
      const world = await paymentWorld(small);
      small.clock.set('2026-11-29T08:00:00Z');
      const batch = JSON.stringify({ items: Array.from({ length: 12 }, () => payment(small)) });
      expect(batch.length).toBeGreaterThan(2048);
      const tooLarge = await send(small, world.good, batch, { path: '/v1/payments/batches' });
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body).toMatchObject({ code: 'payload-too-large' });

      small.clock.advance(60_000);
      for (let i = 0; i < 40; i++)
        await send(small, world.good, JSON.stringify(payment(small)), { gzip: i % 2 === 1 }).expect(
          201,
        );
      const before = await recordedPayments(small);
      for (const gzip of [false, true]) {
        const refused = await send(small, world.good, JSON.stringify(payment(small)), { gzip });
        expect(refused.status).toBe(429);
        expect(refused.headers['retry-after']).toBeDefined();
      }
      expect(await recordedPayments(small)).toBe(before);
    } finally {
      await small.close();
    }
  });

  it('a payment stuck on the store gets 503 request-timeout from the lane; once the store answers, its retry is a replay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pishkhan-lane-timeout-'));
    const inner = sqliteEventStore(join(dir, 'events.sqlite'));
    const { store, stick, release } = stuckStore(inner);
    const slow = await startTestApp({
      store,
      now: '2026-11-19T08:00:00Z',
      deps: { requestTimeoutMs: 300 },
    });
    try {
      const world = await paymentWorld(slow);
      slow.clock.set('2026-11-29T08:00:00Z');
      const raw = JSON.stringify(payment(slow));
      stick();
      const timedOut = await send(slow, world.good, raw).timeout(10_000);
      expect(timedOut.status).toBe(503);
      expect(timedOut.body).toMatchObject({ code: 'request-timeout', instance: '/v1/payments' });
      expect(timedOut.headers['retry-after']).toBe('1');
      release();
      const settled = async (): Promise<request.Response> => {
        const res = await send(slow, world.good, raw);
        return res.status === 409 ? settled() : res;
      };
      const retried = await settled();
      expect(retried.status).toBe(201);
      expect(retried.headers['idempotent-replayed']).toBe('true');
      expect(await recordedPayments(slow)).toBe(1);
    } finally {
      release();
      await slow.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
