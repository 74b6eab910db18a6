import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openEventStore } from '../../src/shared/eventStore/open';
import { allProjections, openReadModelDb, sqliteLogOf } from '..';
import { projectionRunner } from '../runner';
import { scheduledVerification } from '../seals/verifiedDays';
import { ledgerDayCount } from '../settlement/ledgerCheck';
import type { Call, ThreadConfig, Told } from './protocol';

/**
 * The projection thread (رشتهٔ پیش‌نگاره‌ها): the runner folding the log into the read models on
 * its own connections, so a fold never holds the HTTP thread (better-sqlite3 is synchronous).
 */
async function main(config: ThreadConfig): Promise<void> {
  const port = parentPort!;
  const tell = (m: Told) => port.postMessage(m);
  if (config.nice) lowerPriority(config.nice);
  const store = await openEventStore(config);
  const db = openReadModelDb(config);
  const sqliteLog = sqliteLogOf(config);
  const runner = projectionRunner({
    store,
    db,
    projections: allProjections({ cutoffMinutes: config.cutoffMinutes }),
    ...(config.pollMs ? { pollMs: config.pollMs } : {}),
    ...(config.leaseMs ? { leaseMs: config.leaseMs } : {}),
    ...(sqliteLog ? { sqliteLog } : {}),
    onError: (error) => tell({ kind: 'roundFailed', error: describe(error) }),
  });
  const ledgerCount = ledgerDayCount({ store, db, cutoffMinutes: config.cutoffMinutes });
  let verifying = new AbortController();
  const verifyLedger = (scrub: number) =>
    scheduledVerification({
      store,
      db,
      sealsPrefix: () => runner.livePrefix('seals'),
      scrub,
      now: () => new Date(),
    })(verifying.signal);
  await runner.run();
  tell({ kind: 'started' });

  async function answer(call: Call): Promise<unknown> {
    switch (call.op) {
      case 'waitFor':
        return runner.waitFor(call.name, call.target);
      case 'reach':
        return runner.reach(call.name, call.target, call.timeoutMs);
      case 'catchUp':
        return runner.catchUp();
      case 'rebuild':
        return runner.rebuild(call.name);
      case 'countLedgerTo':
        return ledgerCount.countTo(call.target);
      case 'verifyLedger':
        return verifyLedger(call.scrub);
      case 'abortVerify':
        verifying.abort();
        verifying = new AbortController();
        return undefined;
      case 'stop':
        verifying.abort();
        await runner.stop();
        await db.close();
        await store.close();
        return undefined;
    }
  }
  port.on('message', (call: Call) => {
    answer(call).then(
      (value) => tell({ kind: 'answer', id: call.id, ok: true, value }),
      (error: unknown) => tell({ kind: 'answer', id: call.id, ok: false, error: describe(error) }),
    );
  });
}

/**
 * Lowers this thread's scheduling priority, and only this thread's: on Linux a nice value
 * belongs to a thread (its id read from `/proc/thread-self`), and the bulk-fold threads it
 * starts inherit it. Where that is not possible (another OS, a sandbox) the thread folds at the
 * process's priority.
 */
function lowerPriority(nice: number): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, nice);
  } catch {
    return;
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

main(workerData as ThreadConfig).catch((error: unknown) => {
  throw error;
});
