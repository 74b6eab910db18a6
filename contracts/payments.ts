import { z } from 'zod';
import { Posting as EventPosting, ReferencePositions } from './events/payments';
import { isRialString, nationalId, normaliseDigits, parseInstant } from './primitives';
import { violationKinds } from './vocabulary';
import { InstantSchema, ProblemSchema, route } from './route';

const Rial = z
  .string()
  .max(30)
  .refine(isRialString, 'whole rials as a decimal string, e.g. "1500000"')
  .meta({ example: '1500000' });
/** Digits as a terminal or a person may send them: Persian (۰–۹) or Arabic-Indic (٠–٩) digits read as ASCII. */
export const cardDigits = (pattern: RegExp, message: string) =>
  z.string().regex(pattern, message).transform(normaliseDigits);

/** A payment's tracking code (کد رهگیری): 16 digits, Persian digits accepted. */
export const TrackingCodeParam = cardDigits(/^[0-9۰-۹٠-٩]{16}$/, '16 digits');

const SignedRial = z
  .string()
  .regex(/^-?\d{1,19}$/)
  .meta({ description: 'whole rials; negative in corrections', example: '-150000' });
const IsoInstant = z
  .string()
  .max(40)
  .refine(
    (s) => /T/.test(s) && parseInstant(s) !== undefined,
    'an ISO 8601 instant with a zone, e.g. 2026-11-29T10:30:00+03:30',
  );

const TerminalId = z
  .string()
  .regex(/^[A-Za-z0-9]{8}$/, '8 letters or digits')
  .describe(
    "The terminal (پایانه): required of a PSP credential, which posts for any of its own terminals; a gateway's terminal comes from its credential (if sent, it must be its own)",
  );

export const PaymentRequest = z
  .strictObject({
    terminalId: TerminalId.optional(),
    rrn: cardDigits(/^[0-9۰-۹٠-٩A-Za-z]{12}$/, '12 letters or digits').describe(
      'Retrieval reference number (شماره مرجع)',
    ),
    stan: cardDigits(/^[0-9۰-۹٠-٩]{6}$/, '6 digits').describe(
      'System trace audit number (شماره پیگیری)',
    ),
    transactionTime: IsoInstant.describe(
      'When the card was charged, by the terminal; rules are checked at this instant',
    ),
    serviceCode: z.string().min(1).max(64),
    quantity: z.number().int().min(1).max(100000).default(1),
    occurrence: z.number().int().min(1).max(100).default(1),
    amount: Rial.describe('Amount charged, whole rials'),
    maskedCard: cardDigits(
      /^[0-9۰-۹٠-٩]{6}\*{6}[0-9۰-۹٠-٩]{4}$/,
      'first 6 and last 4 digits, 6 asterisks between',
    ).meta({ example: '603799******1234' }),
    quoteId: z.uuid().optional(),
    customerNationalId: z
      .string()
      .max(20)
      .refine((s) => nationalId(s) !== undefined, 'not a valid national id (کد ملی)')
      .optional()
      .describe('Stored only as a keyed hash'),
  })
  .meta({
    id: 'PaymentRequest',
    example: {
      rrn: '123456789012',
      stan: '004211',
      transactionTime: '2026-11-29T10:30:00+03:30',
      serviceCode: 'vehicle-transfer',
      quantity: 2,
      occurrence: 1,
      amount: '1742166',
      maskedCard: '603799******1234',
    },
  });

const Posting = EventPosting.extend({
  amount: EventPosting.shape.amount.meta({
    description: 'whole rials; negative in corrections',
    example: '-150000',
  }),
}).meta({
  id: 'Posting',
  description: 'One share of the split (تسهیم); the postings of a payment add up to its amount',
});

const Violation = z
  .object({
    type: z.enum(violationKinds),
    expected: Rial.optional(),
    excess: Rial.optional(),
    shortfall: Rial.optional(),
    quoteId: z.string().optional(),
    expiredAt: z.string().optional(),
    reason: z.string().optional(),
    daysLate: z
      .number()
      .int()
      .optional()
      .describe('late: days (started) beyond the allowed age when the payment arrived'),
    maxAgeDays: z.number().int().optional().describe('late: PAYMENT_MAX_AGE_DAYS on arrival'),
  })
  .meta({ id: 'Violation' });

