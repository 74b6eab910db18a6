import type { SealedSecret } from '../shared/secrets';
import type { MemberBody, Role } from '../shared/http/policy';

/** What a credential may reach; fixed at issue, never taken from a request. */
export interface CredentialScope {
  province?: string;
  memberBody?: MemberBody;
  agencyId?: string;
  officeId?: string;
  terminalId?: string;
}

/** A bearer credential (اعتبارنامه دسترسی) was issued; only the token's SHA-256 is kept. */
export interface CredentialIssued {
  type: 'CredentialIssued';
  credentialId: string;
  role: Role;
  scope: CredentialScope;
  label: string;
  tokenSha256: string;
  /** For gateways: the HMAC signing secret, encrypted under SECRETS_KEY. */
  signingSecret?: SealedSecret;
  issuedAt: string;
  expiresAt: string;
  issuedBy: string;
}

export interface CredentialRevoked {
  type: 'CredentialRevoked';
  credentialId: string;
  reason: string;
  revokedAt: string;
  revokedBy: string;
}

/**
 * A gateway's signing secret was replaced; the previous one keeps working until
 * `previousValidUntil` (grace period, مهلت) so the PSP can switch without failed payments.
 */
export interface CredentialSigningSecretRotated {
  type: 'CredentialSigningSecretRotated';
  credentialId: string;
  signingSecret: SealedSecret;
  previousValidUntil: string;
  rotatedAt: string;
  rotatedBy: string;
}

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
