import {
  reconciliationStream,
  ReconciliationCompleted,
  type StatementFormat,
} from '../../contracts/events/reconciliation';
import { canonicalJson, sha256 } from '../../projections/digest';

export { reconciliationStream, ReconciliationCompleted };
export type {
  BankEntry,
  ExpectedCredit,
  OutcomeKind,
  ReconciliationOutcome,
  SetAsideEntry,
  StatementFormat,
} from '../../contracts/events/reconciliation';

/**
 * A reconciliation run (تطبیق): an agency's bank statement matched against the treasury
 * credits (واریز به خزانه) it should have received. A run is decided once; the same statement
 * with the same parameters is the same run.
 */
export type ReconciliationEvent = ReconciliationCompleted;

export type ReconciliationRunState =
  { status: 'none' } | { status: 'completed'; run: ReconciliationCompleted };

export const initialReconciliationRun = (): ReconciliationRunState => ({ status: 'none' });

export function evolveReconciliationRun(
  _state: ReconciliationRunState,
  event: ReconciliationEvent,
): ReconciliationRunState {
  return { status: 'completed', run: event };
}

/** How far a bank credit may be from what was expected and still match, as a run records it. */
export interface RunTolerance {
  /** Rials either way, decimal string. */
  amountRials: string;
  /** Calendar days between the business day and the booking day, either way. */
  days: number;
}

/** What identifies a run: the agency, the range, the format, the tolerances and the statement's digest. */
export interface RunKey {
  agencyId: string;
  from: string;
  to: string;
  format: StatementFormat;
  tolerance: RunTolerance;
  statementSha256: string;
}

/** The run id: a digest of its key, so the same upload twice is one run in one stream. */
export const runIdOf = (key: RunKey) => sha256(canonicalJson(key)).slice(0, 32);