const Positions = ReferencePositions;

export const PaymentResultSchema = z
  .object({
    paymentId: z.string(),
    trackingCode: z.string(),
    status: z.enum(['recorded', 'flagged']),
    violations: z.array(Violation),
    amount: Rial,
    expected: Rial.optional(),
    tariff: z
      .object({ tariffId: z.string(), version: z.number(), resolution: z.string() })
      .optional(),
    postings: z.array(Posting),
    transactionTime: InstantSchema,
    receivedAt: InstantSchema,
    pricedAgainst: Positions.describe(
      'Log positions of the reference data the payment was priced against',
    ),
    position: z.number().describe('Log position of the payment'),
  })
  .meta({
    id: 'PaymentResult',
    description: 'The answer to a posted payment; a replay returns it again',
  });

const Correction = z.object({
  kind: z.enum(['reversal', 'refund']),
  refundId: z.string().optional(),
  amount: SignedRial,
  reason: z.string().optional(),
  postings: z.array(Posting),
  at: InstantSchema,
});

export const PaymentStatusSchema = z.enum([
  'recorded',
  'flagged',
  'reversed',
  'refunded',
  'partially-refunded',
]);

export const PaymentViewSchema = z
  .object({
    paymentId: z.string(),
    trackingCode: z.string(),
    terminalId: z.string(),
    officeId: z.string(),
    serviceCode: z.string(),
    agencyId: z.string().optional(),
    rrn: z.string(),
    stan: z.string(),
    maskedCard: z.string(),
    quantity: z.number(),
    occurrence: z.number(),
    amount: Rial,
    status: PaymentStatusSchema,
    violations: z.array(Violation),
    postings: z.array(Posting),
    corrections: z.array(Correction),
    remaining: Rial.describe('What the payment still holds after corrections'),
    consumption: z
      .object({ deliveryReference: z.string(), consumedAt: InstantSchema, consumedBy: z.string() })
      .optional()
      .describe("The agency's one use of the payment for a service delivery (مصرف پرداخت)"),
    transactionTime: InstantSchema,
    receivedAt: InstantSchema,
    position: z.number(),
  })
  .meta({ id: 'Payment' });

const Rrn = cardDigits(/^[0-9۰-۹٠-٩A-Za-z]{12}$/, '12 letters or digits');

export const VerifyPaymentRequest = z
  .union([
    z.strictObject({
      trackingCode: TrackingCodeParam.describe('کد رهگیری'),
    }),
    z.strictObject({
      depositId: cardDigits(/^[0-9۰-۹٠-٩]{1,30}$/, '1 to 30 digits').describe(
        "The agency fee's treasury deposit id (شناسه واریز)",
      ),
      rrn: Rrn.describe("The card network reference (شماره مرجع) on the citizen's card slip"),
    }),
  ])
  .meta({
    id: 'VerifyPaymentRequest',
    description:
      "A tracking code names one payment; a deposit id names one of the agency's fees, so it goes with the RRN of the card slip",
    example: { trackingCode: '1234567890123456' },
  });

export const PaymentVerificationSchema = z
  .object({
    paymentId: z.string(),
    trackingCode: z.string(),
    paid: z.literal(true),
    amount: Rial,
    serviceCode: z.string(),
    agencyId: z.string().optional(),
    officeId: z.string(),
    terminalId: z.string(),
    rrn: z.string(),
    transactionTime: InstantSchema,
    status: PaymentStatusSchema,
    violations: z.array(z.enum(violationKinds)),
    reversed: z.boolean(),
    refunded: Rial.describe('Rials paid back by refunds'),
    consumable: z.boolean(),
    notConsumable: z
      .enum(['consumed', 'reversed', 'refunded', 'agency-share-refunded'])
      .optional()
      .describe('Why it cannot be consumed now'),
    consumption: z
      .object({ deliveryReference: z.string(), consumedAt: InstantSchema, consumedBy: z.string() })
      .optional(),
    position: z.number().describe('Log position of the payment'),
  })
  .meta({
    id: 'PaymentVerification',
    description: 'استعلام پرداخت: one payment as an agency sees it',
  });

