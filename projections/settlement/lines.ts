import type { SettlementBatchClosed } from '../../src/reports/events';
import type { RecordedEvent } from '../../src/shared/eventStore';
import type { SqlTx, SqlValue } from '../db';
import { ledgerEntry } from '../ledger';
import { negated, RialSum } from '../rials';

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

/**
 * One aggregate row: a beneficiary's money for one business day, service and office, its
 * `sums` in the order of the `sums` columns (counts, and rials exact past 2^53).
 */
export interface Line {
  key: readonly string[];
  sums: RialSum[];
}

/** Lines being summed, keyed by their key columns joined with NUL. */
export type Lines = Map<string, Line>;

/** The line of `key` in `lines`, new and zero if there was none. */
export function lineOf(lines: Lines, id: string, key: () => readonly string[]): Line {
  let line = lines.get(id);
  if (!line) {
    line = { key: key(), sums: sums.map(() => new RialSum()) };
    lines.set(id, line);
  }
  return line;
}

/** Where a ledger entry's count and money go among the sums. */
const columnsOf = { payment: 0, reversal: 2, refund: 4 } as const;

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
    const count = columnsOf[entry.kind];
    for (const posting of entry.postings) {
      const amount = posting.amount;
      if (amount === 0 || amount === 0n) continue;
      const line = lineOf(
        lines,
        `${day}\u0000${posting.kind}\u0000${posting.beneficiaryId}\u0000${posting.iban}\u0000${posting.depositId}${tail}`,
        () => [
          day,
          posting.kind,
          posting.beneficiaryId,
          posting.iban,
          posting.depositId,
          entry.agencyId,
          entry.serviceCode,
          entry.officeId,
        ],
      );
      line.sums[count]!.add(1);
      line.sums[count + 1]!.add(entry.kind === 'payment' ? amount : negated(amount));
    }
  }
}

/** Upserts the lines into `<prefix>_lines`, adding to the sums already there. */
export async function writeLines(tx: SqlTx, p: string, lines: Iterable<Line>): Promise<void> {
  const rows: SqlValue[][] = [];
  for (const l of lines) rows.push([...l.key, ...l.sums.map((s) => s.total)]);
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
