import { z } from 'zod';
import { StoredInstant, StoredLegalId, StoredNationalId, StoredProvince } from '../primitives';
import { memberBodies, officeKinds } from '../vocabulary';
import { eventContract } from './contract';

/**
 * License holder (دارنده پروانه): a legal entity with its 11-digit legal id (شناسه ملی)
 * or, for a rural office only, a natural person with a national id (کد ملی).
 */
export const HolderSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('legal'), legalId: StoredLegalId, name: z.string() }),
  z.object({ kind: z.literal('natural'), nationalId: StoredNationalId, name: z.string() }),
]);

/** Where the office will be: a city (شهر) or a village (روستا) of the province. */
export const LocationSchema = z.object({
  localityKind: z.enum(['city', 'village']),
  locality: z.string(),
  address: z.string(),
});

export const ContactSchema = z.object({ phone: z.string(), email: z.string().optional() });

/** A working-group member body's vote (رأی) on an application, with its reason. */
export const VoteSchema = z.object({
  memberBody: z.enum(memberBodies),
  vote: z.enum(['approve', 'reject']),
  reason: z.string(),
  votedAt: StoredInstant,
});

/** An application (درخواست پروانه) was received by the province's working group. */
export const licenseApplied = eventContract(
  'LicenseApplied',
  1,
  z.object({
    licenseId: z.string(),
    applicant: HolderSchema,
    province: StoredProvince,
    officeKind: z.enum(officeKinds),
    location: LocationSchema,
    contact: ContactSchema,
    appliedAt: StoredInstant,
    recordedBy: z.string(),
  }),
);

/** One member body of the working group voted. */
export const workingGroupVoteRecorded = eventContract(
  'WorkingGroupVoteRecorded',
  1,
  VoteSchema.extend({ licenseId: z.string(), votedBy: z.string() }),
);

/** All three member bodies voted; the majority decided (تصمیم کارگروه استانی). */
export const workingGroupDecided = eventContract(
  'WorkingGroupDecided',
  1,
  z.object({
    licenseId: z.string(),
    outcome: z.enum(['approved', 'rejected']),
    approvals: z.number().int().min(0),
    rejections: z.number().int().min(0),
    decidedAt: StoredInstant,
  }),
);

/** The regulator (CRA) issued the license (صدور پروانه), valid over [validFrom, validUntil). */
export const licenseIssued = eventContract(
  'LicenseIssued',
  1,
  z.object({
    licenseId: z.string(),
    licenseNumber: z.string(),
    validFrom: StoredInstant,
    validUntil: StoredInstant,
    issuedAt: StoredInstant,
    issuedBy: z.string(),
  }),
);

/** The regulator refused to issue an approved application. */
export const licenseRefused = eventContract(
  'LicenseRefused',
  1,
  z.object({
    licenseId: z.string(),
    reason: z.string(),
    refusedAt: StoredInstant,
    refusedBy: z.string(),
  }),
);

/** The address or contact of a license changed. */
export const licenseAmended = eventContract(
  'LicenseAmended',
  1,
  z.object({
    licenseId: z.string(),
    changes: z.object({
      address: z.string().optional(),
      phone: z.string().optional(),
      email: z.string().optional(),
    }),
    /** The holder's request (درخواست دارنده) whose approval this is the effect of; absent on older events and on the regulator's own commands. */
    holderRequestId: z.string().optional(),
    amendedAt: StoredInstant,
    amendedBy: z.string(),
  }),
);

/** The license passed to another holder (انتقال پروانه) with the regulator's approval. */
export const licenseTransferred = eventContract(
  'LicenseTransferred',
  1,
  z.object({
    licenseId: z.string(),
    from: HolderSchema,
    to: HolderSchema,
    reason: z.string(),
    /** The holder's request (درخواست دارنده) whose approval this is the effect of; absent on older events and on the regulator's own commands. */
    holderRequestId: z.string().optional(),
    transferredAt: StoredInstant,
    approvedBy: z.string(),
  }),
);

/** Renewal (تمدید) before expiry: validity now ends later. */
export const licenseRenewed = eventContract(
  'LicenseRenewed',
  1,
  z.object({
    licenseId: z.string(),
    previousValidUntil: StoredInstant,
    validUntil: StoredInstant,
    /** The holder's request (درخواست دارنده) whose approval this is the effect of; absent on older events and on the regulator's own commands. */
    holderRequestId: z.string().optional(),
    renewedAt: StoredInstant,
    renewedBy: z.string(),
  }),
);

/** Suspension (تعلیق); without `until` it lasts until reinstated. */
export const licenseSuspended = eventContract(
  'LicenseSuspended',
  1,
  z.object({
    licenseId: z.string(),
    reason: z.string(),
    until: StoredInstant.optional(),
    /** The supervision recommendation (پیشنهاد تعلیق) acted on, when the suspension came from one. */
    recommendation: z.object({ officeId: z.string(), actionId: z.string() }).optional(),
    suspendedAt: StoredInstant,
    suspendedBy: z.string(),
  }),
);

/** A suspension was lifted before its end (رفع تعلیق). */
export const licenseReinstated = eventContract(
  'LicenseReinstated',
  1,
  z.object({
    licenseId: z.string(),
    reason: z.string(),
    reinstatedAt: StoredInstant,
    reinstatedBy: z.string(),
  }),
);

/** Cancellation (ابطال) is final. */
export const licenseCancelled = eventContract(
  'LicenseCancelled',
  1,
  z.object({
    licenseId: z.string(),
    reason: z.string(),
    /** The holder's request (درخواست دارنده) whose approval this is the effect of; absent on older events and on the regulator's own commands. */
    holderRequestId: z.string().optional(),
    cancelledAt: StoredInstant,
    cancelledBy: z.string(),
  }),
);

export const licensingContracts = [
  licenseApplied,
  workingGroupVoteRecorded,
  workingGroupDecided,
  licenseIssued,
  licenseRefused,
  licenseAmended,
  licenseTransferred,
  licenseRenewed,
  licenseSuspended,
  licenseReinstated,
  licenseCancelled,
] as const;
