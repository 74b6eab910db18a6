import type { WorkCalendar } from '../calendar';
import type { EventStore } from '../shared/eventStore';
import { follow } from '../shared/readModel';
import {
  evolveComplaint,
  initialComplaintState,
  type ComplaintEvent,
  type ComplaintState,
} from './complaint';
import { caseDeadline, isOverdue } from './sla';

export type FiledComplaint = Exclude<ComplaintState, { status: 'none' }>;

/** One step of a case as shown to handlers: what happened, when, by whom, and why. */
export interface ComplaintStep {
  type: ComplaintEvent['type'];
  at: string;
  by: string;
  reason?: string;
}

export interface ComplaintRecord {
  state: FiledComplaint;
  history: ComplaintStep[];
  revision: number;
}

function step(e: ComplaintEvent): ComplaintStep {
  switch (e.type) {
    case 'ComplaintFiled':
      return { type: e.type, at: e.filedAt, by: e.filedBy };
    case 'ComplaintReviewStarted':
      return { type: e.type, at: e.startedAt, by: e.startedBy, reason: e.reason };
    case 'OfficeResponseRequested':
      return { type: e.type, at: e.requestedAt, by: e.requestedBy, reason: e.reason };
    case 'OfficeResponded':
      return { type: e.type, at: e.respondedAt, by: e.respondedBy, reason: e.response };
    case 'ComplaintResolved':
      return { type: e.type, at: e.resolvedAt, by: e.resolvedBy, reason: e.reason };
    case 'RefundOrdered':
      return { type: e.type, at: e.orderedAt, by: e.orderedBy };
    case 'RefundRecorded':
      return { type: e.type, at: e.recordedAt, by: 'payment-ledger' };
    case 'ComplaintClosed':
      return { type: e.type, at: e.closedAt, by: e.closedBy, reason: e.reason };
  }
}

/**
 * Cases in memory, kept current by subscription to `complaint-` streams, with an index by
 * tracking code: the complaints' read side until it becomes a projection of the runner.
 */
export function complaintRegistry(store: EventStore) {
  const records = new Map<string, ComplaintRecord>();
  const byTracking = new Map<string, string>();
  const following = follow(store, { streamPrefixes: ['complaint-'] }, (recorded) => {
    const event = recorded.data as ComplaintEvent;
    const previous = records.get(event.complaintId);
    const state = evolveComplaint(previous?.state ?? initialComplaintState(), event);
    if (state.status === 'none') return;
    records.set(event.complaintId, {
      state,
      history: [...(previous?.history ?? []), step(event)],
      revision: recorded.revision,
    });
    if (event.type === 'ComplaintFiled') byTracking.set(event.trackingCode, event.complaintId);
  });
  return {
    get: (complaintId: string) => records.get(complaintId),
    byTrackingCode: (code: string) => {
      const id = byTracking.get(code);
      return id === undefined ? undefined : records.get(id);
    },
    list: () => [...records.values()],
    /** Open cases past their SLA at `now` under the calendar in force, oldest deadline first. */
    overdue: (now: Date, calendar: WorkCalendar) =>
      [...records.values()]
        .filter((r) => isOverdue(r.state, now, calendar))
        .map((r) => ({ r, due: caseDeadline(r.state.filed, calendar).at.getTime() }))
        .sort((a, b) => a.due - b.due)
        .map(({ r }) => r),
    get position() {
      return following.position;
    },
    ensure: (position: number) => following.ensure(position),
    ready: following.ready,
    stop: () => following.stop(),
  };
}

export type ComplaintRegistry = ReturnType<typeof complaintRegistry>;
