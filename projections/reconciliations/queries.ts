import type { ReconciliationCompleted } from '../../contracts/events/reconciliation';
import type { ReadModelDb } from '../db';
import { liveBuild } from '../registry';

export interface RunQuery {
  agencyId: string;
  runId?: string;
  /** Runs recorded before this log position (the previous page's last). */
  before?: number;
  limit: number;
}

/**
 * An agency's reconciliation runs, newest first, each as recorded with its outcomes; a page of
 * `limit`, and the position to ask `before` for the next one.
 */
export async function reconciliationRuns(db: ReadModelDb, q: RunQuery) {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, 'reconciliations');
    if (!live) return { position: 0, total: 0, runs: [], next: undefined };
    const p = live.prefix;
    const conditions = ['agency_id = ?'];
    const params: Array<string | number> = [q.agencyId];
    if (q.runId !== undefined) {
      conditions.push('run_id = ?');
      params.push(q.runId);
    }
    if (q.before !== undefined) {
      conditions.push('position < ?');
      params.push(q.before);
    }
    const rows = await tx.all<{ position: unknown; body: string }>(
      `SELECT position, body FROM ${p}_runs WHERE ${conditions.join(' AND ')} ORDER BY position DESC LIMIT ${q.limit + 1}`,
      params,
    );
    const [count] = await tx.all<{ n: unknown }>(
      `SELECT COUNT(*) AS n FROM ${p}_runs WHERE agency_id = ?`,
      [q.agencyId],
    );
    const page = rows.slice(0, q.limit);
    return {
      position: live.position,
      total: Number(count?.n ?? 0),
      runs: page.map((r) => ({
        position: Number(r.position),
        run: JSON.parse(r.body) as ReconciliationCompleted,
      })),
      next: rows.length > q.limit ? Number(page[page.length - 1]!.position) : undefined,
    };
  });
}
