import { paymentDecider, paymentStream } from '../payments';
import { DomainError } from '../shared/errors';
import { commandHandler, type EventStore } from '../shared/eventStore';
import type { RefundLedger } from './refunds';

/**
 * Records complaint-ordered refunds through the payments slice's own decider, so its rules
 * hold (never beyond what was paid, not after a reversal). The ledger event carries the
 * complaint's `refundId` and, in its metadata, the `complaintId`: the link from the ledger
 * back to the case.
 */
export function paymentsRefundLedger(store: EventStore): RefundLedger {
  return {
    async recordRefund(order) {
      const handle = commandHandler(store, paymentDecider, {
        metadata: () => ({ complaintId: order.complaintId, cause: 'complaint' }),
      });
      try {
        const r = await handle(paymentStream(order.paymentId), {
          type: 'RefundPayment',
          refundId: order.refundId,
          amount: BigInt(order.amount),
          reason: `complaint ${order.trackingCode} upheld`,
          by: order.actor,
          byRole: 'regulator',
          at: order.at,
        });
        return { recorded: true, position: r.append?.position ?? 0 };
      } catch (error) {
        if (error instanceof DomainError) return { recorded: false, reason: error.message };
        throw error;
      }
    },
  };
}
