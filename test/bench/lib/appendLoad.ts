import type { EventStore } from '../../../src/shared/eventStore';
import { closedLoop, type LoopResult } from './closedLoop';
import { eventType, paymentData, streamName } from './eventShape';

/**
 * The append load every store figure shares: `concurrency` callers in one process,
 * each appending one event to a new stream (`no_stream`) and awaiting the durable
 * answer. The figure is refused when fewer events are stored than were acknowledged.
 * Closes the store.
 */
export async function measureAppends(
  store: EventStore,
  options: { concurrency: number; seconds: number; warmupSeconds: number },
  countStored: () => Promise<number>,
): Promise<LoopResult> {
  try {
    const loop = await closedLoop({
      ...options,
      op: async () => {
        await store.append(streamName(), [{ type: eventType, data: paymentData() }], 'no_stream');
      },
    });
    const stored = await countStored();
    if (stored < loop.count)
      throw new Error(`acknowledged ${loop.count} appends, only ${stored} stored`);
    return loop;
  } finally {
    await store.close();
  }
}
