import type { SessionStore } from './sessionStore';

/** A limiter's answer to one hit. */
export type Verdict =
  { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** Counts hits per key in fixed windows; at most `max` per window. */
export interface WindowLimiter {
  /** Records a hit; when refused, how many whole seconds until the window resets. */
  hit(key: string): Verdict | Promise<Verdict>;
}

/** Where a window starts, and what a count in it means. */
export function windowOf(nowMs: number, windowMs: number) {
  const start = nowMs - (nowMs % windowMs);
  return {
    start,
    verdict(count: number, max: number): Verdict {
      if (count <= max) return { allowed: true, remaining: max - count };
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - nowMs) / 1000)),
      };
    },
  };
}

/**
 * The request memory (حافظهٔ درخواست‌ها): what the API nodes remember of requests between
 * them, the gateway signatures already used, the hits counted against rate limits and the
 * console's sessions. The
 * embedded store keeps it in this node's memory (`localRequestMemory`); with
 * EVENT_STORE=postgres every node shares one in the events' schema (`postgresRequestMemory`),
 * so a replay to another node is caught and a budget is national.
 */
export interface RequestMemory {
  readonly kind: 'local' | 'postgres';
  /**
   * True the first time a gateway signature is offered while it is remembered (at least until
   * `untilMs`); false for a replay.
   */
  firstUse(signature: string, untilMs: number): boolean | Promise<boolean>;
  /** A limiter of `max` hits per `windowMs` per key, its counts kept apart under `scope`. */
  limiter(scope: string, options: { windowMs: number; max: number }): WindowLimiter;
  /** The console's sessions (نشست‌ها), by the digest of their ids. */
  readonly sessions: SessionStore;
  close(): Promise<void>;
}
