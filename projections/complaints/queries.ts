import type { ComplaintRecord, FiledComplaint } from '../../contracts/complaintCase';
import type { ReadModelDb, SqlTx, SqlValue } from '../db';
import { liveBuild } from '../registry';
import { openStatuses } from './projection';

/** Whose cases a caller sees: all (the regulator), an agency's, or an office's. */
export type CaseScope =
  { kind: 'all' } | { kind: 'agency'; agencyId: string } | { kind: 'office'; officeId: string };

interface RecordRow {
  state: string;
  history: string;
  revision: unknown;
}

const recordOf = (r: RecordRow): ComplaintRecord => ({
  state: JSON.parse(r.state) as FiledComplaint,
  history: JSON.parse(r.history) as ComplaintRecord['history'],
  revision: Number(r.revision),
});

/** Runs `work` on the live build's tables; `empty` before the first build is registered. */
async function onLive<T>(db: ReadModelDb, empty: T, work: (tx: SqlTx, p: string) => Promise<T>) {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, 'complaints');
    return live ? work(tx, live.prefix) : empty;
  });
}

export const caseByTrackingCode = (db: ReadModelDb, code: string) =>
  onLive(db, undefined, async (tx, p) => {
    const [row] = await tx.all<RecordRow>(
      `SELECT state, history, revision FROM ${p}_cases WHERE tracking_code = ?`,
      [code],
    );
    return row ? recordOf(row) : undefined;
  });

export interface CaseListQuery {
  scope: CaseScope;
  status?: string;
  /** Filing position of the last case of the previous page. */
  after?: number;
  limit: number;
}

/** Cases in a scope, in filing order, up to `limit` after the filing position `after`. */
export const casesInScope = (db: ReadModelDb, q: CaseListQuery) =>
  onLive(db, [] as Array<{ record: ComplaintRecord; filedPosition: number }>, async (tx, p) => {
    const where: string[] = ['c.filed_position > ?'];
    const params: SqlValue[] = [q.after ?? -1];
    const from =
      q.scope.kind === 'agency'
        ? `${p}_parties a JOIN ${p}_cases c ON c.complaint_id = a.complaint_id`
        : `${p}_cases c`;
    if (q.scope.kind === 'agency') {
      where.push('a.agency_id = ?');
      params.push(q.scope.agencyId);
    } else if (q.scope.kind === 'office') {
      where.push('c.office_id = ?');
      params.push(q.scope.officeId);
    }
    if (q.status) {
      where.push('c.status = ?');
      params.push(q.status);
    }
    const rows = await tx.all<RecordRow & { filed_position: unknown }>(
      `SELECT c.state, c.history, c.revision, c.filed_position FROM ${from}
       WHERE ${where.join(' AND ')} ORDER BY c.filed_position LIMIT ?`,
      [...params, q.limit],
    );
    return rows.map((r) => ({ record: recordOf(r), filedPosition: Number(r.filed_position) }));
  });

/** What an open case's deadline is counted from, under whichever calendar is in force. */
export interface OpenCase {
  complaintId: string;
  filedAt: string;
  slaWorkingDays: number;
  /** The provincial desk's province: its closures count as holidays too. */
  deskProvince?: string;
  filedPosition: number;
}

/**
 * Open cases whose SLA floor has passed by `now`: every case that can be overdue under any
 * calendar, and only the few filed recently enough that holidays may still keep them in time.
 * Read through the (status, due_floor) index, never the whole table.
 */
export const overdueCandidates = (db: ReadModelDb, now: Date, deskAgencyId?: string) =>
  onLive(db, [] as OpenCase[], async (tx, p) => {
    const rows = await tx.all<{
      complaint_id: string;
      filed_at: string;
      sla_working_days: unknown;
      desk_province: string | null;
      filed_position: unknown;
    }>(
      `SELECT complaint_id, filed_at, sla_working_days, desk_province, filed_position FROM ${p}_cases
       WHERE status IN (${openStatuses.map(() => '?').join(', ')}) AND due_floor <= ?
       ${deskAgencyId === undefined ? '' : 'AND desk_agency_id = ?'}`,
      [...openStatuses, now.toISOString(), ...(deskAgencyId === undefined ? [] : [deskAgencyId])],
    );
    return rows.map((r) => ({
      complaintId: r.complaint_id,
      filedAt: r.filed_at,
      slaWorkingDays: Number(r.sla_working_days),
      ...(r.desk_province === null ? {} : { deskProvince: r.desk_province }),
      filedPosition: Number(r.filed_position),
    }));
  });

/** The cases with these ids, in the order asked. */
export const casesById = (db: ReadModelDb, ids: readonly string[]) =>
  onLive(db, [] as ComplaintRecord[], async (tx, p) => {
    const found = new Map<string, ComplaintRecord>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await tx.all<RecordRow & { complaint_id: string }>(
        `SELECT complaint_id, state, history, revision FROM ${p}_cases WHERE complaint_id IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
      for (const r of rows) found.set(r.complaint_id, recordOf(r));
    }
    return ids.flatMap((id) => found.get(id) ?? []);
  });

/** Counts of all cases by kind, status and province (`none` for a case without one). */
export const caseCounts = (db: ReadModelDb) =>
  onLive(db, { total: 0, byKind: {}, byStatus: {}, byProvince: {} }, async (tx, p) => {
    const count = async (column: string) => {
      const rows = await tx.all<{ k: string | null; n: unknown }>(
        `SELECT ${column} AS k, COUNT(*) AS n FROM ${p}_cases GROUP BY ${column}`,
      );
      const counts = rows.map((r) => [r.k ?? 'none', Number(r.n)] as const);
      return Object.fromEntries(counts.sort(([a], [b]) => (a < b ? -1 : 1)));
    };
    const [all] = await tx.all<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${p}_cases`);
    return {
      total: Number(all?.n ?? 0),
      byKind: await count('kind'),
      byStatus: await count('status'),
      byProvince: await count('province'),
    };
  });

/** Resolved cases with an ordered refund the payment ledger has not recorded yet. */
export const casesWithPendingRefunds = (db: ReadModelDb) =>
  onLive(db, [] as string[], async (tx, p) => {
    const rows = await tx.all<{ complaint_id: string }>(
      `SELECT complaint_id FROM ${p}_cases WHERE refunds_pending > 0 ORDER BY filed_position`,
    );
    return rows.map((r) => r.complaint_id);
  });
