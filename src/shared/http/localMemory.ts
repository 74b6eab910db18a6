import type { Clock } from '../clock';
import { localSessions } from './sessionStore';
import { windowOf, type RequestMemory, type Verdict, type WindowLimiter } from './requestMemory';

/**
 * Counts hits per key in fixed windows of `windowMs`; at most `max` per window. Its memory is
 * bounded: a new window drops the last one's counts whole, and within a window at most
 * `maxKeys` keys are held (two generations of up to half each; when the young one fills, the
 * old one is dropped and the keys not seen since start again from zero).
 */
export interface FixedWindowLimiter extends WindowLimiter {
  hit(key: string): Verdict;
  /** How many keys it holds now. */
  readonly size: number;
}

export function fixedWindowLimiter(options: {
  windowMs: number;
  max: number;
  clock: Clock;
  maxKeys?: number;
}): FixedWindowLimiter {
  const generation = Math.max(1, Math.floor((options.maxKeys ?? 100_000) / 2));
  let windowStart = Number.NaN;
  let young = new Map<string, number>();
  let old = new Map<string, number>();
  return {
    hit(key) {
      const window = windowOf(options.clock.now().getTime(), options.windowMs);
      if (window.start !== windowStart) {
        windowStart = window.start;
        young = new Map();
        old = new Map();
      }
      let count = young.get(key);
      if (count === undefined) {
        count = old.get(key) ?? 0;
        old.delete(key);
        if (young.size >= generation) {
          old = young;
          young = new Map();
        }
      }
      count += 1;
      young.set(key, count);
      return window.verdict(count, options.max);
    },
    get size() {
      return young.size + old.size;
    },
  };
}

/** Signatures seen inside their window; expired ones are swept once more than `sweepAbove` are held. */
function localSignatures(clock: Clock, sweepAbove = 100_000) {
  const seen = new Map<string, number>();
  return (signature: string, untilMs: number): boolean => {
    const now = clock.now().getTime();
    if (seen.size > sweepAbove) for (const [s, until] of seen) if (until < now) seen.delete(s);
    const until = seen.get(signature);
    if (until !== undefined && until >= now) return false;
    seen.set(signature, untilMs);
    return true;
  };
}

/** This node's own request memory: for the embedded store, where one node is the whole service. */
export function localRequestMemory(clock: Clock): RequestMemory {
  return {
    kind: 'local',
    firstUse: localSignatures(clock),
    limiter: (_scope, options) => fixedWindowLimiter({ ...options, clock }),
    sessions: localSessions(clock),
    close: async () => undefined,
  };
}
