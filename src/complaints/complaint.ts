import type { ComplaintKind, ComplaintTopic } from '../../contracts/vocabulary';
import type { SealedSecret } from '../shared/secrets';

export {
  complaintKinds,
  complaintStatuses,
  complaintTopics,
  type ComplaintKind,
  type ComplaintStatus,
  type ComplaintTopic,
} from '../../contracts/vocabulary';

/** Whom the matter is about: an office (دفتر پیشخوان), a service (خدمت) or an agency (دستگاه اجرایی). */
export type ComplaintSubject =
  | { kind: 'office'; officeId: string; serviceCode?: string }
  | { kind: 'service'; serviceCode: string }
  | { kind: 'agency'; agencyId: string };

/**
 * The desk (کارتابل) that handles a case: the regulator's desk of the office's province,
 * or the agency itself for matters of the service or the agency.
 */
export type Desk = { kind: 'province'; province: string } | { kind: 'agency'; agencyId: string };

/** Who a case concerns, fixed at filing, for scope checks and supervision. */
export interface Parties {
  officeId?: string;
  province?: string;
  agencyIds: string[];
}

/** What a resolution orders: a refund (استرداد وجه) of an overcharged payment, or a warning (تذکر) to the office. */
export type Remedy = { kind: 'refund'; paymentId: string; amount: string } | { kind: 'warning' };

/** A citizen filed a case and got its tracking code (کد رهگیری). */
export interface ComplaintFiled {
  type: 'ComplaintFiled';
  complaintId: string;
  trackingCode: string;
  kind: ComplaintKind;
  topic: ComplaintTopic;
  subject: ComplaintSubject;
  desk: Desk;
  parties: Parties;
  /** Tracking code of the payment receipt the citizen cites, if any. */
  receiptCode?: string;
  description: string;
  /** Name, mobile and email of the citizen, sealed (AES-256-GCM); only handlers may open it. */
  contact?: SealedSecret;
  /** End of the SLA (مهلت رسیدگی): the first instant after the last working day allowed. */
  dueBy: string;
  slaWorkingDays: number;
  filedAt: string;
  filedBy: 'citizen';
}

export interface ComplaintReviewStarted {
  type: 'ComplaintReviewStarted';
  complaintId: string;
  reason: string;
  startedAt: string;
  startedBy: string;
}

/** The handler asked the office for its account (استعلام از دفتر), due by `respondBy`. */
export interface OfficeResponseRequested {
  type: 'OfficeResponseRequested';
  complaintId: string;
  officeId: string;
  reason: string;
  respondBy: string;
  requestedAt: string;
  requestedBy: string;
}

export interface OfficeResponded {
  type: 'OfficeResponded';
  complaintId: string;
  officeId: string;
  response: string;
  respondedAt: string;
  respondedBy: string;
}

export interface ComplaintResolved {
  type: 'ComplaintResolved';
  complaintId: string;
  /** Upheld (وارد) or not upheld (غیروارد). */
  outcome: 'upheld' | 'not_upheld';
  remedies: Remedy[];
  reason: string;
  resolvedAt: string;
  resolvedBy: string;
}

/** The resolution ordered a refund; the payment ledger records it as a refund of `paymentId`. */
export interface RefundOrdered {
  type: 'RefundOrdered';
  complaintId: string;
  /** Chosen when ordered, so the ledger can record it exactly once. */
  refundId: string;
  paymentId: string;
  amount: string;
  receiptCode?: string;
  orderedAt: string;
  orderedBy: string;
}

/** The payment ledger recorded the ordered refund: the link back from the ledger to the case. */
export interface RefundRecorded {
  type: 'RefundRecorded';
  complaintId: string;
  refundId: string;
  paymentId: string;
  amount: string;
  recordedAt: string;
}

export interface ComplaintClosed {
  type: 'ComplaintClosed';
  complaintId: string;
  reason: string;
  closedAt: string;
  closedBy: string;
}

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
