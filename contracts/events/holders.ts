import { z } from 'zod';
import { StoredInstant } from '../primitives';
import { holderRequestKinds } from '../vocabulary';
import { eventContract, type EventOf } from './contract';
import { HolderSchema } from './licensing';

/**
 * A license holder (دارنده پروانه) asked the regulator for something about their license:
 * the applicant account that holds it filed it. What is asked depends on the kind: years of
 * renewal, the new address, or for a transfer the receiving account (by the keyed hash of its
 * national id, never the id in clear) and the holder the license passes to.
 */
export const holderRequestFiled = eventContract(
  'HolderRequestFiled',
  1,
  z.object({
    requestId: z.string(),
    licenseId: z.string(),
    kind: z.enum(holderRequestKinds),
    /** The applicant account that holds the license and filed the request. */
    applicantId: z.string(),
    reason: z.string().optional(),
    validityYears: z.number().int().optional(),
    address: z.string().optional(),
    /** The receiving applicant account of a transfer, derived from the keyed hash of its national id. */
    receiverApplicantId: z.string().optional(),
    to: HolderSchema.optional(),
    filedAt: StoredInstant,
  }),
);

/** The receiving party of a transfer accepted it through their own session. */
export const holderTransferAccepted = eventContract(
  'HolderTransferAccepted',
  1,
  z.object({
    requestId: z.string(),
    licenseId: z.string(),
    acceptedBy: z.string(),
    acceptedAt: StoredInstant,
  }),
);

/** The regulator decided a holder's request; an approval took effect on the license. */
export const holderRequestDecided = eventContract(
  'HolderRequestDecided',
  1,
  z.object({
    requestId: z.string(),
    licenseId: z.string(),
    kind: z.enum(holderRequestKinds),
    outcome: z.enum(['approved', 'rejected']),
    reason: z.string(),
    decidedAt: StoredInstant,
    decidedBy: z.string(),
  }),
);

/**
 * A renewal reminder (یادآوری تمدید) for the license's current expiry went to its holder by SMS,
 * `daysBefore` (60 or 30) days ahead. Recorded in the license's reminder stream before the SMS
 * is sent, at the stream's revision, so of two nodes only one sends.
 */
export const renewalReminderSent = eventContract(
  'RenewalReminderSent',
  1,
  z.object({
    licenseId: z.string(),
    daysBefore: z.union([z.literal(60), z.literal(30)]),
    validUntil: StoredInstant,
    applicantId: z.string(),
    sentAt: StoredInstant,
  }),
);

export type HolderRequestFiled = EventOf<typeof holderRequestFiled>;
export type HolderTransferAccepted = EventOf<typeof holderTransferAccepted>;
export type HolderRequestDecided = EventOf<typeof holderRequestDecided>;
export type RenewalReminderSent = EventOf<typeof renewalReminderSent>;

export const holderRequestEvents = [
  holderRequestFiled,
  holderTransferAccepted,
  holderRequestDecided,
] as const;
export const holdersContracts = [...holderRequestEvents, renewalReminderSent] as const;

export const holderRequestStream = (requestId: string) => `holderRequest-${requestId}`;
export const renewalReminderStream = (licenseId: string) => `renewalReminder-${licenseId}`;
