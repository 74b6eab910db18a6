import { fixedClock } from '../clock';
import { heapAfterGc } from '../../../test/support/heap';
import { fixedWindowLimiter } from './rateLimit';

describe('fixed-window rate limiter', () => {
  it('allows max hits per key per window, then says how long to wait; the next window starts afresh', () => {
    const clock = fixedClock('2026-01-01T00:00:10Z');
    const limiter = fixedWindowLimiter({ windowMs: 60_000, max: 2, clock });
    expect(limiter.hit('a')).toEqual({ allowed: true, remaining: 1 });
    expect(limiter.hit('a')).toEqual({ allowed: true, remaining: 0 });
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(limiter.hit('b')).toEqual({ allowed: true, remaining: 1 });
    clock.advance(50_000);
    expect(limiter.hit('a')).toEqual({ allowed: true, remaining: 1 });
  });

  it('forgets expired windows once it holds maxKeys keys', () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const limiter = fixedWindowLimiter({ windowMs: 1000, max: 1, clock, maxKeys: 2 });
    limiter.hit('a');
    limiter.hit('b');
    clock.advance(1000);
    expect(limiter.hit('c')).toEqual({ allowed: true, remaining: 0 });
    expect(limiter.hit('a')).toEqual({ allowed: true, remaining: 0 });
  });
});

describe('the limiter under a flood of distinct addresses', () => {
  it('holds at most maxKeys keys and a bounded heap after 200,000 addresses in one window', () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const limiter = fixedWindowLimiter({ windowMs: 600_000, max: 5, clock, maxKeys: 20_000 });
    const before = heapAfterGc();
    for (let i = 0; i < 200_000; i += 1)
      limiter.hit(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    const grown = heapAfterGc() - before;
    expect(limiter.size).toBeLessThanOrEqual(20_000);
    // 20,000 short keys and counts take about 2 MB; unbounded, 200,000 took about 20 MB.
    expect(grown).toBeLessThan(8 * 1024 * 1024);
  });

  it('keeps counting the addresses it still holds while the flood goes on', () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const limiter = fixedWindowLimiter({ windowMs: 600_000, max: 3, clock, maxKeys: 1_000 });
    for (let i = 0; i < 10_000; i += 1) {
      limiter.hit(`flood-${i}`);
      if (i % 100 === 0) limiter.hit('steady');
    }
    expect(limiter.hit('steady').allowed).toBe(false);
  });

  it('drops an expired window whole', () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const limiter = fixedWindowLimiter({ windowMs: 1000, max: 1, clock });
    for (let i = 0; i < 500; i += 1) limiter.hit(`k${i}`);
    clock.advance(1000);
    limiter.hit('new');
    expect(limiter.size).toBe(1);
  });
});
