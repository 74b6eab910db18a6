import { encodeWith } from '../../contracts/events/contract';
import { OfficeOfLicenseReserved } from '../../contracts/events/reservations';
import type { LicenseStatus } from '../licensing';
import type { EventStore } from '../shared/eventStore';
import { reserve } from '../shared/eventStore/reservation';
import { evolveOffice, initialOfficeState, officeStream, type OfficeEvent } from './office';
import { licenseHasOffice } from './office.decide';

/** The stream that holds a license's one office (دفتر): one per license, across every node. */
export const officeOfLicenseStream = (licenseId: string) =>
  `reservation-officeOfLicense-${licenseId}`;

/**
 * Reserves `licenseId` for the office `officeId`, or refuses with {@link licenseHasOffice}
 * while another office holds it. A holder keeps the license while it is registered under it
 * or not registered at all (its registration may yet be written); a holder registered under
 * another license reserved this one in a request that did not use it, and is replaced.
 */
export async function reserveOfficeOfLicense(
  store: EventStore,
  request: {
    licenseId: string;
    officeId: string;
    licenseStatus: LicenseStatus;
    now: Date;
    actor: string;
  },
): Promise<void> {
  const { licenseId, officeId } = request;
  const event: OfficeOfLicenseReserved = {
    type: 'OfficeOfLicenseReserved',
    licenseId,
    officeId,
    reservedAt: request.now.toISOString(),
    reservedBy: request.actor,
  };
  const outcome = await reserve(store, {
    stream: officeOfLicenseStream(licenseId),
    owner: officeId,
    event: encodeWith(OfficeOfLicenseReserved, event),
    holderOf: (recorded) => (recorded.data as OfficeOfLicenseReserved).officeId,
    mayStillUse: async (holder) => {
      const state = (await store.readStream(officeStream(holder)))
        .map((e) => e.data as OfficeEvent)
        .reduce(evolveOffice, initialOfficeState());
      return state.status === 'none' || state.licenseId === licenseId;
    },
  });
  if (!outcome.reserved) throw licenseHasOffice(request.licenseStatus);
}
