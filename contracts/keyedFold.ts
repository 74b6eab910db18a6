/** An event as a fold reads it: a recorded event of the log, or a row of a bulk read. */
export interface FoldedEvent {
  stream: string;
  revision: number;
  type: string;
  data: unknown;
}

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
  filter: { eventTypes: readonly string[]; streamPrefixes: readonly string[] };
  keyOf(event: FoldedEvent): string;
  /** The record after `event`, or undefined while the key holds no record yet. */
  fold(previous: R | undefined, event: FoldedEvent): R | undefined;
}

/** A model's records as its projection held them at `position`. */
export interface Snapshot<R> {
  position: number;
  records: ReadonlyArray<readonly [string, R]>;
}

/** True when `event` is one the fold reads: of its types and in its streams. */
export const readsEvent = (filter: KeyedFold<unknown>['filter'], event: FoldedEvent) =>
  filter.eventTypes.includes(event.type) &&
  filter.streamPrefixes.some((p) => event.stream.startsWith(p));
