import type { ReportingDeps } from '../../projections';
import { tehranDay } from '../../projections/payments/projection';
import {
  agencyPaymentsByRrn as byRrn,
  listPayments,
  paymentIdByTrackingCode,
  paymentRow,
  type PaymentFilter,
  type PaymentRow,
} from '../../projections/payments/queries';
import { paymentStatusOf, type PaymentStatus } from '../../projections/payments/status';
import type { EventStore, RecordedEvent } from '../shared/eventStore';
import type { Principal } from '../shared/http/policy';
import {
  evolvePayment,
  initialPaymentState,
  paymentStream,
  type PaymentConsumed,
  type PaymentEvent,
  type PaymentRecorded,
  type PaymentState,
} from './payment';

export type { PaymentStatus } from '../../projections/payments/status';

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

/** The status a payment shows, by the same rule the register's lists filter on. */
export function statusOf(r: PaymentRecord): PaymentStatus {
  return paymentStatusOf(
    r.recorded,
    r.state.status === 'reversed' ? [r.state.reversal] : r.state.refunds,
  );
}

function folded(
  recorded: PaymentRecorded,
  corrections: readonly unknown[],
  consumption?: PaymentConsumed,
): PaymentRecord['state'] {
  let state: PaymentState = evolvePayment(initialPaymentState(), recorded);
  if (consumption) state = evolvePayment(state, consumption);
  for (const c of corrections) state = evolvePayment(state, c as PaymentEvent);
  return state as PaymentRecord['state'];
}

/** A payment from its own stream, the authority: what every node sees the moment it is written. */
export function recordOfStream(events: readonly RecordedEvent[]): PaymentRecord | undefined {
  const [first, ...rest] = events;
  if (!first || first.type !== 'PaymentRecorded') return undefined;
  return recordOf(
    first,
    rest.map((e) => e.data),
    (events[events.length - 1] ?? first).revision,
  );
}

/**
 * The payment this call has just written as the first event of its stream (the store said it
 * wrote it, at `position`): the record a read of the stream would give, without the read.
 */
export function recordOfWritten(
  event: Pick<RecordedEvent, 'data' | 'metadata'>,
  position: number,
): PaymentRecord {
  return recordOf({ ...event, position }, [], 0);
}

function recordOf(
  first: Pick<RecordedEvent, 'data' | 'metadata' | 'position'>,
  corrections: readonly unknown[],
  revision: number,
): PaymentRecord {
  const recorded = first.data as PaymentRecorded;
  const attempt = first.metadata.attempt;
  return {
    recorded,
    state: folded(recorded, corrections),
    position: first.position,
    attempt: typeof attempt === 'string' ? attempt : undefined,
    day: tehranDay(recorded.transactionTime),
    revision,
  };
}

const recordOfRow = (r: PaymentRow): PaymentRecord => ({
  recorded: r.recorded,
  state: folded(r.recorded, r.corrections, r.consumption),
  position: r.position,
  attempt: r.attempt,
  day: r.day,
  revision: r.revision,
});

/**
 * The columns that confine a list to the caller's scope (a payment belongs to its office,
 * terminal and agency; provincial roles hold none), or `none` when nothing is visible.
 */
export function scopeOf(principal: Principal): Partial<PaymentFilter> | 'none' {
  switch (principal.role) {
    case 'regulator':
    case 'commission':
    case 'areo':
      return {};
    case 'agency':
      return principal.agencyId ? { agencyId: principal.agencyId } : 'none';
    case 'office':
      return principal.officeId ? { officeId: principal.officeId } : 'none';
    case 'gateway':
      return principal.terminalId ? { terminalId: principal.terminalId } : 'none';
    case 'psp':
      return principal.pspId ? { pspId: principal.pspId } : 'none';
    case 'provincial_mpo':
    case 'working_group':
    case 'applicant':
      return 'none';
  }
}

/** How long a read waits for the register to fold a write it must show, before answering with what it holds. */
const readYourWritesMs = 2_000;

/**
 * At most this many payments past the register's position are searched for a tracking code
 * the register has not folded yet: a burst's backlog, not a history.
 */
