import { PspSettlementReconciled } from '../../contracts/events/pspSettlement';
import type { SqlValue } from '../db';
import { decoded } from '../decode';
import type { Projection } from '../projection';

/**
 * PSP settlement runs (تطبیق فایل تسویه پرداخت‌یار) as the regulator and agencies read them:
 * one row per run with its summary, one per outcome in the run's order, and which agencies
 * each run and outcome concerns, so an agency reads only what touches its own fees and accounts.
 */
export function pspSettlementProjection(): Projection {
  return {
    name: 'pspsettlement',
    version: 1,
    eventTypes: [PspSettlementReconciled.type],
    tables: ['runs', 'run_agencies', 'outcomes', 'outcome_agencies'],
    schema: (p) => [
      `CREATE TABLE ${p}_runs (run_id TEXT PRIMARY KEY, position BIGINT NOT NULL, summary TEXT NOT NULL)`,
      `CREATE INDEX ${p}_runs_position ON ${p}_runs (position)`,
      `CREATE TABLE ${p}_run_agencies (agency_id TEXT NOT NULL, run_id TEXT NOT NULL, position BIGINT NOT NULL,
         PRIMARY KEY (agency_id, run_id))`,
      `CREATE TABLE ${p}_outcomes (run_id TEXT NOT NULL, seq BIGINT NOT NULL, kind TEXT NOT NULL, outcome TEXT NOT NULL,
         PRIMARY KEY (run_id, seq))`,
      `CREATE TABLE ${p}_outcome_agencies (run_id TEXT NOT NULL, agency_id TEXT NOT NULL, seq BIGINT NOT NULL,
         PRIMARY KEY (run_id, agency_id, seq))`,
    ],
    async applyBatch(tx, events, p) {
      for (const e of events) {
        const d = decoded(e);
        if (d?.type !== 'PspSettlementReconciled') continue;
        const { outcomes, ...summary } = d.data;
        const added = await tx.run(
          `INSERT INTO ${p}_runs VALUES (?, ?, ?) ON CONFLICT (run_id) DO NOTHING`,
          [summary.runId, e.position, JSON.stringify(summary)],
        );
        if (added !== 1) continue;
        const rows: SqlValue[][] = [];
        const agencyRows: SqlValue[][] = [];
        outcomes.forEach((o, seq) => {
          rows.push([summary.runId, seq, o.kind, JSON.stringify(o)]);
          for (const a of o.agencyIds) agencyRows.push([summary.runId, a, seq]);
        });
        await tx.runMany(`INSERT INTO ${p}_outcomes VALUES (?, ?, ?, ?)`, rows);
        await tx.runMany(`INSERT INTO ${p}_outcome_agencies VALUES (?, ?, ?)`, agencyRows);
        await tx.runMany(
          `INSERT INTO ${p}_run_agencies VALUES (?, ?, ?)`,
          [...new Set(outcomes.flatMap((o) => o.agencyIds))].map((a) => [
            a,
            summary.runId,
            e.position,
          ]),
        );
      }
    },
  };
}
