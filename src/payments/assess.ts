import { NotFoundError } from '../shared/errors';
import { Exact } from '../shared/money';
import { priceTariff, type PricedFor, type TariffInForce } from '../tariffs';
import type { Posting, Violation } from './payment';
import type { OfficeRef, PaymentReference } from './referenceData';
import { postingsOf, scaled, sumOf } from './split';

/** A payment as the terminal reported it, normalised (ASCII digits, canonical amounts). */
export interface PaymentFacts {
  terminalId: string;
  rrn: string;
  stan: string;
  transactionTime: Date;
  serviceCode: string;
  quantity: number;
  occurrence: number;
  amount: bigint;
  maskedCard: string;
  quoteId?: string;
}

export interface Assessment {
  status: 'recorded' | 'flagged';
  violations: Violation[];
  expected?: string;
  tariff?: { tariffId: string; version: number; resolution: string };
  postings: Posting[];
}

function quoteProblems(
  facts: PaymentFacts,
  office: OfficeRef,
  ref: PaymentReference,
): { violations: Violation[]; priced?: PricedFor } {
  if (facts.quoteId === undefined) return { violations: [] };
  const quoteId = facts.quoteId;
  const q = ref.quote?.quoteId === quoteId ? ref.quote : undefined;
  if (!q) return { violations: [{ type: 'quote-mismatch', quoteId, reason: 'no such quote' }] };
  const differs = [
    q.priced.serviceCode !== facts.serviceCode && 'service',
    q.quantity !== facts.quantity && 'quantity',
    q.occurrence !== facts.occurrence && 'occurrence',
    q.officeId !== undefined && q.officeId !== office.officeId && 'office',
    (q.province !== office.province || q.officeKind !== office.kind) && 'place',
  ].filter((d): d is string => d !== false);
  if (differs.length)
    return {
      violations: [{ type: 'quote-mismatch', quoteId, reason: `differs in ${differs.join(', ')}` }],
    };
  if (q.expiresAt <= facts.transactionTime.toISOString()) {
    return { violations: [{ type: 'quote-expired', quoteId, expiredAt: q.expiresAt }] };
  }
  return { violations: [], priced: q.priced };
}

/**
 * An office may charge less than a ceiling component (سقف) of its own fee: finds the
 * office share for which the tariff's total equals the amount, or nothing.
 */
