import { apportion, type PricedFor } from '../tariffs';
import { Exact } from '../shared/money';
import type { Posting } from './payment';
import type { OfficeRef } from './referenceData';

/** The postings of a priced tariff: one per component, to the account the component names. */
export function postingsOf(
  priced: PricedFor,
  office: OfficeRef,
  agencyId: string | undefined,
): Posting[] {
  return priced.lines.map((line): Posting => {
    const b = line.beneficiary;
    const base = { code: line.code, amount: line.amount };
    switch (b.kind) {
      case 'agency':
        return {
          kind: 'agency',
          ...base,
          ...(line.iban ? { iban: line.iban } : {}),
          ...(line.depositId ? { depositId: line.depositId } : {}),
          ...(agencyId ? { agencyId } : {}),
        };
      case 'technical':
        return { kind: 'technical', ...base, iban: b.iban };
      case 'office':
        return { kind: 'office', ...base, iban: office.iban };
      case 'vat':
        return { kind: 'vat', ...base };
    }
  });
}

/**
 * Shares a whole amount over weights in proportion, by largest remainder, so the
 * shares add up to the amount exactly. Weights and amount are whole rials.
 */
export function proRata(amount: bigint, weights: readonly bigint[]): bigint[] {
  const total = weights.reduce((s, w) => s + w, 0n);
  if (total === 0n) return weights.map((_, i) => (i === 0 ? amount : 0n));
  const exact = weights.map((w) =>
    new Exact(w.toString()).times(amount.toString()).div(total.toString()),
  );
  const { total: rounded, shares } = apportion(exact);
  if (rounded.toFixed(0) !== amount.toString()) throw new Error('pro-rata shares do not add up');
  return shares.map((s) => BigInt(s.toFixed(0)));
}

/** Postings scaled down to a smaller amount (an undercharge): same lines, shares pro rata. */
export function scaled(postings: readonly Posting[], amount: bigint): Posting[] {
  const shares = proRata(
    amount,
    postings.map((p) => BigInt(p.amount)),
  );
  return postings.map((p, i) => ({ ...p, amount: shares[i]!.toString() }));
}

export const sumOf = (postings: readonly Posting[]): bigint =>
  postings.reduce((s, p) => s + BigInt(p.amount), 0n);

/**
 * How a refund of `amount` is drawn from what a payment still holds: first from the
 * excess held for refund, then from the other lines pro rata. The result is the
 * negative postings, line by line in the payment's order; no line goes below zero.
 */
export function refundPostings(balances: readonly Posting[], amount: bigint): Posting[] {
  const held = balances.map((b) => (b.kind === 'held-for-refund' ? BigInt(b.amount) : 0n));
  const heldTotal = held.reduce((s, h) => s + h, 0n);
  const fromHeld = amount < heldTotal ? amount : heldTotal;
  const heldShares = proRata(fromHeld, held);
  const rest = balances.map((b) => (b.kind === 'held-for-refund' ? 0n : BigInt(b.amount)));
  const restShares = proRata(amount - fromHeld, rest);
  return balances.map((b, i) => ({
    ...b,
    amount: (-(heldShares[i]! + restShares[i]!)).toString(),
  }));
}

export const negated = (postings: readonly Posting[]): Posting[] =>
  postings.map((p) => ({ ...p, amount: (-BigInt(p.amount)).toString() }));
