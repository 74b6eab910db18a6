import type {
  PaymentRecorded,
  PaymentRefundedV1,
  PaymentReversedV1,
} from '../../contracts/events/payments';

/** A correction as stored with its payment: either version, only the fields every version has. */
export type StoredCorrection = PaymentReversedV1 | PaymentRefundedV1;

/** What a payment is now (وضعیت پرداخت): as recorded, or corrected since. */
export type PaymentStatus = 'recorded' | 'flagged' | 'reversed' | 'refunded' | 'partially-refunded';

/**
 * The status a list filters on: `reversed` once reversed; `refunded` once refunds have taken
 * every posting line to zero; `partially-refunded` after any other refund; else as recorded.
 * Corrections after a reversal or a full refund change nothing, as the payment decider refuses
 * them.
 */
export function paymentStatusOf(
  recorded: Pick<PaymentRecorded, 'status' | 'postings'>,
  corrections: readonly StoredCorrection[],
): PaymentStatus {
  const held = recorded.postings.map((p) => BigInt(p.amount));
  let refunds = 0;
  for (const c of corrections) {
    if (c.type === 'PaymentReversed') return 'reversed';
    c.postings.forEach((p, i) => {
      if (i < held.length) held[i] = held[i]! + BigInt(p.amount);
    });
    refunds++;
    if (held.every((h) => h === 0n)) return 'refunded';
  }
  return refunds ? 'partially-refunded' : recorded.status;
}
