import { businessDayStart, dayKey, parseDayKey } from '../../projections/businessDay';
import type { ReportingDeps } from '../../projections';
import { closeDay } from '../../projections/settlement/batch';
import { settlementLines } from '../../projections/settlement/queries';
import type { Clock } from '../shared/clock';
import { ConcurrencyError, IllegalStateError, StoreUnavailableError } from '../shared/errors';
import type { EventStore } from '../shared/eventStore';
import { jalaliDateOf, startOfJalaliDay } from '../shared/jalaliPeriod';
import { settlementStream, type SettlementBatchClosed } from './events';

export interface SettlementDeps {
  store: EventStore;
  clock: Clock;
  reporting: ReportingDeps;
}

const nextDay = (day: string) =>
  dayKey(jalaliDateOf(new Date(startOfJalaliDay(parseDayKey(day)).getTime() + 36 * 3_600_000)));
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * A day whose settlement lines differ from the ledger's own count of its payments is not paid
 * out: the read model lost or doubled something, and its payout instructions would be wrong.
 */
async function refuseDisagreement(reporting: ReportingDeps, day: string): Promise<void> {
  const [agreement] = (await reporting.ledgerCount.compare([day])) ?? [];
  if (!agreement)
    throw new StoreUnavailableError(
      'The settlement read model moved while it was being checked; try again shortly',
    );
  if (agreement.agrees) return;
  throw new IllegalStateError(
    `Business day ${day} does not agree with the ledger: the settlement read model holds ` +
      `${agreement.settlement.postings} postings and ${agreement.settlement.gross} rials, the ledger ` +
      `${agreement.ledger.postings} postings and ${agreement.ledger.gross} rials of ` +
      `${agreement.ledger.payments} payments at position ${agreement.position}. ` +
      `Run 'pishkhan projections verify settlement', then rebuild it.`,
    { ledger: agreement.ledger, settlement: agreement.settlement, position: agreement.position },
  );
}

/**
 * Closes a business day into a settlement batch (دسته تسویه): once the day is over, the
 * settlement read model is brought up to the head and its accounts for the day become payout
 * instructions, appended as one event to `settlement-<day>` (a day closes once).
 */
export async function closeSettlementDay(
  deps: SettlementDeps,
  day: string,
  closedBy: string,
): Promise<SettlementBatchClosed> {
  const { store, clock, reporting } = deps;
  const iban = reporting.settlementDebtor.iban;
  if (!iban)
    throw new IllegalStateError(
      'No debtor account: set SETTLEMENT_DEBTOR_IBAN to close settlement days',
    );
  const ends = businessDayStart(nextDay(day), reporting.cutoffMinutes);
  if (clock.now() < ends)
    throw new IllegalStateError(`Business day ${day} is not over until ${ends.toISOString()}`);
  const stream = settlementStream(day);
  if ((await store.readStream(stream)).length)
    throw new IllegalStateError(`Business day ${day} is already closed`);
  const head = await store.headPosition();
  await reporting.runner.waitFor('settlement', head);
  await refuseDisagreement(reporting, day);
  const { position, accounts } = await settlementLines(reporting.db, { from: day, to: day });
  if (position < head)
    throw new StoreUnavailableError(
      'The settlement read model is still catching up; try again shortly',
    );
  const batch = closeDay(accounts, {
    day,
    cutoff: hhmm(reporting.cutoffMinutes),
    position,
    debtor: { name: reporting.settlementDebtor.name, iban },
    ...(reporting.vatIban ? { vatIban: reporting.vatIban } : {}),
    closedAt: clock.now().toISOString(),
    closedBy,
  });
  const vat = batch.notPaidOut.find((n) => n.kind === 'vat' && n.reason === 'no-iban');
  if (vat)
    throw new IllegalStateError(
      `${vat.net} rials of VAT are owed for ${day} and no VAT account is set: set VAT_IBAN to close settlement days`,
    );
  try {
    const appended = await store.append(stream, [{ type: batch.type, data: batch }], 'no_stream');
    await reporting.runner.waitFor('settlement', appended.position);
  } catch (error) {
    if (error instanceof ConcurrencyError)
      throw new IllegalStateError(`Business day ${day} is already closed`);
    throw error;
  }
  return batch;
}
