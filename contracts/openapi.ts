import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { allRoutes } from './index';
import { ProblemSchema, type RouteContract } from './route';

const headerDefinitions = {
  'X-Request-Id': {
    description:
      "The request's id: the caller's `X-Request-Id` when it is 1-64 of `[A-Za-z0-9_.-]`, else a new UUID; logs carry it",
    schema: { type: 'string' as const },
  },
  'Retry-After': {
    description: 'Whole seconds to wait before retrying',
    schema: { type: 'integer' as const, minimum: 1 },
  },
  'Idempotent-Replayed': {
    description: '`true` when this answer repeats the first result of the same request',
    schema: { type: 'string' as const, enum: ['true'] },
  },
};
const ref = (name: keyof typeof headerDefinitions) => ({
  [name]: { $ref: `#/components/headers/${name}` },
});
const requestIdHeader = ref('X-Request-Id');
const retryAfterHeader = ref('Retry-After');

const problemResponse = (description: string, retry = false) => ({
  description,
  headers: { ...requestIdHeader, ...(retry ? retryAfterHeader : {}) },
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

const signingString =
  'Gateways sign every request with their terminal signing secret: hex HMAC-SHA256 over ' +
  '`<X-Pishkhan-Timestamp>\\n<METHOD>\\n<path with query>\\n<raw body bytes>`. The timestamp is Unix seconds ' +
  'within 5 minutes of the server clock; a signature is accepted once.';

function requestHeaders(c: RouteContract) {
  const shape: Record<string, z.ZodType> = {
    'X-Request-Id': z
      .string()
      .regex(/^[\w.-]{1,64}$/)
      .optional()
      .meta({ description: 'Your id for this request; echoed in the answer and the logs' }),
  };
  if (c.idempotent)
    shape['Idempotency-Key'] = z
      .string()
      .regex(/^[\x21-\x7e]{1,100}$/)
      .optional()
      .meta({
        description:
          'Makes a retry safe: the same key with the same body answers the first result again (with `Idempotent-Replayed: true`); with another body 422; while the first still runs 409',
      });
  if (c.signed) {
    shape['X-Pishkhan-Timestamp'] = z
      .string()
      .regex(/^\d{1,12}$/)
      .meta({ description: 'Unix seconds when the request was signed' });
    shape['X-Pishkhan-Signature'] = z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .meta({ description: signingString });
  }
  return z.object(shape);
}

function toRouteConfig(c: RouteContract): RouteConfig {
  const responses: RouteConfig['responses'] = {};
  for (const [status, r] of Object.entries(c.responses)) {
    const isProblem = r.schema === ProblemSchema;
    const headers = {
      ...requestIdHeader,
      ...(status === '429' || status === '503' ? retryAfterHeader : {}),
      ...(c.idempotent && status.startsWith('2') ? ref('Idempotent-Replayed') : {}),
    };
    responses[status] = r.schema
      ? {
          description: r.description,
          headers,
          content: {
            [isProblem ? 'application/problem+json' : (r.contentType ?? 'application/json')]: {
              schema: r.schema,
            },
          },
        }
      : r.contentType
        ? {
            description: r.description,
            headers,
            content: { [r.contentType]: { schema: z.string() } },
          }
        : { description: r.description, headers };
  }
  responses['400'] ??= problemResponse(
    'Malformed JSON, an unknown field or invalid values; each problem is listed',
  );
  if (c.action !== 'public') {
    responses['401'] ??= problemResponse(
      'Missing, unknown, expired or revoked token' +
        (c.signed ? ', or a bad gateway signature' : ''),
    );
    responses['403'] ??= problemResponse('The role may not do this');
  }
  responses['404'] ??= problemResponse("Not found, or outside the caller's scope");
  responses['429'] ??= problemResponse(
    c.action === 'public'
      ? 'This client address used up its budget; wait `Retry-After` seconds'
      : 'This credential used up its budget; wait `Retry-After` seconds',
    true,
  );
  responses['503'] ??= problemResponse(
    'The ledger store is unavailable or the request timed out; retry after `Retry-After` seconds',
    true,
  );
  return {
    method: c.method,
    path: c.path,
    operationId: c.operationId,
    summary: c.summary,
    ...(c.description ? { description: c.description } : {}),
    tags: c.tags,
    ...(c.action === 'public'
      ? { security: [] }
      : c.signed
        ? { security: [{ bearer: [], pishkhanTimestamp: [], pishkhanSignature: [] }] }
        : {}),
    request: {
      headers: requestHeaders(c),
      ...(c.params ? { params: c.params as z.ZodObject } : {}),
      ...(c.query ? { query: c.query as z.ZodObject } : {}),
      ...(c.body
        ? { body: { content: { 'application/json': { schema: c.body } }, required: true } }
        : {}),
    },
    responses,
  };
}

export function buildOpenApiDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A token from `pishkhan token create`; its role and scope decide what it may do',
  });
  for (const [name, header] of Object.entries(headerDefinitions))
    registry.registerComponent('headers', name, header);
  registry.registerComponent('securitySchemes', 'pishkhanTimestamp', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Pishkhan-Timestamp',
    description: 'Gateway HMAC, part 1: Unix seconds when the request was signed',
  });
  registry.registerComponent('securitySchemes', 'pishkhanSignature', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Pishkhan-Signature',
    description: `Gateway HMAC, part 2. ${signingString}`,
  });
  for (const c of allRoutes) registry.registerPath(toRouteConfig(c));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Pishkhan Ledger API',
      version: '0.1.0',
      description:
        "The regulator's ledger of payments at government counter offices (دفاتر پیشخوان خدمات دولت). " +
        'Errors are RFC 9457 problem+json; each `type` (`/problems/<code>`) is a page that explains it in Persian and English. ' +
        'Gateways sign every request (security schemes pishkhanTimestamp and pishkhanSignature, with the bearer token).',
    },
    security: [{ bearer: [] }],
  });
}
