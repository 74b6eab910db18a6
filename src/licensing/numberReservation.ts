import { encodeWith } from '../../contracts/events/contract';
import { LicenseNumberReserved } from '../../contracts/events/reservations';
import type { EventStore } from '../shared/eventStore';
import { reserve } from '../shared/eventStore/reservation';
import { evolveLicense, initialLicenseState, licenseStream, type LicenseEvent } from './license';
import { licenseNumberInUse } from './license.decide';

/** The stream that holds a license number (شماره پروانه): one per number, across every node. */
export const licenseNumberStream = (licenseNumber: string) =>
  `reservation-licenseNumber-${licenseNumber}`;

/**
 * Reserves `licenseNumber` for `licenseId`, or refuses with {@link licenseNumberInUse} while
 * another license holds it. A holder keeps the number while it carries it or is still
 * `approved` (its issue may yet be written); any other holder reserved it in a request that
 * did not issue it, and is replaced.
 */
export async function reserveLicenseNumber(
  store: EventStore,
  request: { licenseNumber: string; licenseId: string; now: Date; actor: string },
): Promise<void> {
  const { licenseNumber, licenseId } = request;
  const event: LicenseNumberReserved = {
    type: 'LicenseNumberReserved',
    licenseNumber,
    licenseId,
    reservedAt: request.now.toISOString(),
    reservedBy: request.actor,
  };
  const outcome = await reserve(store, {
    stream: licenseNumberStream(licenseNumber),
    owner: licenseId,
    event: encodeWith(LicenseNumberReserved, event),
    holderOf: (recorded) => (recorded.data as LicenseNumberReserved).licenseId,
    mayStillUse: async (holder) => {
      const state = (await store.readStream(licenseStream(holder)))
        .map((e) => e.data as LicenseEvent)
        .reduce(evolveLicense, initialLicenseState());
      if ('terms' in state) return state.terms.licenseNumber === licenseNumber;
      return state.status === 'approved';
    },
  });
  if (!outcome.reserved) throw licenseNumberInUse(licenseNumber);
}
