import { casesWithPendingRefunds } from '../../projections/complaints/queries';
import type { Logger } from '../shared/logger';
import { rounds } from '../shared/rounds';
import { readModels } from './cases';
import { settleRefunds, type RefundSettling } from './handle';

/** Who the ledger and the case name as the actor of a retried refund. */
export const refundSweeper = 'system:refund-sweep';

/**
 * Retries the refunds (استرداد وجه) that resolved cases ordered and the payment ledger has not
 * recorded yet: the store was down when the case was resolved, the node stopped between the
 * two writes, or the ledger refused the order. Safe to run on every node at once: the ledger
 * records a refund id once, and the case records the link once. A refusal is logged once per
 * refund and reason (case id and reason only, nothing personal), not at every round. The
 * cases come from the `complaints` projection, brought up to the head first; each case is
 * then read from its own stream, so a node whose projection lags never pays twice.
 */
export function refundSweep(deps: RefundSettling & { logger: Logger }) {
  const reported = new Set<string>();

  async function sweep(): Promise<SweepResult> {
    await deps.reporting.runner.waitFor('complaints');
    const pending = await casesWithPendingRefunds(await readModels(deps.reporting));
    const result: SweepResult = { cases: pending.length, refused: 0 };
    for (const complaintId of pending) {
      const problems = await settleRefunds(deps, complaintId, refundSweeper);
      result.refused += problems.length;
      for (const reason of problems) {
        const key = `${complaintId}\n${reason}`;
        if (reported.has(key)) continue;
        reported.add(key);
        deps.logger.warn({ complaintId, reason }, 'an ordered refund is still not in the ledger');
      }
    }
    return result;
  }

  /** Each round goes over every resolved case with a refund still pending. */
  return rounds(sweep, { logger: deps.logger, message: 'refund sweep round failed; retrying' });
}

export interface SweepResult {
  /** Resolved cases that had a refund pending when the round began. */
  cases: number;
  /** Refunds the ledger refused this round. */
  refused: number;
}
