import { liveBuild } from '../../projections/registry';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { credentialFold } from '../../src/credentials/registry';
import { licenseFold } from '../../src/licensing/registry';
import { officeFold, terminalFold } from '../../src/offices/registry';
import { paymentReads } from '../../src/payments';
import { sqliteEventStore, type EventStore } from '../../src/shared/eventStore';
import { startTestApp, type TestApp } from '../support/app';
import { countingStore } from '../support/countingStore';
import { heapAfterGc } from '../support/heap';
import { payment, paymentWorld, signedPost, type Terminal } from '../support/payments';

/** Heap in use after two full collections: what the node holds, not garbage waiting. */
const heapHeld = () => heapAfterGc(2);

/** Posts `count` distinct payments in batches of 1,000 and answers their tracking codes. */
async function postPayments(t: TestApp, terminal: Terminal, count: number): Promise<string[]> {
  const codes: string[] = [];
  for (let done = 0; done < count; done += 1000) {
    const items = Array.from({ length: Math.min(1000, count - done) }, () => payment(t));
    const res = await signedPost(t, terminal, '/v1/payments/batches', { items }).expect(200);
    for (const item of res.body.items as { outcome: string; result: { trackingCode: string } }[]) {
      expect(item.outcome).toBe('recorded');
      codes.push(item.result.trackingCode);
    }
  }
  return codes;
}

const paymentTypes = new Set(['PaymentRecorded', 'PaymentReversed', 'PaymentRefunded']);
const referenceTypes = new Set(
  [licenseFold, officeFold, terminalFold, credentialFold].flatMap((f) => f.filter.eventTypes),
);

/** The store, counting the payment events and the reference events it hands out. */
const counting = (inner: EventStore) => {
  const { store, counts } = countingStore(inner, {
    payments: paymentTypes,
    reference: referenceTypes,
  });
  return { store, read: () => counts.payments, referenceRead: () => counts.reference };
};

describe('the read side on disk', () => {
  it('a node holds no payment in memory: 100,000 payments grow the heap by less than 48 MB', async () => {
    const t = await startTestApp({ now: '2026-11-19T08:00:00Z', reporting: { pollMs: 50 } });
    try {
      const w = await paymentWorld(t);
      t.clock.set('2026-11-29T08:00:00Z');
      // The SQLite store keeps a fixed window of the latest 20,000 to 25,000 events whatever
      // the log's size; it is full before the measurement starts, and its swing is in the bound.
      await postPayments(t, w.good, 40_000);
      await t.reporting.runner.catchUp();
      const before = heapHeld();
      await postPayments(t, w.good, 100_000);
      await t.reporting.runner.catchUp();
      const grown = heapHeld() - before;
      const rows = await t.reporting.db.read(async (tx) => {
        const live = await liveBuild(tx, 'payments');
        return tx.all<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${live!.prefix}_payments`);
      });
      expect(Number(rows[0]!.n)).toBe(140_000);
      console.log(`100,000 payments grew the heap by ${(grown / 2 ** 20).toFixed(1)} MB`);
      // An in-memory payment model holds ~1.5 KB a payment: 150 MB for these.
      expect(grown).toBeLessThan(48 * 1024 * 1024);
    } finally {
      await t.close();
    }
  }, 900_000);

  it("a restart opens the projections at their checkpoints: it reads no payment history nor the reference models' history, and answers every receipt", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pishkhan-restart-'));
    try {
      const first = await startTestApp({ dir, now: '2026-11-19T08:00:00Z' });
      const w = await paymentWorld(first);
      first.clock.set('2026-11-29T08:00:00Z');
      const codes = await postPayments(first, w.good, 50_000);
      await first.reporting.runner.catchUp();
      await first.close();

      const { store, read, referenceRead } = counting(sqliteEventStore(join(dir, 'events.sqlite')));
      const again = await startTestApp({ dir, store, now: '2026-11-29T09:00:00Z' });
      try {
        await again.reporting.runner.catchUp();
        expect(referenceRead()).toBe(0);
        expect(again.deps.readModels.offices.terminal(w.good.terminalId)).toBeDefined();
        const regulator = await again.tokenFor('regulator');
        await request(again.app).get('/readyz').expect(200);
        expect(read()).toBe(0);

        const reads = paymentReads({ store, reporting: again.reporting });
        let answered = 0;
        for (const code of codes) {
          const r = await reads.byTrackingCode(code);
          if (r?.recorded.trackingCode === code) answered++;
        }
        expect(answered).toBe(50_000);
        for (const code of codes.slice(0, 50)) {
          const res = await request(again.app).get(`/v1/receipts/${code}`).expect(200);
          expect(res.body).toMatchObject({ trackingCode: code, status: 'recorded' });
        }
        const day = await request(again.app)
          .get(`/v1/payments?officeId=${w.good.officeId}&limit=100`)
          .set('Authorization', regulator.authorization)
          .expect(200);
        expect(day.body.items).toHaveLength(100);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 900_000);

  it('a receipt asked for while the register lags is read through to the log past its position, over more than one page', async () => {
    const t = await startTestApp({ now: '2026-11-19T08:00:00Z' });
    try {
      const w = await paymentWorld(t);
      t.clock.set('2026-11-29T08:00:00Z');
      const folded = await postPayments(t, w.good, 1_000);
      await t.reporting.runner.catchUp();
      const registered = await t.reporting.db.read(async (tx) => liveBuild(tx, 'payments'));
      const lagging = await postPayments(t, w.good, 12_000);
      const stalled = {
        ...t.reporting,
        runner: {
          ...t.reporting.runner,
          reach: async () => ({ reached: false, position: registered!.position }),
        },
      };
      const reads = paymentReads({ store: t.store, reporting: stalled });
      for (const code of [folded[3]!, lagging[0]!, lagging[6_001]!, lagging.at(-1)!]) {
        expect((await reads.byTrackingCode(code))?.recorded.trackingCode).toBe(code);
        expect((await reads.fromRegisterByTrackingCode(code))?.recorded.trackingCode).toBe(code);
      }
      expect(await reads.byTrackingCode('0000000000000000')).toBeUndefined();
      const still = await t.reporting.db.read(async (tx) => liveBuild(tx, 'payments'));
      expect(still!.position).toBe(registered!.position);
    } finally {
      await t.close();
    }
  }, 300_000);
});
