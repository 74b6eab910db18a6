import {
  memoryEventStore,
  type EventFilter,
  type EventHandler,
  type EventStore,
  type ReadAllOptions,
  type RecordedEvent,
} from './eventStore';
import { follow, positioned } from './readModel';

const licenses: EventFilter = { streamPrefixes: ['license-'] };

/** Appends one event to a fresh stream and answers its log position. */
async function append(store: EventStore, stream: string): Promise<number> {
  const type = stream.startsWith('license-') ? 'LicenseApplied' : 'PaymentRecorded';
  return (await store.append(stream, [{ type, data: {} }], 'no_stream')).position;
}

/**
 * A store whose subscription delivers only when told to and catches up only when told to, so
 * a test chooses how the subscription and a catch-up read interleave. Counts every read.
 */
function heldStore() {
  const inner = memoryEventStore();
  const reads: number[] = [];
  let handler: EventHandler | undefined;
  let filter: EventFilter | undefined;
  let delivered = 0;
  let caughtUp: () => void = () => undefined;
  const subscribed = new Promise<void>((resolve) => (caughtUp = resolve));
  const store: EventStore = {
    ...inner,
    readAll: (o: ReadAllOptions = {}) => (reads.push(o.after ?? 0), inner.readAll(o)),
    subscribe(options, h) {
      handler = h;
      filter = options.filter;
      return { caughtUp: subscribed, done: new Promise(() => undefined), stop: async () => {} };
    },
  };
  return {
    inner,
    store,
    reads,
    /** Hands the subscription every matching event it has not delivered yet, in order. */
    async deliver(): Promise<void> {
      const events = await inner.readAll({ after: delivered, ...(filter ? { filter } : {}) });
      for (const e of events) {
        delivered = e.position;
        await handler!(e);
      }
    },
    caughtUp: () => caughtUp(),
  };
}

const positions = (events: RecordedEvent[]) => events.map((e) => e.position);

describe('following the log into an in-memory read model', () => {
  it('applies an event once when both a catch-up read and the subscription deliver it', async () => {
    const held = heldStore();
    await append(held.inner, 'license-1');
    const second = await append(held.inner, 'license-2');
    const seen: RecordedEvent[] = [];
    const f = follow(held.store, licenses, (e) => seen.push(e));
    await f.ensure(second);
    expect(positions(seen)).toEqual([1, 2]);
    await held.deliver();
    expect(positions(seen)).toEqual([1, 2]);
    const third = await append(held.inner, 'license-3');
    await held.deliver();
    held.reads.length = 0;
    await f.ensure(third);
    expect(held.reads).toEqual([]);
    expect(positions(seen)).toEqual([1, 2, 3]);
  });

  it('reads what it lacks before the subscription has caught up, and the catch-up adds nothing', async () => {
    const held = heldStore();
    await append(held.inner, 'license-1');
    await append(held.inner, 'payment-1');
    const seen: RecordedEvent[] = [];
    const f = follow(held.store, licenses, (e) => seen.push(e));
    expect(f.caughtUp).toBe(false);
    await f.ensure();
    expect(positions(seen)).toEqual([1]);
    expect(f.position).toBe(2);
    await held.deliver();
    held.caughtUp();
    await f.ready;
    expect(f.caughtUp).toBe(true);
    expect(positions(seen)).toEqual([1]);
  });

  it('applies every event once and in log order when ensures and the subscription run at once', async () => {
    const held = heldStore();
    for (let i = 0; i < 2500; i++) await append(held.inner, `license-${i}`);
    const seen: RecordedEvent[] = [];
    const f = follow(held.store, licenses, (e) => seen.push(e));
    await Promise.all([f.ensure(), f.ensure(1200), held.deliver(), f.ensure(2500)]);
    expect(positions(seen)).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
    expect(f.position).toBe(2500);
  });

  it('has callers arriving during a catch-up read join it instead of reading again', async () => {
    const held = heldStore();
    const targets: number[] = [];
    for (let i = 0; i < 1000; i++) targets.push(await append(held.inner, `license-${i}`));
    const seen: RecordedEvent[] = [];
    const f = follow(held.store, licenses, (e) => seen.push(e));
    await Promise.all(targets.map((t) => f.ensure(t)));
    expect(held.reads).toEqual([0, 1000]);
    expect(seen).toHaveLength(1000);
  });

  it('without a target, ensures everything up to the head as it is now', async () => {
    const held = heldStore();
    await append(held.inner, 'license-1');
    const seen: RecordedEvent[] = [];
    const f = follow(held.store, licenses, (e) => seen.push(e));
    await held.deliver();
    await append(held.inner, 'payment-1');
    await append(held.inner, 'license-2');
    await f.ensure();
    expect(positions(seen)).toEqual([1, 3]);
    expect(f.position).toBe(3);
  });

  it('after catching up, starts its next read at the head it saw, not after its last match', async () => {
    const inner = memoryEventStore();
    const reads: number[] = [];
    const store: EventStore = {
      ...inner,
      readAll: (o: ReadAllOptions = {}) => (reads.push(o.after ?? 0), inner.readAll(o)),
    };
    await append(inner, 'license-1');
    for (let i = 0; i < 5; i++) await append(inner, `payment-${i}`);
    const seen: string[] = [];
    const f = follow(store, licenses, (e) => seen.push(e.stream));
    await f.ready;
    expect(f.caughtUp).toBe(true);
    reads.length = 0;
    await f.ensure(6);
    await f.ensure(6);
    expect(reads).toEqual([1]);
    expect(f.position).toBe(6);
    const position = await append(inner, 'license-2');
    await f.ensure(position);
    expect(seen).toEqual(['license-1', 'license-2']);
    await f.stop();
  });

  it('follows appends by subscription, without being asked', async () => {
    const store = memoryEventStore();
    const seen: string[] = [];
    let second: () => void = () => undefined;
    const both = new Promise<void>((resolve) => (second = resolve));
    const f = follow(store, licenses, (e) => {
      if (seen.push(e.stream) === 2) second();
    });
    await f.ready;
    await append(store, 'license-1');
    await append(store, 'payment-1');
    await append(store, 'license-2');
    await both;
    expect(seen).toEqual(['license-1', 'license-2']);
    await f.stop();
  });
});

describe('a positioned fold', () => {
  const events = [1, 2, 3].map((position) => ({ position, data: `e${position}` }));

  it('ignores a replay: folding the events twice equals folding them once', () => {
    const seen: unknown[] = [];
    const fold = positioned((data) => seen.push(data));
    events.forEach((e) => fold.apply(e));
    events.forEach((e) => fold.apply(e));
    expect(seen).toEqual(['e1', 'e2', 'e3']);
    expect(fold.position).toBe(3);
  });

  it('ignores an event at or below the position it holds', () => {
    const seen: unknown[] = [];
    const fold = positioned((data) => seen.push(data));
    fold.apply(events[1]!);
    fold.apply(events[0]!);
    fold.apply(events[1]!);
    fold.apply(events[2]!);
    expect(seen).toEqual(['e2', 'e3']);
  });
});
