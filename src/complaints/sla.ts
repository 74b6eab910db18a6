import { addWorkingDays, type Deadline, type WorkCalendar } from '../calendar';
import type { ComplaintFiled, ComplaintKind, ComplaintState, Desk } from './complaint';

/**
 * Service levels (مهلت رسیدگی) in working days, as data: how long the handling desk has
 * per kind, and how long an office has to answer a request for its account.
 */
export interface SlaPolicy {
  workingDays: Record<ComplaintKind, number>;
  officeResponseWorkingDays: number;
}

export const defaultSlaPolicy: SlaPolicy = {
  workingDays: { complaint: 10, criticism: 15, suggestion: 20 },
  officeResponseWorkingDays: 5,
};

/** A provincial desk observes its province's closures as well; an agency's desk national holidays only. */
export const deskProvince = (desk: Desk) => (desk.kind === 'province' ? desk.province : undefined);

export function caseDueBy(
  kind: ComplaintKind,
  filedAt: Date,
  desk: Desk,
  policy: SlaPolicy,
  calendar: WorkCalendar,
): Deadline {
  return addWorkingDays(filedAt, policy.workingDays[kind], calendar, deskProvince(desk));
}

/** What a case's deadline is counted from: the filing, its working days, and the desk's province. */
export interface DeadlineBasis {
  filedAt: string;
  slaWorkingDays: number;
  deskProvince?: string | undefined;
}

/**
 * A case's deadline under the calendar in force now: counted again from the filing on every
 * read, so publishing a year's calendar moves the deadlines that were provisional.
 */
export const deadlineOf = (b: DeadlineBasis, calendar: WorkCalendar): Deadline =>
  addWorkingDays(new Date(b.filedAt), b.slaWorkingDays, calendar, b.deskProvince);

export const caseDeadline = (filed: ComplaintFiled, calendar: WorkCalendar): Deadline =>
  deadlineOf({ ...filed, deskProvince: deskProvince(filed.desk) }, calendar);

export function officeRespondBy(
  requestedAt: Date,
  province: string | undefined,
  policy: SlaPolicy,
  calendar: WorkCalendar,
): Date {
  return addWorkingDays(requestedAt, policy.officeResponseWorkingDays, calendar, province).at;
}

const openStatuses: readonly string[] = ['received', 'under_review', 'awaiting_office'];

/** An open case past its SLA at `now` (معوق), under the calendar in force. */
export function isOverdue(state: ComplaintState, now: Date, calendar: WorkCalendar): boolean {
  return (
    state.status !== 'none' &&
    openStatuses.includes(state.status) &&
    caseDeadline(state.filed, calendar).at <= now
  );
}

/**
 * Office SLA breaches (تأخیر دفتر): requests the office answered after `respondBy`, or has
 * not answered by `now` although `respondBy` has passed.
 */
export function officeBreaches(state: ComplaintState, now: Date): number {
  if (state.status === 'none') return 0;
  const t = now.toISOString();
  return state.officeRequests.filter((r) =>
    r.respondedAt ? r.respondedAt > r.respondBy : r.respondBy <= t,
  ).length;
}
