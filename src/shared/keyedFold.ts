import type { EventFilter, EventStore, RecordedEvent } from './eventStore';
import { follow, type Following } from './readModel';

/**
 * A reference model folded one record per key (پروندهٔ هر کلید): a license by its id, an office,
 * a terminal, a credential. The same pure fold keeps a node's memory current and fills the
 * model's runner projection on disk, whose rows are the snapshot a node starts from.
 */
export interface KeyedFold<R> {
  /** The runner projection's name; its rows are this model's snapshot. */
  name: string;
  /** Bump when the fold or the record's shape changes. */
  version: number;
  /** Every event type the fold reads, and the streams they belong to. */
  filter: Required<EventFilter>;
  keyOf(event: RecordedEvent): string;
  /** The record after `event`, or undefined while the key holds no record yet. */
  fold(previous: R | undefined, event: RecordedEvent): R | undefined;
}

/** A model's records as its projection held them at `position`. */
export interface Snapshot<R> {
  position: number;
  records: ReadonlyArray<readonly [string, R]>;
}

/** True when `event` is one the fold reads: of its types and in its streams. */
export const readsEvent = (filter: Required<EventFilter>, event: RecordedEvent) =>
  filter.eventTypes.includes(event.type) &&
  filter.streamPrefixes.some((p) => event.stream.startsWith(p));

/**
 * A keyed model in memory: starts from a snapshot when given one and follows the log after it,
 * so a restart reads only what the projection had not folded yet. `onRecord` keeps the
 * model's own indexes (a license's number, an office's license) as records change.
 */
export function keyedModel<R>(
  store: EventStore,
  model: KeyedFold<R>,
  options: { snapshot?: Snapshot<R>; onRecord?: (key: string, record: R) => void } = {},
): { records: Map<string, R>; following: Following } {
  const records = new Map<string, R>();
  const set = (key: string, record: R) => {
    records.set(key, record);
    options.onRecord?.(key, record);
  };
  for (const [key, record] of options.snapshot?.records ?? []) set(key, record);
  const following = follow(
    store,
    model.filter,
    (event) => {
      if (!readsEvent(model.filter, event)) return;
      const key = model.keyOf(event);
      const next = model.fold(records.get(key), event);
      if (next !== undefined) set(key, next);
    },
    options.snapshot?.position ?? 0,
  );
  return { records, following };
}
