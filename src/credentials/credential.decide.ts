import { credentialContracts } from '../../contracts/events/credentials';
import { versionsOf } from '../../contracts/events/contract';
import { IllegalStateError, ValidationError } from '../shared/errors';
import type { Decider } from '../shared/eventStore';
import type { Role } from '../shared/http/policy';
import {
  evolveCredential,
  initialCredentialState,
  type CredentialEvent,
  type CredentialIssued,
  type CredentialScope,
  type CredentialState,
} from './credential';

export interface IssueCredential {
  type: 'IssueCredential';
  credentialId: string;
  role: Role;
  scope: CredentialScope;
  label: string;
  tokenSha256: string;
  signingSecret?: CredentialIssued['signingSecret'];
  now: Date;
  expiresAt: Date;
  actor: string;
}

export interface RevokeCredential {
  type: 'RevokeCredential';
  credentialId: string;
  reason: string;
  now: Date;
  actor: string;
}

export interface RotateSigningSecret {
  type: 'RotateSigningSecret';
  credentialId: string;
  signingSecret: CredentialIssued['signingSecret'] & object;
  graceMs: number;
  now: Date;
  actor: string;
}

export type CredentialCommand = IssueCredential | RevokeCredential | RotateSigningSecret;

/** Which scope fields each role needs; no other field may be set. */
const scopeFields: Record<Role, ReadonlyArray<keyof CredentialScope>> = {
  regulator: [],
  commission: [],
  areo: [],
  provincial_mpo: ['province'],
  working_group: ['province', 'memberBody'],
  agency: ['agencyId'],
  office: ['officeId'],
  gateway: ['terminalId', 'officeId'],
  psp: ['pspId'],
  applicant: ['applicantId'],
};

function checkScope(role: Role, scope: CredentialScope): void {
  const wanted = scopeFields[role];
  const problems = [
    ...wanted
      .filter((f) => !scope[f])
      .map((f) => ({ path: `scope.${f}`, message: `required for role ${role}` })),
    ...(Object.keys(scope) as Array<keyof CredentialScope>)
      .filter((f) => scope[f] !== undefined && !wanted.includes(f))
      .map((f) => ({ path: `scope.${f}`, message: `not allowed for role ${role}` })),
  ];
  if (problems.length)
    throw new ValidationError('The credential scope does not fit the role', problems);
}

function issue(c: IssueCredential, s: CredentialState): CredentialEvent[] {
  if (s.status !== 'none')
    throw new IllegalStateError(`credential ${c.credentialId} already exists`);
  checkScope(c.role, c.scope);
  if (c.expiresAt <= c.now)
    throw new ValidationError('expiry must be in the future', [
      { path: 'expiresInDays', message: 'must be positive' },
    ]);
  if ((c.role === 'gateway' || c.role === 'psp') && !c.signingSecret)
    throw new ValidationError(`a ${c.role} needs a signing secret`);
  return [
    {
      type: 'CredentialIssued',
      credentialId: c.credentialId,
      role: c.role,
      scope: c.scope,
      label: c.label,
      tokenSha256: c.tokenSha256,
      ...(c.signingSecret ? { signingSecret: c.signingSecret } : {}),
      issuedAt: c.now.toISOString(),
      expiresAt: c.expiresAt.toISOString(),
      issuedBy: c.actor,
    },
  ];
}

function revoke(c: RevokeCredential, s: CredentialState): CredentialEvent[] {
  if (s.status === 'none')
    throw new IllegalStateError(`credential ${c.credentialId} does not exist`);
  if (s.status === 'revoked')
    throw new IllegalStateError(`credential ${c.credentialId} is already revoked`);
  return [
    {
      type: 'CredentialRevoked',
      credentialId: c.credentialId,
      reason: c.reason,
      revokedAt: c.now.toISOString(),
      revokedBy: c.actor,
    },
  ];
}

function rotate(c: RotateSigningSecret, s: CredentialState): CredentialEvent[] {
  if (s.status !== 'active')
    throw new IllegalStateError(`credential ${c.credentialId} is not active`, {
      currentState: s.status,
    });
  if (!s.issued.signingSecret)
    throw new IllegalStateError(`credential ${c.credentialId} has no signing secret`);
  if (c.graceMs < 0)
    throw new ValidationError('the grace period cannot be negative', [
      { path: 'graceHours', message: 'must be ≥ 0' },
    ]);
  return [
    {
      type: 'CredentialSigningSecretRotated',
      credentialId: c.credentialId,
      signingSecret: c.signingSecret,
      previousValidUntil: new Date(c.now.getTime() + c.graceMs).toISOString(),
      rotatedAt: c.now.toISOString(),
      rotatedBy: c.actor,
    },
  ];
}

export function decideCredential(
  command: CredentialCommand,
  state: CredentialState,
): CredentialEvent[] {
  switch (command.type) {
    case 'IssueCredential':
      return issue(command, state);
    case 'RevokeCredential':
      return revoke(command, state);
    case 'RotateSigningSecret':
      return rotate(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const credentialDecider: Decider<CredentialCommand, CredentialEvent, CredentialState> = {
  initialState: initialCredentialState,
  evolve: evolveCredential,
  decide: decideCredential,
  eventVersions: versionsOf(credentialContracts),
};
