import { z } from 'zod';
import { StoredInstant, StoredProvince, StoredRial, StoredSealedSecret } from '../primitives';
import { complaintKinds, complaintTopics } from '../vocabulary';
import { eventContract } from './contract';

/** Whom the matter is about: an office (دفتر پیشخوان), a service (خدمت) or an agency (دستگاه اجرایی). */
export const ComplaintSubjectSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('office'),
    officeId: z.string(),
    serviceCode: z.string().optional(),
  }),
  z.object({ kind: z.literal('service'), serviceCode: z.string() }),
  z.object({ kind: z.literal('agency'), agencyId: z.string() }),
]);

/**
 * The desk (کارتابل) that handles a case: the regulator's desk of the office's province, or
 * the agency itself for matters of the service or the agency.
 */
export const DeskSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('province'), province: StoredProvince }),
  z.object({ kind: z.literal('agency'), agencyId: z.string() }),
]);

/** Who a case concerns, fixed at filing, for scope checks and supervision. */
export const PartiesSchema = z.object({
  officeId: z.string().optional(),
  province: StoredProvince.optional(),
  agencyIds: z.array(z.string()),
});

/** What a resolution orders: a refund (استرداد وجه) of an overcharged payment, or a warning (تذکر) to the office. */
export const RemedySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('refund'), paymentId: z.string(), amount: StoredRial }),
  z.object({ kind: z.literal('warning') }),
]);

/** A citizen filed a case and got its tracking code (کد رهگیری). */
export const complaintFiled = eventContract(
  'ComplaintFiled',
  1,
  z.object({
    complaintId: z.string(),
    trackingCode: z.string(),
    kind: z.enum(complaintKinds),
    topic: z.enum(complaintTopics),
    subject: ComplaintSubjectSchema,
    desk: DeskSchema,
    parties: PartiesSchema,
    /** Tracking code of the payment receipt the citizen cites, if any. */
    receiptCode: z.string().optional(),
    description: z.string(),
    /** Name, mobile and email of the citizen, sealed (AES-256-GCM); only handlers may open it. */
    contact: StoredSealedSecret.optional(),
    /** End of the SLA (مهلت رسیدگی): the first instant after the last working day allowed. */
    dueBy: StoredInstant,
    slaWorkingDays: z.number().int().min(0),
    filedAt: StoredInstant,
    filedBy: z.literal('citizen'),
  }),
);

/** A handler started reviewing the case (بررسی). */
export const complaintReviewStarted = eventContract(
  'ComplaintReviewStarted',
  1,
  z.object({
    complaintId: z.string(),
    reason: z.string(),
    startedAt: StoredInstant,
    startedBy: z.string(),
  }),
);

/** The handler asked the office for its account (استعلام از دفتر), due by `respondBy`. */
export const officeResponseRequested = eventContract(
  'OfficeResponseRequested',
  1,
  z.object({
    complaintId: z.string(),
    officeId: z.string(),
    reason: z.string(),
    respondBy: StoredInstant,
    requestedAt: StoredInstant,
    requestedBy: z.string(),
  }),
);

/** The office gave its account of the matter. */
export const officeResponded = eventContract(
  'OfficeResponded',
  1,
  z.object({
    complaintId: z.string(),
    officeId: z.string(),
    response: z.string(),
    respondedAt: StoredInstant,
    respondedBy: z.string(),
  }),
);

/** The case was decided: upheld (وارد) or not upheld (غیروارد), with what it orders. */
export const complaintResolved = eventContract(
  'ComplaintResolved',
  1,
  z.object({
    complaintId: z.string(),
    outcome: z.enum(['upheld', 'not_upheld']),
    remedies: z.array(RemedySchema),
    reason: z.string(),
    resolvedAt: StoredInstant,
    resolvedBy: z.string(),
  }),
);

/** The resolution ordered a refund; the payment ledger records it as a refund of `paymentId`. */
export const refundOrdered = eventContract(
  'RefundOrdered',
  1,
  z.object({
    complaintId: z.string(),
    /** Chosen when ordered, so the ledger can record it exactly once. */
    refundId: z.string(),
    paymentId: z.string(),
    amount: StoredRial,
    receiptCode: z.string().optional(),
    orderedAt: StoredInstant,
    orderedBy: z.string(),
  }),
);

/** The payment ledger recorded the ordered refund: the link back from the ledger to the case. */
export const refundRecorded = eventContract(
  'RefundRecorded',
  1,
  z.object({
    complaintId: z.string(),
    refundId: z.string(),
    paymentId: z.string(),
    amount: StoredRial,
    recordedAt: StoredInstant,
  }),
);

/** The case was closed without a resolution. */
export const complaintClosed = eventContract(
  'ComplaintClosed',
  1,
  z.object({
    complaintId: z.string(),
    reason: z.string(),
    closedAt: StoredInstant,
    closedBy: z.string(),
  }),
);

export const complaintContracts = [
  complaintFiled,
  complaintReviewStarted,
  officeResponseRequested,
  officeResponded,
  complaintResolved,
  refundOrdered,
  refundRecorded,
  complaintClosed,
] as const;
