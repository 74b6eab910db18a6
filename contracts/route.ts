import { z } from 'zod';
import type { Action } from './permissions';

type Schema = z.ZodType;

export interface ResponseContract {
  description: string;
  schema?: Schema;
  /** Defaults to application/json. */
  contentType?: string;
}

/**
 * One HTTP operation, described once: the router mounts it (auth, validation) and the
 * OpenAPI document is generated from it, so the two cannot drift apart.
 */
export interface RouteContract<
  P extends Schema = Schema,
  Q extends Schema = Schema,
  B extends Schema = Schema,
> {
  operationId: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI style: `/v1/credentials/{id}`. */
  path: string;
  /** The policy action checked before the handler runs; `public` needs no credential. */
  action: Action | 'public';
  summary: string;
  description?: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  /** Gateway requests must carry an HMAC signature (see docs/api.md). */
  signed?: boolean;
  /** Takes an `Idempotency-Key`; a repeated request answers the first result with `Idempotent-Replayed: true`. */
  idempotent?: boolean;
  responses: Record<number, ResponseContract>;
}

export function route<P extends Schema, Q extends Schema, B extends Schema>(
  contract: RouteContract<P, Q, B>,
): RouteContract<P, Q, B> {
  return contract;
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details; `code` is stable',
    example: {
      type: '/problems/validation',
      title: 'The request is not valid',
      status: 400,
      code: 'validation',
      detail: 'The body has 1 problem(s)',
      errors: [{ path: 'role', message: 'Invalid option' }],
    },
  });

/** Persian-friendly timestamp: ISO 8601 plus the Jalali (Asia/Tehran) reading. */
export const InstantSchema = z.object({ iso: z.string(), jalali: z.string() }).meta({
  id: 'Instant',
  example: { iso: '2026-11-29T10:30:00.000Z', jalali: '1405/09/08 14:00' },
});
