import type { SupervisionEvent } from '../../contracts/events';
import type { HalfYear } from '../../src/shared/jalaliPeriod';
import { dayKey } from '../businessDay';
import type { ReadModelDb } from '../db';
import { liveBuild } from '../registry';
import { measureRate, type OfficePerformance } from './measures';

type Count = bigint | string | number | null;

interface MeasureRow {
  office_id: string;
  province: string | null;
  volume: Count;
  revenue: Count;
  delivered: Count;
  services: Count;
  violations: Count;
  violation_amount: Count;
  reversals: Count;
  received: Count;
  upheld: Count;
  breaches: Count;
}

const count = (v: Count) => Number(v ?? 0);
const rials = (v: Count) => BigInt(v ?? 0).toString();

/**
 * Every office's measures over `period` as the log stood at `asOf` (which decides whether an
 * unanswered request has breached its deadline yet), aggregated per office in SQL from the
 * totals of its days in the period; with `province`, only the offices of that province.
 * Complaint and request instants compare as their ISO text, as they are recorded. With
 * `officeId`, that office alone, every table read through its office index.
 */
export async function officeMeasures(
  db: ReadModelDb,
  q: { period: HalfYear; asOf: Date; province?: string; officeId?: string },
): Promise<{ position: number; offices: OfficePerformance[] }> {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, 'supervision');
    if (!live) return { position: 0, offices: [] };
    const p = live.prefix;
    const [from, to] = [q.period.start.toISOString(), q.period.end.toISOString()];
    const [firstDay, lastDay] = [dayKey(q.period.firstDay), dayKey(q.period.lastDay)];
    const province = `COALESCE(o.payment_province, o.complaint_province)`;
    const one = q.officeId === undefined ? '' : ' AND office_id = ?';
    const office = q.officeId === undefined ? [] : [q.officeId];
    const rows = await tx.all<MeasureRow>(
      `SELECT o.office_id, ${province} AS province, pay.volume, pay.revenue, pay.delivered, sv.services,
              pay.violations, pay.violation_amount, pay.reversals, rc.received, up.upheld, br.breaches
       FROM ${p}_offices o
       LEFT JOIN (
         SELECT office_id, SUM(volume) AS volume, SUM(revenue) AS revenue, SUM(delivered) AS delivered,
                SUM(violations) AS violations, SUM(violation_amount) AS violation_amount,
                SUM(reversals) AS reversals
         FROM ${p}_office_days WHERE day >= ? AND day <= ?${one} GROUP BY office_id
       ) pay ON pay.office_id = o.office_id
       LEFT JOIN (
         SELECT office_id, COUNT(DISTINCT service_code) AS services FROM ${p}_office_day_services
         WHERE day >= ? AND day <= ? AND delivered > 0${one} GROUP BY office_id
       ) sv ON sv.office_id = o.office_id
       LEFT JOIN (
         SELECT office_id, COUNT(*) AS received FROM ${p}_complaints
         WHERE filed_at >= ? AND filed_at < ?${one} GROUP BY office_id
       ) rc ON rc.office_id = o.office_id
       LEFT JOIN (
         SELECT office_id, COUNT(*) AS upheld FROM ${p}_complaints
         WHERE upheld_at >= ? AND upheld_at < ?${one} GROUP BY office_id
       ) up ON up.office_id = o.office_id
       LEFT JOIN (
         SELECT office_id, COUNT(*) AS breaches FROM ${p}_requests
         WHERE respond_by >= ? AND respond_by < ? AND respond_by <= ?
           AND (responded_at IS NULL OR responded_at > respond_by)${one}
         GROUP BY office_id
       ) br ON br.office_id = o.office_id
       WHERE 1 = 1${q.province ? ` AND ${province} = ?` : ''}${q.officeId === undefined ? '' : ' AND o.office_id = ?'}
       ORDER BY o.office_id`,
      [
        ...[firstDay, lastDay, ...office],
        ...[firstDay, lastDay, ...office],
        ...[from, to, ...office],
        ...[from, to, ...office],
        ...[from, to, q.asOf.toISOString(), ...office],
        ...(q.province ? [q.province] : []),
        ...office,
      ],
    );
    const offices = rows.map((r): OfficePerformance => {
      const volume = count(r.volume);
      const violations = count(r.violations);
      const reversals = count(r.reversals);
      return {
        officeId: r.office_id,
        province: r.province ?? undefined,
        period: q.period.id,
        volume,
        revenue: rials(r.revenue),
        servicesDelivered: count(r.delivered),
        distinctServices: count(r.services),
        violations,
        violationRate: measureRate(violations, volume),
        violationAmount: rials(r.violation_amount),
        reversals,
        reversalRate: measureRate(reversals, volume),
        complaintsReceived: count(r.received),
        complaintsUpheld: count(r.upheld),
        slaBreaches: count(r.breaches),
      };
    });
    return { position: live.position, offices };
  });
}

/** A supervision action (اقدام نظارتی) as recorded against an office. */
export interface RecordedAction {
  actionId: string;
  type: SupervisionEvent['type'];
  reason: string;
  complaintId?: string;
  period?: string;
  recordedAt: string;
  recordedBy: string;
  /** Licensing's outcome of a suspension recommendation, once decided. */
  outcome?: { status: 'acted' | 'dismissed'; reason: string; at: string; by: string };
}

interface ActionRow {
  action_id: string;
  type: SupervisionEvent['type'];
  reason: string;
  complaint_id: string | null;
  period: string | null;
  recorded_at: string;
  recorded_by: string;
  outcome: 'acted' | 'dismissed' | null;
  outcome_reason: string | null;
  outcome_at: string | null;
  outcome_by: string | null;
}

/** The supervision actions recorded against an office, in the order they were recorded. */
export async function officeActions(db: ReadModelDb, officeId: string) {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, 'supervision');
    if (!live) return { position: 0, items: [] };
    const rows = await tx.all<ActionRow>(
      `SELECT action_id, type, reason, complaint_id, period, recorded_at, recorded_by,
              outcome, outcome_reason, outcome_at, outcome_by
       FROM ${live.prefix}_actions WHERE office_id = ? ORDER BY position`,
      [officeId],
    );
    const items = rows.map((r): RecordedAction => ({
      actionId: r.action_id,
      type: r.type,
      reason: r.reason,
      ...(r.complaint_id !== null ? { complaintId: r.complaint_id } : {}),
      ...(r.period !== null ? { period: r.period } : {}),
      recordedAt: r.recorded_at,
      recordedBy: r.recorded_by,
      ...(r.outcome !== null
        ? {
            outcome: {
              status: r.outcome,
              reason: r.outcome_reason ?? '',
              at: r.outcome_at ?? r.recorded_at,
              by: r.outcome_by ?? '',
            },
          }
        : {}),
    }));
    return { position: live.position, items };
  });
}
