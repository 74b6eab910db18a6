import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { Clock } from '../clock';
import type { Principal } from './policy';
import { problem, sendProblem, type Problem } from './problem';

/**
 * Counts hits per key in fixed windows of `windowMs`; at most `max` per window. Its memory is
 * bounded: a new window drops the last one's counts whole, and within a window at most
 * `maxKeys` keys are held (two generations of up to half each; when the young one fills, the
 * old one is dropped and the keys not seen since start again from zero).
 */
export interface FixedWindowLimiter {
  /** Records a hit; when refused, how many whole seconds until the window resets. */
  hit(
    key: string,
  ): { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };
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
      const now = options.clock.now().getTime();
      const start = now - (now % options.windowMs);
      if (start !== windowStart) {
        windowStart = start;
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
      if (count > options.max)
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((start + options.windowMs - now) / 1000)),
        };
      return { allowed: true, remaining: options.max - count };
    },
    get size() {
      return young.size + old.size;
    },
  };
}

/** A refusal: the 429 problem and its `Retry-After` in seconds. */
export interface Refusal {
  problem: Problem;
  retryAfter: string;
}

/**
 * A public route's budget per client address (`clientAddress`: TRUST_PROXY decides which
 * `X-Forwarded-For` hops count; IPv6 by /64), for express and the direct lane alike.
 * Answers the refusal, or undefined when the request may go on. Counts are per API node.
 */
export type AddressBudget = (req: IncomingMessage) => Refusal | undefined;

export function addressBudget(
  limiter: FixedWindowLimiter,
  addressOf: (req: IncomingMessage) => string,
): AddressBudget {
  return (req) => {
    const result = limiter.hit(addressOf(req));
    if (result.allowed) return undefined;
    return {
      retryAfter: String(result.retryAfterSeconds),
      problem: problem('rate-limited', `Too many requests; retry in ${result.retryAfterSeconds} s`),
    };
  };
}

/** Express's end of an address budget: 429 problem+json with `Retry-After`. */
export function rateLimit(overBudget: AddressBudget): RequestHandler {
  return (req, res, next) => {
    const refusal = overBudget(req);
    if (!refusal) return next();
    res.setHeader('Retry-After', refusal.retryAfter);
    sendProblem(res, refusal.problem);
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
export type CredentialBudget = (principal: Principal | undefined) => Refusal | undefined;

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
