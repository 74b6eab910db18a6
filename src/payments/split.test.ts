import fc from 'fast-check';
import type { Posting } from './payment';
import { proRata, refundPostings, scaled, sumOf } from './split';

const line = (kind: Posting['kind'], amount: bigint): Posting => ({
  kind,
  amount: amount.toString(),
});

describe('splits (تسهیم) add up to the rial', () => {
  it('pro rata shares always sum to the amount and stay within their weights', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 6 }),
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        (weights, raw) => {
          const total = weights.reduce((s, w) => s + w, 0n);
          fc.pre(total > 0n);
          const amount = raw % (total + 1n);
          const shares = proRata(amount, weights);
          expect(shares.reduce((s, x) => s + x, 0n)).toBe(amount);
          shares.forEach((s, i) => expect(s >= 0n && s <= weights[i]!).toBe(true));
        },
      ),
    );
  });

  it('an undercharge scales every line and still sums to the amount', () => {
    const postings = [
      line('agency', 1_500_000n),
      line('technical', 50_666n),
      line('office', 150_000n),
      line('vat', 20_067n),
    ];
    expect(sumOf(scaled(postings, 1_500_000n))).toBe(1_500_000n);
  });

  it('successive refunds never take a line below zero and end at exactly zero', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 9n }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 }),
        (amounts, cuts) => {
          let balances: Posting[] = [
            ...amounts.map((a) => line('agency', a)),
            line('held-for-refund', amounts[0]! % 1000n),
          ];
          for (const cut of cuts) {
            const left = sumOf(balances);
            const take = (left * BigInt(cut)) / 100n;
            const out = refundPostings(balances, take);
            expect(sumOf(out)).toBe(-take);
            balances = balances.map((b, i) => ({
              ...b,
              amount: (BigInt(b.amount) + BigInt(out[i]!.amount)).toString(),
            }));
            balances.forEach((b) => expect(BigInt(b.amount) >= 0n).toBe(true));
          }
        },
      ),
    );
  });
});
