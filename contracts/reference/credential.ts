import type { z } from 'zod';
import type { EventOf } from '../events/contract';
import type { KeyedFold } from '../keyedFold';
import type { StoredSealedSecret } from '../primitives';
import type { Role } from '../vocabulary';
import type {
  credentialIssued,
  credentialRevoked,
  CredentialScopeSchema,
  credentialSigningSecretRotated,
} from '../events/credentials';

export type CredentialScope = z.infer<typeof CredentialScopeSchema>;
export type CredentialIssued = EventOf<typeof credentialIssued>;
export type CredentialRevoked = EventOf<typeof credentialRevoked>;
export type CredentialSigningSecretRotated = EventOf<typeof credentialSigningSecretRotated>;

export type CredentialEvent = CredentialIssued | CredentialRevoked | CredentialSigningSecretRotated;

export const credentialEventTypes: ReadonlyArray<CredentialEvent['type']> = [
  'CredentialIssued',
  'CredentialRevoked',
  'CredentialSigningSecretRotated',
];

export type CredentialState =
  | { status: 'none' }
  | { status: 'active'; issued: CredentialIssued }
  | { status: 'revoked'; issued: CredentialIssued; revokedAt: string };

export const credentialStream = (credentialId: string) => `credential-${credentialId}`;

export const initialCredentialState = (): CredentialState => ({ status: 'none' });

export function evolveCredential(state: CredentialState, event: CredentialEvent): CredentialState {
  switch (event.type) {
    case 'CredentialIssued':
      return { status: 'active', issued: event };
    case 'CredentialRevoked':
      return state.status === 'none'
        ? state
        : { status: 'revoked', issued: state.issued, revokedAt: event.revokedAt };
    case 'CredentialSigningSecretRotated':
      return state;
  }
}

/** Who a credential authenticates: its id, role and scope (the request's principal). */
export type CredentialPrincipal = { credentialId: string; role: Role } & CredentialScope;

/** A signing secret encrypted with the node's key (never stored in clear). */
export type SealedSecret = z.infer<typeof StoredSealedSecret>;

export interface CredentialRecord {
  principal: CredentialPrincipal;
  label: string;
  tokenSha256: string;
  signingSecret?: SealedSecret;
  /** Secrets replaced by a rotation that still work until their `validUntil`. */
  previousSigningSecrets?: Array<{ secret: SealedSecret; validUntil: string }>;
  issuedAt: string;
  expiresAt: string;
  revokedAt?: string;
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
