import {
  measureRate as rate,
  type OfficePerformance,
} from '../../projections/supervision/measures';
import { Exact } from '../shared/money';
import type { HalfYear } from '../shared/jalaliPeriod';

export type { OfficePerformance };

/**
 * What supervision (نظارت بر عملکرد دفاتر) learns from the log, one fact per event,
 * already reduced to what the measures need. Payment facts come from the payment ledger's
 * events, complaint facts from the complaint streams.
 */
export type PerformanceFact =
  | {
      kind: 'payment';
      paymentId: string;
      officeId: string;
      province: string;
      serviceCode: string;
      at: string;
      /** Rials charged, decimal string. */
      amount: string;
      /** Broke a rule at transaction time (تخلف): over- or under-charge, no tariff, not assigned… */
      flagged: boolean;
      /** Rials by which the charge missed the tariff, either way; "0" when priced right. */
      violationAmount: string;
    }
  | { kind: 'reversal'; paymentId: string; officeId: string; at: string }
  | {
      kind: 'complaint_received';
      complaintId: string;
      officeId: string;
      province?: string;
      at: string;
    }
  | { kind: 'complaint_upheld'; complaintId: string; officeId: string; at: string }
  | {
      kind: 'office_response_requested';
      complaintId: string;
      officeId: string;
      at: string;
      respondBy: string;
    }
  | { kind: 'office_responded'; complaintId: string; officeId: string; at: string };

interface Tally {
  province: string | undefined;
  payments: Map<
    string,
    { amount: string; serviceCode: string; flagged: boolean; violationAmount: string }
  >;
  reversed: Set<string>;
  received: number;
  upheld: number;
  requests: Map<string, { respondBy: string; respondedAt?: string }[]>;
}

const inPeriod = (at: string, p: HalfYear) =>
  at >= p.start.toISOString() && at < p.end.toISOString();

function tally(facts: readonly PerformanceFact[], period: HalfYear): Map<string, Tally> {
  const offices = new Map<string, Tally>();
  const of = (officeId: string) => {
    let t = offices.get(officeId);
    if (!t)
      offices.set(
        officeId,
        (t = {
          province: undefined,
          payments: new Map(),
          reversed: new Set(),
          received: 0,
          upheld: 0,
          requests: new Map(),
        }),
      );
    return t;
  };
  for (const f of facts) {
    const t = of(f.officeId);
    switch (f.kind) {
      case 'payment':
        t.province = f.province;
        if (inPeriod(f.at, period)) t.payments.set(f.paymentId, f);
        break;
      case 'reversal':
        t.reversed.add(f.paymentId);
        break;
      case 'complaint_received':
        t.province ??= f.province;
        if (inPeriod(f.at, period)) t.received += 1;
        break;
      case 'complaint_upheld':
        if (inPeriod(f.at, period)) t.upheld += 1;
        break;
      case 'office_response_requested':
        t.requests.set(f.complaintId, [
          ...(t.requests.get(f.complaintId) ?? []),
          { respondBy: f.respondBy },
        ]);
        break;
      case 'office_responded': {
        const open = t.requests.get(f.complaintId)?.find((r) => r.respondedAt === undefined);
        if (open) open.respondedAt = f.at;
        break;
      }
    }
  }
  return offices;
}

/**
 * Folds facts into each office's measures for `period`, as the log stood at `asOf`
 * (which decides whether an unanswered request has breached its deadline yet): the
 * specification the `supervision` projection's SQL aggregation (`officeMeasures`) is tested
 * against, fact list for event list.
 */
export function officePerformance(
  facts: readonly PerformanceFact[],
  period: HalfYear,
  asOf: Date,
): OfficePerformance[] {
  const now = asOf.toISOString();
  return [...tally(facts, period)].map(([officeId, t]) => {
    const payments = [...t.payments];
    const delivered = payments.filter(([id]) => !t.reversed.has(id)).map(([, p]) => p);
    const flagged = payments.filter(([, p]) => p.flagged).map(([, p]) => p);
    const reversals = payments.filter(([id]) => t.reversed.has(id)).length;
    const breaches = [...t.requests.values()]
      .flat()
      .filter(
        (r) =>
          inPeriod(r.respondBy, period) &&
          r.respondBy <= now &&
          (r.respondedAt === undefined || r.respondedAt > r.respondBy),
      ).length;
    return {
      officeId,
      province: t.province,
      period: period.id,
      volume: payments.length,
      revenue: delivered.reduce((s, p) => s.plus(p.amount), new Exact(0)).toFixed(0),
      servicesDelivered: delivered.length,
      distinctServices: new Set(delivered.map((p) => p.serviceCode)).size,
      violations: flagged.length,
      violationRate: rate(flagged.length, payments.length),
      violationAmount: flagged.reduce((s, p) => s.plus(p.violationAmount), new Exact(0)).toFixed(0),
      reversals,
      reversalRate: rate(reversals, payments.length),
      complaintsReceived: t.received,
      complaintsUpheld: t.upheld,
      slaBreaches: breaches,
    };
  });
}
