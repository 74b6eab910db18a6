import { matchesFilter } from './expectedRevision';
import type { ScannedPage } from './pollingSubscription';
import type { ReadAllOptions, RecordedEvent } from './port';

/** Makes shared event objects immutable, so one subscriber cannot change what another sees. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/**
 * The events this process committed last, parsed once and kept in position order.
 * Every in-memory read model follows the log; without this, each of them re-read and
 * re-parsed every payment after every commit. A page is served from here only when the
 * whole range after `after` is held and the owner knows no other process has written past
 * it; positions that do not follow on from the last held start the tail over. The objects
 * are shared between subscribers: under test they are deep-frozen, so a fold that mutates
 * one fails loudly.
 */
export function recentTail(limit: number, freeze = process.env.NODE_ENV === 'test') {
  let events: RecordedEvent[] = [];
  /** Trimmed back to `limit` a quarter over it: a bounded swing for a few pointers copied. */
  const most = limit + Math.ceil(limit / 4);

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
    add(committed: readonly RecordedEvent[]): void {
      if (committed.length === 0) return;
      const last = events[events.length - 1];
      if (last && committed[0]!.position !== last.position + 1) events = [];
      for (const e of committed) events.push(freeze ? deepFreeze(e) : e);
      if (events.length > most) events = events.slice(-limit);
    },
    /** The page after `options.after`, and the last position the tail holds. */
    page(options: ReadAllOptions): (ScannedPage & { end: number }) | undefined {
      const after = options.after ?? 0;
      const first = events[0];
      if (!first || after + 1 < first.position) return undefined;
      const limit = options.limit ?? 1000;
      const out: RecordedEvent[] = [];
      let i = firstAfter(after);
      for (; i < events.length && out.length < limit; i++) {
        if (matchesFilter(events[i]!, options.filter)) out.push(events[i]!);
      }
      const scannedTo =
        out.length < limit
          ? Math.max(after, events[events.length - 1]!.position)
          : out[out.length - 1]!.position;
      return { events: out, scannedTo, end: events[events.length - 1]!.position };
    },
  };
}
