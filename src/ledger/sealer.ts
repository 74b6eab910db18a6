import { Counter, Gauge, type Registry } from 'prom-client';
import { versionKey } from '../../contracts/events/contract';
import {
  genesisHash,
  LedgerDaySealed,
  sealChainStream,
  sealHashOf,
  type LedgerDaySealed as Seal,
  type SealBody,
} from '../../contracts/events/ledger';
import {
  endOfLedgerDay,
  jalaliOfLedgerDay,
  ledgerDayOf,
  nextLedgerDay,
  type LedgerDay,
} from '../../contracts/ledger/days';
import { scanDay } from '../../projections/seals/scan';
import { ConcurrencyError } from '../shared/errors';
import type { EventStore } from '../shared/eventStore';
import type { Logger } from '../shared/logger';
import { rounds } from '../shared/rounds';
import { readChain } from '../../projections/seals/chain';

/** The seal of `day` over the log after `from`, chained to `previous`. */
export async function computeSeal(
  store: EventStore,
  day: LedgerDay,
  from: number,
  previous: string,
): Promise<Seal> {
  const scan = await scanDay(store, from, day);
  const body: SealBody = {
    day,
    jalaliDay: jalaliOfLedgerDay(day),
    from,
    to: scan.to,
    count: scan.count,
    root: scan.root.toString('hex'),
    previous,
  };
  return { type: LedgerDaySealed.type, ...body, sealHash: sealHashOf(body) };
}

/** The next day to seal after the chain, or undefined while the log is empty. */
async function nextDay(store: EventStore, chain: readonly Seal[]): Promise<LedgerDay | undefined> {
  const last = chain.at(-1);
  if (last) return nextLedgerDay(last.day);
  const [first] = await store.readAll({ limit: 1 });
  return first ? ledgerDayOf(first.recordedAt) : undefined;
}

/**
 * The sealer (مهرزن): appends the seal of every Tehran day that ended at least `graceMinutes`
 * ago and is not sealed yet, oldest first, empty days included. Every node runs one: the
 * chain stream's expected revision lets exactly one seal each day, and a node that loses
 * the race re-reads the chain and finds the day sealed.
 */
export function ledgerSealer(deps: {
  store: EventStore;
  now: () => Date;
  graceMinutes: number;
  logger?: Pick<Logger, 'info' | 'error'>;
  registry?: Registry;
}) {
  const registers = deps.registry ? [deps.registry] : [];
  const sealed = new Counter({
    name: 'pishkhan_ledger_days_sealed_total',
    help: 'Ledger days this node sealed',
    registers,
  });
  const lastDay = new Gauge({
    name: 'pishkhan_ledger_last_sealed_day_timestamp_seconds',
    help: 'End of the last sealed ledger day, as this node last read the chain',
    registers,
  });
  async function sealDue(): Promise<Seal[]> {
    const appended: Seal[] = [];
    for (;;) {
      const chain = await readChain(deps.store);
      const last = chain.at(-1);
      if (last) lastDay.set(endOfLedgerDay(last.day).getTime() / 1000);
      const day = await nextDay(deps.store, chain);
      if (!day) return appended;
      const due = endOfLedgerDay(day).getTime() + deps.graceMinutes * 60_000;
      if (deps.now().getTime() < due) return appended;
      const seal = await computeSeal(deps.store, day, last?.to ?? 0, last?.sealHash ?? genesisHash);
      try {
        await deps.store.append(
          sealChainStream,
          [
            {
              type: seal.type,
              data: seal,
              metadata: { [versionKey]: LedgerDaySealed.version },
            },
          ],
          chain.length === 0 ? 'no_stream' : chain.length - 1,
        );
      } catch (error) {
        if (error instanceof ConcurrencyError) continue;
        throw error;
      }
      appended.push(seal);
      sealed.inc();
      deps.logger?.info({ day, count: seal.count, root: seal.root }, 'ledger day sealed');
    }
  }

  return rounds(sealDue, {
    logger: deps.logger ?? { error: () => undefined },
    message: 'ledger sealing round failed; retrying',
  });
}

export type LedgerSealer = ReturnType<typeof ledgerSealer>;
