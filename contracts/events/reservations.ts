import { z } from 'zod';
import { StoredInstant } from '../primitives';
import { eventContract, type EventOf } from './contract';

/**
 * A license number (شماره پروانه) reserved for one license: an event of the number's own
 * stream, `reservation-licenseNumber-<number>`. The stream's last reservation names the
 * license that holds the number; a later one in the same stream replaced a holder that could
 * no longer use it.
 */
export const LicenseNumberReserved = eventContract(
  'LicenseNumberReserved',
  1,
  z.object({
    /** As issued: upper-case letters, digits and dashes. */
    licenseNumber: z.string(),
    licenseId: z.string(),
    reservedAt: StoredInstant,
    reservedBy: z.string(),
  }),
);
export type LicenseNumberReserved = EventOf<typeof LicenseNumberReserved>;

/**
 * The one office (دفتر) a license may have, reserved for one office id: an event of the
 * license's own stream `reservation-officeOfLicense-<licenseId>`. The stream's last reservation
 * names the office that holds the license.
 */
export const OfficeOfLicenseReserved = eventContract(
  'OfficeOfLicenseReserved',
  1,
  z.object({
    licenseId: z.string(),
    officeId: z.string(),
    reservedAt: StoredInstant,
    reservedBy: z.string(),
  }),
);
export type OfficeOfLicenseReserved = EventOf<typeof OfficeOfLicenseReserved>;
