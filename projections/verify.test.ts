import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryEventStore, type EventStore } from '../src/shared/eventStore';
import { businessDays } from './businessDay';
import { sqliteReadModelDb, type ReadModelDb } from './db';
import { seedLedger } from './fixtures';
import { seedReference } from './reference/fixtures';
import { allProjections } from './index';
import { readPage } from './readPage';
import { createBuild, ensureRegistry, listBuilds } from './registry';
import { foldPage, projectionRunner } from './runner';
import { ledgerDayCount } from './settlement/ledgerCheck';
import { dumpBuild, verifyProjection } from './verify';

let dir: string;
let store: EventStore;
let db: ReadModelDb;
let scratches = 0;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pishkhan-verify-'));
  store = memoryEventStore();
  db = sqliteReadModelDb(join(dir, 'readmodels.sqlite'));
  await seedLedger(store, 30);
  await seedReference(store);
});
afterEach(async () => {
  await db.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const projections = allProjections({ cutoffMinutes: 0 });
const settlement = projections.find((p) => p.name === 'settlement')!;

async function verify(projection = settlement) {
  const scratch = sqliteReadModelDb(join(dir, `scratch-${++scratches}.sqlite`));
  try {
    return await verifyProjection({ store, db, scratch, projection });
  } finally {
    await scratch.close();
  }
}

/** The business days of the seeded payments. */
async function paymentDays(): Promise<string[]> {
  const dayOf = businessDays(0);
  const payments = await store.readAll({ filter: { eventTypes: ['PaymentRecorded'] } });
  return [
    ...new Set(payments.map((e) => dayOf((e.data as { transactionTime: string }).transactionTime))),
  ];
}

/** A settlement batch closing `day`, as the settlement slice appends it. */
const closeBatch = (day: string, position: number) =>
  store.append(
    `settlement-${day.replaceAll('/', '')}`,
    [
      {
        type: 'SettlementBatchClosed',
        data: {
          type: 'SettlementBatchClosed',
          batchId: `B-${day}`,
          day,
          cutoff: '00:00',
          ledgerPosition: position,
          debtor: { name: 'Shaparak settlement', iban: 'IR820540102680020817909002' },
          instructions: [],
          notPaidOut: [],
          total: '0',
          contentSha256: '0'.repeat(64),
          closedAt: '2024-09-22T00:00:00.000Z',
          closedBy: 'regulator',
        },
      },
    ],
    'no_stream',
  );

describe('pishkhan projections verify: a live build against a rebuild at its own position', () => {
  it.each(projections.map((p) => [p.name, p] as const))(
    '%s: a build the runner folded equals its rebuild',
    async (_name, projection) => {
      const runner = projectionRunner({ store, db, projections });
      await runner.catchUp();
      const result = await verify(projection);
      expect(result.difference).toBeUndefined();
      expect(result.rows).toBeGreaterThan(0);
      expect(result.position).toBe(await store.headPosition());
      await runner.stop();
    },
  );

  it('names the table and the first row where a corrupted build differs', async () => {
    const runner = projectionRunner({ store, db, projections });
    await runner.catchUp();
    const prefix = await runner.livePrefix('settlement');
    await db.write((tx) =>
      tx.run(
        `UPDATE ${prefix}_lines SET gross = gross + 1 WHERE rowid = (SELECT MIN(rowid) FROM ${prefix}_lines)`,
      ),
    );
    const result = await verify();
    expect(result.difference?.table).toBe('lines');
    expect(result.difference?.live).toBeDefined();
    expect(result.difference?.rebuilt).toBeDefined();
    expect(result.difference?.live).not.toBe(result.difference?.rebuilt);
    await runner.stop();
  });

  it('reports a row the live build lacks', async () => {
    const runner = projectionRunner({ store, db, projections });
    await runner.catchUp();
    const prefix = await runner.livePrefix('settlement');
    await db.write((tx) => tx.run(`DELETE FROM ${prefix}_lines WHERE kind = 'vat'`));
    const result = await verify();
    expect(result.difference?.table).toBe('lines');
    expect(result.difference?.rebuilt).toMatch(/"vat"/);
    await runner.stop();
  });

  it('compares at the live checkpoint, not at the head: events appended since make no difference', async () => {
    const runner = projectionRunner({ store, db, projections });
    await runner.catchUp();
    const before = await store.headPosition();
    await store.append(
      'payment-late',
      [
        {
          type: 'PaymentRecorded',
          data: {
            paymentId: 'late',
            amount: '5',
            transactionTime: '2024-09-21T10:00:00Z',
            postings: [{ kind: 'vat', amount: '5' }],
          },
        },
      ],
      'no_stream',
    );
    const result = await verify();
    expect(result.position).toBe(before);
    expect(result.difference).toBeUndefined();
    await runner.stop();
  });
});

describe('a build of an earlier version that was fed with a gap heals', () => {
  it.each(projections.map((p) => [p.name, p] as const))(
    '%s: the current version builds beside it, switches over, and equals a rebuild',
    async (_name, projection) => {
      await ensureRegistry(db);
      const old = await db.write(async (tx) => {
        const b = await createBuild(tx, projection.name, projection.version - 1, new Date());
        for (const s of projection.schema(b.prefix)) await tx.run(s);
        return b;
      });
      const page = await readPage(store, projection.eventTypes, 0, 100_000);
      const gap = { ...page, events: page.events.filter((_, i) => i % 5 !== 2) };
      const ctx = { readStream: (s: string) => store.readStream(s) };
      await foldPage(db, projection, old, gap, new Date(), ctx);
      const runner = projectionRunner({ store, db, projections: [projection] });
      await runner.catchUp();
      const builds = await db.read((tx) => listBuilds(tx, projection.name));
      expect(builds.map((b) => `${b.state}:${b.codeVersion}`)).toEqual([
        `retired:${projection.version - 1}`,
        `live:${projection.version}`,
      ]);
      const result = await verify(projection);
      expect(result.prefix).toBe(builds[1]!.prefix);
      expect(result.difference).toBeUndefined();
      expect(await dumpBuild(db, projection, builds[0]!.prefix)).not.toEqual(
        await dumpBuild(db, projection, builds[1]!.prefix),
      );
      await runner.stop();
    },
  );
});

describe("settlement days against the ledger's own count", () => {
  it('closed days agree when settlement folded every payment, and disagree once it lost one', async () => {
    const runner = projectionRunner({ store, db, projections });
    const [day] = await paymentDays();
    await closeBatch(day!, await store.headPosition());
    await runner.catchUp();
    const count = ledgerDayCount({ store, db, cutoffMinutes: 0 });
    expect(await count.closedDays('1403/01/01')).toEqual([day]);
    const [agreed] = (await count.compare([day!]))!;
    expect(agreed).toMatchObject({ day, agrees: true });
    expect(agreed!.ledger.payments).toBeGreaterThan(0);
    expect(agreed!.ledger.postings).toBe(agreed!.settlement.postings);

    const prefix = await runner.livePrefix('settlement');
    await db.write((tx) =>
      tx.run(
        `UPDATE ${prefix}_lines SET payments = payments - 1, gross = gross - 120000
         WHERE rowid = (SELECT MIN(rowid) FROM ${prefix}_lines WHERE day = ? AND kind = 'office')`,
        [day!],
      ),
    );
    const [lost] = (await count.compare([day!]))!;
    expect(lost).toMatchObject({ agrees: false, ledger: agreed!.ledger });
    expect(BigInt(lost!.settlement.gross)).toBe(BigInt(agreed!.ledger.gross) - 120000n);
    await runner.stop();
  });

  it('two nodes counting at once count every payment once', async () => {
    const runner = projectionRunner({ store, db, projections });
    await runner.catchUp();
    const head = await store.headPosition();
    const a = ledgerDayCount({ store, db, cutoffMinutes: 0 });
    const b = ledgerDayCount({ store, db, cutoffMinutes: 0 });
    await Promise.all([a.countTo(head), b.countTo(head), a.countTo(head)]);
    const days = await paymentDays();
    const agreements = (await a.compare(days))!;
    expect(agreements.every((d) => d.agrees)).toBe(true);
    const payments = agreements.reduce((n, d) => n + d.ledger.payments, 0);
    expect(payments).toBe(
      (await store.readAll({ filter: { eventTypes: ['PaymentRecorded'] } })).length,
    );
    await runner.stop();
  });

  it('counts at the settlement checkpoint: payments the runner has not folded yet are not held against it', async () => {
    const runner = projectionRunner({ store, db, projections });
    await runner.catchUp();
    const days = await paymentDays();
    await store.append(
      'payment-unfolded',
      [
        {
          type: 'PaymentRecorded',
          data: {
            paymentId: 'unfolded',
            amount: '7',
            transactionTime: '2024-09-20T10:00:00Z',
            postings: [{ kind: 'vat', amount: '7' }],
          },
        },
      ],
      'no_stream',
    );
    const count = ledgerDayCount({ store, db, cutoffMinutes: 0 });
    expect((await count.compare(days))!.every((d) => d.agrees)).toBe(true);
    await runner.catchUp();
    expect((await count.compare(days))!.every((d) => d.agrees)).toBe(true);
    await runner.stop();
  });
});
