import {
  pspOutcomeKinds,
  type PspBeneficiaryTotals,
  type PspOutcome,
  type PspSettlementReconciled,
} from '../../contracts/events/pspSettlement';
import type { ReadModelDb, SqlValue } from '../db';
import { liveBuild } from '../registry';

/** A run as read back: everything but its outcomes. */
export type PspRunSummary = Omit<PspSettlementReconciled, 'outcomes' | 'type'>;

const name = 'pspsettlement';

/**
 * What an agency sees of a run: only its own treasury accounts' totals, and the run's totals
 * made of them. The regulator sees the run whole.
 */
export function summaryFor(run: PspRunSummary, agencyId: string | undefined): PspRunSummary {
  if (agencyId === undefined) return run;
  const own = run.beneficiaries.filter((b) => b.kind === 'agency' && b.beneficiaryId === agencyId);
  const sum = (f: (b: PspBeneficiaryTotals) => string) =>
    own.reduce((s, b) => s + BigInt(f(b)), 0n).toString();
  return {
    ...run,
    beneficiaries: own,
    totals: {
      expected: sum((b) => b.expected),
      credited: sum((b) => b.credited),
      difference: sum((b) => b.difference),
      outcomes: Object.fromEntries(
        pspOutcomeKinds.map((k) => [k, own.reduce((s, b) => s + b.outcomes[k], 0)]),
      ) as PspRunSummary['totals']['outcomes'],
    },
  };
}

/** Runs, newest first, before the cursor position; an agency's only those that touch it. */
export async function listPspRuns(
  db: ReadModelDb,
  q: { agencyId?: string | undefined; before?: number | undefined; limit: number },
): Promise<{ position: number; items: Array<PspRunSummary & { at: number }>; more: boolean }> {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, name);
    if (!live) return { position: 0, items: [], more: false };
    const p = live.prefix;
    const params: SqlValue[] = [];
    const where: string[] = [];
    if (q.agencyId !== undefined) {
      where.push(`r.run_id IN (SELECT run_id FROM ${p}_run_agencies WHERE agency_id = ?)`);
      params.push(q.agencyId);
    }
    if (q.before !== undefined) {
      where.push('r.position < ?');
      params.push(q.before);
    }
    const rows = await tx.all<{ summary: string; position: unknown }>(
      `SELECT summary, position FROM ${p}_runs r ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY r.position DESC LIMIT ?`,
      [...params, q.limit + 1],
    );
    return {
      position: live.position,
      items: rows.slice(0, q.limit).map((r) => ({
        ...summaryFor(JSON.parse(r.summary) as PspRunSummary, q.agencyId),
        at: Number(r.position),
      })),
      more: rows.length > q.limit,
    };
  });
}

/** One run's summary, if it exists and (for an agency) touches it. */
export async function pspRun(
  db: ReadModelDb,
  runId: string,
  agencyId: string | undefined,
): Promise<{ position: number; run: PspRunSummary | undefined }> {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, name);
    if (!live) return { position: 0, run: undefined };
    const p = live.prefix;
    const [row] = await tx.all<{ summary: string }>(
      agencyId === undefined
        ? `SELECT summary FROM ${p}_runs WHERE run_id = ?`
        : `SELECT r.summary FROM ${p}_runs r JOIN ${p}_run_agencies a ON a.run_id = r.run_id
           WHERE r.run_id = ? AND a.agency_id = ?`,
      agencyId === undefined ? [runId] : [runId, agencyId],
    );
    return {
      position: live.position,
      run: row ? summaryFor(JSON.parse(row.summary) as PspRunSummary, agencyId) : undefined,
    };
  });
}

/** A page of a run's outcomes in order after `afterSeq`; an agency's only those that concern it. */
export async function pspOutcomes(
  db: ReadModelDb,
  q: {
    runId: string;
    agencyId?: string | undefined;
    kind?: string | undefined;
    afterSeq: number;
    limit: number;
  },
): Promise<{ items: Array<PspOutcome & { seq: number }>; more: boolean }> {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, name);
    if (!live) return { items: [], more: false };
    const p = live.prefix;
    const where = ['o.run_id = ?', 'o.seq > ?'];
    const params: SqlValue[] = [q.runId, q.afterSeq];
    if (q.agencyId !== undefined) {
      where.push(
        `o.seq IN (SELECT seq FROM ${p}_outcome_agencies WHERE run_id = o.run_id AND agency_id = ?)`,
      );
      params.push(q.agencyId);
    }
    if (q.kind !== undefined) {
      where.push('o.kind = ?');
      params.push(q.kind);
    }
    const rows = await tx.all<{ seq: unknown; outcome: string }>(
      `SELECT seq, outcome FROM ${p}_outcomes o WHERE ${where.join(' AND ')} ORDER BY o.seq LIMIT ?`,
      [...params, q.limit + 1],
    );
    return {
      items: rows
        .slice(0, q.limit)
        .map((r) => ({ ...(JSON.parse(r.outcome) as PspOutcome), seq: Number(r.seq) })),
      more: rows.length > q.limit,
    };
  });
}
