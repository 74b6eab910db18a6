import type { EventStore, RecordedEvent } from '../shared/eventStore';
import { formatJalaliDate } from '../shared/jalaliPeriod';
import { follow } from '../shared/readModel';
import { jalaliDateOf as tehranJalaliDay } from '../shared/jalaliPeriod';
import type { QuoteIssued } from '../tariffs';
import {
  evolvePayment,
  paymentEventTypes,
  type PaymentEvent,
  type PaymentRecorded,
  type PaymentState,
} from './payment';

/** What a payment is now: as recorded, or corrected since. */
export type PaymentStatus = 'recorded' | 'flagged' | 'reversed' | 'refunded' | 'partially-refunded';

export interface PaymentRecord {
  recorded: PaymentRecorded;
  state: Exclude<PaymentState, { status: 'none' }>;
  /** Log position of the PaymentRecorded event. */
  position: number;
  /** The attempt that wrote it (event metadata), to tell a first answer from a replay. */
  attempt: string | undefined;
  /** Jalali transaction day in Tehran, `1405/09/08`. */
  day: string;
  revision: number;
}

export function statusOf(r: PaymentRecord): PaymentStatus {
  switch (r.state.status) {
    case 'reversed':
      return 'reversed';
    case 'refunded':
      return 'refunded';
    case 'active':
      return r.state.refunds.length ? 'partially-refunded' : r.recorded.status;
  }
}

export interface PaymentQuery {
  officeId?: string;
  terminalId?: string;
  serviceCode?: string;
  agencyId?: string;
  day?: string;
  status?: PaymentStatus;
}

/**
 * Every payment in memory, folded from the log by one subscription (and the quotes
 * payments may cite): receipts, queries and the idempotency checks read it, never the log.
 */
export function paymentsReadModel(store: EventStore) {
  const byId = new Map<string, PaymentRecord>();
  const byTracking = new Map<string, PaymentRecord>();
  const byKey = new Map<string, string>();
  const quotes = new Map<string, QuoteIssued>();
  const ordered: PaymentRecord[] = [];
  let quotesPosition = 0;

  function apply(e: RecordedEvent): void {
    const data = e.data as PaymentEvent | QuoteIssued;
    if (data.type === 'QuoteIssued') {
      quotes.set(data.quoteId, data);
      quotesPosition = e.position;
    } else if (data.type === 'PaymentRecorded') {
      const record: PaymentRecord = {
        recorded: data,
        state: evolvePayment({ status: 'none' }, data) as PaymentRecord['state'],
        position: e.position,
        attempt: e.metadata.attempt as string | undefined,
        day: formatJalaliDate(tehranJalaliDay(new Date(data.transactionTime))),
        revision: e.revision,
      };
      byId.set(data.paymentId, record);
      byTracking.set(data.trackingCode, record);
      if (data.idempotencyKey !== undefined)
        byKey.set(`${data.terminalId}|${data.idempotencyKey}`, data.paymentId);
      ordered.push(record);
    } else {
      const record = byId.get(data.paymentId);
      if (record) {
        record.state = evolvePayment(record.state, data) as PaymentRecord['state'];
        record.revision = e.revision;
      }
    }
  }

  const following = follow(store, { eventTypes: [...paymentEventTypes, 'QuoteIssued'] }, apply);

  function firstAfter(cursor: number): number {
    let lo = 0;
    let hi = ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ordered[mid]!.position <= cursor) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  return {
    get: (paymentId: string) => byId.get(paymentId),
    byTrackingCode: (code: string) => byTracking.get(code),
    byIdempotencyKey: (terminalId: string, key: string) => byKey.get(`${terminalId}|${key}`),
    quote: (quoteId: string) => quotes.get(quoteId),
    get position() {
      return following.position;
    },
    get quotesPosition() {
      return quotesPosition;
    },
    /** Payments matching every given field, in log order, after the cursor position. */
    query(q: PaymentQuery, after: number, limit: number, visible: (r: PaymentRecord) => boolean) {
      const items: PaymentRecord[] = [];
      for (let i = firstAfter(after); i < ordered.length; i++) {
        const r = ordered[i]!;
        const p = r.recorded;
        if (q.officeId !== undefined && p.officeId !== q.officeId) continue;
        if (q.terminalId !== undefined && p.terminalId !== q.terminalId) continue;
        if (q.serviceCode !== undefined && p.serviceCode !== q.serviceCode) continue;
        if (q.agencyId !== undefined && p.agencyId !== q.agencyId) continue;
        if (q.day !== undefined && r.day !== q.day) continue;
        if (q.status !== undefined && statusOf(r) !== q.status) continue;
        if (!visible(r)) continue;
        if (items.length === limit) return { items, more: true };
        items.push(r);
      }
      return { items, more: false };
    },
    ready: following.ready,
    /** Makes sure the model holds everything up to `target`, or up to the head without one. */
    ensure: (target?: number) => following.ensure(target),
    /** Read-your-writes for a payment this node just appended: waits for the subscription. */
    delivered: (target: number) => following.delivered(target),
    /** A payment by id, read from the log when this node has not seen it yet (recorded on another node moments ago). */
    async find(paymentId: string): Promise<PaymentRecord | undefined> {
      if (!byId.has(paymentId)) await following.ensure();
      return byId.get(paymentId);
    },
    stop: () => following.stop(),
  };
}

export type PaymentsReadModel = ReturnType<typeof paymentsReadModel>;
