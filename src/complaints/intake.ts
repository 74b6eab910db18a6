import type { IncomingMessage } from 'node:http';
import express, { type RequestHandler } from 'express';
import { addressBudget, rateLimit, type AddressBudget } from '../shared/http/rateLimit';
import type { RequestMemory } from '../shared/http/requestMemory';

/** Limits of the public, no-login routes, per client address (national with EVENT_STORE=postgres). */
export interface PublicLimits {
  intakePerWindow: number;
  lookupsPerWindow: number;
  windowMs: number;
  /** Largest intake body; larger is 413 before anything is parsed. */
  bodyLimit: string;
}

export const defaultPublicLimits: PublicLimits = {
  intakePerWindow: 5,
  lookupsPerWindow: 60,
  windowMs: 10 * 60_000,
  bodyLimit: '16kb',
};

/**
 * Middleware for the public complaint routes, mounted before the app's JSON parser: the
 * flood check runs before the body is read, and the intake body has its own small limit.
 * `budgets` holds the same per-address budgets by route path, for the direct lane.
 */
export function publicComplaintGuards(
  memory: RequestMemory,
  addressOf: (req: IncomingMessage) => string,
  limits: PublicLimits = defaultPublicLimits,
): {
  intake: RequestHandler[];
  lookup: RequestHandler[];
  budgets: ReadonlyMap<string, AddressBudget>;
} {
  const perAddress = (scope: string, max: number) =>
    addressBudget(memory.limiter(scope, { windowMs: limits.windowMs, max }), addressOf);
  const intake = perAddress('public-intake', limits.intakePerWindow);
  const lookup = perAddress('public-lookup', limits.lookupsPerWindow);
  return {
    budgets: new Map([
      ['/v1/public/complaints', intake],
      ['/v1/public/complaints/{trackingCode}', lookup],
    ]),
    intake: [
      rateLimit(intake),
      // Keeps the raw bytes like the app's own parser does, so a signed (gateway) request verifies here too.
      express.json({
        limit: limits.bodyLimit,
        type: ['application/json', 'application/*+json'],
        verify: (req, _res, buf) => {
          (req as express.Request).rawBody = buf;
        },
      }),
    ],
    lookup: [rateLimit(lookup)],
  };
}
