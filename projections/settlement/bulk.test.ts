import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteEventStore, type EventStore } from '../../src/shared/eventStore';
import { sqliteReadModelDb, type ReadModelDb } from '../db';
import { reverseFirstPayment, seedLedger } from '../fixtures';
import type { Projection } from '../projection';
import { createBuild, ensureRegistry } from '../registry';
import { bulkStep, projectionRunner, StaleCheckpointError } from '../runner';
import { dumpBuild } from '../verify';
import { bulkSettlement } from './bulk';
import { settlementProjection } from './projection';

let dir: string;
let logFile: string;
let store: EventStore;
let dbs: ReadModelDb[];
const openDb = (name: string) => {
  const db = sqliteReadModelDb(join(dir, `${name}.sqlite`));
  dbs.push(db);
  return db;
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pishkhan-settlement-bulk-'));
  logFile = join(dir, 'events.sqlite');
  store = sqliteEventStore(logFile);
  dbs = [];
  await seedLedger(store, 90);
  await closeBatch(store, '1403/06/30', 'B1', '1000');
  await closeBatch(store, '1403/06/30', 'B1-again', '2000');
});
afterEach(async () => {
  for (const db of dbs) await db.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Counts the bulk folds, so a test knows which path built the model. */
function counted(): { projection: Projection; bulkCalls: () => number } {
  const real = settlementProjection({ cutoffMinutes: 0 });
  let calls = 0;
  return {
    projection: { ...real, bulkFold: (file, upTo) => (calls++, real.bulkFold!(file, upTo)) },
    bulkCalls: () => calls,
  };
}

async function incrementalDump(projection: Projection) {
  const db = openDb(`incremental-${dbs.length}`);
  const runner = projectionRunner({ store, db, projections: [projection], batchSize: 7 });
  await runner.catchUp();
  return dumpBuild(db, projection, 'settlement_v1');
}

/** The bulk fold of `(0, head]` in `threads` workers, written into a fresh build of its own database, dumped. */
async function bulkDump(
  tag: string,
  projection: Projection,
  cutoffMinutes: number,
  threads: number,
  rangeSize: number,
) {
  const db = openDb(`${tag}-${threads}-${rangeSize}`);
  await ensureRegistry(db);
  const build = await db.write(async (tx) => {
    const b = await createBuild(tx, 'settlement', 1, new Date());
    for (const s of projection.schema(b.prefix)) await tx.run(s);
    return b;
  });
  const head = await store.headPosition();
  const fold = await bulkSettlement(
    logFile,
    head,
    projection.eventTypes,
    cutoffMinutes,
    threads,
    rangeSize,
  );
  await db.write((tx) => fold.write(tx, build.prefix));
  return dumpBuild(db, projection, build.prefix);
}

describe('settlement bulk rebuild over an SQLite log', () => {
  it('gives row for row the incremental fold, reversals, refunds and batches included, then folds later events incrementally', async () => {
    const { projection, bulkCalls } = counted();
    const db = openDb('bulk');
    const runner = projectionRunner({
      store,
      db,
      projections: [projection],
      batchSize: 7,
      sqliteLog: logFile,
    });
    await runner.catchUp();
    expect(bulkCalls()).toBe(1);
    const bulk = await dumpBuild(db, projection, 'settlement_v1');
    expect(bulk).toEqual(await incrementalDump(projection));
    expect(bulk.batches).toHaveLength(1);
    expect(bulk.lines!.some((l) => /"1","-?\d+","0","0"\]$/.test(l))).toBe(true);
    expect(bulk.lines!.some((l) => /"1","\d+"\]$/.test(l))).toBe(true);

    await correctLater(store);
    await runner.catchUp();
    expect(bulkCalls()).toBe(1);
    expect(await dumpBuild(db, projection, 'settlement_v1')).toEqual(
      await incrementalDump(projection),
    );

    const rebuilt = await runner.rebuild('settlement');
    expect(bulkCalls()).toBe(2);
    expect(await dumpBuild(db, projection, rebuilt.prefix)).toEqual(
      await dumpBuild(db, projection, 'settlement_v1'),
    );
  });

  it('splitting the log into any number of ranges gives the same sums', async () => {
    const projection = settlementProjection();
    const dumps = [];
    for (const [threads, rangeSize] of [
      [1, 10_000],
      [3, 7],
      [2, 50],
    ] as const)
      dumps.push(await bulkDump('threads', projection, 0, threads, rangeSize));
    expect(dumps[1]).toEqual(dumps[0]);
    expect(dumps[2]).toEqual(dumps[0]);
    expect(dumps[0]).toEqual(await incrementalDump(projection));
  });

  it('reads escaped text and amounts past 2^53 as the incremental fold does, skips what its contract refuses, with corrections in a later range than their payment', async () => {
    await oddPayments(store);
    await correctLater(store);
    const projection = settlementProjection({ cutoffMinutes: 18 * 60 });
    const incremental = await incrementalDump(projection);
    for (const [threads, rangeSize] of [
      [1, 10_000],
      [2, 3],
      [5, 40],
    ] as const)
      expect(await bulkDump('odd', projection, 18 * 60, threads, rangeSize)).toEqual(incremental);
    const lines = incremental.lines!.join('\n');
    expect(lines).toContain('"AG-BIG","S-BIG","OF-BIG","3","15000000000000000"');
    expect(lines).toContain('"1","1000000000000000000"');
    expect(lines).toContain('"IR-ESC\\\\\\"Q"');
    expect(lines).not.toContain('T-OLD');
    expect(lines).toContain('"IR-NUL\\u0000X","","AG-BIG"');
  });

  it('folds nothing twice: a build past position 0 is left to the incremental fold, and a moved checkpoint rolls the bulk back', async () => {
    const projection = settlementProjection();
    const db = openDb('guard');
    await ensureRegistry(db);
    const build = await db.write(async (tx) => {
      const b = await createBuild(tx, 'settlement', 1, new Date());
      for (const s of projection.schema(b.prefix)) await tx.run(s);
      return b;
    });
    const done = await bulkStep(db, store, projection, build, logFile);
    const after = await dumpBuild(db, projection, build.prefix);
    expect(done.build.position).toBe(await store.headPosition());
    expect(await bulkStep(db, store, projection, done.build, logFile)).toEqual({
      folded: 0,
      build: done.build,
    });
    await expect(bulkStep(db, store, projection, build, logFile)).rejects.toBeInstanceOf(
      StaleCheckpointError,
    );
    expect(await dumpBuild(db, projection, build.prefix)).toEqual(after);
  });
});

