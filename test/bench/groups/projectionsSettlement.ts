import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteReadModelDb } from '../../../projections/db';
import { sealed } from '../../../projections/digest';
import { projectionRunner } from '../../../projections/runner';
import { settlementProjection } from '../../../projections/settlement/projection';
import { settlementLines, settlementReportBody } from '../../../projections/settlement/queries';
import { sqliteEventStore } from '../../../src/shared/eventStore';
import type { BenchGroup } from '../lib/group';
import { writePaymentLog, type PaymentLog } from '../lib/paymentLog';

const payments = Number(process.env.BENCH_PROJECTION_PAYMENTS ?? 1_000_000);
/** `v1` writes the reversals as the first version of the contract did, without their accounts. */
const corrections = process.env.BENCH_PROJECTION_CORRECTIONS === 'v1' ? 'v1' : 'v2';
const pageSize = 10_000;
const reportRuns = 300;

let log: { dir: string; file: string; shape: PaymentLog } | undefined;

/** The log is written once per bench process and shared by its rounds and groups. */
export async function paymentLog(say: (m: string) => void) {
  if (log) return log;
  const dir = mkdtempSync(join(tmpdir(), 'pishkhan-bench-projection-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'events.sqlite');
  const started = Date.now();
  const shape = await writePaymentLog(file, payments, 60, corrections);
  say(`wrote ${payments} payments in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log = { dir, file, shape };
  return log;
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;

/**
 * The settlement projection rebuilt from scratch over a 1,000,000-payment SQLite log (1 % of
 * them reversed), next to its floor: reading the same log through the store port in the same
 * pages without folding. Then one agency's month report on the rebuilt model.
 */
export const projectionsSettlement: BenchGroup = {
  name: 'projection.settlement',
  async run(ctx) {
    const { dir, file, shape } = await paymentLog(ctx.log);
    const store = sqliteEventStore(file);
    const rm = mkdtempSync(join(dir, 'rm-'));
    const db = sqliteReadModelDb(join(rm, 'readmodels.sqlite'));
    try {
      let started = process.hrtime.bigint();
      let read = 0;
      for (let after = 0; ;) {
        const page = await store.readAll({
          after,
          filter: { eventTypes: ['PaymentRecorded'] },
          limit: pageSize,
        });
        if (page.length === 0) break;
        read += page.length;
        after = page[page.length - 1]!.position;
      }
      const readPerS = read / (Number(process.hrtime.bigint() - started) / 1e9);

      const runner = projectionRunner({
        store,
        db,
        projections: [settlementProjection()],
        batchSize: pageSize,
        sqliteLog: file,
      });
      await runner.start();
      started = process.hrtime.bigint();
      const built = await runner.rebuild('settlement');
      const rebuildPerS = shape.payments / (Number(process.hrtime.bigint() - started) / 1e9);
      ctx.log(
        `rebuilt to position ${built.position}: ${Math.round(rebuildPerS)} payments/s (log read alone ${Math.round(readPerS)}/s)`,
      );

      const query = {
        from: '1403/07/01',
        to: '1403/07/30',
        beneficiary: { kind: 'agency', id: shape.agencies[0]! },
      };
      const times: number[] = [];
      let lines = 0;
      for (let i = 0; i < reportRuns + 20; i++) {
        const t0 = process.hrtime.bigint();
        const { position, accounts } = await settlementLines(db, query);
        const report = sealed(position, settlementReportBody(accounts, query, 0));
        if (i >= 20) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
        lines = report.lines.length;
      }
      const conditions = `${shape.payments} PaymentRecorded (~900-byte JSON, 10 agencies, 400 offices, 60 days) + 1 % reversals (${corrections}), sqlite store file, read models in a separate sqlite file (WAL, synchronous=NORMAL)`;
      return {
        'projection.log_read.per_s': {
          value: readPerS,
          unit: '1/s',
          conditions: `store.readAll pages of ${pageSize} of PaymentRecorded, events parsed, not folded; ${conditions}`,
        },
        'projection.settlement.rebuild.per_s': {
          value: rebuildPerS,
          unit: '1/s',
          floor: 'projection.log_read.per_s',
          conditions: `runner.rebuild('settlement') from an empty build to the head: the bulk fold (the log file read directly by one worker thread per core sharing its ranges, only the fields settlement reads picked from each event's JSON, same foldLines, sums merged) committed with the checkpoint in one transaction, then the incremental fold (pages of ${pageSize}) for anything after; payments per second; ${conditions}`,
        },
        'report.settlement.month.p95_ms': {
          value: p95(times),
          unit: 'ms',
          conditions: `one agency's Jalali month (1403/07, ${lines} day×account lines, by service and office, sealed with SHA-256), in process on the rebuilt model, p95 of ${reportRuns} after 20 warm-up`,
        },
      };
    } finally {
      await db.close();
      await store.close();
      rmSync(rm, { recursive: true, force: true });
    }
  },
};
