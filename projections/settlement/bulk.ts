import { availableParallelism } from 'node:os';
import { startWorker } from '../../src/shared/workerThreads';
import { SharedRanges } from '../logRange';
import type { BulkFold } from '../projection';
import type { RangeResult, RangeTask } from './bulkWorker';
import { batchRow, settlementLineTable, writeLines } from './lines';

function runWorker(task: RangeTask): Promise<RangeResult> {
  const worker = startWorker(__dirname, 'bulkWorker', { workerData: task });
  return new Promise((resolve, reject) => {
    worker.once(
      'message',
      (m: { ok: true; result: RangeResult } | { ok: false; error: string }) => {
        if (m.ok) resolve(m.result);
        else reject(new Error(`settlement bulk fold up to ${task.upTo} failed: ${m.error}`));
        void worker.terminate();
      },
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`settlement bulk worker exited with ${code}`)));
  });
}

/**
 * The settlement model of positions `(0, upTo]` of an SQLite log, folded in parallel: worker
 * threads take ranges of `rangeSize` positions (see `SharedRanges`), each reading the
 * file on its own connection and running the same `foldLines` as `applyBatch`; the partial
 * sums are added up here. Settlement batches keep the first per day in log order, as
 * `ON CONFLICT DO NOTHING` does page by page.
 *
 * Why beside the store port: the port parses every ~900-byte event on the calling thread,
 * which caps a rebuild near 80k events/s; the log file is immutable up to `upTo`, so disjoint
 * ranges can be parsed on every core and their commutative sums merged exactly (bigint).
 */
export async function bulkSettlement(
  file: string,
  upTo: number,
  types: readonly string[],
  cutoffMinutes: number,
  threads = availableParallelism(),
  rangeSize = 10_000,
): Promise<BulkFold> {
  const workers = Math.max(1, Math.min(threads, Math.ceil(upTo / rangeSize)));
  const ranges = SharedRanges.state(workers);
  const results = await Promise.all(
    Array.from({ length: workers }, (_, segment) =>
      runWorker({ file, upTo, ranges, segment, rangeSize, types, cutoffMinutes }),
    ),
  );
  const lines = settlementLineTable();
  for (const r of results) lines.merge(r.lines);
  const batches = results.flatMap((r) => r.batches).sort(([a], [b]) => a - b);
  return {
    events: results.reduce((n, r) => n + r.events, 0),
    async write(tx, p) {
      await tx.runMany(
        `INSERT INTO ${p}_batches VALUES (?, ?, ?, ?, ?) ON CONFLICT (day) DO NOTHING`,
        batches.map(([, data]) => batchRow(data)),
      );
      await writeLines(tx, p, lines);
    },
  };
}
