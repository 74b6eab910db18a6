import { accountsOf, paymentContracts } from '../../contracts/events/payments';
import { versionsOf } from '../../contracts/events/contract';
import type { Decider } from '../shared/eventStore';
import {
  IdempotencyMismatchError,
  IllegalStateError,
  NotFoundError,
  ValidationError,
} from '../shared/errors';
import { jalaliDateOf as tehranJalaliDay } from '../shared/jalaliPeriod';
import { assess, type PaymentFacts } from './assess';
import {
  agencyShareHeld,
  evolvePayment,
  initialPaymentState,
  remaining,
  type PaymentConsumed,
  type PaymentEvent,
  type PaymentRecorded,
  type PaymentRefunded,
  type PaymentReversed,
  type PaymentState,
} from './payment';
import type { PaymentReference } from './referenceData';
import { negated, refundPostings } from './split';

/**
 * Record a card payment. `reference` holds the reference facts at the transaction time,
 * resolved before the decision (`resolveReference`), so deciding is pure.
 */
export interface RecordPayment {
  type: 'RecordPayment';
  paymentId: string;
  trackingCode: string;
  facts: PaymentFacts;
  reference: PaymentReference;
  customerRef?: string;
  fingerprint: string;
  idempotencyKey?: string;
  receivedAt: Date;
  /** PAYMENT_MAX_AGE_DAYS: a payment older than this on arrival is recorded with a `late` violation. */
  maxAgeDays: number;
}

/** The card network's same-day reversal (برگشت), posted by the terminal that took the payment. */
export interface ReversePayment {
  type: 'ReversePayment';
  terminalId: string;
  reason?: string;
  idempotencyKey?: string;
  at: Date;
}

export interface RefundPayment {
  type: 'RefundPayment';
  refundId: string;
  amount: bigint;
  reason: string;
  by: string;
  byRole: 'regulator' | 'office';
  at: Date;
}

/**
 * Consume the payment for one service delivery (مصرف پرداخت برای ارائهٔ خدمت): the agency
 * that owns its service uses it once, naming its own delivery reference.
 */
export interface ConsumePayment {
  type: 'ConsumePayment';
  agencyId: string;
  deliveryReference: string;
  by: string;
  at: Date;
}

export type PaymentCommand = RecordPayment | ReversePayment | RefundPayment | ConsumePayment;

/** The first consumption, as a 409 names it. */
export const consumptionOf = (c: PaymentConsumed) => ({
  deliveryReference: c.deliveryReference,
  consumedAt: c.consumedAt,
  consumedBy: c.consumedBy,
});

/**
 * Why a payment cannot be consumed now, or undefined when it can: it was reversed, refunded in
 * full, or the agency's own share was paid back (a refund of an overcharge's excess alone
 * leaves the agency's share whole and the payment consumable).
 */
export function notConsumable(state: PaymentState): string | undefined {
  if (state.status === 'none') return 'not found';
  if (state.status === 'reversed') return 'reversed';
  if (state.status === 'refunded') return 'refunded';
  const share = agencyShareHeld(state);
  if (share.held < share.recorded) return 'agency-share-refunded';
  return undefined;
}

/**
 * A payment's stream is its card-network identity, so a second RecordPayment for it is a
 * retry: the same request (same fingerprint) records nothing new, another one is refused.
 */
function record(c: RecordPayment, state: PaymentState): PaymentRecorded[] {
  if (state.status !== 'none') {
    if (state.recorded.fingerprint === c.fingerprint) return [];
    throw new IdempotencyMismatchError(
      `Payment ${c.paymentId} (terminal, RRN and day) was already recorded with other details`,
    );
  }
  const a = assess(c.facts, c.reference, { receivedAt: c.receivedAt, maxAgeDays: c.maxAgeDays });
  const f = c.facts;
  const office = c.reference.office;
  return [
    {
      type: 'PaymentRecorded',
      paymentId: c.paymentId,
      trackingCode: c.trackingCode,
      terminalId: f.terminalId,
      officeId: office.officeId,
      province: office.province,
      officeKind: office.kind,
      rrn: f.rrn,
      stan: f.stan,
      transactionTime: f.transactionTime.toISOString(),
      receivedAt: c.receivedAt.toISOString(),
      serviceCode: f.serviceCode,
      ...(c.reference.agencyId !== undefined ? { agencyId: c.reference.agencyId } : {}),
      quantity: f.quantity,
      occurrence: f.occurrence,
      amount: f.amount.toString(),
      maskedCard: f.maskedCard,
      ...(f.quoteId !== undefined ? { quoteId: f.quoteId } : {}),
      ...(c.customerRef !== undefined ? { customerRef: c.customerRef } : {}),
      ...a,
      pricedAgainst: c.reference.positions,
      fingerprint: c.fingerprint,
      ...(c.idempotencyKey !== undefined ? { idempotencyKey: c.idempotencyKey } : {}),
    },
  ];
}

