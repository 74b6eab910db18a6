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

describe('the recent tail of committed events', () => {
  it('serves a range it holds, filtered, with how far it scanned', () => {
    const tail = recentTail(100, false);
    tail.add([ev(1, 'A'), ev(2, 'B'), ev(3, 'A')]);
    expect(tail.page({ after: 0, filter: { eventTypes: ['A'] } })).toEqual({
      events: [ev(1, 'A'), ev(3, 'A')],
      scannedTo: 3,
      end: 3,
    });
    expect(tail.page({ after: 3 })).toEqual({ events: [], scannedTo: 3, end: 3 });
  });

  it('stops at the limit and reports the last returned position', () => {
    const tail = recentTail(100, false);
    tail.add([ev(1), ev(2), ev(3)]);
    expect(tail.page({ after: 0, limit: 2 })).toEqual({
      events: [ev(1), ev(2)],
      scannedTo: 2,
      end: 3,
    });
  });

  it('declines a range that starts before what it holds', () => {
    const tail = recentTail(100, false);
    tail.add([ev(5), ev(6)]);
    expect(tail.page({ after: 3 })).toBeUndefined();
    expect(tail.page({ after: 4 })?.events).toEqual([ev(5), ev(6)]);
  });

  it('starts over when positions jump (another process wrote in between)', () => {
    const tail = recentTail(100, false);
    tail.add([ev(1)]);
    tail.add([ev(3)]);
    expect(tail.page({ after: 1 })).toBeUndefined();
    expect(tail.page({ after: 2 })?.events).toEqual([ev(3)]);
  });

  it('keeps at most a quarter over its limit, then its limit', () => {
    const tail = recentTail(4, false);
    tail.add([ev(1), ev(2), ev(3), ev(4), ev(5)]);
    expect(tail.page({ after: 0 })?.events).toHaveLength(5);
    tail.add([ev(6)]);
    expect(tail.page({ after: 0 })).toBeUndefined();
    expect(tail.page({ after: 1 })).toBeUndefined();
    expect(tail.page({ after: 2 })?.events.map((e) => e.position)).toEqual([3, 4, 5, 6]);
  });

  it('under test, shared events are frozen so a mutating fold fails', () => {
    const tail = recentTail(10, true);
    tail.add([ev(1)]);
    const [e] = tail.page({ after: 0 })!.events;
    expect(() => {
      (e!.data as { n: number }).n = 99;
    }).toThrow(TypeError);
  });
});
