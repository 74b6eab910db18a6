import type { EventStore } from './port';

/** Events a reader at `position` has still to read before `head`, whatever a position means in `store`. */
export async function eventsBehind(
  store: EventStore,
  position: number,
  head: number,
): Promise<number> {
  if (head <= position) return 0;
  return store.eventsBetween ? store.eventsBetween(position, head) : head - position;
}
