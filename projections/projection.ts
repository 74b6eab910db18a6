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
  /**
   * Bump when the tables or the folding change, or when builds of earlier versions may hold
   * wrong rows (a fault in what they were fed, since fixed): the runner rebuilds beside the
   * old version and switches over once the new build has caught up.
   */
  version: number;
  /** The types folded; empty folds every event of the log. */
  eventTypes: readonly string[];
  /** DDL statements for the tables under `prefix`. */
  schema(prefix: string): string[];
  applyBatch(
    tx: SqlTx,
    events: readonly RecordedEvent[],
    prefix: string,
    ctx: ApplyContext,
  ): Promise<void>;
  /** Tables under the prefix, for comparisons and clean-up. */
  tables: readonly string[];
  /**
   * Optional fast path for a build at position 0 over an SQLite log: folds the log file's
   * positions up to `upTo` by reading the file directly (beside the store port, which parses
   * every event on one thread) and returns the writes the runner commits with the checkpoint
   * move to `upTo`. It must give row for row what `applyBatch` gives over the same events.
   */
  bulkFold?(logFile: string, upTo: number): Promise<BulkFold>;
}

/** A folded range of the log, ready to be written into an empty build. */
export interface BulkFold {
  /** Events of the projection's types that were folded. */
  events: number;
  write(tx: SqlTx, prefix: string): Promise<void>;
}

/** A projection from a per-event `apply`, for read models where batching buys nothing. */
export function perEvent(
  p: Omit<Projection, 'applyBatch'> & {
    apply(tx: SqlTx, event: RecordedEvent, prefix: string, ctx: ApplyContext): Promise<void>;
  },
): Projection {
  return {
    ...p,
    async applyBatch(tx, events, prefix, ctx) {
      for (const e of events) await p.apply(tx, e, prefix, ctx);
    },
  };
}
