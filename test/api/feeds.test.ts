import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookDispatcher, type WebhookDispatcher } from '../../src/feeds';
import { sign } from '../../src/shared/http/auth';
import type { TestApp } from '../support/app';
import { paymentBody, send, startTwoTenantApp, type World } from '../support/tenants';

interface Received {
  seq: number;
  type: string;
  webhookId: string;
  paymentId?: string;
  verified: boolean;
  delivery: string;
}

/**
 * A subscriber's receiver on a real port: it checks each delivery's signature with the secret
 * it was given, and answers as the test tells it (200, 500, or nothing at all).
 */
function receiver() {
  const secrets = new Map<string, string>();
  const got: Received[] = [];
  const hung: ServerResponse[] = [];
  let mode: 'ok' | 'fail' | 'hang' = 'ok';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = JSON.parse(raw.toString('utf8')) as {
        webhookId: string;
        item: { seq: number; type: string; data: { paymentId?: string } };
      };
      const secret = secrets.get(body.webhookId) ?? '';
      const ts = String(req.headers['x-pishkhan-timestamp'] ?? '');
      const verified =
        secret !== '' &&
        sign(secret, ts, 'POST', req.url ?? '', raw) === req.headers['x-pishkhan-signature'];
      got.push({
        seq: body.item.seq,
        type: body.item.type,
        webhookId: body.webhookId,
        ...(body.item.data.paymentId ? { paymentId: body.item.data.paymentId } : {}),
        verified,
        delivery: String(req.headers['x-pishkhan-delivery']),
      });
      if (!verified) return void res.writeHead(401).end();
      if (mode === 'hang') return void hung.push(res);
      res.writeHead(mode === 'ok' ? 204 : 500).end();
    });
  });
  return {
    got,
    secrets,
    set: (m: typeof mode) => (mode = m),
    async listen(): Promise<string> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async close(): Promise<void> {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe('feeds and webhooks for agencies and PSPs', () => {
  let t: TestApp;
  let w: World;
  let base: string;
  const rx = receiver();
  const agency = () => w.A.auth.agency;
  const psp = () => w.A.auth.psp;
  const backoffMs = (n: number) => 1000 * 2 ** (n - 1);
  const dispatchers: WebhookDispatcher[] = [];
  const dispatcher = () => {
    const d = webhookDispatcher({
      db: t.reporting.db,
      secrets: t.deps.secrets,
      now: () => t.clock.now().getTime(),
      maxAttempts: 3,
      backoff: backoffMs,
      timeoutMs: 300,
      leaseMs: 3_600_000,
    });
    dispatchers.push(d);
    return d;
  };
  let d: WebhookDispatcher;

  const feed = (as: { authorization: string }, after?: string, limit = 100) =>
    send(
      t,
      'GET',
      `/v1/feed?limit=${limit}${after === undefined ? '' : `&after=${after}`}`,
      as,
    ).expect(200);
  const pay = async () => {
    const r = await send(t, 'POST', '/v1/payments', w.A.gateway, paymentBody(t, w.A.serviceCode));
    expect(r.status).toBe(201);
    return r.body.paymentId as string;
  };
  const register = async (as: { authorization: string }, webhookId: string, extra = {}) => {
    const r = await send(t, 'POST', '/v1/webhooks', as, {
      webhookId,
      url: `${base}/hooks/${webhookId}?v=1`,
      ...extra,
    }).expect(201);
    rx.secrets.set(webhookId, r.body.signingSecret as string);
    return r.body as { webhook: { delivery: { deliveredSeq: number } }; signingSecret: string };
  };
  /** Dispatcher rounds until `done` holds, the feeds read model caught up before each. */
  async function until(done: () => boolean | Promise<boolean>, rounds = 20): Promise<void> {
    for (let i = 0; i < rounds; i++) {
      if (await done()) return;
      await t.reporting.runner.waitFor('feeds');
      await d.step();
    }
    if (!(await done())) throw new Error(`not reached after ${rounds} rounds`);
  }
  const of = (webhookId: string) => rx.got.filter((g) => g.webhookId === webhookId);

  beforeAll(async () => {
    ({ t, w } = await startTwoTenantApp(100));
    base = await rx.listen();
    d = dispatcher();
  }, 60_000);
  afterAll(async () => {
    for (const x of dispatchers) await x.stop();
    await rx.close();
    await t.close();
  });

  it("an agency reads its own events in order after a cursor: its services' payments and the complaints about it, never the other tenant's", async () => {
    const all = await feed(agency());
    const items = all.body.items as Array<{
      seq: number;
      type: string;
      data: Record<string, unknown>;
    }>;
    expect(items.map((i) => i.seq)).toEqual(items.map((_, n) => n + 1));
    expect(
      items.some((i) => i.type === 'payment.recorded' && i.data.paymentId === w.A.paymentId),
    ).toBe(true);
    expect(
      items.some(
        (i) => i.type === 'complaint.filed' && i.data.complaintId === w.A.serviceComplaintId,
      ),
    ).toBe(true);
    expect(all.text).not.toContain(w.B.paymentId);
    expect(all.text).not.toContain(w.B.serviceComplaintId);

    const first = await feed(agency(), undefined, 2);
    const rest = await feed(agency(), first.body.nextCursor as string);
    expect([...first.body.items, ...rest.body.items]).toEqual(items);
    const none = await feed(agency(), all.body.nextCursor as string);
    expect(none.body).toMatchObject({ items: [], nextCursor: all.body.nextCursor });
  });

  it("a PSP reads the payments of its own terminals, and a reversal reaches both the PSP's and the agency's feed", async () => {
    const before = Number((await feed(psp())).body.nextCursor);
    const agencyBefore = (await feed(agency())).body.nextCursor as string;
    const body = paymentBody(t, w.A.serviceCode);
    const paid = await send(t, 'POST', '/v1/payments', w.A.gateway, body).expect(201);
    await send(t, 'POST', '/v1/payments/reversals', w.A.gateway, {
      rrn: body.rrn,
      transactionTime: body.transactionTime,
      reason: 'feed test',
    }).expect(201);
    const pspItems = (await feed(psp(), String(before))).body.items as Array<{
      seq: number;
      type: string;
      data: { paymentId: string };
    }>;
    expect(pspItems.map((i) => [i.type, i.data.paymentId])).toEqual([
      ['payment.recorded', paid.body.paymentId],
      ['payment.reversed', paid.body.paymentId],
    ]);
    const agencyItems = (await feed(agency(), agencyBefore)).body.items as typeof pspItems;
    const unnumbered = (items: Array<{ seq?: number }>) => items.map(({ seq: _seq, ...i }) => i);
    expect(unnumbered(agencyItems)).toEqual(unnumbered(pspItems));
    expect((await feed(w.B.auth.psp)).text).not.toContain(pspItems[0]!.data.paymentId);
  });

  it('a bad cursor is 400 and a role without a feed is 403', async () => {
    await send(t, 'GET', '/v1/feed?after=abc', agency()).expect(400);
    await send(t, 'GET', '/v1/feed', w.A.auth.office).expect(403);
  });

  it('delivers each item once, in order, signed so the receiver verifies it; delivery starts after registration', async () => {
    const reg = await register(agency(), 'orders');
    const start = reg.webhook.delivery.deliveredSeq;
    const ids = [await pay(), await pay(), await pay()];
    await until(() => of('orders').length >= 3);
    await d.step();
    const got = of('orders');
    expect(got.map((g) => g.paymentId)).toEqual(ids);
    expect(got.map((g) => g.seq)).toEqual([start + 1, start + 2, start + 3]);
    expect(got.every((g) => g.verified)).toBe(true);
    expect(got[0]!.delivery).toMatch(/^orders:\d+:\d+$/);
    const list = await send(t, 'GET', '/v1/webhooks', agency()).expect(200);
    expect(list.body.items[0]).toMatchObject({
      webhookId: 'orders',
      delivery: { deliveredSeq: start + 3, feedSeq: start + 3, attempts: 0, deadLetters: 0 },
    });
    expect(list.text).not.toContain(reg.signingSecret);
  });

  it('retries after a 500 only when its backoff has passed, and never sends item n+1 before n is delivered', async () => {
    rx.set('fail');
    const [p1, p2] = [await pay(), await pay()];
    await until(() => of('orders').some((g) => g.paymentId === p1));
    const tries = () => of('orders').filter((g) => g.paymentId === p1).length;
    expect(tries()).toBe(1);
    await t.reporting.runner.waitFor('feeds');
    await d.step();
    expect(tries()).toBe(1);
    const state = await send(t, 'GET', '/v1/webhooks', agency()).expect(200);
    expect(state.body.items[0].delivery).toMatchObject({ attempts: 1, lastError: 'HTTP 500' });

    rx.set('ok');
    t.clock.advance(backoffMs(1));
    await until(() => of('orders').some((g) => g.paymentId === p2));
    const order = of('orders')
      .map((g) => g.paymentId)
      .filter((id) => id === p1 || id === p2);
    expect(order).toEqual([p1, p1, p2]);
  });

  it('an attempt the receiver never answers times out and is retried', async () => {
    rx.set('hang');
    const p = await pay();
    await until(() => of('orders').some((g) => g.paymentId === p));
    await send(t, 'GET', '/v1/webhooks', agency())
      .expect(200)
      .expect((r) =>
        expect(r.body.items[0].delivery).toMatchObject({ attempts: 1, lastError: 'timeout' }),
      );
    rx.set('ok');
    t.clock.advance(backoffMs(1));
    await until(() => of('orders').filter((g) => g.paymentId === p).length === 2);
    await send(t, 'GET', '/v1/webhooks', agency())
      .expect(200)
      .expect((r) => expect(r.body.items[0].delivery.attempts).toBe(0));
  });

  it('after its attempts an item goes to the dead letters, the next is delivered, and a re-drive delivers it again', async () => {
    rx.set('fail');
    const dead = await pay();
    for (let n = 1; n <= 3; n++) {
      await until(() => of('orders').filter((g) => g.paymentId === dead).length >= n);
      t.clock.advance(backoffMs(n));
    }
    const letters = await send(t, 'GET', '/v1/webhooks/orders/dead-letters', agency()).expect(200);
    expect(letters.body.items).toHaveLength(1);
    expect(letters.body.items[0]).toMatchObject({
      type: 'payment.recorded',
      attempts: 3,
      lastError: 'HTTP 500',
      redriving: false,
    });

    rx.set('ok');
    const next = await pay();
    await until(() => of('orders').some((g) => g.paymentId === next));
    expect(of('orders').filter((g) => g.paymentId === dead)).toHaveLength(3);

    await send(t, 'POST', '/v1/webhooks/orders/redrive', agency())
      .expect(202)
      .expect((r) => expect(r.body).toEqual({ redriving: 1 }));
    await until(() => of('orders').filter((g) => g.paymentId === dead).length === 4);
    await send(t, 'GET', '/v1/webhooks/orders/dead-letters', agency())
      .expect(200)
      .expect((r) => expect(r.body.items).toEqual([]));
    await send(t, 'POST', '/v1/webhooks/orders/redrive', agency())
      .expect(202)
      .expect((r) => expect(r.body).toEqual({ redriving: 0 }));
  });

  it('a dispatcher started again continues where the last one stopped: nothing is delivered twice', async () => {
    await d.step();
    const delivered = of('orders').length;
    await d.stop();
    const p = await pay();
    d = dispatcher();
    await until(() => of('orders').some((g) => g.paymentId === p));
    await d.step();
    expect(
      of('orders')
        .slice(delivered)
        .map((g) => g.paymentId),
    ).toEqual([p]);
  });

  it('a second dispatcher does not deliver while the first holds the lease', async () => {
    const other = dispatcher();
    const p = await pay();
    await t.reporting.runner.waitFor('feeds');
    await other.step();
    expect(of('orders').some((g) => g.paymentId === p)).toBe(false);
    await until(() => of('orders').some((g) => g.paymentId === p));
    expect(of('orders').filter((g) => g.paymentId === p)).toHaveLength(1);
  });

  it("a PSP's webhook gets only the types it asked for, and a removed webhook gets nothing more", async () => {
    await register(psp(), 'reversals', { eventTypes: ['payment.reversed'] });
    const p = await pay();
    const body = paymentBody(t, w.A.serviceCode);
    const r = await send(t, 'POST', '/v1/payments', w.A.gateway, body).expect(201);
    await send(t, 'POST', '/v1/payments/reversals', w.A.gateway, {
      rrn: body.rrn,
      transactionTime: body.transactionTime,
      reason: 'filter',
    }).expect(201);
    await until(() => of('reversals').length >= 1);
    await d.step();
    expect(of('reversals').map((g) => [g.type, g.paymentId])).toEqual([
      ['payment.reversed', r.body.paymentId],
    ]);
    expect(of('reversals').some((g) => g.paymentId === p)).toBe(false);

    await send(t, 'DELETE', '/v1/webhooks/reversals', psp()).expect(204);
    await send(t, 'DELETE', '/v1/webhooks/reversals', psp()).expect(404);
    await send(t, 'GET', '/v1/webhooks/reversals/dead-letters', psp()).expect(404);
    const b2 = paymentBody(t, w.A.serviceCode);
    await send(t, 'POST', '/v1/payments', w.A.gateway, b2).expect(201);
    await send(t, 'POST', '/v1/payments/reversals', w.A.gateway, {
      rrn: b2.rrn,
      transactionTime: b2.transactionTime,
      reason: 'after removal',
    }).expect(201);
    await t.reporting.runner.waitFor('feeds');
    await d.step();
    expect(of('reversals')).toHaveLength(1);
  });

  it("registering an id twice is 409; another subscriber's webhook does not exist for the caller; bad bodies record nothing", async () => {
    const head = await t.store.headPosition();
    await send(t, 'POST', '/v1/webhooks', agency(), {
      webhookId: 'orders',
      url: `${base}/x`,
    }).expect(409);
    await send(t, 'GET', '/v1/webhooks/orders/dead-letters', psp()).expect(404);
    await send(t, 'GET', '/v1/webhooks/orders/dead-letters', w.B.auth.agency).expect(404);
    await send(t, 'POST', '/v1/webhooks/orders/redrive', w.B.auth.agency).expect(404);
    await send(t, 'POST', '/v1/webhooks', agency(), {
      webhookId: 'x1',
      url: 'ftp://a.example/',
    }).expect(400);
    await send(t, 'POST', '/v1/webhooks', agency(), {
      webhookId: 'x2',
      url: `${base}/x`,
      eventTypes: ['payment.exploded'],
    }).expect(400);
    await send(t, 'POST', '/v1/webhooks', agency(), {
      webhookId: 'Bad Id',
      url: `${base}/x`,
    }).expect(400);
    expect(await t.store.headPosition()).toBe(head);
  });

  it('the signing secret is stored sealed, never in the clear', async () => {
    const reg = await register(w.B.auth.agency, 'sealed');
    const events = await t.store.readStream(`webhook-agency-${w.B.agencyId}-sealed`);
    expect(JSON.stringify(events)).not.toContain(reg.signingSecret);
    expect(t.logs.join('')).not.toContain(reg.signingSecret);
  });
});
