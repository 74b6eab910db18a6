import type { EventStore } from '../shared/eventStore';
import { keyedModel, type KeyedFold, type Snapshot } from '../shared/keyedFold';
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

/** The credential registry's fold: one record per credential, keyed by its id. */
export const credentialFold: KeyedFold<CredentialRecord> = {
  name: 'credentials',
  version: 1,
  filter: { eventTypes: credentialEventTypes, streamPrefixes: ['credential-'] },
  keyOf: (recorded) => (recorded.data as CredentialEvent).credentialId,
  fold(record, recorded) {
    const e = recorded.data as CredentialEvent;
    if (e.type === 'CredentialIssued') return toRecord(e);
    if (!record) return undefined;
    if (e.type === 'CredentialRevoked') return { ...record, revokedAt: e.revokedAt };
    if (!record.signingSecret) return record;
    const until = e.previousValidUntil;
    const previousSigningSecrets = [
      ...(record.previousSigningSecrets ?? []).map((p) => ({
        ...p,
        validUntil: p.validUntil < until ? p.validUntil : until,
      })),
      { secret: record.signingSecret, validUntil: until },
    ].filter((p) => p.validUntil > e.rotatedAt);
    return { ...record, signingSecret: e.signingSecret, previousSigningSecrets };
  },
};

/**
 * In-memory read model of credentials, started from its projection's rows and kept current by
 * a subscription filtered on the credential event types (an indexed read). A token that is
 * not found triggers one catch-up read, so a token just created by the CLI in another process
 * works at once.
 */
export function credentialRegistry(
  store: EventStore,
  snapshot?: Snapshot<CredentialRecord>,
): CredentialRegistry {
  const byDigest = new Map<string, CredentialRecord>();
  const { records: byId, following } = keyedModel(store, credentialFold, {
    ...(snapshot ? { snapshot } : {}),
    onRecord: (_id, record) => byDigest.set(record.tokenSha256, record),
  });

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
