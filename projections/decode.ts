import { decodeEvent, EventDecodeError, type DecodedEvent } from '../contracts/events';
import type { RecordedEvent } from '../src/shared/eventStore';

/** The event through its contract; one that does not match is skipped, as a projection never throws. */
export function decoded(
  e: Pick<RecordedEvent, 'type' | 'data' | 'metadata'>,
): DecodedEvent | undefined {
  try {
    return decodeEvent(e);
  } catch (error) {
    if (error instanceof EventDecodeError) return undefined;
    throw error;
  }
}
