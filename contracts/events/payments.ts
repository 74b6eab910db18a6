import { z } from 'zod';
import { StoredInstant, StoredProvince, StoredRial, StoredSignedRial } from '../primitives';
import { officeKinds, postingKinds } from '../vocabulary';
import { eventContract, type EventOf } from './contract';

/**
 * One line of a split (سند تسهیم): who receives how many rials. A payment's postings add up
 * to its amount; a correction (reversal, refund) carries the same lines, negative, in the
 * payment's order.
 */
export const Posting = z.object({
  kind: z.enum(postingKinds),
  /** Tariff component code, when the posting comes from one. */
  code: z.string().optional(),
  /** Sheba (شبا) of the receiving account, when known. */
  iban: z.string().optional(),
  /** Treasury deposit id (شناسه واریز) of an agency fee. */
  depositId: z.string().optional(),
  agencyId: z.string().optional(),
  amount: StoredSignedRial,
});
export type Posting = z.infer<typeof Posting>;

/** A rule of the resolution the payment broke; the payment is still recorded (the money has moved). */
export const Violation = z.discriminatedUnion('type', [
  z.object({ type: z.literal('overcharge'), expected: StoredRial, excess: StoredRial }),
  z.object({ type: z.literal('undercharge'), expected: StoredRial, shortfall: StoredRial }),
  z.object({ type: z.literal('no-tariff') }),
  z.object({ type: z.literal('service-not-assigned') }),
  z.object({ type: z.literal('license-inactive') }),
  z.object({ type: z.literal('not-in-catalogue') }),
  z.object({ type: z.literal('quote-expired'), quoteId: z.string(), expiredAt: z.string() }),
  z.object({ type: z.literal('quote-mismatch'), quoteId: z.string(), reason: z.string() }),
  /**
   * Reported late (تراکنش با تأخیر ارسال‌شده): it reached the ledger more than `maxAgeDays` after
   * the card was charged, e.g. from a rural office that was offline. `daysLate` counts the days
   * (started) beyond that allowance.
   */
  z.object({
    type: z.literal('late'),
    daysLate: z.number().int().positive(),
    maxAgeDays: z.number().int().nonnegative(),
  }),
]);
export type Violation = z.infer<typeof Violation>;

/**
 * Log positions of the reference data a payment was priced and checked against; `quotes` is
 * the position of the quote the payment cites (0 when it cites none the ledger knows).
 */
export const ReferencePositions = z.object({
  tariffs: z.number().int(),
  catalogue: z.number().int(),
  licenses: z.number().int(),
  offices: z.number().int(),
  quotes: z.number().int(),
});
export type ReferencePositions = z.infer<typeof ReferencePositions>;

/**
 * A card payment made on an office terminal was recorded (پرداخت ثبت‌شده) in
 * `payment-<terminal>-<jalali day>-<rrn>`. `status` is `flagged` when it broke a rule (see
 * `violations`); either way `postings` add up to `amount` exactly.
 */
export const PaymentRecorded = eventContract(
  'PaymentRecorded',
  1,
  z.object({
    paymentId: z.string(),
    /** Citizen's tracking code (کد رهگیری): the only key to the public receipt. */
    trackingCode: z.string(),
    terminalId: z.string(),
    officeId: z.string(),
    province: StoredProvince,
    officeKind: z.enum(officeKinds),
    /** Retrieval reference number (شماره مرجع) of the card network, 12 characters. */
    rrn: z.string(),
    /** System trace audit number (شماره پیگیری), 6 digits. */
    stan: z.string(),
    /** When the card was charged, by the terminal's clock; rules are checked at this instant. */
    transactionTime: StoredInstant,
    receivedAt: StoredInstant,
    serviceCode: z.string(),
    agencyId: z.string().optional(),
    quantity: z.number().int().positive(),
    occurrence: z.number().int().positive(),
    amount: StoredRial,
    /** Card number (شماره کارت) masked: first 6 and last 4 digits only. */
    maskedCard: z.string(),
    quoteId: z.string().optional(),
    /** HMAC of the customer's national id (کد ملی) under a key derived from SECRETS_KEY; never the id itself. */
    customerRef: z.string().optional(),
    status: z.enum(['recorded', 'flagged']),
    violations: z.array(Violation),
    /** Total the tariff asks for at the transaction time, when a tariff was in force. */
    expected: StoredRial.optional(),
    tariff: z
      .object({ tariffId: z.string(), version: z.number().int(), resolution: z.string() })
      .optional(),
    postings: z.array(Posting),
    pricedAgainst: ReferencePositions,
    /** SHA-256 of the normalised request, so a retry with other content is told apart. */
    fingerprint: z.string(),
    idempotencyKey: z.string().optional(),
  }),
);
export type PaymentRecorded = EventOf<typeof PaymentRecorded>;

/**
 * The accounts a correction belongs to: the office, province, service and agency of the
 * payment it corrects. A correction of version 2 carries them; one of version 1 names only
 * the payment, and a reader finds them on its `PaymentRecorded`, the first event of the
 * correction's own stream.
 */
export const CorrectedAccounts = PaymentRecorded.schema.pick({
  officeId: true,
  province: true,
  serviceCode: true,
  agencyId: true,
});
export type CorrectedAccounts = z.infer<typeof CorrectedAccounts>;

