import {
  outcomeKinds,
  type BankEntry,
  type ExpectedCredit,
  type OutcomeKind,
  type ReconciliationCompleted,
  type ReconciliationOutcome,
} from '../../contracts/events/reconciliation';
import { parseJalaliDate, startOfJalaliDay } from '../shared/jalaliPeriod';

/** How far a bank credit may be from what was expected and still match. */
export interface Tolerance {
  /** Rials either way. */
  amountRials: bigint;
  /** Calendar days between the business day and the booking day, either way. */
  days: number;
}

const dayNumber = (day: string) =>
  Math.round(startOfJalaliDay(parseJalaliDate(day)!).getTime() / 86_400_000);
const abs = (n: bigint) => (n < 0n ? -n : n);
const sum = (xs: ReadonlyArray<{ amount: string }>) =>
  xs.reduce((s, x) => s + BigInt(x.amount), 0n);

function outcome(
  kind: OutcomeKind,
  bank: BankEntry[],
  expected: ExpectedCredit[],
  by?: ReconciliationOutcome['by'],
): ReconciliationOutcome {
  return {
    kind,
    ...(by ? { by } : {}),
    bank,
    expected,
    difference: (sum(bank) - sum(expected)).toString(),
  };
}

/**
 * Matches bank credits to expected treasury credits (تطبیق واریزها). In statement order, each
 * entry is tried: (1) by reference: expected credits whose deposit id (شناسه واریز) the entry
 * names, within the date tolerance: one within the amount tolerance is a match; if none is but
 * together they are, a one-to-many match; otherwise an amount mismatch with the nearest one;
 * (2) by settlement batch: an entry naming a batch id covers all of that batch's open credits,
 * matched when their sum agrees, else an amount mismatch; (3) without a usable reference, by
 * amount and date when exactly one open credit fits. What is left is missing in the bank or
 * unexpected in the bank.
 */
export function reconcile(
  entries: readonly BankEntry[],
  expectedCredits: readonly ExpectedCredit[],
  tol: Tolerance,
): ReconciliationOutcome[] {
  const open = new Set(expectedCredits.map((_, i) => i));
  const outcomes: ReconciliationOutcome[] = [];
  const unexpected: BankEntry[] = [];
  const near = (e: BankEntry, x: ExpectedCredit) =>
    Math.abs(dayNumber(e.day) - dayNumber(x.day)) <= tol.days;
  const fits = (amount: bigint, target: bigint) => abs(amount - target) <= tol.amountRials;
  const take = (ids: number[]) => {
    ids.forEach((i) => open.delete(i));
    return ids.map((i) => expectedCredits[i]!);
  };
  const distance = (e: BankEntry, i: number) =>
    Math.abs(dayNumber(e.day) - dayNumber(expectedCredits[i]!.day));

  for (const entry of entries) {
    const amount = BigInt(entry.amount);
    const refs = new Set(entry.references);
    const candidates = [...open]
      .filter((i) => refs.has(expectedCredits[i]!.depositId) && near(entry, expectedCredits[i]!))
      .sort((a, b) => distance(entry, a) - distance(entry, b) || a - b);
    if (candidates.length) {
      const single = candidates.find((i) => fits(amount, BigInt(expectedCredits[i]!.amount)));
      if (single !== undefined)
        outcomes.push(outcome('matched', [entry], take([single]), 'reference'));
      else if (
        candidates.length > 1 &&
        fits(amount, sum(candidates.map((i) => expectedCredits[i]!)))
      )
        outcomes.push(outcome('matched', [entry], take(candidates), 'reference'));
      else outcomes.push(outcome('amount_mismatch', [entry], take([candidates[0]!]), 'reference'));
      continue;
    }
    const batch = [...open].filter((i) => refs.has(expectedCredits[i]!.batchId ?? '\u0000'));
    if (batch.length) {
      outcomes.push(
        outcome(
          fits(amount, sum(batch.map((i) => expectedCredits[i]!))) ? 'matched' : 'amount_mismatch',
          [entry],
          take(batch),
          'batch',
        ),
      );
      continue;
    }
    const byAmount = [...open].filter(
      (i) => near(entry, expectedCredits[i]!) && fits(amount, BigInt(expectedCredits[i]!.amount)),
    );
    if (byAmount.length === 1)
      outcomes.push(outcome('matched', [entry], take(byAmount), 'amount-and-date'));
    else unexpected.push(entry);
  }
  for (const i of [...open].sort((a, b) => a - b))
    outcomes.push(outcome('missing_in_bank', [], [expectedCredits[i]!]));
  for (const entry of unexpected) outcomes.push(outcome('unexpected_in_bank', [entry], []));
  return outcomes;
}

/** Count and rials per outcome kind. */
export function totalsOf(
  outcomes: readonly ReconciliationOutcome[],
): ReconciliationCompleted['totals'] {
  return Object.fromEntries(
    outcomeKinds.map((k) => {
      const of = outcomes.filter((o) => o.kind === k);
      return [
        k,
        {
          count: of.length,
          bank: sum(of.flatMap((o) => o.bank)).toString(),
          expected: sum(of.flatMap((o) => o.expected)).toString(),
        },
      ];
    }),
  ) as ReconciliationCompleted['totals'];
}
