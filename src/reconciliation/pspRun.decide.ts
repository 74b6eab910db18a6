import type { Decider } from '../shared/eventStore';
import { matchPspCredits, pspTotals } from './pspMatch';
import {
  evolvePspSettlementRun,
  initialPspSettlementRun,
  type PspAccount,
  type PspExpectedCredit,
  type PspFileCredit,
  type PspRunKey,
  type PspSettlementEvent,
  type PspSettlementRunState,
} from './pspRun';

/** Reconcile a parsed settlement file against the credits the ledger expects, read before the decision. */
export interface ReconcilePspFile extends PspRunKey {
  type: 'ReconcilePspFile';
  runId: string;
  credits: readonly PspFileCredit[];
  /** The expected credits of the payments the file covers, read at `ledgerPosition`. */
  expected: { ledgerPosition: number; credits: readonly PspExpectedCredit[] };
  /** Owners of the IBANs the ledger knows (agency treasuries, offices, VAT). */
  accounts: readonly PspAccount[];
  now: Date;
  actor: string;
}

/** Matches the file and records every outcome with totals per beneficiary; a recorded run stands. */
export function decidePspSettlementRun(
  c: ReconcilePspFile,
  state: PspSettlementRunState,
): PspSettlementEvent[] {
  if (state.status === 'completed') return [];
  const accounts = new Map(c.accounts.map((a) => [a.iban, a]));
  const outcomes = matchPspCredits(c.credits, c.expected.credits, accounts);
  return [
    {
      type: 'PspSettlementReconciled',
      runId: c.runId,
      ...(c.psp !== undefined ? { psp: c.psp } : {}),
      from: c.from,
      to: c.to,
      fileSha256: c.fileSha256,
      settledOn: [...new Set(c.credits.map((f) => f.settledOn))].sort(),
      ledgerPosition: c.expected.ledgerPosition,
      rows: c.credits.length,
      outcomes,
      ...pspTotals(outcomes),
      completedAt: c.now.toISOString(),
      completedBy: c.actor,
    },
  ];
}

export const pspSettlementRunDecider: Decider<
  ReconcilePspFile,
  PspSettlementEvent,
  PspSettlementRunState
> = {
  initialState: initialPspSettlementRun,
  evolve: evolvePspSettlementRun,
  decide: decidePspSettlementRun,
};
