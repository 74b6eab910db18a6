import type { ReportingDeps } from '../../projections';
import { canonicalJson, sha256 } from '../../projections/digest';
import { reconcile, totalsOf } from '../../projections/reconciliation/match';
import { parseStatement, type StatementFormat } from '../../projections/reconciliation/statement';
import { settlementBatches, settlementLines } from '../../projections/settlement/queries';
import type { Clock } from '../shared/clock';
import { ConcurrencyError } from '../shared/errors';
import type { EventStore } from '../shared/eventStore';
import { reconciliationStream, type ExpectedCredit, type ReconciliationCompleted } from './events';

export interface ReconcileInput {
  agencyId: string;
  from: string;
  to: string;
  format: StatementFormat;
  content: string;
  amountToleranceRials: string;
  dateToleranceDays: number;
}

/** The agency's expected treasury credits for the range: one per day and deposit id, with its batch once closed. */
async function expectedCredits(
  reporting: ReportingDeps,
  agencyId: string,
  from: string,
  to: string,
) {
  const { position, accounts } = await settlementLines(reporting.db, {
    from,
    to,
    beneficiary: { kind: 'agency', id: agencyId },
  });
  const batches = await settlementBatches(reporting.db, from, to);
  const ordered = new Set(
    batches.flatMap((b) =>
      b.instructions
        .filter((i) => i.kind === 'agency' && i.beneficiaryId === agencyId)
        .map((i) => `${b.day}|${i.iban}|${i.depositId}|${b.batchId}`),
    ),
  );
  const credits: ExpectedCredit[] = accounts
    .filter((a) => a.totals.net > 0n)
    .map((a) => {
      const batch = batches.find(
        (b) => b.day === a.day && ordered.has(`${a.day}|${a.iban}|${a.depositId}|${b.batchId}`),
      );
      return {
        day: a.day,
        iban: a.iban,
        depositId: a.depositId,
        amount: a.totals.net.toString(),
        ...(batch ? { batchId: batch.batchId } : {}),
      };
    });
  return { position, credits };
}

/**
 * Reconciles an agency's bank statement against its expected treasury credits and records the
 * run as an event. The run id derives from the agency, range, format, tolerances and the
 * statement's digest, so the same upload again returns the first run and appends nothing.
 */
export async function reconcileStatement(
  deps: { store: EventStore; clock: Clock; reporting: ReportingDeps },
  input: ReconcileInput,
  by: string,
): Promise<{ run: ReconciliationCompleted; replayed: boolean }> {
  const { store, clock, reporting } = deps;
  const statementSha256 = sha256(input.content);
  const tolerance = {
    amountRials: BigInt(input.amountToleranceRials).toString(),
    days: input.dateToleranceDays,
  };
  const runId = sha256(
    canonicalJson({
      agencyId: input.agencyId,
      from: input.from,
      to: input.to,
      format: input.format,
      tolerance,
      statementSha256,
    }),
  ).slice(0, 32);
  const stream = reconciliationStream(runId);
  const earlier = async () =>
    (await store.readStream(stream))[0]?.data as ReconciliationCompleted | undefined;
  const first = await earlier();
  if (first) return { run: first, replayed: true };

  const { entries, setAside } = parseStatement(input.format, input.content);
  await reporting.runner.waitFor('settlement', await store.headPosition());
  const { position, credits } = await expectedCredits(
    reporting,
    input.agencyId,
    input.from,
    input.to,
  );
  const outcomes = reconcile(entries, credits, {
    amountRials: BigInt(tolerance.amountRials),
    days: tolerance.days,
  });
  const run: ReconciliationCompleted = {
    type: 'ReconciliationCompleted',
    runId,
    agencyId: input.agencyId,
    from: input.from,
    to: input.to,
    format: input.format,
    statementSha256,
    tolerance,
    ledgerPosition: position,
    outcomes,
    setAside,
    totals: totalsOf(outcomes),
    completedAt: clock.now().toISOString(),
    completedBy: by,
  };
  try {
    await store.append(stream, [{ type: run.type, data: run }], 'no_stream');
    return { run, replayed: false };
  } catch (error) {
    const raced = error instanceof ConcurrencyError ? await earlier() : undefined;
    if (raced) return { run: raced, replayed: true };
    throw error;
  }
}
