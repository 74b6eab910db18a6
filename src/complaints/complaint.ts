import type { z } from 'zod';
import type {
  complaintClosed,
  complaintFiled,
  complaintResolved,
  complaintReviewStarted,
  ComplaintSubjectSchema,
  DeskSchema,
  officeResponded,
  officeResponseRequested,
  PartiesSchema,
  refundOrdered,
  refundRecorded,
  RemedySchema,
} from '../../contracts/events/complaints';
import type { EventOf } from '../../contracts/events/contract';

export {
  complaintKinds,
  complaintStatuses,
  complaintTopics,
  type ComplaintKind,
  type ComplaintStatus,
  type ComplaintTopic,
} from '../../contracts/vocabulary';

export type ComplaintSubject = z.infer<typeof ComplaintSubjectSchema>;
export type Desk = z.infer<typeof DeskSchema>;
export type Parties = z.infer<typeof PartiesSchema>;
export type Remedy = z.infer<typeof RemedySchema>;

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
  /** Office response requests, oldest first, each with its answer once given. */
  officeRequests: Array<{ requestedAt: string; respondBy: string; respondedAt?: string }>;
  lastChangedAt: string;
}

export type ComplaintState =
  | { status: 'none' }
  | (Open & { status: 'received' | 'under_review' | 'awaiting_office' })
  | (Open & {
      status: 'resolved';
      resolution: ComplaintResolved;
      refunds: Array<{ refundId: string; paymentId: string; amount: string; recordedAt?: string }>;
    })
  | (Open & { status: 'closed'; closed: ComplaintClosed });

export const complaintStream = (complaintId: string) => `complaint-${complaintId}`;

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
