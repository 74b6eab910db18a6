import { matchesFilter } from './expectedRevision';
import type { ScannedPage } from './pollingSubscription';
import type { EventFilter, ReadAllOptions, RecordedEvent } from './port';

/** Makes shared event objects immutable, so one subscriber cannot change what another sees. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/**
 * The events this process committed last, of the types its subscriptions follow, parsed once
 * and kept in position order (دنبالهٔ اخیر). The reference models follow the log; without
 * this, each of them re-read the file after every commit. Events of other types (every
 * payment) are not kept: nothing in the process reads them back, and holding thousands of
 * them outlived the young generation, so the collector copied and promoted them. A page is
 * served from here only when its filter asks for kept types alone, the whole range after
 * `after` is covered and the owner knows no other process has written past it; positions that
 * do not follow on from the last committed start the tail over. The objects are shared between
 * subscribers: under test they are deep-frozen, so a fold that mutates one fails loudly.
 */
export function recentTail(limit: number, freeze = process.env.NODE_ENV === 'test') {
  let events: RecordedEvent[] = [];
  /** Every kept event after `from`, up to `end` (the last position committed), is held. */
  let from = -1;
  let end = -1;
  let kept: Set<string> | 'all' = new Set();
  /** Changes whenever `kept` widens: events decided on before then may lack what is kept now. */
  let generation = 0;
  /** Trimmed back to `limit` a quarter over it: a bounded swing for a few pointers copied. */
  const most = limit + Math.ceil(limit / 4);

  const keeps = (type: string) => kept === 'all' || kept.has(type);
  const covers = (filter: EventFilter | undefined) =>
    kept === 'all' || (filter?.eventTypes?.every(keeps) ?? false);

  function firstAfter(position: number): number {
    let lo = 0;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (events[mid]!.position <= position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  return {
    /** Whether events of `type` are kept: only then does a committed one need its parsed form. */
    keeps,
    /** The current generation of what is kept (see `add`). */
    get generation() {
      return generation;
    },
    /** Keeps the types `filter` follows from now on; widening starts the tail over. */
    want(filter: EventFilter | undefined): void {
      if (covers(filter)) return;
      kept = filter?.eventTypes ? new Set([...(kept as Set<string>), ...filter.eventTypes]) : 'all';
      generation++;
      events = [];
      from = end;
    },
    /**
     * Positions `first`…`last` were committed, in one run; `committed` holds those of kept
     * types. `decidedAt` is the generation their keeping was decided in: if what is kept has
     * widened since, some may be missing, and the tail starts over after `last`.
     */
    add(first: number, last: number, committed: readonly RecordedEvent[], decidedAt: number): void {
      if (last < first) return;
      if (end < 0 || first !== end + 1 || decidedAt !== generation) {
        events = [];
        from = decidedAt === generation ? first - 1 : last;
      }
      end = last;
      if (decidedAt !== generation) return;
      for (const e of committed) events.push(freeze ? deepFreeze(e) : e);
      if (events.length > most) {
        from = events[events.length - limit - 1]!.position;
        events = events.slice(-limit);
      }
    },
    /** The page after `options.after`, and the last position committed. */
    page(options: ReadAllOptions): (ScannedPage & { end: number }) | undefined {
      const after = options.after ?? 0;
      if (end < 0 || after < from || !covers(options.filter)) return undefined;
      const limit = options.limit ?? 1000;
      const out: RecordedEvent[] = [];
      for (let i = firstAfter(after); i < events.length && out.length < limit; i++) {
        if (matchesFilter(events[i]!, options.filter)) out.push(events[i]!);
      }
      const scannedTo = out.length < limit ? Math.max(after, end) : out[out.length - 1]!.position;
      return { events: out, scannedTo, end };
    },
  };
}
