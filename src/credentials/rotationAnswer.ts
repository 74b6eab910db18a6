import type { Clock } from '../shared/clock';
import type { EventStore } from '../shared/eventStore';
import { instant } from '../shared/jalali';
import type { SecretBox } from '../shared/secrets';
import { rotateSigningSecret } from './issue';
import type { CredentialRegistry } from './registry';

export interface RotationDeps {
  store: EventStore;
  clock: Clock;
  secrets: SecretBox;
  credentials: CredentialRegistry;
}

/**
 * The answer to a signing-key rotation (تعویض کلید امضا) of a terminal or a PSP: the new secret,
 * shown once and never cached, and when the old one stops being accepted. The registry has the
 * new secret before the answer leaves, so the caller's next signed request is accepted.
 */
export async function rotationAnswer(
  deps: RotationDeps,
  credentialId: string,
  graceHours: number,
  actor: string,
) {
  const rotated = await rotateSigningSecret(deps, credentialId, graceHours * 3600_000, actor);
  await deps.credentials.ensure(rotated.position);
  return {
    status: 200 as const,
    headers: { 'Cache-Control': 'no-store' },
    body: {
      signingSecret: rotated.signingSecret,
      previousValidUntil: instant(rotated.previousValidUntil),
    },
  };
}
