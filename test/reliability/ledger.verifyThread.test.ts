import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  sqliteReadModelDb,
  startReporting,
  threadConfigOf,
  type Reporting,
} from '../../projections';
import { seedLedger } from '../../projections/fixtures';
import { ledgerSealer } from '../../src/ledger';
import { sqliteEventStore, type EventStore } from '../../src/shared/eventStore';
import { countingStore } from '../support/countingStore';

const paymentTypes = new Set(['PaymentRecorded']);

describe('the scheduled ledger verification on a node with a projection thread', () => {
  let dir: string;
  let store: EventStore;
  let reporting: Reporting;
  let paymentsReadHere: () => number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pishkhan-verify-thread-'));
    const file = join(dir, 'events.sqlite');
    store = sqliteEventStore(file);
    await seedLedger(store, 60, { complaints: false });
    await store.close();
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const raw = new Database(file);
    raw.prepare('UPDATE events SET recorded_at = ?').run(threeDaysAgo);
    raw.close();
    store = sqliteEventStore(file);
    const counted = countingStore(store, { payments: paymentTypes });
    paymentsReadHere = () => counted.counts.payments;
    reporting = startReporting({
      store: counted.store,
      db: sqliteReadModelDb(join(dir, 'readmodels.sqlite')),
      pollMs: 60_000,
      thread: threadConfigOf({ EVENT_STORE: 'sqlite', dataDir: dir, DATABASE_SCHEMA: 'public' }),
    });
    await reporting.runner.run();
  });

  afterEach(async () => {
    await reporting.runner.stop();
    await reporting.db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hashes the sealed days in the thread, once, and reads no payment on the HTTP thread', async () => {
    const seals = await ledgerSealer({ store, now: () => new Date(), graceMinutes: 10 }).runOnce();
    const sealed = seals.reduce((n, s) => n + s.count, 0);
    expect(sealed).toBeGreaterThanOrEqual(60);
    await reporting.runner.catchUp();
    const first = await reporting.verifyLedger(0);
    expect(first.discrepancy).toBeUndefined();
    expect(first).toMatchObject({ days: seals.length, events: sealed });
    expect(await reporting.verifyLedger(0)).toMatchObject({ days: 0, events: 0 });
    expect(await reporting.verifyLedger(seals.length)).toMatchObject({
      days: seals.length,
      events: sealed,
    });
    expect(paymentsReadHere()).toBe(0);
  });

  it('a node that is stopping asks the thread for no round', async () => {
    await ledgerSealer({ store, now: () => new Date(), graceMinutes: 10 }).runOnce();
    await reporting.runner.catchUp();
    const stopping = new AbortController();
    stopping.abort();
    expect(await reporting.verifyLedger(0, stopping.signal)).toMatchObject({ days: 0 });
  });
});
