import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from './openapi';

writeFileSync(
  join(__dirname, 'openapi.json'),
  JSON.stringify(buildOpenApiDocument(), null, 2) + '\n',
);
