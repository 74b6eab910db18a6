import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventStore } from '../../src/shared/eventStore';
import { sign } from '../../src/shared/http/auth';
import { startTestApp, type TestApp } from './app';
import { paymentWorld, type PaymentWorld } from './payments';

/** A payment's HTTP answer as a gateway sees it. */
export interface Answer {
  status: number;
  contentType: string;
  retryAfter: string | null;
  replayed: boolean;
  body: { paymentId?: string; amount?: string; code?: string; status?: number };
}

export interface PaymentServer {
  t: TestApp;
  w: PaymentWorld;
  base: string;
  /** POSTs a signed payment; a distinct timestamp per attempt, so a re-send never repeats a signature. */
  post(raw: string, key: string | undefined, attempt: number): Promise<Answer>;
  close(): Promise<void>;
}

/** The app on `store` behind a real HTTP listener, with a terminal able to sign payments. */
export async function paymentServer(
  store: EventStore,
  requestTimeoutMs: number,
): Promise<PaymentServer> {
  const t = await startTestApp({ now: '2026-11-19T08:00:00Z', store, deps: { requestTimeoutMs } });
  const w = await paymentWorld(t);
  t.clock.set('2026-11-29T08:00:00Z');
  const server = createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    t,
    w,
    base,
    async post(raw, key, attempt) {
      const ts = String(Math.floor(t.clock.now().getTime() / 1000) - attempt);
      const res = await fetch(`${base}/v1/payments`, {
        method: 'POST',
        body: raw,
        headers: {
          'content-type': 'application/json',
          authorization: w.good.authorization,
          ...(key ? { 'idempotency-key': key } : {}),
          'x-pishkhan-timestamp': ts,
          'x-pishkhan-signature': sign(w.good.secret, ts, 'POST', '/v1/payments', raw),
        },
      });
      return {
        status: res.status,
        contentType: res.headers.get('content-type') ?? '',
        retryAfter: res.headers.get('retry-after'),
        replayed: res.headers.get('idempotent-replayed') === 'true',
        body: (await res.json()) as Answer['body'],
      };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await t.close();
    },
  };
}
