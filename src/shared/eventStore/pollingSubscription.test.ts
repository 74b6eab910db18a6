import { createAppendSignal, pollingSubscription, type ScannedPage } from './pollingSubscription';
import type { ReadAllOptions } from './port';

describe('a polling subscription with a filter', () => {
  it('resumes after the position it scanned to, not after the last event it matched', async () => {
    const asked: number[] = [];
    const signal = createAppendSignal();
    const pages: ScannedPage[] = [
      { events: [], scannedTo: 40 },
      { events: [], scannedTo: 90 },
    ];
    let second!: () => void;
    const reachedSecond = new Promise<void>((r) => (second = r));
    const readPage = async (o: ReadAllOptions) => {
      asked.push(o.after ?? 0);
      if (asked.length === 2) second();
      return pages.shift() ?? { events: [], scannedTo: 90 };
    };
    const sub = pollingSubscription(readPage, signal, { after: 0, filter: { eventTypes: ['X'] } }, () => undefined);
    await sub.caughtUp;
    signal.notify();
    await reachedSecond;
    await sub.stop();
    expect(asked.slice(0, 2)).toEqual([0, 40]);
  });
});
