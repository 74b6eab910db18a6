import type { SettlementBatchClosed } from '../../src/reports/events';
import type { SqlValue } from '../db';
import { businessDays } from '../businessDay';
import { ledgerEventTypes, ledgerFact, originsOf } from '../ledger';
import type { Projection } from '../projection';

/** One aggregate row: a beneficiary's money for one business day, service and office. */
interface Line {
  key: readonly SqlValue[];
  payments: bigint;
  gross: bigint;
  reversalCount: bigint;
  reversals: bigint;
  refundCount: bigint;
  refunds: bigint;
}

const keyColumns = ['day', 'kind', 'beneficiary_id', 'iban', 'deposit_id', 'agency_id', 'service_code', 'office_id'] as const;
const sums = ['payments', 'gross', 'reversal_count', 'reversals', 'refund_count', 'refunds'] as const;

/**
 * Settlement (تسویه) of the split (تسهیم): per business day and beneficiary, how many payments,
 * gross, reversals and refunds, by service and office. Net owed is gross − reversals − refunds.
 * A batch is summed in memory and written as one upsert per touched row.
 */
export function settlementProjection(options: { cutoffMinutes?: number } = {}): Projection {
  const dayOf = businessDays(options.cutoffMinutes ?? 0);
  return {
    name: 'settlement',
    version: 1,
    eventTypes: [...ledgerEventTypes, 'SettlementBatchClosed'],
    tables: ['lines', 'batches'],
    schema: (p) => [
      `CREATE TABLE ${p}_lines (
         ${keyColumns.map((c) => `${c} TEXT NOT NULL`).join(', ')},
         ${sums.map((c) => `${c} BIGINT NOT NULL`).join(', ')},
         PRIMARY KEY (${keyColumns.join(', ')}))`,
      `CREATE INDEX ${p}_lines_by_beneficiary ON ${p}_lines (kind, beneficiary_id, day)`,
      `CREATE TABLE ${p}_batches (day TEXT PRIMARY KEY, batch_id TEXT NOT NULL, position BIGINT NOT NULL, total BIGINT NOT NULL, body TEXT NOT NULL)`,
    ],
    async applyBatch(tx, events, p, ctx) {
      const origins = await originsOf(events, (s) => ctx.readStream(s));
      const lines = new Map<string, Line>();
      const batches = events.filter((e) => e.type === 'SettlementBatchClosed').map((e) => e.data as SettlementBatchClosed);
      await tx.runMany(
        `INSERT INTO ${p}_batches VALUES (?, ?, ?, ?, ?) ON CONFLICT (day) DO NOTHING`,
        batches.map((b) => [b.day, b.batchId, b.ledgerPosition, BigInt(b.total), JSON.stringify(b)]),
      );
      for (const event of events) {
        const fact = ledgerFact(event, origins.get(event.stream));
        if (!fact || !fact.at) continue;
        const day = dayOf(fact.at);
        for (const posting of fact.postings) {
          if (posting.amount === 0n) continue;
          const key = [day, posting.kind, posting.beneficiaryId, posting.iban, posting.depositId, fact.agencyId, fact.serviceCode, fact.officeId] as const;
          const id = key.join('\u0000');
          let line = lines.get(id);
          if (!line) lines.set(id, (line = { key, payments: 0n, gross: 0n, reversalCount: 0n, reversals: 0n, refundCount: 0n, refunds: 0n }));
          if (fact.kind === 'payment') {
            line.payments += 1n;
            line.gross += posting.amount;
          } else if (fact.kind === 'reversal') {
            line.reversalCount += 1n;
            line.reversals -= posting.amount;
          } else {
            line.refundCount += 1n;
            line.refunds -= posting.amount;
          }
        }
      }
      if (lines.size === 0) return;
      const columns = [...keyColumns, ...sums];
      await tx.runMany(
        `INSERT INTO ${p}_lines (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
         ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET ${sums.map((c) => `${c} = ${p}_lines.${c} + excluded.${c}`).join(', ')}`,
        [...lines.values()].map((l) => [...l.key, l.payments, l.gross, l.reversalCount, l.reversals, l.refundCount, l.refunds]),
      );
    },
  };
}
