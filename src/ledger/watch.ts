import { Gauge, type Registry } from 'prom-client';
import type { Logger } from '../shared/logger';
import { rounds } from '../shared/rounds';
import type { LedgerVerification } from '../../projections/seals/verifyLedger';

/**
 * Every node's scheduled check of the sealed ledger: each round recomputes the seals (see
 * `verifyLedger`) and sets `pishkhan_ledger_verified{result}`: 1 for the last round's
 * result (`ok` or `failed`), 0 for the other. A failure is logged with the day, the check
 * and the event's position (nothing personal); the runbook says what to do.
 */
export function ledgerVerifyWatch(deps: {
  verify: (signal: AbortSignal) => Promise<LedgerVerification>;
  now: () => Date;
  logger: Pick<Logger, 'warn' | 'error'>;
  registry?: Registry;
}) {
  const registers = deps.registry ? [deps.registry] : [];
  const verified = new Gauge({
    name: 'pishkhan_ledger_verified',
    help: 'Result of the last ledger verification round: 1 on the label of its result (ok or failed)',
    labelNames: ['result'],
    registers,
  });
  verified.set({ result: 'ok' }, 0);
  verified.set({ result: 'failed' }, 0);
  const days = new Gauge({
    name: 'pishkhan_ledger_verified_days',
    help: 'Sealed days recomputed and found equal to their seals in the last round',
    registers,
  });
  const lastRun = new Gauge({
    name: 'pishkhan_ledger_verify_last_run_timestamp_seconds',
    help: 'When the ledger verification last finished a round',
    registers,
  });
  async function check(signal: AbortSignal): Promise<LedgerVerification> {
    const result = await deps.verify(signal);
    if (signal.aborted) return result;
    const failed = result.discrepancy !== undefined;
    if (result.discrepancy)
      deps.logger.warn(
        { ...result.discrepancy },
        'the ledger differs from its seals: an event was changed, removed or inserted',
      );
    verified.set({ result: 'ok' }, failed ? 0 : 1);
    verified.set({ result: 'failed' }, failed ? 1 : 0);
    days.set(result.days);
    lastRun.set(deps.now().getTime() / 1000);
    return result;
  }

  return rounds(check, {
    logger: deps.logger,
    message: 'ledger verification round failed; retrying',
  });
}

export type LedgerVerifyWatch = ReturnType<typeof ledgerVerifyWatch>;
