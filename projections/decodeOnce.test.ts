import { decodeOnce, forgetDecodes } from './decodeOnce';

describe('decodeOnce', () => {
  const event = (n: number) => ({ type: 'PaymentRecorded', data: { n }, metadata: { m: n } });

  it('decodes an event once while it is among the last kept, and afresh after', () => {
    let calls = 0;
    const once = decodeOnce<{ n: number }>(2);
    const decode = (e: ReturnType<typeof event>) => () => {
      calls++;
      return { n: e.data.n };
    };
    const [a, b, c] = [event(1), event(2), event(3)];
    const first = once(a, decode(a));
    expect(once(a, decode(a))).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    once(b, decode(b));
    expect(calls).toBe(2);
    once(c, decode(c));
    expect(once(a, decode(a))).not.toBe(first);
    expect(once(a, decode(a))).toEqual({ n: 1 });
    expect(calls).toBe(4);
  });

  it('decodes the same data afresh under another type or metadata', () => {
    let calls = 0;
    const once = decodeOnce<string>();
    const e = event(1);
    once(e, () => `${++calls}`);
    expect(once({ ...e, type: 'PaymentReversed' }, () => `${++calls}`)).toBe('2');
    expect(once({ ...e, metadata: { m: 9 } }, () => `${++calls}`)).toBe('3');
    expect(calls).toBe(3);
  });

  it('forgets every kept decode once the runner has caught up', () => {
    let calls = 0;
    const once = decodeOnce<number>();
    const e = event(1);
    once(e, () => ++calls);
    once(e, () => ++calls);
    forgetDecodes();
    expect(once(e, () => ++calls)).toBe(2);
  });
});
