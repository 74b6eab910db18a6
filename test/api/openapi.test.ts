import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRoutes } from '../../contracts';
import { buildOpenApiDocument } from '../../contracts/openapi';

describe('the committed OpenAPI document', () => {
  const committed = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'contracts', 'openapi.json'), 'utf8'),
  );

  it('equals the one generated from the zod contracts (run `npm run openapi:generate` when this fails)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  it('documents every route with its problem responses', () => {
    for (const r of allRoutes) {
      const op = committed.paths[r.path]?.[r.method];
      expect(op).toBeDefined();
      expect(op.responses['400'].content['application/problem+json']).toBeDefined();
    }
  });
});

describe('what an integrator reads in the OpenAPI document', () => {
  const doc = JSON.parse(JSON.stringify(buildOpenApiDocument()));
  const headerNames = (op: { parameters?: { in: string; name: string }[] }) =>
    (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);

  it('declares the gateway HMAC as security schemes, required with the bearer token on signed routes', () => {
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual([
      'bearer',
      'pishkhanSignature',
      'pishkhanTimestamp',
    ]);
    expect(doc.components.securitySchemes.pishkhanSignature).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'X-Pishkhan-Signature',
      description: expect.stringMatching(/HMAC-SHA256/),
    });
    for (const r of allRoutes.filter((route) => route.signed)) {
      const op = doc.paths[r.path][r.method];
      expect(op.security).toEqual([{ bearer: [], pishkhanTimestamp: [], pishkhanSignature: [] }]);
      expect(headerNames(op)).toEqual(
        expect.arrayContaining(['X-Pishkhan-Timestamp', 'X-Pishkhan-Signature', 'X-Request-Id']),
      );
    }
  });

  it('declares Idempotency-Key and the replay marker where payments take them, and Retry-After on 429 and 503', () => {
    const record = doc.paths['/v1/payments'].post;
    expect(headerNames(record)).toContain('Idempotency-Key');
    expect(Object.keys(record.responses['201'].headers)).toEqual(
      expect.arrayContaining(['Idempotent-Replayed', 'X-Request-Id']),
    );
    for (const r of allRoutes) {
      const op = doc.paths[r.path][r.method];
      expect(headerNames(op)).toContain('X-Request-Id');
      expect(Object.keys(op.responses['429'].headers)).toContain('Retry-After');
      expect(Object.keys(op.responses['503'].headers)).toContain('Retry-After');
    }
  });
});
