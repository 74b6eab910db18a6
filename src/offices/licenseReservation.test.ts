import { decodeWith } from '../../contracts/events/contract';
import { OfficeOfLicenseReserved } from '../../contracts/events/reservations';
import { IllegalStateError } from '../shared/errors';
import { memoryEventStore, type EventStore } from '../shared/eventStore';
import { officeOfLicenseStream, reserveOfficeOfLicense } from './licenseReservation';
import { officeStream, type OfficeEvent } from './office';

const now = new Date('2026-11-29T08:00:00Z');

const registered = (officeId: string, licenseId: string): OfficeEvent => ({
  type: 'OfficeRegistered',
  officeId,
  licenseId,
  province: 'IR-23',
  kind: 'urban',
  nameFa: 'دفتر آزادی',
  nameEn: 'Azadi',
  locality: { kind: 'city', name: 'Tehran' },
  address: 'Azadi St. 1',
  postalCode: '1345678901',
  phone: '02112345678',
  iban: 'IR820540102680020817909002',
  registeredAt: now.toISOString(),
  registeredBy: 'cra',
});
const register = (store: EventStore, officeId: string, licenseId: string) =>
  store.append(
    officeStream(officeId),
    [{ type: 'OfficeRegistered', data: registered(officeId, licenseId) }],
    'no_stream',
  );

const reserveFor = (store: EventStore, officeId: string, licenseId = 'L-1') =>
  reserveOfficeOfLicense(store, {
    licenseId,
    officeId,
    licenseStatus: 'active',
    now,
    actor: 'cra',
  });
const holders = async (store: EventStore, licenseId = 'L-1') =>
  (await store.readStream(officeOfLicenseStream(licenseId))).map(
    (e) => (e.data as OfficeOfLicenseReserved).officeId,
  );

describe("reserving a license's one office (دفتر) in the license's own stream", () => {
  let store: EventStore;
  beforeEach(() => {
    store = memoryEventStore();
  });

  it('records which office reserved the license, as version 1 of its contract', async () => {
    await reserveFor(store, 'OF-1');
    const [reserved] = await store.readStream(officeOfLicenseStream('L-1'));
    expect(reserved).toMatchObject({
      type: 'OfficeOfLicenseReserved',
      data: {
        licenseId: 'L-1',
        officeId: 'OF-1',
        reservedAt: now.toISOString(),
        reservedBy: 'cra',
      },
      metadata: { schemaVersion: 1 },
    });
    expect(decodeWith(OfficeOfLicenseReserved, reserved!.data, reserved!.metadata).data).toEqual(
      reserved!.data,
    );
  });

  it('after a crash between the reservation and the registration, lets the same office through and refuses another with today’s 409 answer', async () => {
    await reserveFor(store, 'OF-1');
    const refusal = await reserveFor(store, 'OF-2').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(IllegalStateError);
    expect(refusal).toMatchObject({
      message: 'The license already has an office',
      details: { currentState: 'active' },
    });
    await expect(reserveFor(store, 'OF-1')).resolves.toBeUndefined();
    expect(await holders(store)).toEqual(['OF-1']);
  });

  it('keeps the license for the office registered under it', async () => {
    await reserveFor(store, 'OF-1');
    await register(store, 'OF-1', 'L-1');
    await expect(reserveFor(store, 'OF-2')).rejects.toBeInstanceOf(IllegalStateError);
  });

  it('frees the license of a holder that was registered under another license after reserving it', async () => {
    await reserveFor(store, 'OF-1', 'L-1');
    await reserveFor(store, 'OF-1', 'L-2');
    await register(store, 'OF-1', 'L-2');
    await reserveFor(store, 'OF-2', 'L-1');
    expect(await holders(store, 'L-1')).toEqual(['OF-1', 'OF-2']);
    await expect(reserveFor(store, 'OF-3', 'L-1')).rejects.toBeInstanceOf(IllegalStateError);
  });
});
