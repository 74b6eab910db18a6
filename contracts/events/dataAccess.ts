import { z } from 'zod';
import { StoredInstant, StoredProvince } from '../primitives';
import { dataAccessLevels, dataAccessRules, dataChannels } from '../vocabulary';
import { eventContract, type EventOf } from './contract';

/** A data item (قلم اطلاعاتی) as the agency names it: `identity`, `address`, `vehicle`, … */
export const DataItem = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'a lower-case item name');

/** Office hours (ساعات کاری) in Asia/Tehran, `HH:MM`; a look-up outside them is refused. */
export const OfficeHoursSchema = z.object({ from: z.string(), to: z.string() });

/**
 * What one service may read under an instruction and on what conditions. The office's license
 * being active and the service being assigned to it are always required (the resolution's own
 * conditions); the rest is the agency's choice.
 */
export const ServiceAccessSchema = z.object({
  serviceCode: z.string(),
  items: z.array(DataItem),
  level: z.enum(dataAccessLevels),
  /** The customer must be at the counter; the operator attests it on each look-up. */
  customerPresent: z.boolean(),
  /** The customer confirms with a one-time code sent to the mobile registered with the provider. */
  consent: z.boolean(),
  /** At most this many look-ups per service delivery (one consent). */
  maxLookupsPerDelivery: z.number().int().min(1),
  officeHours: OfficeHoursSchema.optional(),
});

/**
 * An agency recorded a version of its data-access instruction (دستورالعمل دسترسی به اطلاعات
 * مشتریان, clause 5): which items each of its services may read, at what level, on which
 * conditions, through which channel, from when. It takes effect only once the regulator has
 * acknowledged it, and from its own `effectiveFrom` it supersedes earlier versions.
 */
export const DataInstructionRecorded = eventContract(
  'DataInstructionRecorded',
  1,
  z.object({
    agencyId: z.string(),
    /** 1, 2, … within the agency's stream. */
    version: z.number().int().min(1),
    services: z.array(ServiceAccessSchema),
    channel: z.enum(dataChannels),
    effectiveFrom: StoredInstant,
    recordedAt: StoredInstant,
    recordedBy: z.string(),
  }),
);

/** The regulator (CRA) acknowledged an instruction version (ابلاغ به سازمان تنظیم مقررات). */
export const DataInstructionAcknowledged = eventContract(
  'DataInstructionAcknowledged',
  1,
  z.object({
    agencyId: z.string(),
    version: z.number().int().min(1),
    acknowledgedAt: StoredInstant,
    acknowledgedBy: z.string(),
  }),
);

/**
 * The regulator switched the National Information Exchange Center on or off. While it is on,
 * customer data is reached only through the center: instructions naming an agency's own
 * endpoint are refused (the note to clause 5).
 */
export const ExchangeCenterSwitched = eventContract(
  'ExchangeCenterSwitched',
  1,
  z.object({
    on: z.boolean(),
    reason: z.string(),
    switchedAt: StoredInstant,
    switchedBy: z.string(),
  }),
);

/**
 * A one-time code (رمز یک‌بارمصرف) was generated and handed to the provider to send to the
 * customer's registered mobile. Only a keyed hash of the code is kept. `access`: an office's
 * service delivery, whose look-ups it counts; `history`: a citizen asking who read their data.
 */
export const ConsentCodeIssued = eventContract(
  'ConsentCodeIssued',
  1,
  z.object({
    consentId: z.string(),
    purpose: z.enum(['access', 'history']),
    /** Keyed hash of the customer's national id, as payments keep it. */
    customerRef: z.string(),
    officeId: z.string().optional(),
    serviceCode: z.string().optional(),
    agencyId: z.string().optional(),
    /** Absent when the instruction asks no consent: the delivery is opened without a code. */
    codeHash: z.string().optional(),
    expiresAt: StoredInstant,
    maxLookups: z.number().int().min(1),
    providerReference: z.string().optional(),
    issuedAt: StoredInstant,
    issuedBy: z.string(),
  }),
);

/** A wrong code was given for a consent; after too many, the consent is spent. */
export const ConsentCodeRejected = eventContract(
  'ConsentCodeRejected',
  1,
  z.object({ consentId: z.string(), failures: z.number().int().min(1), rejectedAt: StoredInstant }),
);

