import type { SettlementBatchClosed } from '../../src/reports/events';
import type { RecordedEvent } from '../../src/shared/eventStore';
import type { SqlTx, SqlValue } from '../db';
import { ledgerEntry } from '../ledger';
import { negated, RialSum } from '../rials';

/** One aggregate row: a beneficiary's money for one business day, service and office. */
export interface Line {
  key: readonly string[];
  payments: bigint;
  gross: bigint;
  reversalCount: bigint;
  reversals: bigint;
  refundCount: bigint;
  refunds: bigint;
}

export const keyColumns = [
  'day',
  'kind',
  'beneficiary_id',
  'iban',
  'deposit_id',
  'agency_id',
  'service_code',
  'office_id',
] as const;
export const sums = [
  'payments',
  'gross',
  'reversal_count',
  'reversals',
  'refund_count',
  'refunds',
] as const;

/** A line while it is summed: counts in Numbers, money in exact `RialSum`s. */
interface Summing {
  key: readonly string[];
  payments: number;
  gross: RialSum;
  reversalCount: number;
  reversals: RialSum;
  refundCount: number;
  refunds: RialSum;
}

/** Lines being summed, keyed by their key columns joined with NUL. */
export type Lines = Map<string, Summing>;

function summing(key: readonly string[]): Summing {
  return {
    key,
    payments: 0,
    gross: new RialSum(),
    reversalCount: 0,
    reversals: new RialSum(),
    refundCount: 0,
    refunds: new RialSum(),
  };
}

/**
 * Adds the ledger events of one batch to `lines`. Both the incremental fold and the bulk
 * rebuild go through here, so they decode and sum every event the same way; only where the
 * events come from and how partial sums are added up differs.
 */
export function foldLines(
  lines: Lines,
  events: readonly Pick<RecordedEvent, 'type' | 'stream' | 'data'>[],
  origins: Map<string, unknown>,
  dayOf: (iso: string) => string,
): void {
  for (const event of events) {
    const entry = ledgerEntry(event, origins.get(event.stream));
    if (!entry || !entry.at) continue;
    const day = dayOf(entry.at);
    const tail = `\u0000${entry.agencyId}\u0000${entry.serviceCode}\u0000${entry.officeId}`;
    for (const posting of entry.postings) {
      if (posting.amount === 0 || posting.amount === 0n) continue;
      const id = `${day}\u0000${posting.kind}\u0000${posting.beneficiaryId}\u0000${posting.iban}\u0000${posting.depositId}${tail}`;
      let line = lines.get(id);
      if (!line) {
        line = summing([
          day,
          posting.kind,
          posting.beneficiaryId,
          posting.iban,
          posting.depositId,
          entry.agencyId,
          entry.serviceCode,
          entry.officeId,
        ]);
        lines.set(id, line);
      }
      if (entry.kind === 'payment') {
        line.payments++;
        line.gross.add(posting.amount);
      } else if (entry.kind === 'reversal') {
        line.reversalCount++;
        line.reversals.add(negated(posting.amount));
      } else {
        line.refundCount++;
        line.refunds.add(negated(posting.amount));
      }
    }
  }
}

/** The summed lines as rows to write or to hand to another thread. */
export function linesOf(lines: Lines): Line[] {
  const out: Line[] = [];
  for (const l of lines.values())
    out.push({
      key: l.key,
      payments: BigInt(l.payments),
      gross: l.gross.total,
      reversalCount: BigInt(l.reversalCount),
      reversals: l.reversals.total,
      refundCount: BigInt(l.refundCount),
      refunds: l.refunds.total,
    });
  return out;
}

/** Adds `from` into `into`: every column is a sum, so partial folds of disjoint ranges add up in any order. */
export function mergeLines(into: Map<string, Line>, from: Iterable<Line>): void {
  for (const l of from) {
    const id = l.key.join('\u0000');
    const have = into.get(id);
    if (!have) {
      into.set(id, { ...l });
      continue;
    }
    have.payments += l.payments;
    have.gross += l.gross;
    have.reversalCount += l.reversalCount;
    have.reversals += l.reversals;
    have.refundCount += l.refundCount;
    have.refunds += l.refunds;
  }
}

/** Upserts the lines into `<prefix>_lines`, adding to the sums already there. */
export async function writeLines(tx: SqlTx, p: string, lines: Iterable<Line>): Promise<void> {
  const rows: SqlValue[][] = [];
  for (const l of lines)
    rows.push([
      ...l.key,
      l.payments,
      l.gross,
      l.reversalCount,
      l.reversals,
      l.refundCount,
      l.refunds,
    ]);
  if (rows.length === 0) return;
  const columns = [...keyColumns, ...sums];
  await tx.runMany(
    `INSERT INTO ${p}_lines (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
     ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET ${sums.map((c) => `${c} = ${p}_lines.${c} + excluded.${c}`).join(', ')}`,
    rows,
  );
}

/** A closed settlement batch as a row of `<prefix>_batches`. */
export function batchRow(data: unknown): SqlValue[] {
  const b = data as SettlementBatchClosed;
  return [b.day, b.batchId, b.ledgerPosition, BigInt(b.total), JSON.stringify(b)];
}
