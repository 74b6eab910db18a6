import type { Clock } from '../../shared/clock';

export interface BreakerOptions {
  /** Consecutive failed calls that open the circuit. */
  failures: number;
  /** How long it stays open before one trial call is let through. */
  cooldownMs: number;
}

/**
 * A circuit breaker (قطع‌کنندهٔ مدار) on the ledger's own clock: after `failures` failed calls in
 * a row it fails fast for `cooldownMs`, then lets one trial through; the trial's success closes
 * it, its failure opens it again. Our own few lines rather than a library's, so tests move its
 * time with the test clock instead of waiting.
 */
export function circuitBreaker(clock: Clock, options: BreakerOptions) {
  let failed = 0;
  let openedAt: number | undefined;
  let trial = false;
  const now = () => clock.now().getTime();
  return {
    /** Milliseconds until a call may go; 0 lets this call through (as the trial when half-open). */
    admit(): number {
      if (openedAt === undefined) return 0;
      const left = openedAt + options.cooldownMs - now();
      if (left > 0) return left;
      if (trial) return options.cooldownMs;
      trial = true;
      return 0;
    },
    succeeded() {
      failed = 0;
      openedAt = undefined;
      trial = false;
    },
    failed() {
      failed += 1;
      if (trial || failed >= options.failures) openedAt = now();
      trial = false;
    },
    /** Milliseconds the circuit stays open from now; 0 when it is not open. */
    openFor(): number {
      return openedAt === undefined ? 0 : Math.max(0, openedAt + options.cooldownMs - now());
    },
    state(): 'closed' | 'open' | 'half-open' {
      if (openedAt === undefined) return 'closed';
      return openedAt + options.cooldownMs > now() ? 'open' : 'half-open';
    },
  };
}

export type CircuitBreaker = ReturnType<typeof circuitBreaker>;
