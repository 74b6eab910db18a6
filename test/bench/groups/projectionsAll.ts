import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allProjections } from '../../../projections';
import { sqliteReadModelDb } from '../../../projections/db';
import { projectionRunner } from '../../../projections/runner';
import { sqliteEventStore } from '../../../src/shared/eventStore';
import type { BenchGroup } from '../lib/group';
import { writePaymentLog } from '../lib/paymentLog';

const payments = Number(process.env.BENCH_FOLD_PAYMENTS ?? 100_000);

/**
 * Every projection a node runs, folded together by one runner from an empty read-model file
 * up to the head of a payment log, page by page through the store port as a node's
 * projection thread follows the log (no bulk fold): the CPU the fold costs per payment, which on
 * a 2-core machine is what a sustained burst of payments competes with.
 */
export const projectionsAll: BenchGroup = {
  name: 'projection.all',
  async run(ctx) {
    const dir = mkdtempSync(join(tmpdir(), 'pishkhan-bench-fold-'));
    const file = join(dir, 'events.sqlite');
    await writePaymentLog(file, payments, 20);
    const store = sqliteEventStore(file);
    const db = sqliteReadModelDb(join(dir, 'readmodels.sqlite'));
    try {
      const events = await store.headPosition();
      const runner = projectionRunner({ store, db, projections: allProjections() });
      await runner.start();
      const cpu = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      await runner.catchUp();
      const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000;
      await runner.stop();
      ctx.log(
        `${events} events through every projection: ${wallS.toFixed(1)} s, ${cpuMs.toFixed(0)} ms CPU`,
      );
      const conditions = `${payments} PaymentRecorded + 1 % v2 reversals over 20 days (writePaymentLog), every projection of allProjections() in one runner from an empty SQLite read-model file, pages of 5,000 read through the store port, one process`;
      return {
        'projection.all.fold.per_s': { value: events / wallS, unit: '1/s', conditions },
        'projection.all.fold.cpu_ms_per_1000': {
          value: (cpuMs / events) * 1000,
          unit: 'ms',
          conditions: `process CPU (user + system) per 1,000 events; ${conditions}`,
        },
      };
    } finally {
      await db.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