/** A look-up of a service delivery took one of its allowed look-ups, before the provider was asked. */
export const ConsentLookupReserved = eventContract(
  'ConsentLookupReserved',
  1,
  z.object({ consentId: z.string(), accessId: z.string(), reservedAt: StoredInstant }),
);

/** The provider failed the look-up, so the look-up it had taken is given back. */
export const ConsentLookupReleased = eventContract(
  'ConsentLookupReleased',
  1,
  z.object({ consentId: z.string(), accessId: z.string(), releasedAt: StoredInstant }),
);

/** A citizen's code was used to see who read their data; it cannot be used again. */
export const ConsentCodeUsed = eventContract(
  'ConsentCodeUsed',
  1,
  z.object({ consentId: z.string(), usedAt: StoredInstant }),
);

/** Who asked, for whom, for what: every access attempt's record, whatever its outcome. */
const AttemptFacts = z.object({
  accessId: z.string(),
  officeId: z.string(),
  province: StoredProvince.optional(),
  credentialId: z.string(),
  /** The operator at the counter, as the office named them. */
  operator: z.string(),
  customerRef: z.string(),
  serviceCode: z.string(),
  agencyId: z.string().optional(),
  items: z.array(z.string()),
  consentId: z.string().optional(),
  instructionVersion: z.number().int().optional(),
  channel: z.enum(dataChannels).optional(),
  at: StoredInstant,
});

/**
 * Customer data was fetched and handed to the office (دسترسی به اطلاعات مشتری). The data is
 * never recorded: `digest` is the SHA-256 of what was handed over, so a disputed answer can be
 * matched against the provider's copy.
 */
export const CustomerDataAccessed = eventContract(
  'CustomerDataAccessed',
  1,
  AttemptFacts.extend({
    instructionVersion: z.number().int(),
    channel: z.enum(dataChannels),
    level: z.enum(dataAccessLevels),
    providerReference: z.string(),
    digest: z.string(),
  }),
);

/** A look-up refused by a rule; nothing was asked of the provider. */
export const CustomerDataAccessRefused = eventContract(
  'CustomerDataAccessRefused',
  1,
  AttemptFacts.extend({ rule: z.enum(dataAccessRules) }),
);

/** The provider could not answer (down, slow, a bad certificate, its breaker open): no data was handed over. */
export const CustomerDataAccessFailed = eventContract(
  'CustomerDataAccessFailed',
  1,
  AttemptFacts.extend({
    reason: z.enum(['timeout', 'unavailable', 'connection', 'tls', 'bad-response', 'circuit-open']),
    attempts: z.number().int().min(0),
  }),
);

export const dataInstructionEvents = [
  DataInstructionRecorded,
  DataInstructionAcknowledged,
  ExchangeCenterSwitched,
] as const;
export const consentEvents = [
  ConsentCodeIssued,
  ConsentCodeRejected,
  ConsentLookupReserved,
  ConsentLookupReleased,
  ConsentCodeUsed,
] as const;
export const dataAccessEvents = [
  CustomerDataAccessed,
  CustomerDataAccessRefused,
  CustomerDataAccessFailed,
] as const;

export type DataInstructionRecorded = EventOf<typeof DataInstructionRecorded>;
export type DataInstructionAcknowledged = EventOf<typeof DataInstructionAcknowledged>;
export type ExchangeCenterSwitched = EventOf<typeof ExchangeCenterSwitched>;
export type ConsentCodeIssued = EventOf<typeof ConsentCodeIssued>;
export type ConsentCodeRejected = EventOf<typeof ConsentCodeRejected>;
export type ConsentLookupReserved = EventOf<typeof ConsentLookupReserved>;
export type ConsentLookupReleased = EventOf<typeof ConsentLookupReleased>;
export type ConsentCodeUsed = EventOf<typeof ConsentCodeUsed>;
export type CustomerDataAccessed = EventOf<typeof CustomerDataAccessed>;
export type CustomerDataAccessRefused = EventOf<typeof CustomerDataAccessRefused>;
export type CustomerDataAccessFailed = EventOf<typeof CustomerDataAccessFailed>;
export type DataAccessAttempt =
  CustomerDataAccessed | CustomerDataAccessRefused | CustomerDataAccessFailed;

export const dataInstructionStream = (agencyId: string) => `datainstruction-${agencyId}`;
export const exchangeCenterStream = 'dataexchange-center';
export const consentStream = (consentId: string) => `dataconsent-${consentId}`;
export const dataAccessStream = (accessId: string) => `dataaccess-${accessId}`;
