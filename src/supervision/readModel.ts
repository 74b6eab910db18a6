import type { PaymentEvent } from '../payments';
import type { EventStore } from '../shared/eventStore';
import { follow } from '../shared/readModel';
import type { ComplaintEvent } from '../complaints';
import type { SupervisionEvent } from './supervision';
import type { PerformanceFact } from './performance';

/** Reduces one payment event to a supervision fact; the excess or shortfall is the violation amount. */
export function paymentFact(
  e: PaymentEvent,
  officeOf: (paymentId: string) => string | undefined,
): PerformanceFact | undefined {
  switch (e.type) {
    case 'PaymentRecorded': {
      const missed = e.violations.flatMap((v) =>
        v.type === 'overcharge'
          ? [BigInt(v.excess)]
          : v.type === 'undercharge'
            ? [BigInt(v.shortfall)]
            : [],
      );
      return {
        kind: 'payment',
        paymentId: e.paymentId,
        officeId: e.officeId,
        province: e.province,
        serviceCode: e.serviceCode,
        at: e.transactionTime,
        amount: e.amount,
        flagged: e.status === 'flagged',
        violationAmount: missed.reduce((a, b) => a + b, 0n).toString(),
      };
    }
    case 'PaymentReversed': {
      const officeId = officeOf(e.paymentId);
      return officeId
        ? { kind: 'reversal', paymentId: e.paymentId, officeId, at: e.reversedAt }
        : undefined;
    }
    case 'PaymentRefunded':
      return undefined;
  }
}

/** Reduces one complaint event to a supervision fact about the office concerned, if any. */
export function complaintFact(
  e: ComplaintEvent,
  officeOf: (complaintId: string) => string | undefined,
): PerformanceFact | undefined {
  switch (e.type) {
    case 'ComplaintFiled':
      return e.kind === 'complaint' && e.parties.officeId
        ? {
            kind: 'complaint_received',
            complaintId: e.complaintId,
            officeId: e.parties.officeId,
            ...(e.parties.province ? { province: e.parties.province } : {}),
            at: e.filedAt,
          }
        : undefined;
    case 'ComplaintResolved': {
      const officeId = officeOf(e.complaintId);
      return officeId && e.outcome === 'upheld'
        ? { kind: 'complaint_upheld', complaintId: e.complaintId, officeId, at: e.resolvedAt }
        : undefined;
    }
    case 'OfficeResponseRequested':
      return {
        kind: 'office_response_requested',
        complaintId: e.complaintId,
        officeId: e.officeId,
        at: e.requestedAt,
        respondBy: e.respondBy,
      };
    case 'OfficeResponded':
      return {
        kind: 'office_responded',
        complaintId: e.complaintId,
        officeId: e.officeId,
        at: e.respondedAt,
      };
    default:
      return undefined;
  }
}

/**
 * The supervision read model: facts from payments and complaints, and supervision actions
 * per office, in memory and kept current by subscription. The two fact functions are what a
 * SQL performance projection would fold, per office and period.
 */
export function supervisionReadModel(store: EventStore) {
  const facts: PerformanceFact[] = [];
  const paymentOffice = new Map<string, string>();
  const complaintOffice = new Map<string, string>();
  const actions = new Map<string, SupervisionEvent[]>();
  const following = follow(
    store,
    { streamPrefixes: ['payment-', 'complaint-', 'supervision-'] },
    (recorded) => {
      if (recorded.stream.startsWith('supervision-')) {
        const e = recorded.data as SupervisionEvent;
        actions.set(e.officeId, [...(actions.get(e.officeId) ?? []), e]);
        return;
      }
      const fact = recorded.stream.startsWith('payment-')
        ? paymentFact(recorded.data as PaymentEvent, (id) => paymentOffice.get(id))
        : complaintFact(recorded.data as ComplaintEvent, (id) => complaintOffice.get(id));
      if (!fact) return;
      if (fact.kind === 'payment') paymentOffice.set(fact.paymentId, fact.officeId);
      if (fact.kind === 'complaint_received') complaintOffice.set(fact.complaintId, fact.officeId);
      facts.push(fact);
    },
  );
  return {
    facts: (): readonly PerformanceFact[] => facts,
    actions: (officeId: string) => actions.get(officeId) ?? [],
    get position() {
      return following.position;
    },
    ensure: (position: number) => following.ensure(position),
    ready: following.ready,
    stop: () => following.stop(),
  };
}

export type SupervisionReadModel = ReturnType<typeof supervisionReadModel>;
