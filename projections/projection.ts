import type { RecordedEvent } from '../src/shared/eventStore';
import type { SqlTx } from './db';

/** What a projection may read besides its batch: immutable earlier events of a stream. */
export interface ApplyContext {
  readStream(stream: string): Promise<RecordedEvent[]>;
}

/**
 * A SQL read model fed by the log. Its tables are named from a prefix the runner gives
 * (`<name>_v<n>_…`), so a new version builds beside the live one. `applyBatch` gets events
 * in log order, each at most once per version; it must be deterministic and never throw
 * for a well-formed event (an unknown shape is skipped).
 */
export interface Projection {
  name: string;
  /** Bump when the tables or the folding change: the runner rebuilds beside the old version. */
  version: number;
  eventTypes: readonly string[];
  /** DDL statements for the tables under `prefix`. */
  schema(prefix: string): string[];
  applyBatch(tx: SqlTx, events: readonly RecordedEvent[], prefix: string, ctx: ApplyContext): Promise<void>;
  /** Tables under the prefix, for comparisons and clean-up. */
  tables: readonly string[];
}

/** A projection from a per-event `apply`, for read models where batching buys nothing. */
export function perEvent(
  p: Omit<Projection, 'applyBatch'> & { apply(tx: SqlTx, event: RecordedEvent, prefix: string, ctx: ApplyContext): Promise<void> },
): Projection {
  return {
    ...p,
    async applyBatch(tx, events, prefix, ctx) {
      for (const e of events) await p.apply(tx, e, prefix, ctx);
    },
  };
}