export const ReceiptSchema = z
  .object({
    trackingCode: z.string(),
    office: z.object({ officeId: z.string(), nameFa: z.string().optional() }),
    service: z.object({ code: z.string(), nameFa: z.string().optional() }),
    amount: Rial,
    split: z.array(z.object({ kind: z.string(), code: z.string().optional(), amount: SignedRial })),
    refunded: Rial,
    transactionTime: InstantSchema,
    status: PaymentStatusSchema,
    maskedCard: z.string(),
    rrn: z.string(),
    stan: z.string(),
    proof: z
      .string()
      .describe(
        "Where the receipt's inclusion proof in its day's seal is: 404 with `sealedAfter` until the day is sealed",
      ),
  })
  .meta({
    id: 'Receipt',
    description: 'Public receipt (رسید): nothing personal beyond the masked card',
  });

const BatchItemResult = z.object({
  index: z.number(),
  outcome: z.enum(['recorded', 'flagged', 'replayed', 'rejected']),
  result: PaymentResultSchema.optional(),
  problem: ProblemSchema.optional(),
});

export const BatchResultSchema = z
  .object({
    summary: z.object({
      recorded: z.number(),
      flagged: z.number(),
      replayed: z.number(),
      rejected: z.number(),
    }),
    items: z.array(BatchItemResult),
  })
  .meta({ id: 'PaymentBatchResult' });

const idempotencyNote =
  'Send `Idempotency-Key` (1-100 characters): the same key with the same body answers the first result again with `Idempotent-Replayed: true`; with another body 422; while the first is still running 409.';

