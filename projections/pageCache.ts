import type { EventStore, RecordedEvent } from '../src/shared/eventStore';

/** Events of one type (or of every type) after a position, complete up to `upTo`. */
export interface TypePage {
  events: RecordedEvent[];
  /** Every matching event after the page's start and up to here is in `events`. */
  upTo: number;
}

/**
 * One `readAll` page of `type` (every event for `undefined`) after `after`, up to `head`, which
 * the caller read before asking: a page shorter than `limit` holds everything up to `head`
 * (the port's promise), a full one everything up to its last event.
 */
export async function readTypePage(
  store: EventStore,
  type: string | undefined,
  after: number,
  limit: number,
  head: number,
): Promise<TypePage> {
  const page = await store.readAll({
    after,
    limit,
    ...(type === undefined ? {} : { filter: { eventTypes: [type] } }),
  });
  const last = page[page.length - 1];
  const upTo = last && page.length >= limit ? Math.min(last.position, head) : head;
  return {
    events: last && last.position > upTo ? page.filter((e) => e.position <= upTo) : page,
    upTo,
  };
}

interface Kept extends TypePage {
  type: string | undefined;
  after: number;
}

/**
 * Pages of the log read once for every projection that asks for a range already read. Most
 * projections follow the payments, and each used to read and parse every payment for itself:
 * in the projection thread under a burst of payments, reading the log (the query, each event's
 * JSON parsed, and the garbage it leaves) was half of the thread's time. A kept page answers any
 * later start inside it, so projections whose other event types end their pages at different
 * places still share it. What a page holds is committed and never changes, so a kept page is
 * never stale. Projections share the parsed events: they read them and never change them
 * (`pageCache.test.ts` folds every projection over frozen events).
 *
 * At most `maxEvents` events are held; the oldest pages go first, and the reader drops the pages
 * every build has passed (`forget`).
 */
export function pageCache(maxEvents: number) {
  const pages: Kept[] = [];
  let held = 0;
  let reads = 0;
  let hits = 0;

  function keep(page: Kept): void {
    if (page.events.length > maxEvents) return;
    pages.push(page);
    held += page.events.length;
    while (held > maxEvents) held -= pages.shift()!.events.length;
  }

  function fromKept(type: string | undefined, after: number, limit: number, head: number) {
    const kept = pages.find((p) => p.type === type && p.after <= after && after < p.upTo);
    if (!kept) return undefined;
    let upTo = Math.min(kept.upTo, head);
    let events = kept.events.filter((e) => e.position > after && e.position <= upTo);
    if (events.length > limit) {
      events = events.slice(0, limit);
      upTo = events[limit - 1]!.position;
    }
    return { events, upTo };
  }

  return {
    /** `readTypePage`, from a kept page when one covers `after`. */
    async read(
      store: EventStore,
      type: string | undefined,
      after: number,
      limit: number,
      head: number,
    ): Promise<TypePage> {
      const kept = fromKept(type, after, limit, head);
      if (kept) {
        hits++;
        return kept;
      }
      reads++;
      const page = await readTypePage(store, type, after, limit, head);
      keep({ ...page, type, after });
      return page;
    },
    /** Drops the pages that end at or before `position`: no reader there needs them any more. */
    forget(position: number): void {
      for (let i = pages.length - 1; i >= 0; i--) {
        if (pages[i]!.upTo <= position) held -= pages.splice(i, 1)[0]!.events.length;
      }
    },
    /** Reads that went to the store and reads answered from a kept page, since the start. */
    stats: () => ({ reads, hits, held }),
  };
}

export type PageCache = ReturnType<typeof pageCache>;