function underCeiling(
  facts: Verdicted,
  office: Pick<OfficeRef, 'province' | 'kind'>,
  tariff: TariffInForce,
  priced: PricedFor,
): PricedFor | undefined {
  const ceilings = priced.lines.filter((l) => l.ceiling && l.beneficiary.kind === 'office');
  if (ceilings.length !== 1) return undefined;
  const code = ceilings[0]!.code;
  const at = facts.transactionTime;
  const priceWith = (x: bigint) => {
    try {
      return priceTariff(tariff, {
        province: office.province,
        officeKind: office.kind,
        quantity: facts.quantity,
        occurrence: facts.occurrence,
        at,
        charged: { [code]: new Exact(x.toString()) },
      });
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  };
  let lo = 0n;
  let hi = BigInt(new Exact(ceilings[0]!.exact).floor().toFixed(0));
  while (lo <= hi) {
    const mid = (lo + hi) / 2n;
    const p = priceWith(mid);
    if (!p) return undefined;
    const total = BigInt(p.total);
    if (total === facts.amount) return p;
    if (total < facts.amount) lo = mid + 1n;
    else hi = mid - 1n;
  }
  return undefined;
}

/** What of a payment the tariff judges: its amount, for which quantity and issue, and when. */
export type Verdicted = Pick<
  PaymentFacts,
  'amount' | 'quantity' | 'occurrence' | 'transactionTime'
>;

/**
 * The tariff's verdict on a payment's amount (رعایت تعرفه): none when it is the price; an
 * overcharge above it; below it, the tariff's price for a smaller office share under a
 * ceiling (سقف) when one gives the amount exactly (`lowered`), else an undercharge.
 */
export function tariffVerdict(
  facts: Verdicted,
  office: Pick<OfficeRef, 'province' | 'kind'>,
  priced: PricedFor,
  tariff: { inForce: TariffInForce; priced: PricedFor } | undefined,
): { violation?: Violation; lowered?: PricedFor } {
  const total = BigInt(priced.total);
  if (facts.amount === total) return {};
  if (facts.amount > total)
    return {
      violation: {
        type: 'overcharge',
        expected: priced.total,
        excess: (facts.amount - total).toString(),
      },
    };
  const lowered = tariff && underCeiling(facts, office, tariff.inForce, tariff.priced);
  if (lowered) return { lowered };
  return {
    violation: {
      type: 'undercharge',
      expected: priced.total,
      shortfall: (total - facts.amount).toString(),
    },
  };
}

/** When a payment reached the ledger, and how long after its transaction time it still counts as on time. */
export interface Arrival {
  receivedAt: Date;
  maxAgeDays: number;
}

const dayMs = 86_400_000;

/** The `late` violation of a payment that arrived more than `maxAgeDays` after the card was charged. */
export function lateness(transactionTime: Date, arrival: Arrival): Violation | undefined {
  const beyond =
    arrival.receivedAt.getTime() - transactionTime.getTime() - arrival.maxAgeDays * dayMs;
  if (beyond <= 0) return undefined;
  return { type: 'late', daysLate: Math.ceil(beyond / dayMs), maxAgeDays: arrival.maxAgeDays };
}

/**
 * Checks a payment against the rules in force at its transaction time and splits it.
 * Pure: the reference facts were resolved before (`resolveReference`). A broken rule
 * becomes a violation, never an exception, and the postings always add up to the amount.
 * A late arrival is one more violation; the payment is still priced at its own
 * transaction time.
 */
export function assess(facts: PaymentFacts, ref: PaymentReference, arrival: Arrival): Assessment {
  const office = ref.office;
  const violations: Violation[] = [];
  const late = lateness(facts.transactionTime, arrival);
  if (late) violations.push(late);
  if (!ref.licenseActive) violations.push({ type: 'license-inactive' });
  if (!ref.inCatalogue) violations.push({ type: 'not-in-catalogue' });
  if (!ref.assigned) violations.push({ type: 'service-not-assigned' });
  const quote = quoteProblems(facts, office, ref);
  violations.push(...quote.violations);

  const tariffPrice = ref.tariff?.priced;
  const priced = quote.priced ?? tariffPrice;
  const agencyId = ref.agencyId;
  let postings: Posting[];
  let expected: string | undefined;
  if (!priced) {
    violations.push({ type: 'no-tariff' });
    postings = [{ kind: 'unallocated', amount: facts.amount.toString() }];
  } else {
    expected = priced.total;
    const lines = postingsOf(priced, office, agencyId);
    const verdict = tariffVerdict(facts, office, priced, ref.tariff);
    if (verdict.violation) violations.push(verdict.violation);
    postings = verdict.lowered
      ? postingsOf(verdict.lowered, office, agencyId)
      : verdict.violation?.type === 'overcharge'
        ? [...lines, { kind: 'held-for-refund', amount: verdict.violation.excess }]
        : verdict.violation?.type === 'undercharge'
          ? scaled(lines, facts.amount)
          : lines;
  }
  if (sumOf(postings) !== facts.amount) throw new Error('postings do not add up to the amount');
  const tariff = priced && {
    tariffId: priced.tariffId,
    version: priced.tariffVersion,
    resolution: priced.resolution.number,
  };
  return {
    status: violations.length ? 'flagged' : 'recorded',
    violations,
    ...(expected !== undefined ? { expected } : {}),
    ...(tariff ? { tariff } : {}),
    postings,
  };
}
