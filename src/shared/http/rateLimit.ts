import type { RequestHandler } from 'express';
import type { Clock } from '../clock';
import type { Principal } from './policy';
import { problem, sendProblem, type Problem } from './problem';

/** Counts hits per key in fixed windows of `windowMs`; at most `max` per window. */
export interface FixedWindowLimiter {
  /** Records a hit; when refused, how many whole seconds until the window resets. */
  hit(
    key: string,
  ): { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };
}

export function fixedWindowLimiter(options: {
  windowMs: number;
  max: number;
  clock: Clock;
  maxKeys?: number;
}): FixedWindowLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const maxKeys = options.maxKeys ?? 100_000;
  return {
    hit(key) {
      const now = options.clock.now().getTime();
      const start = now - (now % options.windowMs);
      if (windows.size >= maxKeys)
        for (const [k, w] of windows) if (w.start < start) windows.delete(k);
      const w = windows.get(key);
      const current = w && w.start === start ? w : { start, count: 0 };
      current.count += 1;
      windows.set(key, current);
      if (current.count > options.max)
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((start + options.windowMs - now) / 1000)),
        };
      return { allowed: true, remaining: options.max - current.count };
    },
  };
}

/**
 * Refuses a client over its limit with 429 problem+json and `Retry-After`. The key is the
 * client address as express sees it (`req.ip`): behind a proxy, set express's `trust proxy`
 * so it is the citizen's address, not the proxy's. Counts are per API node.
 */
export function rateLimit(
  limiter: FixedWindowLimiter,
  key: (req: Parameters<RequestHandler>[0]) => string = (req) => req.ip ?? 'unknown',
): RequestHandler {
  return (req, res, next) => {
    const result = limiter.hit(key(req));
    if (result.allowed) return next();
    res.setHeader('Retry-After', String(result.retryAfterSeconds));
    sendProblem(
      res,
      problem('rate-limited', `Too many requests; retry in ${result.retryAfterSeconds} s`),
    );
  };
}

/** The per-credential limits; 0 turns one off. */
export interface CredentialLimits {
  perMinute: number;
  gatewayPerMinute: number;
}

export const defaultCredentialLimits: CredentialLimits = {
  perMinute: 1200,
  gatewayPerMinute: 600_000,
};

/**
 * An authenticated caller's per-minute budget, keyed by credential id (not address: many
 * offices sit behind one NAT, and one leaked token must not borrow others' budgets).
 * Gateways get their own, much larger budget. Unauthenticated requests are not counted:
 * the public routes have their own per-address limits. Counts are per API node.
 * Answers the refusal problem and its `Retry-After`, or undefined when the call may go on.
 */
export type CredentialBudget = (
  principal: Principal | undefined,
) => { problem: Problem; retryAfter: string } | undefined;

export function credentialBudget(
  clock: Clock,
  limits: CredentialLimits = defaultCredentialLimits,
): CredentialBudget {
  const people =
    limits.perMinute > 0
      ? fixedWindowLimiter({ windowMs: 60_000, max: limits.perMinute, clock })
      : undefined;
  const gateways =
    limits.gatewayPerMinute > 0
      ? fixedWindowLimiter({ windowMs: 60_000, max: limits.gatewayPerMinute, clock })
      : undefined;
  return (principal) => {
    const limiter = principal?.role === 'gateway' ? gateways : people;
    if (!principal || !limiter) return undefined;
    const result = limiter.hit(principal.credentialId);
    if (result.allowed) return undefined;
    return {
      retryAfter: String(result.retryAfterSeconds),
      problem: problem(
        'rate-limited',
        `This credential made too many requests; retry in ${result.retryAfterSeconds} s`,
      ),
    };
  };
}

/** Express's end of a credential budget: 429 problem+json with `Retry-After`. */
export function credentialRateLimit(overBudget: CredentialBudget): RequestHandler {
  return (req, res, next) => {
    const refusal = overBudget(req.principal);
    if (!refusal) return next();
    res.setHeader('Retry-After', refusal.retryAfter);
    sendProblem(res, refusal.problem);
  };
}
