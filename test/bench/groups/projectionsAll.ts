import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allProjections } from '../../../projections';
import { sqliteReadModelDb } from '../../../projections/db';
import { projectionRunner } from '../../../projections/runner';
import { sqliteEventStore, type EventStore } from '../../../src/shared/eventStore';
import type { BenchGroup } from '../lib/group';
import { writePaymentLog } from '../lib/paymentLog';

const payments = Number(process.env.BENCH_FOLD_PAYMENTS ?? 100_000);
/** Events a following node folds per round: ~250 ms of payments at 1,600/s. */
const followRound = 400;
const followEvents = 20_000;

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/**
 * The store as a node following live payments sees it: the head moves `followRound` events at a
 * time, and a page never reaches past it (positions of the generated log are dense, so a limit
 * of `head - after` events stays within the head).
 */
function following(store: EventStore, round: number) {
  let head = 0;
  const view = Object.create(store) as EventStore;
  view.headPosition = () => Promise.resolve(head);
  view.readAll = (o = {}) =>
    store.readAll({ ...o, limit: Math.max(1, Math.min(o.limit ?? 5000, head - (o.after ?? 0))) });
  return { view, next: (last: number) => (head = Math.min(last, head + round)) };
}

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
      const foldMs = cpuMs(cpu);
      await runner.stop();
      ctx.log(
        `${events} events through every projection: ${wallS.toFixed(1)} s, ${foldMs.toFixed(0)} ms CPU`,
      );

      const followDb = sqliteReadModelDb(join(dir, 'following.sqlite'));
      const live = following(store, followRound);
      const follower = projectionRunner({
        store: live.view,
        db: followDb,
        projections: allProjections(),
      });
      await follower.start();
      const last = Math.min(events, followEvents);
      const followCpu = process.cpuUsage();
      while (live.next(last) < last) await follower.catchUp();
      await follower.catchUp();
      const followMs = cpuMs(followCpu);
      await follower.stop();
      await followDb.close();
      ctx.log(`${last} events followed ${followRound} a round: ${followMs.toFixed(0)} ms CPU`);
      const conditions = `${payments} PaymentRecorded + 1 % v2 reversals over 20 days (writePaymentLog), every projection of allProjections() in one runner from an empty SQLite read-model file, pages of 5,000 read through the store port, one process`;
      return {
        'projection.all.fold.per_s': { value: events / wallS, unit: '1/s', conditions },
        'projection.all.fold.cpu_ms_per_1000': {
          value: (foldMs / events) * 1000,
          unit: 'ms',
          conditions: `process CPU (user + system) per 1,000 events; ${conditions}`,
        },
        'projection.all.follow.cpu_ms_per_1000': {
          value: (followMs / last) * 1000,
          unit: 'ms',
          conditions: `the first ${last} events folded as a node follows live payments, the head moving ${followRound} events a round, one catch-up a round; process CPU per 1,000 events; ${conditions}`,
        },
      };
    } finally {
      await db.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
