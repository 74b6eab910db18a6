import type { EventStore, RecordedEvent } from '../src/shared/eventStore';
import { readTypePage, type PageCache } from './pageCache';

export interface Page {
  events: RecordedEvent[];
  /** Every matching event up to here is in `events` (or earlier pages): the next checkpoint. */
  upTo: number;
  /** Nothing matching lies between `upTo` and the head seen at the start of the read. */
  caughtUp: boolean;
}

/**
 * One page of the log after `after`, for a set of event types (none: every event), up to the head or to `until`
 * when that is lower. Each type is read on its own (one index range per type, so no adapter
 * has to sort a merged range), then the pages are merged up to the lowest position every type
 * is known complete to. The head is read first: a short `readAll` page holds every event
 * committed before it was asked for (the port's promise), so nothing at or below the head is
 * missed. With a `cache`, a range another projection has read already is not read again.
 */
export async function readPage(
  store: EventStore,
  types: readonly string[],
  after: number,
  limit: number,
  until = Infinity,
  cache?: PageCache,
): Promise<Page> {
  const head = Math.min(await store.headPosition(), until);
  if (head <= after) return { events: [], upTo: after, caughtUp: true };
  const read = (type?: string) =>
    cache
      ? cache.read(store, type, after, limit, head)
      : readTypePage(store, type, after, limit, head);
  const pages = types.length === 0 ? [await read()] : await Promise.all(types.map((t) => read(t)));
  const bound = Math.min(...pages.map((p) => p.upTo));
  const events =
    pages.length === 1
      ? pages[0]!.events
      : pages.flatMap((p) => p.events).sort((a, b) => a.position - b.position);
  const within =
    events[events.length - 1] && events[events.length - 1]!.position > bound
      ? events.filter((e) => e.position <= bound)
      : events;
  return { events: within, upTo: bound, caughtUp: bound === head };
}
