import { decodeEvent, EventDecodeError, type EventOf, type RecordedForDecoding } from './events';
import type {
  complaintClosed,
  complaintFiled,
  complaintResolved,
  complaintReviewStarted,
  officeResponded,
  officeResponseRequested,
  refundOrdered,
  refundRecorded,
} from './events/complaints';

/**
 * A complaint case (پرونده شکایت) as the decider folds it and as the read side shows it.
 * It lives in the shared leaf because two sides hold it: the complaints slice decides on
 * it, and the `complaints` projection stores it as JSON that the slice's routes read back.
 * One fold for both means the stored case can never say something the decider would not.
 */
export type ComplaintFiled = EventOf<typeof complaintFiled>;
export type ComplaintReviewStarted = EventOf<typeof complaintReviewStarted>;
export type OfficeResponseRequested = EventOf<typeof officeResponseRequested>;
export type OfficeResponded = EventOf<typeof officeResponded>;
export type ComplaintResolved = EventOf<typeof complaintResolved>;
export type RefundOrdered = EventOf<typeof refundOrdered>;
export type RefundRecorded = EventOf<typeof refundRecorded>;
export type ComplaintClosed = EventOf<typeof complaintClosed>;

export type ComplaintEvent =
  | ComplaintFiled
  | ComplaintReviewStarted
  | OfficeResponseRequested
  | OfficeResponded
  | ComplaintResolved
  | RefundOrdered
  | RefundRecorded
  | ComplaintClosed;

export const complaintEventTypes: readonly ComplaintEvent['type'][] = [
  'ComplaintFiled',
  'ComplaintReviewStarted',
  'OfficeResponseRequested',
  'OfficeResponded',
  'ComplaintResolved',
  'RefundOrdered',
  'RefundRecorded',
  'ComplaintClosed',
];

interface Open {
  filed: ComplaintFiled;
  /** Office response requests (استعلام از دفتر), oldest first, each with its answer once given. */
  officeRequests: Array<{ requestedAt: string; respondBy: string; respondedAt?: string }>;
  lastChangedAt: string;
}

export type ComplaintState =
  | { status: 'none' }
  | (Open & { status: 'received' | 'under_review' | 'awaiting_office' })
  | (Open & {
      status: 'resolved';
      resolution: ComplaintResolved;
      /** Refunds (استرداد وجه) the resolution ordered; `recordedAt` once the payment ledger has it. */
      refunds: Array<{ refundId: string; paymentId: string; amount: string; recordedAt?: string }>;
    })
  | (Open & { status: 'closed'; closed: ComplaintClosed });

export type FiledComplaint = Exclude<ComplaintState, { status: 'none' }>;

export const initialComplaintState = (): ComplaintState => ({ status: 'none' });

export function evolveComplaint(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  if (event.type === 'ComplaintFiled')
    return { status: 'received', filed: event, officeRequests: [], lastChangedAt: event.filedAt };
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ComplaintReviewStarted':
      return { ...state, status: 'under_review', lastChangedAt: event.startedAt };
    case 'OfficeResponseRequested':
      return {
        ...state,
        status: 'awaiting_office',
        officeRequests: [
          ...state.officeRequests,
          { requestedAt: event.requestedAt, respondBy: event.respondBy },
        ],
        lastChangedAt: event.requestedAt,
      };
    case 'OfficeResponded':
      return {
        ...state,
        status: 'under_review',
        officeRequests: state.officeRequests.map((r, i, all) =>
          i === all.length - 1 ? { ...r, respondedAt: event.respondedAt } : r,
        ),
        lastChangedAt: event.respondedAt,
      };
    case 'ComplaintResolved':
      return {
        ...state,
        status: 'resolved',
        resolution: event,
        refunds: [],
        lastChangedAt: event.resolvedAt,
      };
    case 'RefundOrdered':
      return state.status !== 'resolved'
        ? state
        : {
            ...state,
            refunds: [
              ...state.refunds,
              { refundId: event.refundId, paymentId: event.paymentId, amount: event.amount },
            ],
          };
    case 'RefundRecorded':
      return state.status !== 'resolved'
        ? state
        : {
            ...state,
            refunds: state.refunds.map((r) =>
              r.refundId === event.refundId ? { ...r, recordedAt: event.recordedAt } : r,
            ),
          };
    case 'ComplaintClosed':
      return { ...state, status: 'closed', closed: event, lastChangedAt: event.closedAt };
  }
}

/** One step of a case as shown to handlers: what happened, when, by whom, and why. */
export interface ComplaintStep {
  type: ComplaintEvent['type'];
  at: string;
  by: string;
  reason?: string;
}

function stepOf(e: ComplaintEvent): ComplaintStep {
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

/** A filed case with its history and the revision of its stream it reflects. */
export interface ComplaintRecord {
  state: FiledComplaint;
  history: ComplaintStep[];
  revision: number;
}

const isComplaintEvent = (type: string): type is ComplaintEvent['type'] =>
  (complaintEventTypes as readonly string[]).includes(type);

/**
 * Folds one recorded event of a case's stream into its record, read through the event's
 * contract. An event that does not match its contract, or that comes before the filing,
 * leaves the record as it was: a reader never throws on the log.
 */
export function foldComplaintRecord(
  record: ComplaintRecord | undefined,
  recorded: RecordedForDecoding & { revision: number },
): ComplaintRecord | undefined {
  if (!isComplaintEvent(recorded.type)) return record;
  let event: ComplaintEvent;
  try {
    event = decodeEvent(recorded).data as ComplaintEvent;
  } catch (error) {
    if (error instanceof EventDecodeError) return record;
    throw error;
  }
  const state = evolveComplaint(record?.state ?? initialComplaintState(), event);
  if (state.status === 'none') return record;
  return {
    state,
    history: [...(record?.history ?? []), stepOf(event)],
    revision: recorded.revision,
  };
}
