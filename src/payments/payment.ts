import type {
  PaymentConsumed,
  PaymentEvent,
  PaymentRecorded,
  PaymentRefunded,
  PaymentReversed,
  Posting,
  Violation,
} from '../../contracts/events/payments';
import type { PostingKind } from '../../contracts/vocabulary';

export type {
  CorrectedAccounts,
  IdempotencyKeyClaimed,
  PaymentConsumed,
  PaymentEvent,
  PaymentRecorded,
  PaymentRefunded,
  PaymentReversed,
  Posting,
  ReferencePositions,
  Violation,
} from '../../contracts/events/payments';
export { paymentContracts } from '../../contracts/events/payments';

/**
 * Who receives one share of a payment in the split settlement (تسهیم):
 * the agency's treasury (خزانه) with its deposit id (شناسه واریز), a technical operator,
 * the office (کارمزد دفتر), VAT (مالیات بر ارزش افزوده), the excess of an overcharge
 * held for refund to the citizen (وجه مازاد قابل استرداد), or money that no tariff
 * allocates (وجه تخصیص‌نیافته) until the regulator settles it.
 */
export type BeneficiaryKind = PostingKind;

export type ViolationType = Violation['type'];

export const paymentEventTypes: readonly PaymentEvent['type'][] = [
  'PaymentRecorded',
  'PaymentReversed',
  'PaymentRefunded',
  'PaymentConsumed',
];

/** What is still held per posting line after corrections; refunds may never take a line below zero. */
export type Balances = Posting[];

/**
 * Where a payment stands. `consumed` (مصرف‌شده) is the agency's one use of it for a service
 * delivery; a reversed payment was never consumed (each refuses the other).
 */
export type PaymentState =
  | { status: 'none' }
  | {
      status: 'active';
      recorded: PaymentRecorded;
      balances: Balances;
      refunds: PaymentRefunded[];
      consumed?: PaymentConsumed;
    }
  | { status: 'reversed'; recorded: PaymentRecorded; reversal: PaymentReversed }
  | {
      status: 'refunded';
      recorded: PaymentRecorded;
      refunds: PaymentRefunded[];
      consumed?: PaymentConsumed;
    };

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
      const consumed = state.consumed ? { consumed: state.consumed } : {};
      return balances.every((b) => b.amount === '0')
        ? { status: 'refunded', recorded: state.recorded, refunds, ...consumed }
        : { status: 'active', recorded: state.recorded, balances, refunds, ...consumed };
    }
    case 'PaymentConsumed':
      return state.status === 'active' || state.status === 'refunded'
        ? { ...state, consumed: event }
        : state;
  }
}

/** The rials of the agency's own postings (سهم دستگاه) still held after corrections. */
export function agencyShareHeld(state: PaymentState): { held: bigint; recorded: bigint } {
  if (state.status === 'none') return { held: 0n, recorded: 0n };
  const ofAgency = (postings: readonly Posting[]) =>
    postings.filter((p) => p.kind === 'agency').reduce((s, p) => s + BigInt(p.amount), 0n);
  const recorded = ofAgency(state.recorded.postings);
  if (state.status === 'active') return { held: ofAgency(state.balances), recorded };
  return { held: 0n, recorded };
}

/** Rials still held by the payment after corrections. */
export function remaining(state: PaymentState): bigint {
  if (state.status !== 'active') return 0n;
  return state.balances.reduce((s, b) => s + BigInt(b.amount), 0n);
}
