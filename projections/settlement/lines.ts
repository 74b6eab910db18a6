import { decodeWith, versionOf } from '../../contracts/events/contract';
import { SettlementBatchClosed } from '../../contracts/events/settlement';
import type { RecordedEvent } from '../../src/shared/eventStore';
import type { SqlTx, SqlValue } from '../db';
import { ledgerEntry } from '../ledger';
import { negated } from '../rials';
import { LineTable } from './lineTable';

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
 * A line's key columns from its group (day, agency, service, office) and account (kind,
 * beneficiary, Sheba, deposit id), each joined with NUL by `LineTable.join`.
 */
function keyOf(group: string, account: string): readonly string[] {
  const [day, agencyId, serviceCode, officeId] = group.split('\u0000');
  const [kind, beneficiaryId, iban, depositId] = account.split('\u0000');
  return [day, kind, beneficiaryId, iban, depositId, agencyId, serviceCode, officeId].map(
    (k) => k ?? '',
  );
}

/** The key columns of a line, if `keyOf` could not rebuild them: one of them holds a NUL. */
function oddKey(key: readonly string[]): readonly string[] | undefined {
  return key.some((k) => k.includes('\u0000')) ? key : undefined;
}

/** An empty table of settlement lines. */
export const settlementLineTable = () => new LineTable(keyOf);

/** Where a ledger entry's count and money go among the sums. */
const columnsOf = { payment: 0, reversal: 2, refund: 4 } as const;

/**
 * Adds the ledger events of one batch to `lines`, only those of the business days `keep`
 * accepts when it is given. The incremental fold, the bulk rebuild and the rebuild of one
 * period go through here, so they decode and sum every event the same way; only where the
 * events come from and how partial sums are added up differs.
 */
export function foldLines(
  lines: LineTable,
  events: readonly (Pick<RecordedEvent, 'type' | 'stream' | 'data'> & {
    metadata?: Record<string, unknown>;
  })[],
  origins: Map<string, unknown>,
  dayOf: (iso: string) => string,
  keep?: (day: string) => boolean,
): void {
  for (const event of events) {
    const entry = ledgerEntry(event, origins.get(event.stream));
    if (!entry || !entry.at) continue;
    const day = dayOf(entry.at);
    if (keep && !keep(day)) continue;
    const group = lines.join(day, entry.agencyId, entry.serviceCode, entry.officeId);
    const accounts = lines.group(group);
    const count = columnsOf[entry.kind];
    for (const posting of entry.postings) {
      const amount = posting.amount;
      if (amount === 0 || amount === 0n) continue;
      const account = lines.join(
        posting.kind,
        posting.beneficiaryId,
        posting.iban,
        posting.depositId,
      );
      const line =
        accounts.get(account) ??
        lines.add(
          group,
          account,
          oddKey([
            day,
            posting.kind,
            posting.beneficiaryId,
            posting.iban,
            posting.depositId,
            entry.agencyId,
            entry.serviceCode,
            entry.officeId,
          ]),
        );
      lines.sum(line, count, 1);
      lines.sum(line, count + 1, entry.kind === 'payment' ? amount : negated(amount));
    }
  }
}

/** Rows per INSERT statement: one statement per row took a third longer. */
const rowsPerInsert = 100;

/** Upserts the lines into `<prefix>_lines`, adding to the sums already there. */
export async function writeLines(tx: SqlTx, p: string, lines: LineTable): Promise<void> {
  const columns = [...keyColumns, ...sums];
  const insert = (rows: number) =>
    `INSERT INTO ${p}_lines (${columns.join(', ')})
     VALUES ${Array.from({ length: rows }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')}
     ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET ${sums.map((c) => `${c} = ${p}_lines.${c} + excluded.${c}`).join(', ')}`;
  const full = insert(rowsPerInsert);
  let params: SqlValue[] = [];
  for (let line = 0; line < lines.size; line++) {
    lines.row(line, params);
    if (params.length === rowsPerInsert * columns.length) {
      await tx.run(full, params);
      params = [];
    }
  }
  if (params.length) await tx.run(insert(params.length / columns.length), params);
}

/**
 * A closed settlement batch, decoded by its contract, as a row of `<prefix>_batches`. The body
 * keeps the payload as recorded unless it was raised from an older version, so a build folded
 * before the contract existed and a rebuild now hold the same bytes.
 */
export function batchRow(data: unknown, metadata?: Record<string, unknown>): SqlValue[] {
  const decoded = decodeWith(SettlementBatchClosed, data, metadata);
  const b = decoded.data as SettlementBatchClosed;
  const body = decoded.version === versionOf(metadata) ? data : b;
  return [b.day, b.batchId, b.ledgerPosition, BigInt(b.total), JSON.stringify(body)];
}
