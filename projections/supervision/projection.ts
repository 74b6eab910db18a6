import {
  recommendationOutcomeEvents,
  supervisionEvents,
  type DecodedEvent,
} from '../../contracts/events';
import type { RecordedEvent } from '../../src/shared/eventStore';
import type { SqlTx } from '../db';
import { decoded } from '../decode';
import { paymentRecorded, paymentReversed } from '../ledger';
import type { Projection } from '../projection';
import { officeDays, officeDaysSchema } from './officeDays';

/** The complaint events whose facts supervision measures offices by. */
const caseEventTypes = [
  'ComplaintFiled',
  'ComplaintResolved',
  'OfficeResponseRequested',
  'OfficeResponded',
] as const;

/** Folds one complaint or supervision event, in log order: an answer closes the oldest open request. */
async function applyCase(tx: SqlTx, p: string, position: number, d: DecodedEvent) {
  const office = (officeId: string) =>
    tx.run(`INSERT INTO ${p}_offices (office_id) VALUES (?) ON CONFLICT (office_id) DO NOTHING`, [
      officeId,
    ]);
  switch (d.type) {
    case 'ComplaintFiled': {
      const { kind, parties, complaintId, filedAt } = d.data;
      if (kind !== 'complaint' || !parties.officeId) return;
      await tx.run(
        `INSERT INTO ${p}_complaints VALUES (?, ?, ?, NULL) ON CONFLICT (complaint_id) DO NOTHING`,
        [complaintId, parties.officeId, filedAt],
      );
      await tx.run(
        `INSERT INTO ${p}_offices (office_id, complaint_province) VALUES (?, ?) ON CONFLICT (office_id)
         DO UPDATE SET complaint_province = COALESCE(${p}_offices.complaint_province, excluded.complaint_province)`,
        [parties.officeId, parties.province ?? null],
      );
      return;
    }
    case 'ComplaintResolved':
      if (d.data.outcome === 'upheld')
        await tx.run(`UPDATE ${p}_complaints SET upheld_at = ? WHERE complaint_id = ?`, [
          d.data.resolvedAt,
          d.data.complaintId,
        ]);
      return;
    case 'OfficeResponseRequested':
      await office(d.data.officeId);
      await tx.run(
        `INSERT INTO ${p}_requests VALUES (?, ?, ?, ?, NULL) ON CONFLICT (position) DO NOTHING`,
        [position, d.data.officeId, d.data.complaintId, d.data.respondBy],
      );
      return;
    case 'OfficeResponded':
      await office(d.data.officeId);
      await tx.run(
        `UPDATE ${p}_requests SET responded_at = ? WHERE position = (SELECT MIN(position) FROM ${p}_requests
         WHERE office_id = ? AND complaint_id = ? AND responded_at IS NULL)`,
        [d.data.respondedAt, d.data.officeId, d.data.complaintId],
      );
      return;
    case 'OfficeWarned':
    case 'InspectionOrdered':
    case 'SuspensionRecommended': {
      const a = d.data;
      await tx.run(
        `INSERT INTO ${p}_actions (position, office_id, action_id, type, reason, complaint_id, period, recorded_at, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (position) DO NOTHING`,
        [
          position,
          a.officeId,
          a.actionId,
          a.type,
          a.reason,
          a.complaintId ?? null,
          a.period ?? null,
          a.recordedAt,
          a.recordedBy,
        ],
      );
      return;
    }
    case 'SuspensionRecommendationActed':
    case 'SuspensionRecommendationDismissed': {
      const o = d.data;
      await tx.run(
        `UPDATE ${p}_actions SET outcome = ?, outcome_reason = ?, outcome_at = ?, outcome_by = ?
         WHERE office_id = ? AND action_id = ?`,
        [
          o.type === 'SuspensionRecommendationActed' ? 'acted' : 'dismissed',
          o.reason,
          o.decidedAt,
          o.decidedBy,
          o.officeId,
          o.actionId,
        ],
      );
      return;
    }
    default:
      return;
  }
}

/**
 * Supervision of offices (نظارت بر عملکرد دفاتر): each office's payments totalled per day and
 * per service delivered that day (`officeDays.ts`), complaints about an office and whether
 * they were upheld, requests for the office's account (استعلام از دفتر) and when they were
 * answered, each office's province, and the supervision actions recorded against it, a
 * suspension recommendation with licensing's outcome (acted on or dismissed) once there is one. The
 * measures of a half-year are aggregated from these tables when asked (`queries.ts`).
 */
export function supervisionProjection(): Projection {
  return {
    name: 'supervision',
    version: 2,
    eventTypes: [
      paymentRecorded,
      paymentReversed,
      ...caseEventTypes,
      ...supervisionEvents.map((c) => c.type),
      ...recommendationOutcomeEvents.map((c) => c.type),
    ],
    tables: [
      'payments',
      'office_days',
      'office_day_services',
      'offices',
      'complaints',
      'requests',
      'actions',
    ],
    schema: (p) => [
      ...officeDaysSchema(p),
      `CREATE TABLE ${p}_offices (office_id TEXT PRIMARY KEY, payment_province TEXT, complaint_province TEXT)`,
      `CREATE TABLE ${p}_complaints (
         complaint_id TEXT PRIMARY KEY, office_id TEXT NOT NULL, filed_at TEXT NOT NULL, upheld_at TEXT)`,
      `CREATE INDEX ${p}_complaints_by_filed ON ${p}_complaints (filed_at)`,
      `CREATE INDEX ${p}_complaints_by_upheld ON ${p}_complaints (upheld_at)`,
      `CREATE TABLE ${p}_requests (
         position BIGINT PRIMARY KEY, office_id TEXT NOT NULL, complaint_id TEXT NOT NULL, respond_by TEXT NOT NULL,
         responded_at TEXT)`,
      `CREATE INDEX ${p}_requests_by_case ON ${p}_requests (office_id, complaint_id)`,
      `CREATE INDEX ${p}_requests_by_deadline ON ${p}_requests (respond_by)`,
      `CREATE TABLE ${p}_actions (
         position BIGINT PRIMARY KEY, office_id TEXT NOT NULL, action_id TEXT NOT NULL, type TEXT NOT NULL,
         reason TEXT NOT NULL, complaint_id TEXT, period TEXT, recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL,
         outcome TEXT, outcome_reason TEXT, outcome_at TEXT, outcome_by TEXT)`,
      `CREATE INDEX ${p}_actions_by_office ON ${p}_actions (office_id, position)`,
    ],
    async applyBatch(tx, events: readonly RecordedEvent[], p) {
      const payments = officeDays();
      for (const e of events) {
        if (e.type === paymentRecorded) payments.paid(e.data);
        else if (e.type === paymentReversed) payments.reversed(e.data);
        else {
          const d = decoded(e);
          if (d) await applyCase(tx, p, e.position, d);
        }
      }
      await payments.write(tx, p);
    },
  };
}
