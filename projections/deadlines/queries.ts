import type { ReadModelDb } from '../db';
import { liveBuild } from '../registry';

/** Where a listed service stands against its timetable date (offerBy). */
export type DeadlineStatus = 'delivered_on_time' | 'delivered_late' | 'overdue' | 'pending';

interface Row {
  scope: string;
  period: string;
  service_code: string;
  agency_id: string;
  offer_by: string;
  published_at: string;
  name_fa: string | null;
  first_assigned_at: string | null;
  first_paid_at: string | null;
  launched_at: string | null;
}

export interface DeadlineQuery {
  at: Date;
  agencyId?: string;
  /** A provincial organisation sees its province's lists and the national one. */
  province?: string;
}

/**
 * Per agency and service, each catalogue listing's deadline and whether the service was
 * delivered through offices (assigned to an office and paid for there) by then, as of `at`.
 */
export async function deadlinesReport(db: ReadModelDb, q: DeadlineQuery) {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, 'deadlines');
    if (!live) return { position: 0, items: [] };
    const p = live.prefix;
    const conditions: string[] = [];
    const params: string[] = [];
    if (q.agencyId) {
      conditions.push('e.agency_id = ?');
      params.push(q.agencyId);
    }
    if (q.province) {
      conditions.push("(e.scope = 'national' OR e.scope = ?)");
      params.push(q.province);
    }
    const rows = await tx.all<Row>(
      `SELECT e.scope, e.period, e.service_code, e.agency_id, e.offer_by, e.published_at, s.name_fa, s.first_assigned_at, s.first_paid_at, s.launched_at
       FROM ${p}_entries e LEFT JOIN ${p}_services s ON s.service_code = e.service_code
       ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY e.agency_id, e.service_code, e.scope, e.period`,
      params,
    );
    const at = q.at.toISOString();
    const items = rows.map((r) => {
      const both = r.first_assigned_at && r.first_paid_at;
      const deliveredAt = both
        ? r.first_assigned_at! > r.first_paid_at!
          ? r.first_assigned_at!
          : r.first_paid_at!
        : undefined;
      const delivered = deliveredAt !== undefined && deliveredAt <= at;
      const status: DeadlineStatus = delivered
        ? deliveredAt <= r.offer_by
          ? 'delivered_on_time'
          : 'delivered_late'
        : r.offer_by < at
          ? 'overdue'
          : 'pending';
      return {
        agencyId: r.agency_id,
        serviceCode: r.service_code,
        serviceNameFa: r.name_fa ?? '',
        scope: r.scope,
        period: r.period,
        offerBy: r.offer_by,
        publishedAt: r.published_at,
        firstAssignedAt: r.first_assigned_at ?? undefined,
        firstPaidAt: r.first_paid_at ?? undefined,
        launchedAt: r.launched_at ?? undefined,
        deliveredAt: delivered ? deliveredAt : undefined,
        status,
      };
    });
    return { position: live.position, items };
  });
}
