import type { ReportingDeps } from '../../projections';
import {
  caseByTrackingCode,
  casesById,
  overdueCandidates,
} from '../../projections/complaints/queries';
import type { WorkCalendar } from '../calendar';
import type { EventStore } from '../shared/eventStore';
import { complaintStream, foldComplaintRecord, type ComplaintRecord } from './complaint';
import { deadlineOf } from './sla';

/** The read side cases are listed and looked up from: the `complaints` projection and its runner. */
export type CaseReadSide = Pick<ReportingDeps, 'db' | 'runner'>;

/**
 * One case read from its own stream: authoritative and fresh on every node, however far the
 * projection lags, and short (a case has a handful of events).
 */
export async function caseRecord(
  store: EventStore,
  complaintId: string,
): Promise<ComplaintRecord | undefined> {
  let record: ComplaintRecord | undefined;
  for (const e of await store.readStream(complaintStream(complaintId)))
    record = foldComplaintRecord(record, e);
  return record;
}

/** The read-model database once the runner has registered its builds (their tables exist). */
export async function readModels(reporting: CaseReadSide) {
  await reporting.runner.start();
  return reporting.db;
}

/** Brings the projection up to a write of this process, so lists read right after it show it. */
export const caughtUpWith = (reporting: CaseReadSide, position: number | undefined) =>
  position === undefined ? Promise.resolve() : reporting.runner.waitFor('complaints', position);

/**
 * A case by its tracking code; on a miss the projection is brought up to the head of the log
 * and asked again, so a case filed moments ago (on any node) is found.
 */
export async function caseByCode(
  deps: { reporting: CaseReadSide },
  code: string,
): Promise<ComplaintRecord | undefined> {
  const found = await caseByTrackingCode(await readModels(deps.reporting), code);
  if (found) return found;
  await deps.reporting.runner.waitFor('complaints');
  return caseByTrackingCode(deps.reporting.db, code);
}

/**
 * Open cases past their SLA at `now` under the calendar in force, oldest deadline first:
 * the projection hands the cases whose calendar-free floor has passed, the deadlines are
 * counted here with the calendar, and only the overdue cases' records are read.
 */
export async function overdueCases(
  reporting: CaseReadSide,
  now: Date,
  calendar: WorkCalendar,
  deskAgencyId?: string,
): Promise<ComplaintRecord[]> {
  const ids = await overdueIds(reporting, now, calendar, deskAgencyId);
  return casesById(reporting.db, ids);
}

export async function overdueIds(
  reporting: CaseReadSide,
  now: Date,
  calendar: WorkCalendar,
  deskAgencyId?: string,
): Promise<string[]> {
  const candidates = await overdueCandidates(await readModels(reporting), now, deskAgencyId);
  return candidates
    .map((c) => ({ c, due: deadlineOf(c, calendar).at }))
    .filter(({ due }) => due <= now)
    .sort((a, b) => a.due.getTime() - b.due.getTime() || a.c.filedPosition - b.c.filedPosition)
    .map(({ c }) => c.complaintId);
}
