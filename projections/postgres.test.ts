import { memoryEventStore, type EventStore } from '../src/shared/eventStore';
import {
  databaseUrl,
  describeWithPostgres,
  dropSchema,
  randomSchema,
  withClient,
} from '../test/support/postgres';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  caseCounts,
  casesInScope,
  casesWithPendingRefunds,
  overdueCandidates,
} from './complaints/queries';
import { complianceReport, flaggedPayments } from './compliance/queries';
import { postgresReadModelDb, sqliteReadModelDb, type ReadModelDb } from './db';
import { deadlinesReport } from './deadlines/queries';
import { settlementLines } from './settlement/queries';
import { seedLedger } from './fixtures';
import { seedSupervision } from './supervision/fixtures';
import { officeActions, officeMeasures } from './supervision/queries';
import { allProjections } from './index';
import { takeLease } from './registry';
import { projectionRunner } from './runner';
import { businessDays } from './businessDay';
import { halfYear } from '../src/shared/jalaliPeriod';
import { ledgerDayCount } from './settlement/ledgerCheck';
import { dumpBuild, verifyProjection } from './verify';

describeWithPostgres('projections on PostgreSQL read models', () => {
  let schema: string;
  let store: EventStore;
  let db: ReadModelDb;
  beforeEach(async () => {
    schema = randomSchema();
    await withClient((c) => c.query(`CREATE SCHEMA ${schema}`));
    store = memoryEventStore();
    db = postgresReadModelDb({ connectionString: databaseUrl, schema });
    await seedLedger(store, 30);
    await seedSupervision(store);
  });
  afterEach(async () => {
    await db.close();
    await store.close();
    await dropSchema(schema);
  });

  it("verify and the ledger's day count work on PostgreSQL read models, and find a lost posting", async () => {
    const projections = allProjections();
    const runner = projectionRunner({ store, db, projections });
    await runner.catchUp();
    const settlement = projections.find((p) => p.name === 'settlement')!;
    const scratchSchema = randomSchema();
    await withClient((c) => c.query(`CREATE SCHEMA ${scratchSchema}`));
    const scratch = postgresReadModelDb({ connectionString: databaseUrl, schema: scratchSchema });
    const verified = await verifyProjection({ store, db, scratch, projection: settlement });
    await scratch.close();
    await dropSchema(scratchSchema);
    expect(verified.difference).toBeUndefined();

    const count = ledgerDayCount({ store, db, cutoffMinutes: 0 });
    const dayOf = businessDays(0);
    const payments = await store.readAll({ filter: { eventTypes: ['PaymentRecorded'] } });
    const days = [
      ...new Set(
        payments.map((e) => dayOf((e.data as { transactionTime: string }).transactionTime)),
      ),
    ];
    expect(days).toHaveLength(3);
    const agreed = (await count.compare(days))!;
    expect(agreed.map((d) => d.agrees)).toEqual([true, true, true]);
    expect(agreed.reduce((n, d) => n + d.ledger.payments, 0)).toBe(30);
    await db.write((tx) =>
      tx.run(
        `UPDATE settlement_v1_lines SET payments = payments - 1 WHERE day = ? AND kind = 'vat'`,
        [days[1]!],
      ),
    );
    expect((await count.compare(days))!.map((d) => d.agrees)).toEqual([true, false, true]);
    await runner.stop();
  });

  it('every projection builds incrementally, and a rebuild equals it row for row', async () => {
    const projections = allProjections();
    const runner = projectionRunner({ store, db, projections, batchSize: 11 });
    await runner.catchUp();
    expect((await runner.status()).every((s) => s.lag === 0)).toBe(true);
    for (const p of projections) {
      const live = await dumpBuild(db, p, `${p.name}_v1`);
      const rebuilt = await runner.rebuild(p.name);
      expect(await dumpBuild(db, p, rebuilt.prefix)).toEqual(live);
    }
    await runner.stop();
  });

  it('answers every report query as the SQLite read models do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pishkhan-pg-vs-sqlite-'));
    const lite = sqliteReadModelDb(join(dir, 'readmodels.sqlite'));
    try {
      const reports = async (d: ReadModelDb) => {
        await projectionRunner({ store, db: d, projections: allProjections() }).catchUp();
        const range = { from: '1403/06/01', to: '1403/07/30' };
        const asOf = new Date('2024-10-01T00:00:00Z');
        return JSON.stringify(
          [
            await settlementLines(d, range),
            await complianceReport(d, range),
            await flaggedPayments(d, { ...range, type: 'overcharge', limit: 3 }),
            await deadlinesReport(d, { at: new Date('2024-09-15T00:00:00Z') }),
            await officeMeasures(d, { period: halfYear(1403, 1), asOf }),
            await officeMeasures(d, { period: halfYear(1403, 2), asOf }),
            await officeActions(d, 'OF1'),
            await caseCounts(d),
            await casesInScope(d, {
              scope: { kind: 'agency', agencyId: 'AG1' },
              after: 0,
              limit: 5,
            }),
            await overdueCandidates(d, new Date('2024-10-20T00:00:00Z')),
            await casesWithPendingRefunds(d),
          ],
          (_k, v: unknown) =>
            typeof v === 'bigint' ? v.toString() : v instanceof Map ? [...v.entries()] : v,
        );
      };
      const [pg, sqlite] = [await reports(db), await reports(lite)];
      expect(pg).toEqual(sqlite);
      expect(pg).toContain('overcharge');
      expect(pg).toContain('"violationAmount":"5000"');
      expect(pg).toContain('SuspensionRecommended');
      expect(pg).toContain('awaiting_office');
    } finally {
      await lite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a second node cannot fold a build while the first holds its lease', async () => {
    const first = projectionRunner({ store, db, projections: allProjections() });
    await first.catchUp();
    const second = projectionRunner({ store, db, projections: allProjections() });
    expect(await takeLease(db, 'settlement_v1', second.owner, Date.now(), 1000)).toBe(false);
    await first.stop();
    expect(await takeLease(db, 'settlement_v1', second.owner, Date.now(), 1000)).toBe(true);
  });
});
