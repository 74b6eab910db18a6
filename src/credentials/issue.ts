import { randomBytes, randomUUID } from 'node:crypto';
import { commandHandler, type EventStore } from '../shared/eventStore';
import type { Clock } from '../shared/clock';
import type { Role } from '../shared/http/policy';
import { newToken, tokenDigest, type SecretBox } from '../shared/secrets';
import { credentialStream, type CredentialScope } from './credential';
import { credentialDecider } from './credential.decide';

export interface IssueInput {
  role: Role;
  scope: CredentialScope;
  label: string;
  expiresInDays: number;
}

/** Shown once to whoever issued it; only digests and sealed secrets are stored. */
export interface IssuedCredential {
  credentialId: string;
  token: string;
  signingSecret?: string;
  expiresAt: Date;
  position: number;
}

export interface CredentialDeps {
  store: EventStore;
  clock: Clock;
  secrets: SecretBox;
}

export async function issueCredential(
  deps: CredentialDeps,
  input: IssueInput,
  actor: string,
  credentialId: string = randomUUID(),
): Promise<IssuedCredential> {
  const token = newToken();
  const signingSecret =
    input.role === 'gateway' || input.role === 'psp'
      ? randomBytes(32).toString('base64url')
      : undefined;
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + input.expiresInDays * 86_400_000);
  const result = await commandHandler(deps.store, credentialDecider)(
    credentialStream(credentialId),
    {
      type: 'IssueCredential',
      credentialId,
      role: input.role,
      scope: input.scope,
      label: input.label,
      tokenSha256: tokenDigest(token),
      ...(signingSecret ? { signingSecret: deps.secrets.seal(signingSecret) } : {}),
      now,
      expiresAt,
      actor,
    },
  );
  return {
    credentialId,
    token,
    ...(signingSecret ? { signingSecret } : {}),
    expiresAt,
    position: result.append?.position ?? 0,
  };
}

export async function revokeCredential(
  deps: CredentialDeps,
  credentialId: string,
  reason: string,
  actor: string,
): Promise<number> {
  const result = await commandHandler(deps.store, credentialDecider)(
    credentialStream(credentialId),
    {
      type: 'RevokeCredential',
      credentialId,
      reason,
      now: deps.clock.now(),
      actor,
    },
  );
  return result.append?.position ?? 0;
}

/** A new signing secret, shown once; the old one stays valid for `graceMs`. */
export async function rotateSigningSecret(
  deps: CredentialDeps,
  credentialId: string,
  graceMs: number,
  actor: string,
): Promise<{ signingSecret: string; previousValidUntil: Date; position: number }> {
  const signingSecret = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  const result = await commandHandler(deps.store, credentialDecider)(
    credentialStream(credentialId),
    {
      type: 'RotateSigningSecret',
      credentialId,
      signingSecret: deps.secrets.seal(signingSecret),
      graceMs,
      now,
      actor,
    },
  );
  return {
    signingSecret,
    previousValidUntil: new Date(now.getTime() + graceMs),
    position: result.append?.position ?? 0,
  };
}
