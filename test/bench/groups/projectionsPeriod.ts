import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteReadModelDb } from '../../../projections/db';
import { positionBefore } from '../../../projections/recordedFrom';
import { projectionRunner } from '../../../projections/runner';
import { rebuildSettlementPeriod } from '../../../projections/settlement/period';
import { settlementProjection } from '../../../projections/settlement/projection';
import { sqliteEventStore } from '../../../src/shared/eventStore';
import { logMonth } from '../../../src/shared/eventStore/logMonths';
import type { BenchGroup } from '../lib/group';
import { writePaymentLog } from '../lib/paymentLog';

const payments = Number(process.env.BENCH_PERIOD_PAYMENTS ?? 900_000);
const pageSize = 10_000;

let log: { dir: string; file: string } | undefined;

async function threeMonths(say: (m: string) => void) {
  if (log) return log;
  const dir = mkdtempSync(join(tmpdir(), 'pishkhan-bench-period-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'events.sqlite');
  const started = Date.now();
  await writePaymentLog(file, payments, 90);
  say(`wrote ${payments} payments over 1403-07..1403-09 in ${(Date.now() - started) / 1000} s`);
  log = { dir, file };
  return log;
}

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

/**
 * One month of settlement rebuilt in place against a whole rebuild, on a log of three Jalali
 * months (1403-07 to 1403-09, recorded as they happened): the whole rebuild page by page through
 * the port (the path of PostgreSQL and every store but SQLite's bulk fold), the middle month
 * (which reads its own month and the one after, up to the checkpoint) and the last month.
 */
export const projectionsPeriod: BenchGroup = {
  name: 'projection.settlement.period',
  async run(ctx) {
    const { dir, file } = await threeMonths(ctx.log);
    const store = sqliteEventStore(file);
    const rm = mkdtempSync(join(dir, 'rm-'));
    const db = sqliteReadModelDb(join(rm, 'readmodels.sqlite'));
    const projection = settlementProjection();
    try {
      const runner = projectionRunner({
        store,
        db,
        projections: [projection],
        batchSize: pageSize,
      });
      await runner.start();
      let t0 = process.hrtime.bigint();
      await runner.rebuild('settlement');
      const whole = seconds(t0);
      await runner.stop();
      const bulkRunner = projectionRunner({
        store,
        db,
        projections: [projection],
        batchSize: pageSize,
        sqliteLog: file,
      });
      t0 = process.hrtime.bigint();
      await bulkRunner.rebuild('settlement');
      const bulk = seconds(t0);
      await bulkRunner.stop();
      const period = async (jm: number) => {
        const started = process.hrtime.bigint();
        const r = await rebuildSettlementPeriod({
          store,
          db,
          projection,
          month: logMonth(1403, jm),
          cutoffMinutes: 0,
          pageSize,
        });
        return { s: seconds(started), r };
      };
      const middle = await period(8);
      const last = await period(9);
      t0 = process.hrtime.bigint();
      await positionBefore(store, logMonth(1403, 8).start);
      const lookupMs = seconds(t0) * 1000;
      ctx.log(
        `whole ${whole.toFixed(1)} s (bulk ${bulk.toFixed(1)} s); 1403-08 ${middle.s.toFixed(1)} s (${middle.r.events} events read); 1403-09 ${last.s.toFixed(1)} s (${last.r.events}); start found in ${lookupMs.toFixed(1)} ms`,
      );
      const conditions = `${payments} PaymentRecorded + 1 % v2 reversals over 90 days (three Jalali months, 1403-07..1403-09) recorded as they happened, SQLite store file, read models in a separate SQLite file, pages of ${pageSize}`;
      return {
        'projection.settlement.whole_rebuild_s': {
          value: whole,
          unit: 's',
          conditions: `runner.rebuild('settlement') page by page through the store port (no bulk fold); ${conditions}`,
        },
        'projection.settlement.whole_rebuild_bulk_s': {
          value: bulk,
          unit: 's',
          conditions: `runner.rebuild('settlement') with the SQLite bulk fold (worker threads reading the log file), SQLite only; ${conditions}`,
        },
        'projection.settlement.period.middle_s': {
          value: middle.s,
          unit: 's',
          conditions: `rebuildSettlementPeriod of 1403-08 in the live build: the log read from a day before the month to the checkpoint (${middle.r.events} events), its lines replaced in one transaction; ${conditions}`,
        },
        'projection.settlement.period.last_s': {
          value: last.s,
          unit: 's',
          conditions: `the same for 1403-09 (${last.r.events} events read); ${conditions}`,
        },
        'projection.settlement.period.start_ms': {
          value: lookupMs,
          unit: 'ms',
          conditions: `positionBefore(store, start of 1403-08): binary search by recording instant, one one-event readAll per halving; ${conditions}`,
        },
      };
    } finally {
      await db.close();
      await store.close();
      rmSync(rm, { recursive: true, force: true });
    }
  },
};
