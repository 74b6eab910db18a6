import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { allProjections, sqliteReadModelDb } from '../../projections';
import { verifyProjection } from '../../projections/verify';
import { postgresEventStore, sqliteEventStore, type EventStore } from '../../src/shared/eventStore';
import { sign } from '../../src/shared/http/auth';
import { startTestApp, type TestApp } from '../support/app';
import { nextRrn, payment, paymentWorld, type PaymentWorld } from '../support/payments';
import { databaseUrl, describeWithPostgres, dropSchema, randomSchema } from '../support/postgres';

/** The Jalali business day of the clock below, as the reports name it. */
const day = '1405/09/08';

interface Posted {
  paymentId: string;
  amount: bigint;
  postings: number;
}

/**
 * A gateway on the wire: signed POSTs over keep-alive HTTP to a listening node. The test's
 * clock stands still, so requests are stamped up to 4 minutes back and re-sends seconds ahead:
 * a re-send of the same body is then a new signature, as a real gateway's retry is. A request
 * whose connection fails (a kept-alive socket the server closed as it was reused) is sent again,
 * as a gateway does, and says so: its payments may then come back as replays.
 */
function gateway(base: string, t: TestApp, w: PaymentWorld) {
  let sent = 0;
  return async (path: string, body: unknown, retry = false) => {
    const raw = JSON.stringify(body);
    for (let attempt = 0; ; attempt++) {
      const now = Math.floor(t.clock.now().getTime() / 1000);
      const resend = retry || attempt > 0;
      const ts = String(resend ? now + 1 + (sent++ % 60) : now - (sent++ % 240));
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          authorization: w.good.authorization,
          'content-type': 'application/json',
          'x-pishkhan-timestamp': ts,
          'x-pishkhan-signature': sign(w.good.secret, ts, 'POST', path, raw),
        },
        body: raw,
      }).catch((error: unknown) => {
        if (attempt >= 3) throw error;
        return undefined;
      });
      if (res)
        return {
          status: res.status,
          body: (await res.json()) as Record<string, unknown>,
          resent: attempt > 0,
        };
    }
  };
}

type Answer = { paymentId: string; amount: string; postings: Array<{ amount: string }> };
const posted = (a: Answer): Posted => ({
  paymentId: a.paymentId,
  amount: BigInt(a.amount),
  postings: a.postings.filter((p) => BigInt(p.amount) !== 0n).length,
});

/**
 * `senders` gateways at once, while the node's projection runner folds live: most send single
 * payments, every fourth sends batches, and each re-sends one payment it was answered for (a
 * gateway's retry, which must be a replay). Returns every payment acknowledged, once each.
 */
async function load(
  base: string,
  t: TestApp,
  w: PaymentWorld,
  senders: number,
  perSender: number,
): Promise<Map<string, Posted>> {
  const post = gateway(base, t, w);
  const acknowledged = new Map<string, Posted>();
  const take = (a: Answer) => {
    const p = posted(a);
    expect(acknowledged.has(p.paymentId)).toBe(false);
    acknowledged.set(p.paymentId, p);
  };
  await Promise.all(
    Array.from({ length: senders }, async (_, s) => {
      const sent: Array<Record<string, unknown>> = [];
      for (let i = 0; i < perSender; i++) {
        if (s % 4 === 0 && i % 10 === 0) {
          const n = Math.min(10, perSender - i);
          const items = Array.from({ length: n }, () => payment(t, { rrn: nextRrn() }));
          const res = await post('/v1/payments/batches', { items });
          expect(res.status).toBe(200);
          const results = res.body.items as Array<{ outcome: string; result: Answer }>;
          for (const r of results)
            expect(res.resent ? ['recorded', 'replayed'] : ['recorded']).toContain(r.outcome);
          for (const r of results) take(r.result);
          sent.push(...items);
          i += n - 1;
        } else {
          const body = payment(t, { rrn: nextRrn() });
          const res = await post('/v1/payments', body);
          expect(res.status).toBe(201);
          take(res.body as unknown as Answer);
          sent.push(body);
        }
      }
      const again = await post('/v1/payments', sent[0], true);
      expect(again.status).toBe(201);
      expect(acknowledged.has((again.body as unknown as Answer).paymentId)).toBe(true);
    }),
  );
  return acknowledged;
}

interface Backend {
  name: string;
  senders: number;
  perSender: number;
  open(dir: string): Promise<EventStore>;
  dispose(): Promise<void>;
}

let schema = '';
const writerThread: Backend = {
  name: 'SQLite, commits on the writer thread',
  senders: 64,
  perSender: 16,
  open: async (dir) => sqliteEventStore(join(dir, 'events.sqlite')),
  dispose: async () => undefined,
};
const inline: Backend = {
  name: 'SQLite, commits inline',
  senders: 16,
  perSender: 40,
  open: async (dir) => sqliteEventStore(join(dir, 'events.sqlite'), { writes: 'inline' }),
  dispose: async () => undefined,
};
const postgres: Backend = {
  name: 'PostgreSQL',
  senders: 32,
  perSender: 20,
  open: async () =>
    postgresEventStore({ connectionString: databaseUrl, schema: (schema = randomSchema()) }),
  dispose: () => dropSchema(schema),
};

function concurrentGateways(backend: Backend) {
  {
    let dir: string;
    let t: TestApp;
    let w: PaymentWorld;
    let server: Server;
    let base: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'pishkhan-concurrent-'));
      t = await startTestApp({
        store: await backend.open(dir),
        now: '2026-11-19T08:00:00Z',
        reporting: { pollMs: 2 },
        deps: { credentialLimits: { perMinute: 0, gatewayPerMinute: 0 } },
      });
      w = await paymentWorld(t);
      t.clock.set('2026-11-29T08:00:00Z');
      server = createServer(t.app);
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }, 60_000);
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await t.close();
      await backend.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('settlement counts every acknowledged payment once, and every projection equals a fresh rebuild', async () => {
      const acknowledged = await load(base, t, w, backend.senders, backend.perSender);
      expect(acknowledged.size).toBe(backend.senders * backend.perSender);
      const reporting = t.reporting;
      await reporting.runner.catchUp();

      for (const projection of allProjections({ cutoffMinutes: reporting.cutoffMinutes })) {
        const scratch = sqliteReadModelDb(join(dir, `scratch-${projection.name}.sqlite`));
        const verified = await verifyProjection({
          store: t.store,
          db: reporting.db,
          scratch,
          projection,
        });
        await scratch.close();
        expect({ [projection.name]: verified.difference }).toEqual({
          [projection.name]: undefined,
        });
        expect(verified.position).toBe(await t.store.headPosition());
      }

      const report = await request(t.app)
        .get(`/v1/reports/settlement?from=${day}&to=${day}`)
        .set('Authorization', w.a.regulator)
        .expect(200);
      const all = [...acknowledged.values()];
      expect(report.body.totals.gross).toBe(String(all.reduce((n, p) => n + p.amount, 0n)));
      expect(report.body.totals.payments).toBe(all.reduce((n, p) => n + p.postings, 0));

      const [agreement] = (await reporting.ledgerCount.compare([day]))!;
      expect(agreement).toMatchObject({ agrees: true, ledger: { payments: acknowledged.size } });
    }, 120_000);
  }
}

const title = (b: Backend) => `many gateways at once while the projections fold live (${b.name})`;
describe(title(writerThread), () => concurrentGateways(writerThread));
describe(title(inline), () => concurrentGateways(inline));
describeWithPostgres(title(postgres), () => concurrentGateways(postgres));
