import type { Decider } from '../shared/eventStore';
import { reconcile, totalsOf } from './match';
import {
  evolveReconciliationRun,
  initialReconciliationRun,
  type ExpectedCredit,
  type ReconciliationEvent,
  type ReconciliationRunState,
  type RunKey,
} from './reconciliationRun';
import type { Statement } from './statement';

/** Reconcile a parsed statement against the expected credits read before the decision. */
export interface ReconcileStatement extends RunKey {
  type: 'ReconcileStatement';
  runId: string;
  statement: Statement;
  /** The agency's expected treasury credits for the range, read at `ledgerPosition`. */
  expected: { ledgerPosition: number; credits: readonly ExpectedCredit[] };
  now: Date;
  actor: string;
}

/**
 * Matches the statement's booked rial credits against the expected credits and records the
 * outcomes; the entries the statement reports but that are no credit yet are recorded as set
 * aside. A run already recorded is answered as it was: nothing new is decided.
 */
export function decideReconciliationRun(
  c: ReconcileStatement,
  state: ReconciliationRunState,
): ReconciliationEvent[] {
  if (state.status === 'completed') return [];
  const outcomes = reconcile(c.statement.entries, c.expected.credits, {
    amountRials: BigInt(c.tolerance.amountRials),
    days: c.tolerance.days,
  });
  return [
    {
      type: 'ReconciliationCompleted',
      runId: c.runId,
      agencyId: c.agencyId,
      from: c.from,
      to: c.to,
      format: c.format,
      statementSha256: c.statementSha256,
      tolerance: c.tolerance,
      ledgerPosition: c.expected.ledgerPosition,
      outcomes,
      setAside: c.statement.setAside,
      totals: totalsOf(outcomes),
      completedAt: c.now.toISOString(),
      completedBy: c.actor,
    },
  ];
}

export const reconciliationRunDecider: Decider<
  ReconcileStatement,
  ReconciliationEvent,
  ReconciliationRunState
> = {
  initialState: initialReconciliationRun,
  evolve: evolveReconciliationRun,
  decide: decideReconciliationRun,
};
