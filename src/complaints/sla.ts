import type { ComplaintKind, ComplaintState } from './complaint';
import { addWorkingDays, type WorkCalendar } from './workingDays';

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

export function caseDueBy(
  kind: ComplaintKind,
  filedAt: Date,
  policy: SlaPolicy,
  calendar: WorkCalendar,
): Date {
  return addWorkingDays(filedAt, policy.workingDays[kind], calendar);
}

export function officeRespondBy(
  requestedAt: Date,
  policy: SlaPolicy,
  calendar: WorkCalendar,
): Date {
  return addWorkingDays(requestedAt, policy.officeResponseWorkingDays, calendar);
}

const openStatuses: readonly string[] = ['received', 'under_review', 'awaiting_office'];

/** An open case past its SLA at `now` (معوق). */
export function isOverdue(state: ComplaintState, now: Date): boolean {
  return (
    state.status !== 'none' &&
    openStatuses.includes(state.status) &&
    new Date(state.filed.dueBy) <= now
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
