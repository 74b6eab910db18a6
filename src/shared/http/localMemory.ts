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

/**
 * The gateway signatures this node has taken (امضاهای مصرف‌شده), in one set per minute in which
 * they may be forgotten. A check looks in the dozen sets not yet expired and drops whole sets
 * whose minute has passed, so its cost does not grow with how many are held (~100 bytes each;
 * at 4,000 signed requests a second, the ~6 minutes a signature is kept hold 1.5 million).
 */
export function localSignatures(clock: Clock, slotMs = 60_000) {
  const bySlot = new Map<number, Set<string>>();
  let held = 0;
  return {
    firstUse(signature: string, untilMs: number): boolean {
      const now = clock.now().getTime();
      const slot = Math.ceil(untilMs / slotMs);
      let into: Set<string> | undefined;
      for (const [s, set] of bySlot) {
        if (s * slotMs < now) {
          held -= set.size;
          bySlot.delete(s);
        } else if (set.has(signature)) return false;
        else if (s === slot) into = set;
      }
      if (!into) bySlot.set(slot, (into = new Set()));
      into.add(signature);
      held++;
      return true;
    },
    get held() {
      return held;
    },
  };
}

/** This node's own request memory: for the embedded store, where one node is the whole service. */
export function localRequestMemory(clock: Clock): RequestMemory {
  const signatures = localSignatures(clock);
  return {
    kind: 'local',
    firstUse: (signature, untilMs) => signatures.firstUse(signature, untilMs),
    limiter: (_scope, options) => fixedWindowLimiter({ ...options, clock }),
    sessions: localSessions(clock),
    close: async () => undefined,
  };
}
