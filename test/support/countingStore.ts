import type { EventStore, RecordedEvent } from '../../src/shared/eventStore';

/**
 * The store, counting the events of each named group of types it hands out, by read of the
 * log, read of a stream, or subscription: how a test proves what a node did not replay.
 */
export function countingStore<G extends string>(
  inner: EventStore,
  groups: Record<G, ReadonlySet<string>>,
) {
  const counts = Object.fromEntries(Object.keys(groups).map((g) => [g, 0])) as Record<G, number>;
  const entries = Object.entries(groups) as Array<[G, ReadonlySet<string>]>;
  const seen = <T extends readonly RecordedEvent[]>(events: T): T => {
    for (const e of events) for (const [g, types] of entries) if (types.has(e.type)) counts[g]++;
    return events;
  };
  const store: EventStore = new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const fn = value as (...a: unknown[]) => unknown;
      if (prop === 'readAll' || prop === 'readStream')
        return async (...args: unknown[]) =>
          seen((await fn.apply(target, args)) as RecordedEvent[]);
      if (prop === 'subscribe')
        return (options: unknown, handler: (e: RecordedEvent) => unknown) =>
          fn.call(target, options, (e: RecordedEvent) => {
            seen([e]);
            return handler(e);
          });
      return fn.bind(target);
    },
  });
  return { store, counts: counts as Readonly<Record<G, number>> };
}
