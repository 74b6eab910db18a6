import type { EventStore, RecordedEvent } from '../shared/eventStore';
import { follow } from '../shared/readModel';
import type { Principal } from '../shared/http/policy';
import type { SealedSecret } from '../shared/secrets';
import { credentialEventTypes, type CredentialEvent, type CredentialIssued } from './credential';

export interface CredentialRecord {
  principal: Principal;
  label: string;
  tokenSha256: string;
  signingSecret?: SealedSecret;
  /** Secrets replaced by a rotation that still work until their `validUntil`. */
  previousSigningSecrets?: Array<{ secret: SealedSecret; validUntil: string }>;
  issuedAt: string;
  expiresAt: string;
  revokedAt?: string;
}

export interface CredentialRegistry {
  byTokenDigest(digest: string): Promise<CredentialRecord | undefined>;
  list(): CredentialRecord[];
  /** Makes sure everything up to `position` is applied (read-your-writes after an append). */
  ensure(position: number): Promise<void>;
  ready: Promise<void>;
  stop(): Promise<void>;
}

function toRecord(e: CredentialIssued): CredentialRecord {
  return {
    principal: { credentialId: e.credentialId, role: e.role, ...e.scope },
    label: e.label,
    tokenSha256: e.tokenSha256,
    ...(e.signingSecret ? { signingSecret: e.signingSecret } : {}),
    issuedAt: e.issuedAt,
    expiresAt: e.expiresAt,
  };
}

/**
 * In-memory read model of credentials, kept current by a subscription filtered on the
 * credential event types (an indexed read). A token
 * that is not found triggers one catch-up read, so a token just created by the
 * CLI in another process works at once.
 */
export function credentialRegistry(store: EventStore): CredentialRegistry {
  const byId = new Map<string, CredentialRecord>();
  const byDigest = new Map<string, CredentialRecord>();

  function apply(recorded: RecordedEvent): void {
    const e = recorded.data as CredentialEvent;
    if (e.type === 'CredentialIssued') {
      const record = toRecord(e);
      byId.set(e.credentialId, record);
      byDigest.set(e.tokenSha256, record);
    } else if (e.type === 'CredentialRevoked') {
      const record = byId.get(e.credentialId);
      if (record) record.revokedAt = e.revokedAt;
    } else {
      const record = byId.get(e.credentialId);
      if (!record?.signingSecret) return;
      const until = e.previousValidUntil;
      record.previousSigningSecrets = [
        ...(record.previousSigningSecrets ?? []).map((p) => ({
          ...p,
          validUntil: p.validUntil < until ? p.validUntil : until,
        })),
        { secret: record.signingSecret, validUntil: until },
      ].filter((p) => p.validUntil > e.rotatedAt);
      record.signingSecret = e.signingSecret;
    }
  }

  const following = follow(store, { eventTypes: credentialEventTypes }, apply);

  return {
    async byTokenDigest(digest) {
      if (!byDigest.has(digest)) await following.ensure();
      return byDigest.get(digest);
    },
    list: () => [...byId.values()],
    ensure: (target) => following.ensure(target),
    ready: following.ready,
    stop: () => following.stop(),
  };
}
