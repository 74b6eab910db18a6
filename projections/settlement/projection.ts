import { businessDays } from '../businessDay';
import { ledgerEventTypes, originsOf } from '../ledger';
import type { Projection } from '../projection';
import { bulkSettlement } from './bulk';
import { batchRow, foldLines, keyColumns, settlementLineTable, sums, writeLines } from './lines';

/**
 * Settlement (تسویه) of the split (تسهیم): per business day and beneficiary, how many payments,
 * gross, reversals and refunds, by service and office. Net owed is gross − reversals − refunds.
 * A batch is summed in memory and written as one upsert per touched row. A new build over an
 * SQLite log starts with `bulkFold` (see `bulk.ts`), which runs the same fold on every core;
 * PostgreSQL and the other stores fold page by page through the port.
 */
export function settlementProjection(options: { cutoffMinutes?: number } = {}): Projection {
  const cutoffMinutes = options.cutoffMinutes ?? 0;
  const dayOf = businessDays(cutoffMinutes);
  const eventTypes = [...ledgerEventTypes, 'SettlementBatchClosed'];
  return {
    name: 'settlement',
    version: 2,
    eventTypes,
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
      await tx.runMany(
        `INSERT INTO ${p}_batches VALUES (?, ?, ?, ?, ?) ON CONFLICT (day) DO NOTHING`,
        events.filter((e) => e.type === 'SettlementBatchClosed').map((e) => batchRow(e.data)),
      );
      const lines = settlementLineTable();
      foldLines(lines, events, origins, dayOf);
      await writeLines(tx, p, lines);
    },
    bulkFold: (logFile, upTo) => bulkSettlement(logFile, upTo, eventTypes, cutoffMinutes),
  };
}
