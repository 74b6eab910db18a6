import { z } from 'zod';
import { StoredInstant, StoredProvince, StoredSealedSecret } from '../primitives';
import { memberBodies, roles } from '../vocabulary';
import { eventContract } from './contract';

/** What a credential may reach; fixed at issue, never taken from a request. */
export const CredentialScopeSchema = z.object({
  province: StoredProvince.optional(),
  memberBody: z.enum(memberBodies).optional(),
  agencyId: z.string().optional(),
  officeId: z.string().optional(),
  terminalId: z.string().optional(),
  /** For a payment service provider (پرداخت‌یار, PSP): the registered PSP it speaks for. */
  pspId: z.string().optional(),
  /** For an applicant (متقاضی): the account that signed up with its national id and mobile. */
  applicantId: z.string().optional(),
});

/** A bearer credential (اعتبارنامه دسترسی) was issued; only the token's SHA-256 is kept. */
export const credentialIssued = eventContract(
  'CredentialIssued',
  1,
  z.object({
    credentialId: z.string(),
    role: z.enum(roles),
    scope: CredentialScopeSchema,
    label: z.string(),
    tokenSha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** For gateways and PSPs: the HMAC signing secret, encrypted under SECRETS_KEY. */
    signingSecret: StoredSealedSecret.optional(),
    issuedAt: StoredInstant,
    expiresAt: StoredInstant,
    issuedBy: z.string(),
  }),
);

/** The credential no longer authenticates anyone. */
export const credentialRevoked = eventContract(
  'CredentialRevoked',
  1,
  z.object({
    credentialId: z.string(),
    reason: z.string(),
    revokedAt: StoredInstant,
    revokedBy: z.string(),
  }),
);

/**
 * A gateway's signing secret was replaced; the previous one keeps working until
 * `previousValidUntil` (grace period, مهلت) so the PSP can switch without failed payments.
 */
export const credentialSigningSecretRotated = eventContract(
  'CredentialSigningSecretRotated',
  1,
  z.object({
    credentialId: z.string(),
    signingSecret: StoredSealedSecret,
    previousValidUntil: StoredInstant,
    rotatedAt: StoredInstant,
    rotatedBy: z.string(),
  }),
);

export const credentialContracts = [
  credentialIssued,
  credentialRevoked,
  credentialSigningSecretRotated,
] as const;
