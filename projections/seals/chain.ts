import {
  LedgerDaySealed,
  sealChainStream,
  type LedgerDaySealed as Seal,
} from '../../contracts/events/ledger';
import type { EventStore } from '../../src/shared/eventStore';
import { ArchivedEventsError } from '../../src/shared/eventStore/archive/ranges';

/**
 * The seals still in the log, in chain order (one event per sealed day), and whether the
 * chain's beginning went to an archive with its month (PostgreSQL `monthly` layout).
 */
export async function readChainPart(
  store: EventStore,
): Promise<{ seals: Seal[]; startArchived: boolean }> {
  let startArchived = false;
  const events = await store.readStream(sealChainStream).catch((error: unknown) => {
    if (!(error instanceof ArchivedEventsError)) throw error;
    startArchived = true;
    return store.readStream(sealChainStream, { fromRevision: error.availableFrom });
  });
  return { seals: events.map((e) => LedgerDaySealed.schema.parse(e.data)), startArchived };
}

/** The seals recorded so far that are still in the log, in chain order. */
export async function readChain(store: EventStore): Promise<Seal[]> {
  return (await readChainPart(store)).seals;
}
