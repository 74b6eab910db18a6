import { d2j, j2d } from 'jalaali-js';
import {
  complaintEventTypes,
  foldComplaintRecord,
  type ComplaintRecord,
  type FiledComplaint,
} from '../../contracts/complaintCase';
import { jalaliDateOf, startOfJalaliDay } from '../../contracts/primitives/jalaliPeriod';
import type { RecordedEvent } from '../../src/shared/eventStore';
import type { SqlTx, SqlValue } from '../db';
import type { Projection } from '../projection';

/** Statuses of a case still waiting for its desk (پرونده باز). */
export const openStatuses = ['received', 'under_review', 'awaiting_office'] as const;

/**
 * The earliest instant a case's SLA (مهلت رسیدگی) can end under any work calendar: the start
 * of the day after the Nth day following the filing day, as if no day were skipped. Weekends
 * and holidays only push the real deadline later, so a case whose floor lies ahead cannot be
 * overdue, and the overdue query reads only cases whose floor has passed.
 */
export function slaFloor(filedAt: string, workingDays: number): string {
  const day = jalaliDateOf(new Date(filedAt));
  return startOfJalaliDay(d2j(j2d(day.jy, day.jm, day.jd) + workingDays + 1)).toISOString();
}

const pendingRefunds = (s: FiledComplaint) =>
  s.status === 'resolved' ? s.refunds.filter((r) => r.recordedAt === undefined).length : 0;

interface Touched {
  record: ComplaintRecord;
  /** Log position of the filing: the order cases are listed in. */
  filedPosition: number;
  stored: boolean;
}

async function load(tx: SqlTx, p: string, complaintId: string): Promise<Touched | undefined> {
  const [row] = await tx.all<{
    state: string;
    history: string;
    revision: unknown;
    filed_position: unknown;
  }>(`SELECT state, history, revision, filed_position FROM ${p}_cases WHERE complaint_id = ?`, [
    complaintId,
  ]);
  if (!row) return undefined;
  return {
    record: {
      state: JSON.parse(row.state) as FiledComplaint,
      history: JSON.parse(row.history) as ComplaintRecord['history'],
      revision: Number(row.revision),
    },
    filedPosition: Number(row.filed_position),
    stored: true,
  };
}

/** The first case filed under a tracking code keeps it; a later one (a collision) is kept without. */
async function freeTrackingCode(tx: SqlTx, p: string, code: string, claimed: Set<string>) {
  if (claimed.has(code)) return null;
  const [holder] = await tx.all(`SELECT 1 FROM ${p}_cases WHERE tracking_code = ?`, [code]);
  return holder ? null : code;
}

async function write(tx: SqlTx, p: string, touched: ReadonlyMap<string, Touched>) {
  const claimed = new Set<string>();
  for (const [complaintId, t] of touched) {
    const s = t.record.state;
    const changing: SqlValue[] = [
      s.status,
      t.record.revision,
      pendingRefunds(s),
      JSON.stringify(s),
      JSON.stringify(t.record.history),
    ];
    if (t.stored) {
      await tx.run(
        `UPDATE ${p}_cases SET status = ?, revision = ?, refunds_pending = ?, state = ?, history = ? WHERE complaint_id = ?`,
        [...changing, complaintId],
      );
      continue;
    }
    const f = s.filed;
    const code = await freeTrackingCode(tx, p, f.trackingCode, claimed);
    if (code) claimed.add(code);
    await tx.run(
      `INSERT INTO ${p}_cases (complaint_id, tracking_code, filed_position, kind, office_id, desk_agency_id,
         desk_province, province, filed_at, sla_working_days, due_floor,
         status, revision, refunds_pending, state, history)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        complaintId,
        code,
        t.filedPosition,
        f.kind,
        f.parties.officeId ?? null,
        f.desk.kind === 'agency' ? f.desk.agencyId : null,
        f.desk.kind === 'province' ? f.desk.province : null,
        f.parties.province ?? null,
        f.filedAt,
        f.slaWorkingDays,
        slaFloor(f.filedAt, f.slaWorkingDays),
        ...changing,
      ],
    );
    await tx.runMany(
      `INSERT INTO ${p}_parties (agency_id, complaint_id) VALUES (?, ?) ON CONFLICT DO NOTHING`,
      f.parties.agencyIds.map((a) => [a, complaintId]),
    );
  }
}

/**
 * Complaint cases (پرونده‌های شکایت، انتقاد و پیشنهاد), one row per case, folded from the
 * `complaint-` streams with the fold the complaints slice decides with (contracts/complaintCase.ts):
 * the case and its history are stored as that fold's JSON, which the slice's routes show, and
 * beside it the columns its queries filter and order on. The SLA deadline depends on the work
 * calendar in force when it is read (publishing a year moves it), so the row keeps what the
 * deadline is counted from and a calendar-free floor (`slaFloor`) that bounds the overdue scan.
 * A stream event at or below a row's revision is skipped, so replaying a page changes nothing.
 */
export function complaintsProjection(): Projection {
  return {
    name: 'complaints',
    version: 1,
    eventTypes: complaintEventTypes,
    tables: ['cases', 'parties'],
    schema: (p) => [
      `CREATE TABLE ${p}_cases (
         complaint_id TEXT PRIMARY KEY, tracking_code TEXT UNIQUE, filed_position BIGINT NOT NULL UNIQUE,
         kind TEXT NOT NULL, office_id TEXT, desk_agency_id TEXT, desk_province TEXT, province TEXT,
         filed_at TEXT NOT NULL, sla_working_days BIGINT NOT NULL, due_floor TEXT NOT NULL,
         status TEXT NOT NULL, revision BIGINT NOT NULL, refunds_pending BIGINT NOT NULL,
         state TEXT NOT NULL, history TEXT NOT NULL)`,
      `CREATE INDEX ${p}_cases_open ON ${p}_cases (status, due_floor)`,
      `CREATE INDEX ${p}_cases_office ON ${p}_cases (office_id, filed_position)`,
      `CREATE INDEX ${p}_cases_refunds ON ${p}_cases (refunds_pending)`,
      `CREATE TABLE ${p}_parties (
         agency_id TEXT NOT NULL, complaint_id TEXT NOT NULL, PRIMARY KEY (agency_id, complaint_id))`,
    ],
    async applyBatch(tx, events: readonly RecordedEvent[], p) {
      const touched = new Map<string, Touched>();
      for (const e of events) {
        const id = (e.data as { complaintId?: unknown } | null)?.complaintId;
        if (typeof id !== 'string' || e.stream !== `complaint-${id}`) continue;
        const current = touched.get(id) ?? (await load(tx, p, id));
        if (current && e.revision <= current.record.revision) continue;
        const record = foldComplaintRecord(current?.record, e);
        if (!record || record === current?.record) continue;
        touched.set(id, {
          record,
          filedPosition: current?.filedPosition ?? e.position,
          stored: current?.stored ?? false,
        });
      }
      await write(tx, p, touched);
    },
  };
}