/** The accounts of a recorded payment, as its corrections carry them. */
export const accountsOf = (p: CorrectedAccounts): CorrectedAccounts => ({
  officeId: p.officeId,
  province: p.province,
  serviceCode: p.serviceCode,
  ...(p.agencyId !== undefined ? { agencyId: p.agencyId } : {}),
});

/** `PaymentReversed` as version 1 wrote it: without the payment's accounts. */
export const paymentReversedV1 = z.object({
  paymentId: z.string(),
  terminalId: z.string(),
  reason: z.string().optional(),
  /** Negative: the whole amount of the payment. */
  amount: StoredSignedRial,
  /** Every posting of the payment, negated. */
  postings: z.array(Posting),
  reversedAt: StoredInstant,
  idempotencyKey: z.string().optional(),
});

/**
 * The terminal reversed the card transaction the same day (برگشت تراکنش). Version 2 carries
 * the accounts of the payment; version 1 did not, and is raised with them by
 * `reversalFromV1(v1, accounts)` (see `CorrectedAccounts` for where a reader finds them).
 */
export const PaymentReversed = eventContract(
  'PaymentReversed',
  2,
  paymentReversedV1.extend(CorrectedAccounts.shape),
  { 1: { schema: paymentReversedV1.extend({ type: z.literal('PaymentReversed') }) } },
);
export type PaymentReversed = EventOf<typeof PaymentReversed>;
export type PaymentReversedV1 = z.infer<typeof paymentReversedV1> & { type: 'PaymentReversed' };

/** `PaymentRefunded` as version 1 wrote it: without the payment's accounts. */
export const paymentRefundedV1 = z.object({
  paymentId: z.string(),
  /** The refund's own key: the same id again with the same content is a replay. */
  refundId: z.string(),
  /** Negative: what is paid back. */
  amount: StoredSignedRial,
  reason: z.string(),
  /** The share of each of the payment's postings paid back, negative, in the payment's order. */
  postings: z.array(Posting),
  refundedAt: StoredInstant,
  refundedBy: z.string(),
  byRole: z.enum(['regulator', 'office']),
});

/**
 * The regulator or the office paid money back to the citizen (استرداد وجه), in full or in
 * part. Version 2 carries the accounts of the payment; version 1 did not, and is raised with
 * them by `refundFromV1(v1, accounts)`.
 */
export const PaymentRefunded = eventContract(
  'PaymentRefunded',
  2,
  paymentRefundedV1.extend(CorrectedAccounts.shape),
  { 1: { schema: paymentRefundedV1.extend({ type: z.literal('PaymentRefunded') }) } },
);
export type PaymentRefunded = EventOf<typeof PaymentRefunded>;
export type PaymentRefundedV1 = z.infer<typeof paymentRefundedV1> & { type: 'PaymentRefunded' };

/** Raises a v1 reversal to v2 with the accounts of the payment it reverses. */
export const reversalFromV1 = (v1: PaymentReversedV1, of: CorrectedAccounts): PaymentReversed => ({
  ...v1,
  ...accountsOf(of),
});

/** Raises a v1 refund to v2 with the accounts of the payment it refunds. */
export const refundFromV1 = (v1: PaymentRefundedV1, of: CorrectedAccounts): PaymentRefunded => ({
  ...v1,
  ...accountsOf(of),
});

/**
 * An Idempotency-Key claimed by a terminal for one payment (ادعای کلید یکتایی درخواست): the
 * first event of `idempotency-<sha256 of terminal and key>`. The store refuses a second claim
 * on every node, so one key names only one payment.
 */
export const IdempotencyKeyClaimed = eventContract(
  'IdempotencyKeyClaimed',
  1,
  z.object({
    terminalId: z.string(),
    paymentId: z.string(),
    claimedAt: StoredInstant,
  }),
);
export type IdempotencyKeyClaimed = EventOf<typeof IdempotencyKeyClaimed>;

/**
 * The agency that owns the payment's service used it for one service delivery (مصرف پرداخت):
 * a payment is consumed once, in its own stream, so the rule holds on every node. Not a
 * correction: it moves no money and carries no postings. `deliveryReference` is the agency's
 * own reference of the delivery; the payment's accounts are carried so reports need not read
 * the payment back.
 */
export const PaymentConsumed = eventContract(
  'PaymentConsumed',
  1,
  z.object({
    paymentId: z.string(),
    deliveryReference: z.string(),
    /** The payment's amount, for the agency's reports. */
    amount: StoredRial,
    consumedAt: StoredInstant,
    /** The agency credential that consumed it. */
    consumedBy: z.string(),
    ...CorrectedAccounts.shape,
  }),
);
export type PaymentConsumed = EventOf<typeof PaymentConsumed>;

/** Every event contract of the payment ledger. */
export const paymentContracts = [
  PaymentRecorded,
  PaymentReversed,
  PaymentRefunded,
  PaymentConsumed,
  IdempotencyKeyClaimed,
] as const;

/** The events of a payment's own stream. */
export type PaymentEvent = PaymentRecorded | PaymentReversed | PaymentRefunded | PaymentConsumed;
