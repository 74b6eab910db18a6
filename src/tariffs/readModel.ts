import type { EventStore } from '../shared/eventStore';
import { follow } from '../shared/readModel';
import { tariffBook, type AgencyAccounts } from './tariffBook';

/** The tariff book kept current by subscription, so `price()` never reads the log per request. */
export function tariffReadModel(store: EventStore, agencies: AgencyAccounts) {
  const book = tariffBook(agencies);
  const following = follow(store, { eventTypes: ['TariffApproved'] }, (event) =>
    book.fold.apply(event),
  );
  return { book, following };
}
