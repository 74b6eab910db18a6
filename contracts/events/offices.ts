import { z } from 'zod';
import {
  StoredHalfYear,
  StoredInstant,
  StoredPostalCode,
  StoredProvince,
  StoredSheba,
} from '../primitives';
import { officeKinds } from '../vocabulary';
import { eventContract } from './contract';

/** The data of an office that may change over time; province, kind and license may not. */
export const OfficeDetailsSchema = z.object({
  nameFa: z.string(),
  nameEn: z.string(),
  /** City (شهر) or village (روستا). */
  locality: z.object({ kind: z.enum(['city', 'village']), name: z.string() }),
  address: z.string(),
  /** Postal code (کد پستی). */
  postalCode: StoredPostalCode,
  phone: z.string(),
  /** The office's Sheba (شبا) that receives its fee share (کارمزد دفتر) of each split. */
  iban: StoredSheba,
});

/** A government counter office (دفتر پیشخوان) was registered under its license. */
export const officeRegistered = eventContract(
  'OfficeRegistered',
  1,
  OfficeDetailsSchema.extend({
    officeId: z.string(),
    licenseId: z.string(),
    province: StoredProvince,
    kind: z.enum(officeKinds),
    registeredAt: StoredInstant,
    registeredBy: z.string(),
  }),
);

/** Some of an office's details changed; `changes` holds only the fields that did. */
export const officeDetailsChanged = eventContract(
  'OfficeDetailsChanged',
  1,
  z.object({
    officeId: z.string(),
    changes: OfficeDetailsSchema.partial(),
    changedAt: StoredInstant,
    changedBy: z.string(),
  }),
);

/** The regulator assigned (واگذاری) an agency service to the office. */
export const serviceAssigned = eventContract(
  'ServiceAssigned',
  1,
  z.object({
    officeId: z.string(),
    serviceCode: z.string(),
    /** The catalogue half-year under which the service was outsourceable at assignment. */
    period: StoredHalfYear,
    assignedAt: StoredInstant,
    assignedBy: z.string(),
  }),
);

/** The service was withdrawn from the office; payments for it there are flagged from now on. */
export const serviceWithdrawn = eventContract(
  'ServiceWithdrawn',
  1,
  z.object({
    officeId: z.string(),
    serviceCode: z.string(),
    reason: z.string(),
    withdrawnAt: StoredInstant,
    withdrawnBy: z.string(),
  }),
);

const terminalRegisteredV1 = z.object({
  /** Terminal id of the card network, 8 characters. */
  terminalId: z.string(),
  /** Merchant id (شماره پذیرنده), 15 characters. */
  merchantId: z.string(),
  psp: z.string(),
  officeId: z.string(),
  credentialId: z.string(),
  registeredAt: StoredInstant,
  registeredBy: z.string(),
});

/**
 * A card payment terminal (پایانه فروش, POS) of a PSP (پرداخت‌یار) was installed in one
 * office. A terminal the regulator registers has its own gateway credential (role `gateway`,
 * scope terminal + office), which posts only for that office. A terminal of a registered PSP
 * (`pspId`) is posted for with that PSP's credential, naming the terminal; it may have no
 * credential of its own. Version 1 always had a credential and never a `pspId`.
 */
export const terminalRegistered = eventContract(
  'TerminalRegistered',
  2,
  terminalRegisteredV1.extend({
    credentialId: z.string().optional(),
    /** The registered PSP that runs the terminal and posts for it. */
    pspId: z.string().optional(),
  }),
  {
    1: {
      schema: terminalRegisteredV1.extend({ type: z.literal('TerminalRegistered') }),
      up: (v1: z.infer<typeof terminalRegisteredV1>) => v1,
    },
  },
);

const terminalDeactivatedV1 = z.object({
  terminalId: z.string(),
  officeId: z.string(),
  credentialId: z.string(),
  reason: z.string(),
  deactivatedAt: StoredInstant,
  deactivatedBy: z.string(),
});

/**
 * The terminal may no longer post; its own credential, if it had one, was revoked with it.
 * Version 1 always named a credential.
 */
export const terminalDeactivated = eventContract(
  'TerminalDeactivated',
  2,
  terminalDeactivatedV1.extend({ credentialId: z.string().optional() }),
  {
    1: {
      schema: terminalDeactivatedV1.extend({ type: z.literal('TerminalDeactivated') }),
      up: (v1: z.infer<typeof terminalDeactivatedV1>) => v1,
    },
  },
);

export const officeContracts = [
  officeRegistered,
  officeDetailsChanged,
  serviceAssigned,
  serviceWithdrawn,
  terminalRegistered,
  terminalDeactivated,
] as const;
