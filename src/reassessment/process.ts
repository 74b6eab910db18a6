import {
  PaymentReassessed,
  reassessmentStream,
  TariffReassessmentCompleted,
} from '../../contracts/events/reassessment';
import { tariffApproved } from '../../contracts/events/tariffs';
import type { Reporting } from '../../projections';
import { paymentsOfService } from '../../projections/payments/ofService';
import { tehranDay } from '../../projections/payments/projection';
import { deterministicUuid } from '../payments';
import type { TariffApproved, TariffInForce } from '../tariffs';
import type { Clock } from '../shared/clock';
import type { EventStore, RecordedEvent } from '../shared/eventStore';
import type { Logger } from '../shared/logger';
import { rounds } from '../shared/rounds';
import { reassessPayment } from './reassess';

const page = 500;

export interface ReassessmentDeps {
  store: EventStore;
  clock: Clock;
  reporting: Pick<Reporting, 'db' | 'runner'>;
  /** The tariff book: the version in force at an instant, once it holds the log up to a position. */
  tariffs: {
    inForce(serviceCode: string, at: Date): TariffInForce | undefined;
    ensure(position: number): Promise<void>;
  };
  logger: Logger;
}

/** A tariff version whose effective date lies before its approval (تعرفه با اثر گذشته). */
export const isBackdated = (v: Pick<TariffApproved, 'effectiveFrom' | 'approvedAt'>) =>
  v.effectiveFrom < v.approvedAt;

/**
 * Reassesses the payments a backdated tariff covers (ارزیابی مجدد با تعرفه عطف به ماسبق): for
 * every `TariffApproved` whose `effectiveFrom` lies before its `approvedAt`, the payments of its
 * service recorded before the approval, with a transaction time the version now governs, are
 * judged again and a `PaymentReassessed` appended for each, then a `TariffReassessmentCompleted`.
 * Payments come from the `payments` projection, caught up to the approval first. Nothing
 * recorded earlier is touched. Safe to run again and on every node: event ids derive from the
 * stream and the payment, appends state the stream's revision, a completed stream is skipped,
 * and a stream left half done resumes where it stopped.
 */
export function backdatedTariffs(deps: ReassessmentDeps) {
  const { store, clock, reporting, tariffs } = deps;
  let after = 0;
  const pending: RecordedEvent[] = [];

  async function approvalsSince(): Promise<void> {
    for (;;) {
      const events = await store.readAll({
        after,
        filter: { eventTypes: [tariffApproved.type] },
        limit: page,
      });
      for (const e of events) if (isBackdated(e.data as TariffApproved)) pending.push(e);
      if (events.length) after = events.at(-1)!.position;
      if (events.length < page) return;
    }
  }

  async function reassess(approval: RecordedEvent): Promise<number> {
    const v = approval.data as TariffApproved;
    const stream = reassessmentStream(v.serviceCode, v.version);
    const existing = await store.readStream(stream);
    if (existing.some((e) => e.type === TariffReassessmentCompleted.type)) return 0;
    const seen = new Set(existing.map((e) => (e.data as { paymentId: string }).paymentId));
    let revision = existing.length - 1;
    const append = async (events: Array<{ id: string; type: string; data: unknown }>) => {
      await store.append(
        stream,
        events.map((e) => ({ ...e, metadata: { schemaVersion: 1 } })),
        revision < 0 ? 'no_stream' : revision,
      );
      revision += events.length;
    };
    await tariffs.ensure(approval.position);
    await reporting.runner.waitFor('payments', approval.position);
    const until =
      v.effectiveUntil && v.effectiveUntil < v.approvedAt ? v.effectiveUntil : v.approvedAt;
    const governs = (at: string) =>
      at >= v.effectiveFrom &&
      at < until &&
      tariffs.inForce(v.serviceCode, new Date(at))?.approved.tariffId === v.tariffId;
    const now = clock.now();
    let cursor = 0;
    for (;;) {
      const { items } = await paymentsOfService(reporting.db, {
        serviceCode: v.serviceCode,
        fromDay: tehranDay(v.effectiveFrom),
        toDay: tehranDay(until),
        before: approval.position,
        after: cursor,
        limit: page,
      });
      if (items.length) cursor = items.at(-1)!.position;
      const batch = items
        .map((i) => i.recorded)
        .filter((p) => !seen.has(p.paymentId) && governs(p.transactionTime))
        .map((p) => {
          seen.add(p.paymentId);
          const inForce = tariffs.inForce(v.serviceCode, new Date(p.transactionTime))!;
          return {
            id: deterministicUuid(`${stream}/${p.paymentId}`),
            type: PaymentReassessed.type,
            data: reassessPayment(p, inForce, now),
          };
        });
      if (batch.length) await append(batch);
      if (items.length < page) break;
    }
    const completed: TariffReassessmentCompleted = {
      type: 'TariffReassessmentCompleted',
      tariffId: v.tariffId,
      serviceCode: v.serviceCode,
      version: v.version,
      effectiveFrom: v.effectiveFrom,
      approvedAt: v.approvedAt,
      approvalPosition: approval.position,
      payments: seen.size,
      completedAt: now.toISOString(),
    };
    await append([
      { id: deterministicUuid(`${stream}/completed`), type: completed.type, data: completed },
    ]);
    deps.logger.info(
      { tariffId: v.tariffId, payments: seen.size },
      'payments reassessed against a backdated tariff',
    );
    return seen.size;
  }

  async function round(): Promise<number> {
    await approvalsSince();
    let reassessed = 0;
    while (pending.length) {
      reassessed += await reassess(pending[0]!);
      pending.shift();
    }
    return reassessed;
  }

  /** One round over the backdated approvals not yet reassessed answers how many payments it reassessed. */
  return rounds(round, {
    logger: deps.logger,
    message: 'tariff reassessment round failed; retrying',
  });
}
