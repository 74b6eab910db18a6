import { Gauge, type Registry } from 'prom-client';
import type { Logger } from '../../src/shared/logger';
import { rounds } from '../../src/shared/rounds';
import { dayKey } from '../businessDay';
import { jalaliDateOf } from '../../src/shared/jalaliPeriod';
import type { DayAgreement, LedgerDayCount } from './ledgerCheck';

/**
 * Every node's continuous check that closed settlement days (روزهای تسویه‌شده) still agree
 * with the ledger: each round compares the days closed within the last `recentDays` with
 * the ledger's own count at the settlement read model's checkpoint, and sets
 * `pishkhan_settlement_days_disagreeing`. A day that disagrees is logged with its counts
 * (nothing personal); the runbook says how to find and heal the cause.
 */
export function settlementLedgerWatch(deps: {
  count: LedgerDayCount;
  now: () => Date;
  recentDays: number;
  logger: Pick<Logger, 'warn' | 'error'>;
  registry?: Registry;
}) {
  const registers = deps.registry ? [deps.registry] : [];
  const disagreeing = new Gauge({
    name: 'pishkhan_settlement_days_disagreeing',
    help: 'Closed settlement days whose postings or rials differ from the ledger at the same log position, at the last check',
    registers,
  });
  const checked = new Gauge({
    name: 'pishkhan_settlement_days_checked',
    help: 'Closed settlement days compared with the ledger at the last check',
    registers,
  });
  const lastRun = new Gauge({
    name: 'pishkhan_settlement_check_last_run_timestamp_seconds',
    help: 'When the settlement-against-ledger check last compared every recent closed day',
    registers,
  });
  async function check(): Promise<DayAgreement[] | undefined> {
    const since = dayKey(
      jalaliDateOf(new Date(deps.now().getTime() - deps.recentDays * 86_400_000)),
    );
    const days = await deps.count.closedDays(since);
    const result = await deps.count.compare(days);
    if (!result) return undefined;
    const wrong = result.filter((d) => !d.agrees);
    for (const d of wrong)
      deps.logger.warn(
        { day: d.day, position: d.position, ledger: d.ledger, settlement: d.settlement },
        'a closed settlement day disagrees with the ledger',
      );
    disagreeing.set(wrong.length);
    checked.set(result.length);
    lastRun.set(deps.now().getTime() / 1000);
    return result;
  }

  /** Rounds never overlap; a round answers undefined when the two could not be put at one position. */
  return rounds(check, { logger: deps.logger, message: 'settlement check round failed; retrying' });
}

export type SettlementLedgerWatch = ReturnType<typeof settlementLedgerWatch>;