const sameDay = (a: Date, b: Date) => {
  const x = tehranJalaliDay(a);
  const y = tehranJalaliDay(b);
  return x.jy === y.jy && x.jm === y.jm && x.jd === y.jd;
};

function reverse(c: ReversePayment, state: PaymentState): PaymentReversed[] {
  if (state.status === 'none' || state.recorded.terminalId !== c.terminalId)
    throw new NotFoundError('Payment not found');
  if (state.status === 'reversed') {
    if (c.idempotencyKey !== undefined && state.reversal.idempotencyKey === c.idempotencyKey)
      return [];
    throw new IllegalStateError('The payment was already reversed');
  }
  if (state.consumed)
    throw new IllegalStateError(
      'The agency has consumed the payment for a service delivery; it cannot be reversed: the regulator or the office records a refund with a reason',
      { consumption: consumptionOf(state.consumed) },
    );
  if (state.status === 'refunded' || state.refunds.length > 0)
    throw new IllegalStateError(
      'The payment was refunded; a reversal would pay back more than was paid',
    );
  const p = state.recorded;
  if (!sameDay(new Date(p.transactionTime), c.at))
    throw new IllegalStateError(
      'A reversal is accepted only on the day of the transaction (Tehran time); record a refund instead',
    );
  return [
    {
      type: 'PaymentReversed',
      paymentId: p.paymentId,
      terminalId: c.terminalId,
      ...(c.reason !== undefined ? { reason: c.reason } : {}),
      amount: `-${p.amount}`,
      postings: negated(p.postings),
      reversedAt: c.at.toISOString(),
      ...(c.idempotencyKey !== undefined ? { idempotencyKey: c.idempotencyKey } : {}),
      ...accountsOf(p),
    },
  ];
}

function refund(c: RefundPayment, state: PaymentState): PaymentRefunded[] {
  if (state.status === 'none') throw new NotFoundError('Payment not found');
  const previous =
    state.status === 'reversed' ? undefined : state.refunds.find((r) => r.refundId === c.refundId);
  if (previous) {
    if (previous.amount === `-${c.amount}` && previous.reason === c.reason) return [];
    throw new IdempotencyMismatchError('This refund key was used for another refund');
  }
  if (c.amount <= 0n)
    throw new ValidationError('Invalid refund', [
      { path: 'amount', message: 'must be at least 1 rial' },
    ]);
  if (state.status === 'reversed')
    throw new IllegalStateError('The payment was reversed; nothing is left to refund');
  const left = remaining(state);
  if (c.amount > left)
    throw new IllegalStateError(
      `A refund may not exceed what is left of the payment: ${left.toString()} rials`,
    );
  if (state.status !== 'active') throw new IllegalStateError('Nothing is left to refund');
  return [
    {
      type: 'PaymentRefunded',
      paymentId: state.recorded.paymentId,
      refundId: c.refundId,
      amount: `-${c.amount}`,
      reason: c.reason,
      postings: refundPostings(state.balances, c.amount),
      refundedAt: c.at.toISOString(),
      refundedBy: c.by,
      byRole: c.byRole,
      ...accountsOf(state.recorded),
    },
  ];
}

function consume(c: ConsumePayment, state: PaymentState): PaymentConsumed[] {
  if (state.status === 'none' || state.recorded.agencyId !== c.agencyId)
    throw new NotFoundError('Payment not found');
  const consumed = state.status === 'reversed' ? undefined : state.consumed;
  if (consumed) {
    if (consumed.deliveryReference === c.deliveryReference) return [];
    throw new IllegalStateError(
      `The payment was already consumed for delivery ${consumed.deliveryReference}`,
      { consumption: consumptionOf(consumed) },
    );
  }
  const why = notConsumable(state);
  if (why !== undefined)
    throw new IllegalStateError(
      why === 'agency-share-refunded'
        ? "The agency's share of the payment was refunded; it cannot be consumed"
        : `The payment was ${why}; it cannot be consumed`,
      { currentState: why },
    );
  const p = state.recorded;
  return [
    {
      type: 'PaymentConsumed',
      paymentId: p.paymentId,
      deliveryReference: c.deliveryReference,
      amount: p.amount,
      consumedAt: c.at.toISOString(),
      consumedBy: c.by,
      ...accountsOf(p),
    },
  ];
}

export function decidePayment(command: PaymentCommand, state: PaymentState): PaymentEvent[] {
  switch (command.type) {
    case 'RecordPayment':
      return record(command, state);
    case 'ReversePayment':
      return reverse(command, state);
    case 'RefundPayment':
      return refund(command, state);
    case 'ConsumePayment':
      return consume(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const paymentDecider: Decider<PaymentCommand, PaymentEvent, PaymentState> = {
  initialState: initialPaymentState,
  evolve: evolvePayment,
  decide: decidePayment,
  eventVersions: versionsOf(paymentContracts),
};
