import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteEventStore, type EventStore } from '../../src/shared/eventStore';
import { seedLedger } from '../fixtures';
import { sqliteReadModelDb, startReporting, threadConfigOf, type ReadModelDb } from '..';
import type { Reporting } from '..';
import { countingStore } from '../../test/support/countingStore';

let dir: string;
let store: EventStore;
let db: ReadModelDb;
let reporting: Reporting;
/** Payment events the HTTP thread's own connection handed out. */
let paymentsReadHere: () => number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pishkhan-thread-'));
  store = sqliteEventStore(join(dir, 'events.sqlite'));
  db = sqliteReadModelDb(join(dir, 'readmodels.sqlite'));
  const counted = countingStore(store, { payments: new Set(['PaymentRecorded']) });
  paymentsReadHere = () => counted.counts.payments;
  reporting = startReporting({
    store: counted.store,
    db,
    pollMs: 60_000,
    thread: threadConfigOf({
      EVENT_STORE: 'sqlite',
      dataDir: dir,
      DATABASE_SCHEMA: 'public',
      PROJECTION_THREAD_NICE: 10,
    }),
  });
  await reporting.runner.run();
});

/** The nice value of a thread of this process, from its `stat` (Linux). */
const niceOf = (task: string) => {
  const stat = readFileSync(`${task}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
};

afterEach(async () => {
  await reporting.runner.stop();
  await db.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const paymentsInLog = async () =>
  (await store.readAll({ filter: { eventTypes: ['PaymentRecorded'] }, limit: 100_000 })).length;

const paymentRows = async () => {
  const prefix = await reporting.runner.livePrefix('payments');
  const [row] = await db.read((tx) =>
    tx.all<{ n: bigint | number }>(`SELECT count(*) AS n FROM ${prefix}_payments`),
  );
  return Number(row!.n);
};

const leaseOwners = () =>
  db.read((tx) =>
    tx.all<{ name: string; lease_owner: string | null }>(
      `SELECT name, lease_owner FROM projection_builds WHERE state <> 'retired'`,
    ),
  );

describe('the projection thread', () => {
  it('folds the log on its own connections and holds the leases, not the HTTP thread', async () => {
    await seedLedger(store, 60, { complaints: false });
    const head = await store.headPosition();
    await expect(reporting.runner.reach('payments', head, 10_000)).resolves.toEqual({
      reached: true,
      position: head,
    });
    expect(await paymentRows()).toBe(await paymentsInLog());
    const owners = await leaseOwners();
    expect(owners.map((o) => o.name)).toContain('payments');
    for (const o of owners) {
      if (o.name !== 'payments') continue;
      expect(o.lease_owner).toBeTruthy();
      expect(o.lease_owner).not.toBe(reporting.runner.owner);
    }
  });

  const linux = process.platform === 'linux' ? it : it.skip;
  linux(
    'folds at a lower scheduling priority than the HTTP thread, and only that thread does',
    async () => {
      const threads = readdirSync('/proc/self/task').map((tid) => niceOf(`/proc/self/task/${tid}`));
      expect(threads.filter((n) => n === 10).length).toBeGreaterThanOrEqual(1);
      expect(niceOf('/proc/thread-self')).toBe(0);
      expect(threads.filter((n) => n === 0).length).toBeGreaterThan(threads.length / 2);
    },
  );

  it('brings a projection to the head on request, for reads that must see a write just made', async () => {
    await reporting.runner.waitFor('payments');
    expect(await paymentRows()).toBe(0);
    await seedLedger(store, 60, { complaints: false });
    await reporting.runner.waitFor('payments');
    expect(await paymentRows()).toBe(await paymentsInLog());
    expect(await paymentRows()).toBeGreaterThan(0);
    const status = await reporting.runner.status();
    expect(status.find((s) => s.name === 'payments' && s.state === 'live')?.lag).toBe(0);
  });

  it('is not ready before its thread has started, and ready once caught up', async () => {
    const idle = startReporting({
      store,
      db,
      thread: threadConfigOf({ EVENT_STORE: 'sqlite', dataDir: dir, DATABASE_SCHEMA: 'public' }),
    });
    await expect(idle.runner.readiness(0)()).resolves.toBe('projection thread not started');
    await seedLedger(store, 60, { complaints: false });
    await reporting.runner.catchUp();
    await expect(reporting.runner.readiness(0)()).resolves.toBeUndefined();
    await idle.runner.stop();
  });

  it("counts the ledger's days in the thread, for the settlement check, reading no payment here", async () => {
    await seedLedger(store, 60, { complaints: false });
    await reporting.runner.catchUp();
    const prefix = await reporting.runner.livePrefix('settlement');
    const days = (
      await db.read((tx) => tx.all<{ day: string }>(`SELECT DISTINCT day FROM ${prefix}_lines`))
    ).map((r) => r.day);
    expect(days.length).toBeGreaterThan(0);
    const agreements = (await reporting.ledgerCount.compare(days))!;
    expect(agreements.every((a) => a.agrees)).toBe(true);
    expect(agreements.reduce((n, a) => n + a.ledger.payments, 0)).toBe(await paymentsInLog());
    expect(paymentsReadHere()).toBe(0);
  });

  it("passes the thread's refusal back to the caller", async () => {
    await expect(reporting.runner.rebuild('no-such-projection')).rejects.toThrow(
      /unknown projection no-such-projection/,
    );
  });

  it('gives its leases back when stopped', async () => {
    await reporting.runner.catchUp();
    await reporting.runner.stop();
    expect((await leaseOwners()).every((o) => o.lease_owner === null)).toBe(true);
  });
});
