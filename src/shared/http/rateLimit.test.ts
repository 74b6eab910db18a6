import { fixedClock } from '../clock';
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
