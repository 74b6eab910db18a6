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

/**
 * The regulator decided a holder's request. An approval takes effect on the license by
 * licensing's own command, whose event names the request (`holderRequestId`); `effectNamed`
 * marks the approvals written so, whose effect a retry or the completion round writes if it is
 * missing. An approval without it is older: its effect was written by the same call, unnamed.
 */
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
    effectNamed: z.literal(true).optional(),
  }),
);

/**
 * One open request of a kind per license (یک درخواست باز از هر نوع): an event of the stream
 * `reservation-holderRequest-<licenseId>-<kind>`, written before the request is filed, at the
 * revision read. The last reservation names the request that holds the kind; it is released
 * when that request is decided, or lapses when it was never filed.
 */
export const holderRequestReserved = eventContract(
  'HolderRequestReserved',
  1,
  z.object({
    licenseId: z.string(),
    kind: z.enum(holderRequestKinds),
    requestId: z.string(),
    reservedAt: StoredInstant,
  }),
);

/**
 * A request id was reserved and never filed (its node stopped between the two writes, or was
 * still on its way): another filing found the reservation without its request and closed the
 * request's stream with this event before taking the reservation over, so a late filing of that
 * id finds the stream begun and is refused.
 */
export const holderRequestLapsed = eventContract(
  'HolderRequestLapsed',
  1,
  z.object({
    requestId: z.string(),
    licenseId: z.string(),
    lapsedAt: StoredInstant,
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
export type HolderRequestReserved = EventOf<typeof holderRequestReserved>;
export type HolderRequestLapsed = EventOf<typeof holderRequestLapsed>;

export const holderRequestEvents = [
  holderRequestFiled,
  holderTransferAccepted,
  holderRequestDecided,
] as const;
export const holdersContracts = [
  ...holderRequestEvents,
  renewalReminderSent,
  holderRequestReserved,
  holderRequestLapsed,
] as const;

export const holderRequestStream = (requestId: string) => `holderRequest-${requestId}`;
export const renewalReminderStream = (licenseId: string) => `renewalReminder-${licenseId}`;
