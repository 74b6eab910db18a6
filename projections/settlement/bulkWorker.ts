import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { businessDays } from '../businessDay';
import { pickFields } from '../jsonFields';
import { isCorrection, ledgerEntryFields, originsOf, paymentRecorded } from '../ledger';
import { logChunks, SharedRanges, streamReader } from '../logRange';
import type { PackedLines } from './lineTable';
import { foldLines, settlementLineTable } from './lines';

export interface RangeTask {
  file: string;
  upTo: number;
  /** Shared by the workers of one fold; see `SharedRanges`. */
  ranges: SharedArrayBuffer;
  /** This worker's own segment of the log. */
  segment: number;
  rangeSize: number;
  types: readonly string[];
  cutoffMinutes: number;
}

export interface RangeResult {
  events: number;
  lines: PackedLines;
  /** SettlementBatchClosed events of the ranges folded, as `[position, data]`. */
  batches: Array<[number, unknown]>;
}

const settlementBatchClosed = 'SettlementBatchClosed';

/** A closed batch is kept whole; of a ledger event only what `ledgerEntry` reads is built. */
const read = (type: string, json: string): unknown =>
  type === settlementBatchClosed ? JSON.parse(json) : pickFields(json, ledgerEntryFields);

/**
 * Positions folded per page: a correction finds its payment as in `applyBatch` (in the page, or
 * else the first PaymentRecorded of its stream: the same event, as a payment stream opens with
 * its only PaymentRecorded). Small, so that little is alive at each young-generation collection.
 */
const pageSize = 500;

/** The scan reads the log through a memory map (SQLite caps it near 2 GiB): no read call per page. */
const mappedBytes = 2 ** 31;

/** Folds position ranges of an SQLite log into settlement lines until none is left. */
export async function foldRanges(task: RangeTask): Promise<RangeResult> {
  const scan = new Database(task.file, { readonly: true, fileMustExist: true });
  scan.pragma(`mmap_size = ${mappedBytes}`);
  const lookup = new Database(task.file, { readonly: true, fileMustExist: true });
  try {
    const dayOf = businessDays(task.cutoffMinutes);
    const readOrigin = streamReader(lookup, paymentRecorded);
    const lines = settlementLineTable();
    const batches: Array<[number, unknown]> = [];
    const ranges = new SharedRanges(task.ranges, task.upTo, task.rangeSize);
    let events = 0;
    for (let range; (range = ranges.next(task.segment));) {
      for (const page of logChunks(
        scan,
        range.from,
        range.to,
        task.types,
        pageSize,
        read,
        isCorrection,
      )) {
        events += page.length;
        foldLines(lines, page, await originsOf(page, readOrigin), dayOf);
        for (const e of page)
          if (e.type === settlementBatchClosed) batches.push([e.position, e.data]);
      }
    }
    return { events, lines: lines.pack(), batches };
  } finally {
    scan.close();
    lookup.close();
  }
}

if (parentPort && workerData) {
  const port = parentPort;
  foldRanges(workerData as RangeTask).then(
    (result) => port.postMessage({ ok: true, result }, [result.lines.small.buffer]),
    (error: unknown) =>
      port.postMessage({
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
}
