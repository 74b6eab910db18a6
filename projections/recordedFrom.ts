import type { EventStore } from '../src/shared/eventStore';

/**
 * The log position just before the first event recorded at or after `instant` (0 when the log
 * starts there, the head when nothing is recorded so late): a reader starting after it reads
 * everything recorded from `instant` on. Positions and recording instants rise together (one
 * writer, positions in commit order), so a binary search over positions finds it with one
 * one-event `readAll` per halving: about 35 reads for 20 billion events, on every adapter,
 * passing over archived months as `readAll` does. Where a clock was stepped back the answer
 * may be a few events off; callers read from a margin before the instant they need.
 */
export async function positionBefore(store: EventStore, instant: Date): Promise<number> {
  let lo = 0;
  let hi = await store.headPosition();
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const [next] = await store.readAll({ after: mid, limit: 1 });
    if (!next || next.recordedAt.getTime() >= instant.getTime()) hi = mid;
    else lo = Math.min(next.position, hi);
  }
  return lo;
}