export const tailScanLimit = 200_000;
const tailPage = 5_000;

/**
 * Reads of the payment ledger (دفتر پرداخت‌ها): one payment from its stream, receipts and
 * lists from the `payments` projection on disk. Nothing here holds payments in memory.
 */
export function paymentReads(deps: { store: EventStore; reporting: ReportingDeps }) {
  const { store, reporting } = deps;
  const prefix = () => reporting.runner.livePrefix('payments');
  /** Brings the register up to the log's head as it is now, within the bound. */
  const current = async () =>
    reporting.runner.reach('payments', await store.headPosition(), readYourWritesMs);

  async function find(paymentId: string): Promise<PaymentRecord | undefined> {
    return recordOfStream(await store.readStream(paymentStream(paymentId)));
  }

  /**
   * The payment a tracking code names among those written after `after` that the register has
   * not folded: read through to the log, so a receipt asked for right after its payment is found
   * however far the register lags (up to {@link tailScanLimit} payments).
   */
  async function inTail(code: string, after: number): Promise<string | undefined> {
    const head = await store.headPosition();
    let position = after;
    let scanned = 0;
    while (position < head && scanned < tailScanLimit) {
      const page = await store.readAll({
        after: position,
        filter: { eventTypes: ['PaymentRecorded'], streamPrefixes: ['payment-'] },
        limit: tailPage,
      });
      for (const e of page) {
        const data = e.data as { trackingCode?: unknown; paymentId?: unknown };
        if (data.trackingCode === code && typeof data.paymentId === 'string') return data.paymentId;
      }
      if (page.length < tailPage) return undefined;
      position = page[page.length - 1]!.position;
      scanned += page.length;
    }
    return undefined;
  }

  /** The payment id a tracking code names: the register first, then, if it lags, the log past it. */
  async function idOf(code: string, fresh: boolean): Promise<string | undefined> {
    if (!fresh) {
      const id = await paymentIdByTrackingCode(reporting.db, await prefix(), code);
      if (id !== undefined) return id;
    }
    const { reached, position } = await current();
    const id = await paymentIdByTrackingCode(reporting.db, await prefix(), code);
    if (id !== undefined || reached) return id;
    return inTail(code, position);
  }

  return {
    find,
    /** The payment a tracking code names, as it stands now; a code just issued on any node is found. */
    async byTrackingCode(code: string): Promise<PaymentRecord | undefined> {
      const id = await idOf(code, false);
      return id === undefined ? undefined : find(id);
    },
    /** The payment a tracking code names as it stands at the log's head: the register brought up to it, or the log past it. */
    async fromRegisterByTrackingCode(code: string): Promise<PaymentRecord | undefined> {
      const id = await idOf(code, true);
      if (id === undefined) return undefined;
      const row = await paymentRow(reporting.db, await prefix(), id);
      return row ? recordOfRow(row) : find(id);
    },
    /** An agency's payments with an RRN, from the register brought up to the log's head. */
    async agencyPaymentsByRrn(agencyId: string, rrn: string, limit: number) {
      await current();
      const rows = await byRrn(reporting.db, await prefix(), { agencyId, rrn, limit });
      return rows.map(recordOfRow);
    },
    /**
     * One page of payments the caller may see, in log order after `after`, once the register
     * has folded everything written before the request (or the bound passed): `position` is
     * how far the page reflects the log.
     */
    async query(q: PaymentFilter, after: number, limit: number, principal: Principal) {
      const scope = scopeOf(principal);
      const { position } = await current();
      if (scope === 'none') return { items: [], more: false, position };
      for (const [key, value] of Object.entries(scope) as [keyof PaymentFilter, string][])
        if (q[key] !== undefined && q[key] !== value) return { items: [], more: false, position };
      const page = await listPayments(
        reporting.db,
        await prefix(),
        { ...q, ...scope },
        after,
        limit,
      );
      return { items: page.items.map(recordOfRow), more: page.more, position };
    },
  };
}

export type PaymentReads = ReturnType<typeof paymentReads>;
