import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { businessDays } from '../businessDay';
import { originsOf, paymentRecorded } from '../ledger';
import { logChunks, streamReader } from '../logRange';
import { foldLines, type Line, type Lines } from './lines';

export interface RangeTask {
  file: string;
  from: number;
  to: number;
  types: readonly string[];
  cutoffMinutes: number;
}

export interface RangeResult {
  events: number;
  lines: Line[];
  /** SettlementBatchClosed events of the range as `[position, data]`, in position order. */
  batches: Array<[number, unknown]>;
}

/**
 * Folds one position range of an SQLite log into settlement lines, in pages of the runner's
 * size so that a correction finds its payment the same way as in `applyBatch` (in the page, or
 * else the first PaymentRecorded of its stream).
 */
export async function foldRange(task: RangeTask): Promise<RangeResult> {
  const scan = new Database(task.file, { readonly: true, fileMustExist: true });
  const lookup = new Database(task.file, { readonly: true, fileMustExist: true });
  try {
    const dayOf = businessDays(task.cutoffMinutes);
    const readOrigin = streamReader(lookup, paymentRecorded);
    const lines: Lines = new Map();
    const batches: Array<[number, unknown]> = [];
    let events = 0;
    for (const page of logChunks(scan, task.from, task.to, task.types, 5000)) {
      events += page.length;
      foldLines(lines, page, await originsOf(page, readOrigin), dayOf);
      for (const e of page)
        if (e.type === 'SettlementBatchClosed') batches.push([e.position, e.data]);
    }
    return { events, lines: [...lines.values()], batches };
  } finally {
    scan.close();
    lookup.close();
  }
}

if (parentPort && workerData) {
  const port = parentPort;
  foldRange(workerData as RangeTask).then(
    (result) => port.postMessage({ ok: true, result }),
    (error: unknown) =>
      port.postMessage({
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
}