async function closeBatch(
  s: EventStore,
  day: string,
  batchId: string,
  total: string,
): Promise<void> {
  const data = {
    type: 'SettlementBatchClosed',
    batchId,
    day,
    cutoff: '00:00',
    ledgerPosition: await s.headPosition(),
    debtor: { name: 'T', iban: 'IR0' },
    instructions: [],
    notPaidOut: [],
    total,
    contentSha256: 'x',
    closedAt: '2024-09-22T00:00:00Z',
    closedBy: 'r',
  };
  await s.append(`settlement-${batchId}`, [{ type: 'SettlementBatchClosed', data }], 'no_stream');
}

/** Corrections appended after the bulk fold, of payments folded by it, so their origin is looked up. */
async function correctLater(s: EventStore): Promise<void> {
  await reverseFirstPayment(s);
  const [second] = await s.readStream('payment-T1-2');
  const postings = (
    second!.data as { postings: Array<{ kind: string; amount: string }> }
  ).postings.map((p) => ({
    ...p,
    amount: p.kind === 'office' ? '-1000' : '0',
  }));
  await s.append(
    'payment-T1-2',
    [
      {
        type: 'PaymentRefunded',
        data: {
          type: 'PaymentRefunded',
          paymentId: 'T1-2',
          refundId: 'R-late',
          amount: '1000',
          reason: 'r',
          postings,
          refundedAt: '2024-09-23T10:00:00Z',
          refundedBy: 'r',
          byRole: 'office',
        },
      },
    ],
    0,
  );
}

/**
 * Payments in shapes the picked read must take as `JSON.parse` does: amounts whose sum is past
 * 2^53 − 1 and one past it alone, a quote and a NUL in a Sheba (escaped JSON); and one its
 * contract refuses (a nested `beneficiary`, number amounts, an unknown kind), which both skip.
 */
async function oddPayments(s: EventStore): Promise<void> {
  const at = '2024-09-22T15:00:00Z';
  const base = {
    type: 'PaymentRecorded',
    officeId: 'OF-BIG',
    serviceCode: 'S-BIG',
    agencyId: 'AG-BIG',
    transactionTime: at,
    status: 'recorded',
  };
  const big = [1, 2, 3].map((i) => ({
    ...base,
    paymentId: `BIG-${i}`,
    amount: '5000000000000000',
    postings: [{ kind: 'agency', iban: 'IR-BIG', depositId: 'D', amount: '5000000000000000' }],
  }));
  const huge = {
    ...base,
    paymentId: 'HUGE',
    amount: '1000000000000000000',
    postings: [{ kind: 'office', iban: 'IR-HUGE', amount: '1000000000000000000' }],
  };
  const old = {
    ...base,
    paymentId: 'OLD',
    officeId: 'OF-OLD',
    amount: 1500,
    postings: [
      { beneficiary: { kind: 'technical', name: 'T-OLD', iban: 'IR-T' }, amount: 1000 },
      { beneficiary: { kind: 'office', officeId: 'OF-OLD', iban: 'IR-O' }, amount: '500' },
      { kind: 'held-for-refund', amount: '0' },
      { kind: 'unknown', amount: '7' },
    ],
  };
  const escaped = {
    ...base,
    paymentId: 'ESC',
    amount: '10',
    postings: [
      { kind: 'vat', iban: 'IR-ESC\\"Q', amount: '10' },
      { kind: 'vat', iban: 'IR-NUL\u0000X', amount: '5' },
    ],
  };
  for (const data of [...big, huge, old, escaped])
    await s.append(`payment-${data.paymentId}`, [{ type: 'PaymentRecorded', data }], 'no_stream');
}
