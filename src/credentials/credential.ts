import type { z } from 'zod';
import type { EventOf } from '../../contracts/events/contract';
import type {
  credentialIssued,
  credentialRevoked,
  CredentialScopeSchema,
  credentialSigningSecretRotated,
} from '../../contracts/events/credentials';

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
