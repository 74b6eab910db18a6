import type { SqlValue } from '../db';
import { decoded } from '../decode';
import type { Projection } from '../projection';

/**
 * Reconciliation runs (تطبیق صورت‌حساب بانکی): every `ReconciliationCompleted`, one row per run
 * with the agency, the range, when it ran and the whole run as recorded, so an agency can list
 * its past runs and read any of them with its outcomes. A run's stream holds one event, and the
 * same statement twice is the same run: replaying it changes nothing.
 */
export function reconciliationsProjection(): Projection {
  return {
    name: 'reconciliations',
    version: 1,
    eventTypes: ['ReconciliationCompleted'],
    tables: ['runs'],
    schema: (p) => [
      `CREATE TABLE ${p}_runs (
         run_id TEXT PRIMARY KEY, agency_id TEXT NOT NULL, position BIGINT NOT NULL, from_day TEXT NOT NULL,
         to_day TEXT NOT NULL, completed_at TEXT NOT NULL, body TEXT NOT NULL)`,
      `CREATE INDEX ${p}_runs_by_agency ON ${p}_runs (agency_id, position)`,
    ],
    async applyBatch(tx, events, p) {
      const rows: SqlValue[][] = [];
      for (const e of events) {
        const d = decoded(e);
        if (d?.type !== 'ReconciliationCompleted') continue;
        const run = d.data;
        rows.push([
          run.runId,
          run.agencyId,
          e.position,
          run.from,
          run.to,
          run.completedAt,
          JSON.stringify(run),
        ]);
      }
      await tx.runMany(
        `INSERT INTO ${p}_runs VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO NOTHING`,
        rows,
      );
    },
  };
}
