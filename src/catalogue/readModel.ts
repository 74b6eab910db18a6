import type { EventStore } from '../shared/eventStore';
import { follow } from '../shared/readModel';
import { catalogueEventTypes, catalogueIndex } from './catalogueIndex';

/** The catalogue index kept current by subscription; queries and pricing read it, never the log. */
export function catalogueReadModel(store: EventStore) {
  const index = catalogueIndex();
  const following = follow(store, { eventTypes: catalogueEventTypes }, (event) =>
    index.fold.apply(event),
  );
  return { index, following };
}
