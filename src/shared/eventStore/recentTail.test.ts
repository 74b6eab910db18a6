import type { RecordedEvent } from './port';
import { recentTail } from './recentTail';

const ev = (position: number, type = 'T', stream = `s-${position}`): RecordedEvent => ({
  stream,
  revision: 0,
  position,
  id: `id-${position}`,
  type,
  data: { n: position },
  metadata: {},
  recordedAt: new Date(0),
});

/** A tail that keeps every type, as when a subscription follows the whole log. */
function keepingAll(limit: number, freeze = false) {
  const tail = recentTail(limit, freeze);
  tail.want(undefined);
  const add = (...events: RecordedEvent[]) =>
    tail.add(events[0]!.position, events[events.length - 1]!.position, events, tail.generation);
  return { tail, add };
}

describe('the recent tail of committed events', () => {
  it('serves a range it holds, filtered, with how far it scanned', () => {
    const { tail, add } = keepingAll(100);
    add(ev(1, 'A'), ev(2, 'B'), ev(3, 'A'));
    expect(tail.page({ after: 0, filter: { eventTypes: ['A'] } })).toEqual({
      events: [ev(1, 'A'), ev(3, 'A')],
      scannedTo: 3,
      end: 3,
    });
    expect(tail.page({ after: 3 })).toEqual({ events: [], scannedTo: 3, end: 3 });
  });

  it('stops at the limit and reports the last returned position', () => {
    const { tail, add } = keepingAll(100);
    add(ev(1), ev(2), ev(3));
    expect(tail.page({ after: 0, limit: 2 })).toEqual({
      events: [ev(1), ev(2)],
      scannedTo: 2,
      end: 3,
    });
  });

  it('declines a range that starts before what it holds', () => {
    const { tail, add } = keepingAll(100);
    add(ev(5), ev(6));
    expect(tail.page({ after: 3 })).toBeUndefined();
    expect(tail.page({ after: 4 })?.events).toEqual([ev(5), ev(6)]);
  });

  it('starts over when positions jump (another process wrote in between)', () => {
    const { tail, add } = keepingAll(100);
    add(ev(1));
    add(ev(3));
    expect(tail.page({ after: 1 })).toBeUndefined();
    expect(tail.page({ after: 2 })?.events).toEqual([ev(3)]);
  });

  it('keeps at most a quarter over its limit, then its limit', () => {
    const { tail, add } = keepingAll(4);
    add(ev(1), ev(2), ev(3), ev(4), ev(5));
    expect(tail.page({ after: 0 })?.events).toHaveLength(5);
    add(ev(6));
    expect(tail.page({ after: 0 })).toBeUndefined();
    expect(tail.page({ after: 1 })).toBeUndefined();
    expect(tail.page({ after: 2 })?.events.map((e) => e.position)).toEqual([3, 4, 5, 6]);
  });

  it('keeps only the types its subscriptions follow, and serves only filters within them', () => {
    const tail = recentTail(100, false);
    tail.want({ eventTypes: ['Tariff'] });
    expect(tail.keeps('Tariff')).toBe(true);
    expect(tail.keeps('PaymentRecorded')).toBe(false);
    tail.add(1, 4, [ev(2, 'Tariff')], tail.generation);
    expect(tail.page({ after: 0, filter: { eventTypes: ['Tariff'] } })).toEqual({
      events: [ev(2, 'Tariff')],
      scannedTo: 4,
      end: 4,
    });
    expect(tail.page({ after: 0, filter: { eventTypes: ['Tariff', 'PaymentRecorded'] } })).toBe(
      undefined,
    );
    expect(tail.page({ after: 0 })).toBeUndefined();
    tail.add(5, 9, [], tail.generation);
    expect(tail.page({ after: 3, filter: { eventTypes: ['Tariff'] } })).toEqual({
      events: [],
      scannedTo: 9,
      end: 9,
    });
  });

  it('widening what it keeps starts it over, and a batch decided before that is not taken', () => {
    const tail = recentTail(100, false);
    tail.want({ eventTypes: ['A'] });
    tail.add(1, 2, [ev(1, 'A')], tail.generation);
    const before = tail.generation;
    tail.want({ eventTypes: ['B'] });
    expect(tail.page({ after: 0, filter: { eventTypes: ['A'] } })).toBeUndefined();
    expect(tail.page({ after: 2, filter: { eventTypes: ['A', 'B'] } })?.events).toEqual([]);
    tail.add(3, 4, [ev(3, 'A')], before);
    expect(tail.page({ after: 2, filter: { eventTypes: ['B'] } })).toBeUndefined();
    expect(tail.page({ after: 4, filter: { eventTypes: ['B'] } })?.scannedTo).toBe(4);
    tail.add(5, 6, [ev(5, 'A'), ev(6, 'B')], tail.generation);
    expect(tail.page({ after: 4, filter: { eventTypes: ['A', 'B'] } })?.events).toEqual([
      ev(5, 'A'),
      ev(6, 'B'),
    ]);
    tail.want({ eventTypes: ['B', 'A'] });
    expect(tail.page({ after: 4, filter: { eventTypes: ['B'] } })?.events).toEqual([ev(6, 'B')]);
  });

  it('under test, shared events are frozen so a mutating fold fails', () => {
    const { tail, add } = keepingAll(10, true);
    add(ev(1));
    const [e] = tail.page({ after: 0 })!.events;
    expect(() => {
      (e!.data as { n: number }).n = 99;
    }).toThrow(TypeError);
  });
});
