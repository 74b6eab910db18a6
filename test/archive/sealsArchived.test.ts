import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ledgerSealer, verifyLedger } from '../../src/ledger';
import { postgresEventStore } from '../../src/shared/eventStore';
import type { PostgresEventStore } from '../../src/shared/eventStore/adapters/postgres';
import { archiveMonth } from '../../src/shared/eventStore/archive/archive';
import { logMonth } from '../../src/shared/eventStore/logMonths';
import {
  databaseUrl,
  describeWithPostgres,
  dropSchema,
  randomSchema,
  withClient,
} from '../support/postgres';

const aban = logMonth(1405, 8);
const azar = logMonth(1405, 9);
const hour = 3_600_000;
const day = 24 * hour;

describeWithPostgres('ledger verification over an archived month', () => {
  let schema: string;
  let dir: string;
  let store: PostgresEventStore;
  let now: Date;

  beforeEach(async () => {
    schema = randomSchema();
    dir = mkdtempSync(join(tmpdir(), 'pishkhan-seals-archive-'));
    now = new Date(aban.end.getTime() - 2 * day);
    store = await postgresEventStore({
      connectionString: databaseUrl,
      schema,
      layout: 'monthly',
      clock: () => now,
    });
  });
  afterEach(async () => {
    await store.close();
    await dropSchema(schema);
    rmSync(dir, { recursive: true, force: true });
  });

  const pay = () =>
    store.append(`payment-${randomUUID()}`, [{ type: 'PaymentRecorded', data: {} }], 'no_stream');
  const seal = () => ledgerSealer({ store, now: () => now, graceMinutes: 10 }).runOnce();

  it('counts the archived days as archived and checks the rest of the chain, the first seals archived too', async () => {
    await pay();
    now = new Date(now.getTime() + day + hour);
    await pay();
    expect((await seal()).map((s) => s.day)).toHaveLength(1);
    now = new Date(azar.start.getTime() + 2 * hour);
    await pay();
    await seal();
    now = new Date(azar.start.getTime() + day + 2 * hour);
    await pay();
    await seal();
    const before = await verifyLedger({ store });
    expect(before.discrepancy).toBeUndefined();
    expect(before.archived).toBeUndefined();

    const archived = await archiveMonth(
      { connectionString: databaseUrl, schema },
      { month: aban, dir, now: new Date(azar.end.getTime() + 100 * day), minAgeDays: 90 },
    );
    const after = await verifyLedger({ store });
    expect(after.discrepancy).toBeUndefined();
    // Day A's seal went to the archive with its month: the chain now starts at day A+1's seal,
    // whose day's events are archived too.
    expect(after.archived).toBe(1);
    expect(after.days).toBe(before.days - 2);
    expect(archived.count).toBe(3);
    expect(after.events).toBe(before.events - archived.count);

    await withClient((c) =>
      c.query(`UPDATE "${schema}".events SET data_text = '{"tampered":true}' WHERE position = 4`),
    );
    const tampered = await verifyLedger({ store });
    expect(tampered.discrepancy).toMatchObject({ check: 'root' });
  });
});
