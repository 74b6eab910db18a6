import { ConcurrencyError } from '../errors';
import type { EventFilter, ExpectedRevision, RecordedEvent } from './port';

/** Current revision of a stream, or -1 when it does not exist. */
export function checkExpectedRevision(
  stream: string,
  expected: ExpectedRevision,
  current: number,
): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === -1) ||
    (expected === 'stream_exists' && current >= 0) ||
    (typeof expected === 'number' && expected === current);
  if (!ok) {
    throw new ConcurrencyError(stream, String(expected), current === -1 ? 'no_stream' : current);
  }
}

export function matchesFilter(
  event: Pick<RecordedEvent, 'type' | 'stream'>,
  filter?: EventFilter,
): boolean {
  if (!filter) return true;
  if (filter.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  if (filter.streamPrefixes && !filter.streamPrefixes.some((p) => event.stream.startsWith(p))) {
    return false;
  }
  return true;
}

/**
 * Decides what an append of events whose ids may already be stored means.
 * All ids already in this stream, in order: an idempotent retry.
 * None stored: a fresh append. Anything else is a conflict.
 */
export function classifyRetry(
  stream: string,
  incomingIds: readonly string[],
  stored: ReadonlyArray<{ id: string; stream: string; revision: number }>,
): 'fresh' | 'retry' {
  if (stored.length === 0) return 'fresh';
  const sameStreamInOrder =
    stored.length === incomingIds.length &&
    stored.every(
      (s, i) =>
        s.stream === stream && s.id === incomingIds[i] && s.revision === stored[0]!.revision + i,
    );
  if (sameStreamInOrder) return 'retry';
  throw new ConcurrencyError(stream, 'events with new ids', stored[0]!.revision);
}
