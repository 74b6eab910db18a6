import { ConcurrencyError } from '../errors';
import type { EventStore, EventToAppend, ExpectedRevision, RecordedEvent } from './port';

/** What a reservation attempt found: the value is now the owner's, or another holder keeps it. */
export type ReservationOutcome = { reserved: true } | { reserved: false; holder: string };

export interface Reservation {
  /** The value's own stream: one stream per unique value. */
  stream: string;
  /** Who asks for the value: the id of the thing that will carry it. */
  owner: string;
  /** The reservation event naming `owner`. */
  event: Omit<EventToAppend, 'id'>;
  /** The holder a recorded reservation names. */
  holderOf: (recorded: RecordedEvent) => string;
  /**
   * Whether `holder` may still come to carry the value (or already does), read from the log.
   * A holder that may not is replaced: its request failed or went another way after reserving.
   */
  mayStillUse: (holder: string) => Promise<boolean>;
  /** How many times to try when other requests change the stream meanwhile; 5 by default. */
  maxAttempts?: number;
}

/**
 * Reserves a unique value (رزرو مقدار یکتا) for one owner in the value's own stream. The first
 * reservation is appended with `no_stream`, so on every node and every adapter only one
 * request can create it; replacing a holder appends at the revision that was read, so only one
 * replacement wins. The owner finding its own reservation (a retry after a crash between the
 * reservation and the write it guards) may go on.
 */
export async function reserve(store: EventStore, r: Reservation): Promise<ReservationOutcome> {
  const maxAttempts = r.maxAttempts ?? 5;
  let expected: ExpectedRevision = 'no_stream';
  for (let attempt = 1; ; attempt++) {
    try {
      await store.append(r.stream, [r.event], expected);
      return { reserved: true };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= maxAttempts) throw error;
    }
    const last = (await store.readStream(r.stream)).at(-1);
    if (last === undefined) {
      expected = 'no_stream';
      continue;
    }
    const holder = r.holderOf(last);
    if (holder === r.owner) return { reserved: true };
    if (await r.mayStillUse(holder)) return { reserved: false, holder };
    expected = last.revision;
  }
}
