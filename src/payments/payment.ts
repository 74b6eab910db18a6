import type { OfficeKind } from '../tariffs';

/**
 * Who receives one share of a payment in the split settlement (تسهیم):
 * the agency's treasury (خزانه) with its deposit id (شناسه واریز), a technical operator,
 * the office (کارمزد دفتر), VAT (مالیات بر ارزش افزوده), the excess of an overcharge
 * held for refund to the citizen (وجه مازاد قابل استرداد), or money that no tariff
 * allocates (وجه تخصیص‌نیافته) until the regulator settles it.
 */
export type BeneficiaryKind =
  'agency' | 'technical' | 'office' | 'vat' | 'held-for-refund' | 'unallocated';

/**
 * One line of a split (سند تسهیم): who receives how many rials. Amounts are whole-rial
 * decimal strings; corrections (reversal, refund) carry negative amounts.
 */
export interface Posting {
  kind: BeneficiaryKind;
  /** Tariff component code, when the posting comes from one. */
  code?: string;
  /** Sheba (شبا) of the receiving account, when known. */
  iban?: string;
  /** Treasury deposit id (شناسه واریز) of an agency fee. */
  depositId?: string;
  agencyId?: string;
  amount: string;
}

/** A rule of the resolution the payment broke; the payment is still recorded (the money has moved). */
export type Violation =
  | { type: 'overcharge'; expected: string; excess: string }
  | { type: 'undercharge'; expected: string; shortfall: string }
  | { type: 'no-tariff' }
  | { type: 'service-not-assigned' }
  | { type: 'license-inactive' }
  | { type: 'not-in-catalogue' }
  | { type: 'quote-expired'; quoteId: string; expiredAt: string }
  | { type: 'quote-mismatch'; quoteId: string; reason: string }
  /**
   * Reported late (تراکنش با تأخیر ارسال‌شده): it reached the ledger more than `maxAgeDays` after the
   * card was charged, e.g. from a rural office that was offline. `daysLate` counts the days
   * (started) beyond that allowance.
   */
  | { type: 'late'; daysLate: number; maxAgeDays: number };

export type ViolationType = Violation['type'];

/** Log positions of the in-memory reference data a payment was priced and checked against. */
export interface ReferencePositions {
  tariffs: number;
  catalogue: number;
  licenses: number;
  offices: number;
  quotes: number;
}

/**
 * A card payment made on an office terminal was recorded. `status` is `flagged` when
 * it broke a rule (see `violations`); either way `postings` add up to `amount` exactly.
 */
export interface PaymentRecorded {
  type: 'PaymentRecorded';
  paymentId: string;
  /** Citizen's tracking code (کد رهگیری): the only key to the public receipt. */
  trackingCode: string;
  terminalId: string;
  officeId: string;
  province: string;
  officeKind: OfficeKind;
  /** Retrieval reference number (شماره مرجع) of the card network, 12 characters. */
  rrn: string;
  /** System trace audit number (شماره پیگیری), 6 digits. */
  stan: string;
  /** When the card was charged, by the terminal's clock; rules are checked at this instant. */
  transactionTime: string;
  receivedAt: string;
  serviceCode: string;
  agencyId?: string;
  quantity: number;
  occurrence: number;
  amount: string;
  /** Card number (شماره کارت) masked: first 6 and last 4 digits only. */
  maskedCard: string;
  quoteId?: string;
  /** HMAC of the customer's national id (کد ملی) under a key derived from SECRETS_KEY; never the id itself. */
  customerRef?: string;
  status: 'recorded' | 'flagged';
  violations: Violation[];
  /** Total the tariff asks for at the transaction time, when a tariff was in force. */
  expected?: string;
  tariff?: { tariffId: string; version: number; resolution: string };
  postings: Posting[];
  pricedAgainst: ReferencePositions;
  /** SHA-256 of the normalised request, so a retry with other content is told apart. */
  fingerprint: string;
  idempotencyKey?: string;
}

/** The terminal reversed the card transaction the same day (برگشت تراکنش). */
export interface PaymentReversed {
  type: 'PaymentReversed';
  paymentId: string;
  terminalId: string;
  reason?: string;
  amount: string;
  postings: Posting[];
  reversedAt: string;
  idempotencyKey?: string;
}

/** The regulator or the office paid money back to the citizen (استرداد وجه), in full or in part. */
export interface PaymentRefunded {
  type: 'PaymentRefunded';
  paymentId: string;
  refundId: string;
  amount: string;
  reason: string;
  postings: Posting[];
  refundedAt: string;
  refundedBy: string;
  byRole: 'regulator' | 'office';
}

export type PaymentEvent = PaymentRecorded | PaymentReversed | PaymentRefunded;

export const paymentEventTypes: readonly PaymentEvent['type'][] = [
  'PaymentRecorded',
  'PaymentReversed',
  'PaymentRefunded',
];

/** What is still held per posting line after corrections; refunds may never take a line below zero. */
export type Balances = Posting[];

export type PaymentState =
  | { status: 'none' }
  | { status: 'active'; recorded: PaymentRecorded; balances: Balances; refunds: PaymentRefunded[] }
  | { status: 'reversed'; recorded: PaymentRecorded; reversal: PaymentReversed }
  | { status: 'refunded'; recorded: PaymentRecorded; refunds: PaymentRefunded[] };

export const paymentStream = (paymentId: string) => `payment-${paymentId}`;

export const initialPaymentState = (): PaymentState => ({ status: 'none' });

function addPostings(balances: Balances, postings: readonly Posting[]): Balances {
  return balances.map((b, i) => ({
    ...b,
    amount: (BigInt(b.amount) + BigInt(postings[i]?.amount ?? '0')).toString(),
  }));
}

export function evolvePayment(state: PaymentState, event: PaymentEvent): PaymentState {
  switch (event.type) {
    case 'PaymentRecorded':
      return {
        status: 'active',
        recorded: event,
        balances: event.postings.map((p) => ({ ...p })),
        refunds: [],
      };
    case 'PaymentReversed':
      return state.status === 'none'
        ? state
        : { status: 'reversed', recorded: state.recorded, reversal: event };
    case 'PaymentRefunded': {
      if (state.status !== 'active') return state;
      const balances = addPostings(state.balances, event.postings);
      const refunds = [...state.refunds, event];
      return balances.every((b) => b.amount === '0')
        ? { status: 'refunded', recorded: state.recorded, refunds }
        : { status: 'active', recorded: state.recorded, balances, refunds };
    }
  }
}

/** Rials still held by the payment after corrections. */
export function remaining(state: PaymentState): bigint {
  if (state.status !== 'active') return 0n;
  return state.balances.reduce((s, b) => s + BigInt(b.amount), 0n);
}