export const paymentRoutes = {
  record: route({
    operationId: 'recordPayment',
    idempotent: true,
    method: 'post',
    path: '/v1/payments',
    action: 'payment.record',
    signed: true,
    summary: 'Record a card payment made on the terminal (signed)',
    description: `The terminal comes from the credential. A payment that breaks a rule is recorded as flagged with typed violations. ${idempotencyNote}`,
    tags: ['payments'],
    body: PaymentRequest,
    responses: {
      201: {
        description:
          'Recorded (status recorded or flagged); a replay answers 201 again with Idempotent-Replayed: true',
        schema: PaymentResultSchema,
      },
      409: {
        description: 'A request with this key or for this transaction is still running',
        schema: ProblemSchema,
      },
      422: {
        description: 'The key or this transaction (terminal, RRN, day) was used with another body',
        schema: ProblemSchema,
      },
    },
  }),
  batch: route({
    operationId: 'recordPaymentBatch',
    method: 'post',
    path: '/v1/payments/batches',
    action: 'payment.record',
    signed: true,
    summary: 'Store-and-forward: up to 1,000 payments, each with its own result',
    description:
      'Each item is a PaymentRequest checked on its own: a malformed item is rejected without sinking the others. Items are idempotent by terminal, RRN and transaction day.',
    tags: ['payments'],
    body: z
      .strictObject({
        terminalId: TerminalId.optional(),
        items: z
          .array(z.unknown().meta({ description: 'a PaymentRequest' }))
          .min(1)
          .max(1000),
      })
      .meta({ id: 'PaymentBatchRequest' }),
    responses: { 200: { description: 'One result per item, in order', schema: BatchResultSchema } },
  }),
  reverse: route({
    operationId: 'reversePayment',
    idempotent: true,
    method: 'post',
    path: '/v1/payments/reversals',
    action: 'payment.reverse',
    signed: true,
    summary: "The card network's same-day reversal of one of the terminal's payments (signed)",
    tags: ['payments'],
    body: z
      .strictObject({
        terminalId: TerminalId.optional(),
        rrn: Rrn,
        transactionTime: IsoInstant,
        reason: z.string().min(1).max(500).optional(),
      })
      .meta({ id: 'ReversalRequest' }),
    responses: {
      201: { description: 'Reversed', schema: PaymentViewSchema },
      409: {
        description:
          'Already reversed, refunded, consumed by the agency (then only a refund with a reason), or not the same day',
        schema: ProblemSchema,
      },
    },
  }),
  refund: route({
    operationId: 'refundPayment',
    idempotent: true,
    method: 'post',
    path: '/v1/payments/{paymentId}/refunds',
    action: 'payment.refund',
    summary: 'Refund (استرداد) part or all of a payment',
    description: `Drawn first from the excess held for refund, then pro rata from the other shares. Never beyond what is left. ${idempotencyNote}`,
    tags: ['payments'],
    params: z.strictObject({ paymentId: z.string().max(64) }),
    body: z
      .strictObject({ amount: Rial, reason: z.string().min(1).max(500) })
      .meta({ id: 'RefundRequest' }),
    responses: {
      201: { description: 'Refunded', schema: PaymentViewSchema },
      409: { description: 'More than what is left, or reversed', schema: ProblemSchema },
      422: { description: 'The key was used for another refund', schema: ProblemSchema },
    },
  }),
  get: route({
    operationId: 'getPayment',
    method: 'get',
    path: '/v1/payments/{paymentId}',
    action: 'payment.read',
    summary: 'One payment with its corrections',
    tags: ['payments'],
    params: z.strictObject({ paymentId: z.string().max(64) }),
    responses: { 200: { description: 'The payment', schema: PaymentViewSchema } },
  }),
  list: route({
    operationId: 'listPayments',
    method: 'get',
    path: '/v1/payments',
    action: 'payment.read',
    summary: "Payments in the caller's scope, oldest first, with cursor pagination",
    tags: ['payments'],
    query: z.strictObject({
      officeId: z.string().max(64).optional(),
      terminalId: z.string().max(16).optional(),
      serviceCode: z.string().max(64).optional(),
      agencyId: z.string().max(64).optional(),
      day: z.string().max(10).optional().describe('Jalali transaction day in Tehran, 1405/09/08'),
      status: PaymentStatusSchema.optional(),
      cursor: z.string().max(40).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    responses: {
      200: {
        description: 'One page',
        schema: z
          .object({
            items: z.array(PaymentViewSchema),
            nextCursor: z.string().optional(),
            position: z.number(),
          })
          .meta({ id: 'PaymentPage' }),
      },
    },
  }),
  verify: route({
    operationId: 'verifyPayment',
    method: 'post',
    path: '/v1/payments/verifications',
    action: 'payment.verify',
    summary:
      'An agency verifies a payment of its own services (استعلام پرداخت) by tracking code, or by deposit id and RRN: paid, amount, service, office, reversed or refunded, consumed',
    description:
      "Read from the payments register on disk, brought up to the log as it was when the request arrived. A payment of another agency's service is 404. Deposit id and RRN matching more than one payment is 409 (ask for the tracking code).",
    tags: ['payments'],
    body: VerifyPaymentRequest,
    responses: {
      200: { description: 'The payment', schema: PaymentVerificationSchema },
      409: { description: 'Deposit id and RRN name more than one payment', schema: ProblemSchema },
    },
  }),
  consume: route({
    operationId: 'consumePayment',
    idempotent: true,
    method: 'post',
    path: '/v1/payments/{paymentId}/consumptions',
    action: 'payment.consume',
    summary:
      'An agency consumes a payment of its own services for one service delivery (مصرف پرداخت), with its own delivery reference: once',
    description:
      'The same delivery reference again is a replay (201, Idempotent-Replayed: true). Another delivery reference is 409 naming the first (`consumption`); a reversed or refunded payment, or one whose agency share was refunded, is 409. After consumption the terminal cannot reverse it.',
    tags: ['payments'],
    params: z.strictObject({ paymentId: z.string().max(64) }),
    body: z
      .strictObject({
        deliveryReference: z
          .string()
          .trim()
          .min(1)
          .max(100)
          .describe("The agency's own reference of the service delivery"),
      })
      .meta({ id: 'ConsumePaymentRequest', example: { deliveryReference: 'TR-1405-000123' } }),
    responses: {
      201: {
        description: 'Consumed, or the same consumption again',
        schema: PaymentVerificationSchema,
      },
      409: {
        description: 'Already consumed for another delivery (named), reversed or refunded',
        schema: ProblemSchema,
      },
    },
  }),
  receipt: route({
    operationId: 'getReceipt',
    method: 'get',
    path: '/v1/receipts/{trackingCode}',
    action: 'public',
    summary: "The citizen's receipt by tracking code (no login)",
    tags: ['payments'],
    params: z.strictObject({ trackingCode: TrackingCodeParam }),
    responses: { 200: { description: 'The receipt', schema: ReceiptSchema } },
  }),
};
