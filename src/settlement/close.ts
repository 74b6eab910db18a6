import { versionKey } from '../../contracts/events/contract';
import type { ReportingDeps } from '../../projections';
import { businessDayStart } from '../../projections/businessDay';
import { settlementLines } from '../../projections/settlement/queries';
import type { Clock } from '../shared/clock';
import { StoreUnavailableError } from '../shared/errors';
import { commandHandler, type EventStore } from '../shared/eventStore';
import {
  formatJalaliDate,
  jalaliDateOf,
  parseJalaliDate,
  startOfJalaliDay,
} from '../shared/jalaliPeriod';
import {
  refuseToClose,
  settlementDayDecider,
  type DayFacts,
  type DayToClose,
} from './settlementDay.decide';
import { SettlementBatchClosed, settlementStream, type SettlementEvent } from './settlementDay';

export interface SettlementDeps {
  store: EventStore;
  clock: Clock;
  reporting: ReportingDeps;
}

const nextDay = (day: string) =>
  formatJalaliDate(
    jalaliDateOf(new Date(startOfJalaliDay(parseJalaliDate(day)!).getTime() + 36 * 3_600_000)),
  );
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The settlement read model's accounts for the day, once it has folded the whole log, and its
 * agreement with the ledger's own count of the day.
 */
async function dayFacts(deps: SettlementDeps, day: string): Promise<DayFacts> {
  const { store, reporting } = deps;
  const head = await store.headPosition();
  await reporting.runner.waitFor('settlement', head);
  const [agreement] = (await reporting.ledgerCount.compare([day])) ?? [];
  if (!agreement)
    throw new StoreUnavailableError(
      'The settlement read model moved while it was being checked; try again shortly',
    );
  const { position, accounts } = await settlementLines(reporting.db, { from: day, to: day });
  if (position < head)
    throw new StoreUnavailableError(
      'The settlement read model is still catching up; try again shortly',
    );
  return {
    ledgerPosition: position,
    agreement,
    accounts: accounts
      .filter((a) => a.day === day)
      .map((a) => ({
        kind: a.kind,
        beneficiaryId: a.beneficiaryId,
        iban: a.iban,
        depositId: a.depositId,
        net: a.totals.net,
        payments: a.totals.payments,
      })),
  };
}

/**
 * Closes a business day into its settlement batch (دسته تسویه): the refusals that need no read
 * model come first; then the settlement read model is brought up to the head and its accounts
 * for the day, with their agreement with the ledger, are handed to the decision. A concurrent
 * close of the same day finds it closed on the retry.
 */
export async function closeSettlementDay(
  deps: SettlementDeps,
  day: string,
  closedBy: string,
): Promise<SettlementBatchClosed> {
  const { store, clock, reporting } = deps;
  const stream = settlementStream(day);
  const request: DayToClose = {
    day,
    endsAt: businessDayStart(nextDay(day), reporting.cutoffMinutes),
    cutoff: hhmm(reporting.cutoffMinutes),
    debtor: reporting.settlementDebtor,
    vatIban: reporting.vatIban,
    now: clock.now(),
    actor: closedBy,
  };
  const recorded = await store.readStream(stream);
  refuseToClose(
    recorded.reduce(
      (s, e) => settlementDayDecider.evolve(s, e.data as SettlementEvent),
      settlementDayDecider.initialState(),
    ),
    request,
  );
  const facts = await dayFacts(deps, day);
  const { state, append } = await commandHandler(store, settlementDayDecider, {
    metadata: () => ({ [versionKey]: SettlementBatchClosed.version }),
  })(stream, { type: 'CloseSettlementDay', ...request, ...facts });
  if (append) await reporting.runner.waitFor('settlement', append.position);
  if (state.status !== 'closed') throw new Error(`settlement day ${day} did not close`);
  return state.batch;
}
