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
