import type { WorkCalendar } from '../calendar';
import { instant } from '../shared/jalali';
import type { Principal } from '../shared/http/policy';
import type { SecretBox } from '../shared/secrets';
import type { ComplaintRecord, FiledComplaint } from './complaint';
import { caseDeadline, isOverdue } from './sla';

const at = (iso: string) => instant(new Date(iso));

/** What a citizen with the tracking code sees: the status and dates, nothing personal. */
export function publicStatus(s: FiledComplaint, calendar: WorkCalendar) {
  const due = caseDeadline(s.filed, calendar);
  return {
    trackingCode: s.filed.trackingCode,
    kind: s.filed.kind,
    status: s.status,
    ...(s.status === 'resolved' ? { outcome: s.resolution.outcome } : {}),
    filedAt: at(s.filed.filedAt),
    lastChangedAt: at(s.lastChangedAt),
    dueBy: instant(due.at),
    provisional: due.provisional,
  };
}

/** The handling desk: the regulator, or the agency a service matter was routed to. */
export function isHandler(p: Principal, s: FiledComplaint): boolean {
  return (
    p.role === 'regulator' ||
    (p.role === 'agency' && s.filed.desk.kind === 'agency' && s.filed.desk.agencyId === p.agencyId)
  );
}

export function complaintView(
  r: ComplaintRecord,
  p: Principal,
  secrets: SecretBox,
  now: Date,
  calendar: WorkCalendar,
) {
  const s = r.state;
  const due = caseDeadline(s.filed, calendar);
  const f = s.filed;
  const contact =
    f.contact && isHandler(p, s)
      ? (JSON.parse(secrets.open(f.contact)) as Record<string, string>)
      : undefined;
  return {
    complaintId: f.complaintId,
    trackingCode: f.trackingCode,
    kind: f.kind,
    topic: f.topic,
    status: s.status,
    subject: f.subject,
    desk: f.desk,
    ...(f.receiptCode ? { receiptCode: f.receiptCode } : {}),
    description: f.description,
    ...(contact ? { contact } : {}),
    filedAt: at(f.filedAt),
    dueBy: instant(due.at),
    provisional: due.provisional,
    overdue: isOverdue(s, now, calendar),
    ...(s.status === 'resolved'
      ? {
          outcome: s.resolution.outcome,
          refunds: s.refunds.map((x) => ({
            refundId: x.refundId,
            paymentId: x.paymentId,
            amount: x.amount,
            recordedInLedger: x.recordedAt !== undefined,
          })),
        }
      : {}),
    history: r.history.map((h) => ({ ...h, at: at(h.at) })),
  };
}
