import { z } from 'zod';
import { StoredInstant, StoredProvince, StoredSealedSecret } from '../primitives';
import { documentContentTypes, documentKinds, officeKinds } from '../vocabulary';
import { eventContract } from './contract';
import { ContactSchema, HolderSchema, LocationSchema } from './licensing';

/**
 * An applicant's sign-up code (رمز یک‌بارمصرف ثبت‌نام) was sent by SMS. The national id is kept
 * only as its keyed hash (`applicantRef`), the code only as an HMAC bound to this request.
 */
export const applicantCodeSent = eventContract(
  'ApplicantCodeSent',
  1,
  z.object({
    requestId: z.string(),
    applicantRef: z.string(),
    mobile: StoredSealedSecret,
    codeHash: z.string(),
    expiresAt: StoredInstant,
    providerReference: z.string(),
    sentAt: StoredInstant,
  }),
);

/** The code was given right, once: the request can never open another session. */
export const applicantCodeUsed = eventContract(
  'ApplicantCodeUsed',
  1,
  z.object({
    requestId: z.string(),
    applicantId: z.string(),
    credentialId: z.string(),
    usedAt: StoredInstant,
  }),
);

/**
 * An applicant account (حساب متقاضی) proved its mobile. Its id is derived from the keyed hash
 * of the national id, so signing in again reaches the same account; the mobile is sealed.
 */
export const applicantSignedUp = eventContract(
  'ApplicantSignedUp',
  1,
  z.object({
    applicantId: z.string(),
    applicantRef: z.string(),
    mobile: StoredSealedSecret,
    signedUpAt: StoredInstant,
  }),
);

/** An application drafted online by an applicant, for a person or for a company (legal id). */
export const applicationDrafted = eventContract(
  'ApplicationDrafted',
  1,
  z.object({
    applicationId: z.string(),
    applicantId: z.string(),
    holder: HolderSchema,
    province: StoredProvince,
    officeKind: z.enum(officeKinds),
    location: LocationSchema,
    contact: ContactSchema,
    draftedAt: StoredInstant,
  }),
);

/** A document (مدرک) attached to an application: its kind, checked type, size and SHA-256. */
export const applicationDocumentAttached = eventContract(
  'ApplicationDocumentAttached',
  1,
  z.object({
    applicationId: z.string(),
    documentKind: z.enum(documentKinds),
    contentType: z.enum(documentContentTypes),
    bytes: z.number().int().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    attachedAt: StoredInstant,
  }),
);

const DocumentDigest = z.object({
  documentKind: z.enum(documentKinds),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** The applicant submitted the application with every document its kind needs. */
export const applicationSubmitted = eventContract(
  'ApplicationSubmitted',
  1,
  z.object({
    applicationId: z.string(),
    documents: z.array(DocumentDigest),
    submittedAt: StoredInstant,
  }),
);

/** The working group or the regulator returned the application for completion, with a reason. */
export const applicationReturned = eventContract(
  'ApplicationReturned',
  1,
  z.object({
    applicationId: z.string(),
    reason: z.string(),
    returnedAt: StoredInstant,
    returnedBy: z.string(),
  }),
);

/**
 * The application was found complete and forwarded to the working group's vote: the license
 * stream `license-<licenseId>` starts with its `LicenseApplied`.
 */
export const applicationForwarded = eventContract(
  'ApplicationForwarded',
  1,
  z.object({
    applicationId: z.string(),
    licenseId: z.string(),
    documents: z.array(DocumentDigest),
    forwardedAt: StoredInstant,
    forwardedBy: z.string(),
  }),
);

/** The applicant was told by SMS how the application was decided. */
export const applicantNotified = eventContract(
  'ApplicantNotified',
  1,
  z.object({
    applicationId: z.string(),
    licenseId: z.string(),
    outcome: z.enum(['issued', 'rejected', 'refused']),
    providerReference: z.string(),
    notifiedAt: StoredInstant,
  }),
);

/** Who read an application's document (audit of each read), in a stream of its own. */
export const applicationDocumentRead = eventContract(
  'ApplicationDocumentRead',
  1,
  z.object({
    readId: z.string(),
    applicationId: z.string(),
    documentKind: z.enum(documentKinds),
    sha256: z.string(),
    readBy: z.string(),
    role: z.string(),
    readAt: StoredInstant,
  }),
);

export const applicantAccountEvents = [
  applicantCodeSent,
  applicantCodeUsed,
  applicantSignedUp,
] as const;
export const applicationEvents = [
  applicationDrafted,
  applicationDocumentAttached,
  applicationSubmitted,
  applicationReturned,
  applicationForwarded,
  applicantNotified,
] as const;
export const applicantsContracts = [
  ...applicantAccountEvents,
  ...applicationEvents,
  applicationDocumentRead,
] as const;

export const applicantCodeStream = (requestId: string) => `applicantCode-${requestId}`;
export const applicantStream = (applicantId: string) => `applicant-${applicantId}`;
export const applicationStream = (applicationId: string) => `application-${applicationId}`;
export const documentReadStream = (readId: string) => `documentRead-${readId}`;
