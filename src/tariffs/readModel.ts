import type { EventStore } from '../shared/eventStore';
import { follow } from '../shared/readModel';
import { tariffProposalEventTypes } from './proposal';
import { tariffProposalList } from './proposals';
import { tariffBook, type AgencyAccounts } from './tariffBook';

/**
 * The tariff book kept current by subscription, so `price()` never reads the log per request,
 * and beside it the list of the regulator's proposals.
 */
export function tariffReadModel(store: EventStore, agencies: AgencyAccounts) {
  const book = tariffBook(agencies);
  const proposals = tariffProposalList();
  const following = follow(
    store,
    { eventTypes: ['TariffApproved', ...tariffProposalEventTypes] },
    (event) => (event.type === 'TariffApproved' ? book.fold.apply(event) : proposals.apply(event)),
  );
  return { book, proposals, following };
}
