import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { allRoutes } from './index';
import { ProblemSchema, type RouteContract } from './route';

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

function toRouteConfig(c: RouteContract): RouteConfig {
  const responses: RouteConfig['responses'] = {};
  for (const [status, r] of Object.entries(c.responses)) {
    const isProblem = r.schema === ProblemSchema;
    responses[status] = r.schema
      ? {
          description: r.description,
          content: {
            [isProblem ? 'application/problem+json' : (r.contentType ?? 'application/json')]: {
              schema: r.schema,
            },
          },
        }
      : r.contentType
        ? { description: r.description, content: { [r.contentType]: { schema: z.string() } } }
        : { description: r.description };
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
  responses['503'] ??= problemResponse('The ledger store is unavailable; retry later');
  return {
    method: c.method,
    path: c.path,
    operationId: c.operationId,
    summary: c.summary,
    ...(c.description ? { description: c.description } : {}),
    tags: c.tags,
    ...(c.action === 'public' ? { security: [] } : {}),
    request: {
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
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  for (const c of allRoutes) registry.registerPath(toRouteConfig(c));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Pishkhan Ledger API',
      version: '0.1.0',
      description:
        "The regulator's ledger of payments at government counter offices (دفاتر پیشخوان خدمات دولت). " +
        'Errors are RFC 9457 problem+json. Gateways sign every request: see the README.',
    },
    security: [{ bearer: [] }],
  });
}
