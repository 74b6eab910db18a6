/**
 * The one narrow event-store port. Every adapter (memory, sqlite, postgres, esdb)
 * implements it and passes the same contract suite (test/contract).
 *
 * Streams are named `<category>-<id>` (`payment-…`, `tariff-…`) so EventStoreDB's
 * category projections work. Revisions count from 0 within a stream; global
 * positions are positive, strictly increasing in commit order, and never reused.
 */

import type { StoredCanonical, StoredLeafEvent } from '../../../contracts/ledger/canonical';

/** What the caller believes about the stream before appending. */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export interface EventToAppend {
  /** uuid; generated when absent. Re-appending the same ids is idempotent. */
  id?: string;
  type: string;
  data: unknown;
  metadata?: Record<string, unknown>;
}

export interface RecordedEvent {
  stream: string;
  /** 0-based position within the stream. */
  revision: number;
  /** Position in the whole log ($all); strictly increasing in commit order. */
  position: number;
  id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: Date;
  /**
   * `data` and `metadata` as the store holds them, when it wrote them as canonical JSON
   * (`storedJson`): the bytes a ledger leaf is made of, handed out so the seals need not write
   * them again. Absent for rows written before (or by a store that keeps no text of its own).
   */
  canonical?: StoredCanonical;
}

export type { StoredCanonical, StoredLeafEvent } from '../../../contracts/ledger/canonical';

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextRevision: number;
  /** Global position of the last appended event. */
  position: number;
  /**
   * Whether this call wrote the events: false for an idempotent retry that found them already
   * stored (by an earlier attempt, here or on another node). Absent where the adapter cannot
   * tell; a caller that must know then reads the stream.
   */
  written?: boolean;
}

/** Server-side filter for reading or subscribing to all events. */
export interface EventFilter {
  eventTypes?: readonly string[];
  streamPrefixes?: readonly string[];
}

export interface ReadAllOptions {
  /** Return events with a position strictly greater than this; 0 reads from the start. */
  after?: number;
  filter?: EventFilter;
  /** Page size; adapters may return fewer. */
  limit?: number;
}

export interface ReadStreamOptions {
  /** First revision to return (inclusive). */
  fromRevision?: number;
}

export interface SubscribeOptions {
  after?: number;
  filter?: EventFilter;
}

export type EventHandler = (event: RecordedEvent) => void | Promise<void>;

export interface Subscription {
  /** Resolves once every event committed before the subscription started has been handled. */
  readonly caughtUp: Promise<void>;
  /** Resolves when the subscription stops; rejects if the handler or the store failed. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

export interface EventStore {
  readonly kind: 'memory' | 'sqlite' | 'postgres' | 'esdb';
  append(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult>;
  /** Events of one stream in revision order; an empty array when the stream does not exist. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * One page of the whole log in position order. A page shorter than `limit` holds every
   * matching event after `after` that had committed when the call began: a reader that took
   * `headPosition()` first and pages until a short page has read everything up to that head.
   */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * One page of the whole log as `readAll` gives it without a filter, for the ledger's leaves:
   * an event whose data and metadata the store holds as canonical JSON comes as those bytes,
   * not parsed (a day's seal needs nothing else, and parsing was most of reading it); the
   * others come parsed. Absent where the store parses anyway; the seals then use `readAll`.
   */
  readLeafPage?(after: number, limit: number): Promise<Array<RecordedEvent | StoredLeafEvent>>;
  /** Catches up from `after`, then follows live appends: no gap, no duplicate, in order. */
  subscribe(options: SubscribeOptions, handler: EventHandler): Subscription;
  /** Position of the last committed event (0 when empty). */
  headPosition(): Promise<number>;
  /**
   * How many events lie after `after` up to and including `head`: a reader's lag in events.
   * Absent where positions number the events one by one, so that the lag is `head - after`.
   */
  eventsBetween?(after: number, head: number): Promise<number>;
  /**
   * Months exported to archive files and detached from the log (PostgreSQL `monthly` layout
   * only): `readAll` passes over their positions and `readStream` refuses a stream whose
   * events lie in one. Absent or empty where nothing is archived.
   */
  archivedRanges?(): Promise<ArchivedRange[]>;
  close(): Promise<void>;
}

/** A month of the log that lives in an archive file (بایگانی) instead of the database. */
export interface ArchivedRange {
  /** The Jalali log month, `1405-08`. */
  month: string;
  /** First and last position of the month's events (both inclusive). */
  first: number;
  last: number;
  count: number;
  sha256: string;
  file: string;
  /** Whether the detached table was dropped (else it is kept, renamed, for `log restore`). */
  dropped: boolean;
}
