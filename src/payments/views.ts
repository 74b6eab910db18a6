import { instant } from '../shared/jalali';
import type { PaymentConsumed, PaymentRecorded } from './payment';
import { notConsumable } from './payment.decide';
import { statusOf, type PaymentRecord } from './readModel';

/** The answer to a posted payment, the same on every replay. */
export function resultView(p: PaymentRecorded, position: number) {
  return {
    paymentId: p.paymentId,
    trackingCode: p.trackingCode,
    status: p.status,
    violations: p.violations,
    amount: p.amount,
    ...(p.expected !== undefined ? { expected: p.expected } : {}),
    ...(p.tariff ? { tariff: p.tariff } : {}),
    postings: p.postings,
    transactionTime: instant(new Date(p.transactionTime)),
    receivedAt: instant(new Date(p.receivedAt)),
    pricedAgainst: p.pricedAgainst,
    position,
  };
}

function corrections(r: PaymentRecord) {
  if (r.state.status === 'reversed') {
    const v = r.state.reversal;
    return [
      {
        kind: 'reversal' as const,
        amount: v.amount,
        ...(v.reason !== undefined ? { reason: v.reason } : {}),
        postings: v.postings,
        at: instant(new Date(v.reversedAt)),
      },
    ];
  }
  return r.state.refunds.map((f) => ({
    kind: 'refund' as const,
    refundId: f.refundId,
    amount: f.amount,
    reason: f.reason,
    postings: f.postings,
    at: instant(new Date(f.refundedAt)),
  }));
}

export function remainingOf(r: PaymentRecord): bigint {
  return BigInt(r.recorded.amount) + corrections(r).reduce((s, c) => s + BigInt(c.amount), 0n);
}

/** A payment as it stands now, with every correction that points at it. */
export function paymentView(r: PaymentRecord) {
  const p = r.recorded;
  return {
    paymentId: p.paymentId,
    trackingCode: p.trackingCode,
    terminalId: p.terminalId,
    officeId: p.officeId,
    serviceCode: p.serviceCode,
    ...(p.agencyId !== undefined ? { agencyId: p.agencyId } : {}),
    rrn: p.rrn,
    stan: p.stan,
    maskedCard: p.maskedCard,
    quantity: p.quantity,
    occurrence: p.occurrence,
    amount: p.amount,
    status: statusOf(r),
    violations: p.violations,
    postings: p.postings,
    corrections: corrections(r),
    remaining: remainingOf(r).toString(),
    ...(consumedOf(r) ? { consumption: consumptionView(consumedOf(r)!) } : {}),
    transactionTime: instant(new Date(p.transactionTime)),
    receivedAt: instant(new Date(p.receivedAt)),
    position: r.position,
  };
}

const consumedOf = (r: PaymentRecord): PaymentConsumed | undefined =>
  r.state.status === 'reversed' ? undefined : r.state.consumed;

function consumptionView(c: PaymentConsumed) {
  return {
    deliveryReference: c.deliveryReference,
    consumedAt: instant(new Date(c.consumedAt)),
    consumedBy: c.consumedBy,
  };
}

/**
 * What an agency's system asks before it delivers a service (استعلام پرداخت): was the payment
 * made, for what, where, is it still whole, and was it already used.
 */
export function verificationView(r: PaymentRecord) {
  const p = r.recorded;
  const consumed = consumedOf(r);
  const why = consumed ? 'consumed' : notConsumable(r.state);
  return {
    paymentId: p.paymentId,
    trackingCode: p.trackingCode,
    paid: true as const,
    amount: p.amount,
    serviceCode: p.serviceCode,
    ...(p.agencyId !== undefined ? { agencyId: p.agencyId } : {}),
    officeId: p.officeId,
    terminalId: p.terminalId,
    rrn: p.rrn,
    transactionTime: instant(new Date(p.transactionTime)),
    status: statusOf(r),
    violations: p.violations.map((v) => v.type),
    reversed: r.state.status === 'reversed',
    refunded:
      r.state.status === 'reversed'
        ? '0'
        : r.state.refunds.reduce((sum, f) => sum - BigInt(f.amount), 0n).toString(),
    consumable: why === undefined,
    ...(why !== undefined ? { notConsumable: why } : {}),
    ...(consumed ? { consumption: consumptionView(consumed) } : {}),
    position: r.position,
  };
}

/**
 * The citizen's receipt (رسید): office, service, amount, split and status. Built from an
 * allow-list of fields, so nothing personal (the national id's hash included) can leak.
 */
export function receiptView(r: PaymentRecord, names: { office?: string; service?: string }) {
  const p = r.recorded;
  return {
    trackingCode: p.trackingCode,
    office: { officeId: p.officeId, ...(names.office ? { nameFa: names.office } : {}) },
    service: { code: p.serviceCode, ...(names.service ? { nameFa: names.service } : {}) },
    amount: p.amount,
    split: p.postings.map((s) => ({
      kind: s.kind,
      ...(s.code !== undefined ? { code: s.code } : {}),
      amount: s.amount,
    })),
    refunded: (BigInt(p.amount) - remainingOf(r)).toString(),
    transactionTime: instant(new Date(p.transactionTime)),
    status: statusOf(r),
    maskedCard: p.maskedCard,
    rrn: p.rrn,
    stan: p.stan,
    proof: `/v1/receipts/${encodeURIComponent(p.trackingCode)}/proof`,
  };
}
