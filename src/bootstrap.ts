import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueCredential, type CredentialRegistry } from './credentials';
import { ConcurrencyError, IllegalStateError } from './shared/errors';
import type { Clock } from './shared/clock';
import type { EventStore } from './shared/eventStore';
import type { SecretBox } from './shared/secrets';

/**
 * On first start with no credential at all, issues a regulator token so the quick start
 * can call the API at once. The token is written under DATA_DIR with mode 0600 and
 * returned to be printed once; it never goes through the logger. Its credential id is
 * fixed, so when several nodes start at once on an empty shared log only one of them
 * issues it.
 */
export const bootstrapCredentialId = '00000000-0000-4000-8000-000000000001';

export async function bootstrapRegulatorToken(deps: {
  store: EventStore;
  clock: Clock;
  secrets: SecretBox;
  credentials: CredentialRegistry;
  dataDir: string;
}): Promise<{ token: string; file: string } | undefined> {
  await deps.credentials.ready;
  if (deps.credentials.list().length > 0) return undefined;
  const issued = await issueCredential(
    deps,
    {
      role: 'regulator',
      scope: {},
      label: 'bootstrap regulator (first start)',
      expiresInDays: 365,
    },
    'bootstrap',
    bootstrapCredentialId,
  ).catch((error: unknown) => {
    if (error instanceof ConcurrencyError || error instanceof IllegalStateError) return undefined;
    throw error;
  });
  if (!issued) return undefined;
  await deps.credentials.ensure(issued.position);
  const file = join(deps.dataDir, 'regulator-token');
  if (existsSync(file)) writeFileSync(file, '', { mode: 0o600 });
  writeFileSync(file, issued.token + '\n', { mode: 0o600 });
  return { token: issued.token, file };
}
