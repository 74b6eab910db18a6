import { versionKey } from '../../contracts/events/contract';
import type { ReportingDeps } from '../../projections';
import { sha256 } from '../../projections/digest';
import { expectedTreasuryCredits } from '../../projections/settlement/credits';
import type { Clock } from '../shared/clock';
import { commandHandler, type EventStore } from '../shared/eventStore';
import { reconciliationRunDecider } from './reconciliationRun.decide';
import {
  ReconciliationCompleted,
  reconciliationStream,
  runIdOf,
  type ReconciliationEvent,
  type RunKey,
  type StatementFormat,
} from './reconciliationRun';
import { parseStatement } from './statement';

export interface ReconciliationDeps {
  store: EventStore;
  clock: Clock;
  reporting: ReportingDeps;
}

export interface ReconcileInput {
  agencyId: string;
  from: string;
  to: string;
  format: StatementFormat;
  content: string;
  amountToleranceRials: string;
  dateToleranceDays: number;
}

/**
 * Reconciles an agency's bank statement against its expected treasury credits and records the
 * run. A run already recorded for the same key is answered without reading the statement; a
 * new one parses the statement, brings the settlement read model up to the head, reads the
 * expected credits and hands both to the decision. Two uploads racing make one run.
 */
export async function reconcileStatement(
  deps: ReconciliationDeps,
  input: ReconcileInput,
  by: string,
): Promise<{ run: ReconciliationCompleted; replayed: boolean }> {
  const { store, clock, reporting } = deps;
  const key: RunKey = {
    agencyId: input.agencyId,
    from: input.from,
    to: input.to,
    format: input.format,
    tolerance: {
      amountRials: BigInt(input.amountToleranceRials).toString(),
      days: input.dateToleranceDays,
    },
    statementSha256: sha256(input.content),
  };
  const runId = runIdOf(key);
  const stream = reconciliationStream(runId);
  const [first] = await store.readStream(stream);
  if (first) return { run: first.data as ReconciliationEvent, replayed: true };

  const statement = parseStatement(input.format, input.content);
  await reporting.runner.waitFor('settlement');
  const { position, credits } = await expectedTreasuryCredits(reporting.db, key);
  const { state, newEvents } = await commandHandler(store, reconciliationRunDecider, {
    metadata: () => ({ [versionKey]: ReconciliationCompleted.version }),
  })(stream, {
    type: 'ReconcileStatement',
    ...key,
    runId,
    statement,
    expected: { ledgerPosition: position, credits },
    now: clock.now(),
    actor: by,
  });
  if (state.status !== 'completed') throw new Error(`reconciliation run ${runId} was not recorded`);
  return { run: state.run, replayed: newEvents === 0 };
}
