import { StoreUnavailableError } from '../errors';
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
    const sub = pollingSubscription(
      readPage,
      signal,
      { after: 0, filter: { eventTypes: ['X'] } },
      () => undefined,
    );
    await sub.caughtUp;
    signal.notify();
    await reachedSecond;
    await sub.stop();
    expect(asked.slice(0, 2)).toEqual([0, 40]);
  });
});

describe('a polling subscription when the store is unreachable', () => {
  const event = (position: number) => ({
    stream: 's-1',
    revision: position - 1,
    position,
    id: `e${position}`,
    type: 'X',
    data: {},
    metadata: {},
    recordedAt: new Date(0),
  });

  it('once caught up, waits for the next append and reads again instead of dying', async () => {
    const signal = createAppendSignal();
    const seen: number[] = [];
    let reads = 0;
    let delivered!: () => void;
    const gotIt = new Promise<void>((r) => (delivered = r));
    const readPage = async (): Promise<ScannedPage> => {
      reads++;
      if (reads === 1) return { events: [], scannedTo: 0 };
      if (reads === 2)
        throw new StoreUnavailableError('postgres unavailable: Connection terminated unexpectedly');
      return { events: reads === 3 ? [event(1)] : [], scannedTo: 1 };
    };
    const sub = pollingSubscription(readPage, signal, {}, (e) => {
      seen.push(e.position);
      delivered();
    });
    await sub.caughtUp;
    signal.notify(); // read 2 fails
    await Promise.resolve();
    signal.notify(); // read 3 succeeds
    await gotIt;
    await sub.stop();
    await expect(sub.done).resolves.toBeUndefined();
    expect(seen).toEqual([1]);
  });

  it('before the first catch-up, the error fails caughtUp (a start against a dead store fails)', async () => {
    const sub = pollingSubscription(
      async () => Promise.reject(new StoreUnavailableError('down')),
      createAppendSignal(),
      {},
      () => undefined,
    );
    await expect(sub.caughtUp).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(sub.done).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
