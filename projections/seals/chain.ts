import {
  LedgerDaySealed,
  sealChainStream,
  type LedgerDaySealed as Seal,
} from '../../contracts/events/ledger';
import type { EventStore } from '../../src/shared/eventStore';

/** The seals recorded so far, in chain order (one event per sealed day). */
export async function readChain(store: EventStore): Promise<Seal[]> {
  const events = await store.readStream(sealChainStream);
  return events.map((e) => LedgerDaySealed.schema.parse(e.data));
}
