import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { Principal } from './policy';
import { problem, sendProblem, type Problem } from './problem';
import type { RequestMemory, Verdict, WindowLimiter } from './requestMemory';

export { fixedWindowLimiter, type FixedWindowLimiter } from './localMemory';

/** A refusal: the 429 problem and its `Retry-After` in seconds. */
export interface Refusal {
  problem: Problem;
  retryAfter: string;
}

/**
 * A public route's budget per client address (`clientAddress`: TRUST_PROXY decides which
 * `X-Forwarded-For` hops count; IPv6 by /64), for express and the direct lane alike.
 * Answers the refusal, or undefined when the request may go on. Counted in the request memory:
 * national with EVENT_STORE=postgres, per node otherwise.
 */
export type AddressBudget = (req: IncomingMessage) => Promise<Refusal | undefined>;

function refusal(verdict: Verdict, text: string): Refusal | undefined {
  if (verdict.allowed) return undefined;
  return {
    retryAfter: String(verdict.retryAfterSeconds),
    problem: problem('rate-limited', `${text}; retry in ${verdict.retryAfterSeconds} s`),
  };
}

export function addressBudget(
  limiter: WindowLimiter,
  addressOf: (req: IncomingMessage) => string,
): AddressBudget {
  return async (req) => refusal(await limiter.hit(addressOf(req)), 'Too many requests');
}

/** Express's end of an address budget: 429 problem+json with `Retry-After`. */
export function rateLimit(overBudget: AddressBudget): RequestHandler {
  return async (req, res, next) => answer(await overBudget(req), res, next);
}

function answer(
  refused: Refusal | undefined,
  res: Parameters<RequestHandler>[1],
  next: Parameters<RequestHandler>[2],
): void {
  if (!refused) return next();
  res.setHeader('Retry-After', refused.retryAfter);
  sendProblem(res, refused.problem);
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
 * Gateways and PSPs (which post for many terminals) get their own, much larger budget. Unauthenticated requests are not counted:
 * the public routes have their own per-address limits. Counted in the request memory: national
 * with EVENT_STORE=postgres, per node otherwise.
 * Answers the refusal problem and its `Retry-After`, or undefined when the call may go on.
 */
export type CredentialBudget = (
  principal: Principal | undefined,
) => Refusal | undefined | Promise<Refusal | undefined>;

export function credentialBudget(
  memory: RequestMemory,
  limits: CredentialLimits = defaultCredentialLimits,
): CredentialBudget {
  const perMinute = (scope: string, max: number) =>
    max > 0 ? memory.limiter(scope, { windowMs: 60_000, max }) : undefined;
  const people = perMinute('credential', limits.perMinute);
  const gateways = perMinute('gateway', limits.gatewayPerMinute);
  return async (principal) => {
    const limiter = principal?.role === 'gateway' || principal?.role === 'psp' ? gateways : people;
    if (!principal || !limiter) return undefined;
    return refusal(
      await limiter.hit(principal.credentialId),
      'This credential made too many requests',
    );
  };
}

/** Express's end of a credential budget: 429 problem+json with `Retry-After`. */
export function credentialRateLimit(overBudget: CredentialBudget): RequestHandler {
  return async (req, res, next) => answer(await overBudget(req.principal), res, next);
}
