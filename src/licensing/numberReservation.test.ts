import { decodeWith } from '../../contracts/events/contract';
import { LicenseNumberReserved } from '../../contracts/events/reservations';
import { ValidationError } from '../shared/errors';
import { memoryEventStore, type EventStore } from '../shared/eventStore';
import { licenseStream, type LicenseEvent } from './license';
import { licenseNumberStream, reserveLicenseNumber } from './numberReservation';

const now = new Date('2026-11-29T08:00:00Z');
const number = 'PK-23-00042';

/** Writes license `id` as far as approved, then `more` (a decision or an issue). */
async function license(store: EventStore, id: string, ...more: LicenseEvent[]) {
  const at = now.toISOString();
  const events: LicenseEvent[] = [
    {
      type: 'LicenseApplied',
      licenseId: id,
      applicant: { kind: 'legal', legalId: '10380284790', name: 'Pishgaman Co.' },
      province: 'IR-23',
      officeKind: 'urban',
      location: { localityKind: 'city', locality: 'Tehran', address: 'Azadi St. 1' },
      contact: { phone: '02112345678' },
      appliedAt: at,
      recordedBy: 'wg',
    },
    {
      type: 'WorkingGroupDecided',
      licenseId: id,
      outcome: 'approved',
      approvals: 3,
      rejections: 0,
      decidedAt: at,
    },
    ...more,
  ];
  await store.append(
    licenseStream(id),
    events.map((e) => ({ type: e.type, data: e })),
    'no_stream',
  );
}
const issuedAs = (id: string, licenseNumber: string): LicenseEvent => ({
  type: 'LicenseIssued',
  licenseId: id,
  licenseNumber,
  validFrom: now.toISOString(),
  validUntil: '2031-11-28T20:30:00.000Z',
  issuedAt: now.toISOString(),
  issuedBy: 'cra',
});
const refused = (id: string): LicenseEvent => ({
  type: 'LicenseRefused',
  licenseId: id,
  reason: 'no budget',
  refusedAt: now.toISOString(),
  refusedBy: 'cra',
});

const reserveFor = (store: EventStore, licenseId: string) =>
  reserveLicenseNumber(store, { licenseNumber: number, licenseId, now, actor: 'cra' });
const holders = async (store: EventStore) =>
  (await store.readStream(licenseNumberStream(number))).map(
    (e) => (e.data as LicenseNumberReserved).licenseId,
  );

describe('reserving a license number (شماره پروانه) in its own stream', () => {
  let store: EventStore;
  beforeEach(async () => {
    store = memoryEventStore();
    await license(store, 'L-1');
    await license(store, 'L-2');
  });

  it('records who reserved the number for which license, as version 1 of its contract', async () => {
    await reserveFor(store, 'L-1');
    const [reserved] = await store.readStream(licenseNumberStream(number));
    expect(reserved).toMatchObject({
      type: 'LicenseNumberReserved',
      data: {
        type: 'LicenseNumberReserved',
        licenseNumber: number,
        licenseId: 'L-1',
        reservedAt: now.toISOString(),
        reservedBy: 'cra',
      },
      metadata: { schemaVersion: 1 },
    });
    expect(decodeWith(LicenseNumberReserved, reserved!.data, reserved!.metadata)).toEqual({
      version: 1,
      data: reserved!.data,
    });
  });

  it('after a crash between the reservation and the issue, lets the same license through and refuses another', async () => {
    await reserveFor(store, 'L-1');
    const refusal = await reserveFor(store, 'L-2').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ValidationError);
    expect(refusal).toMatchObject({
      message: 'License number in use',
      problems: [{ path: 'licenseNumber', message: `${number} is already used` }],
    });
    await expect(reserveFor(store, 'L-1')).resolves.toBeUndefined();
    expect(await holders(store)).toEqual(['L-1']);
  });

  it('refuses the number for good once its holder carries it', async () => {
    await license(store, 'L-3', issuedAs('L-3', number));
    await reserveFor(store, 'L-3');
    await expect(reserveFor(store, 'L-2')).rejects.toBeInstanceOf(ValidationError);
  });

  it.each([
    ['was issued with another number', (id: string) => issuedAs(id, 'PK-23-00043')],
    ['was refused', refused],
  ])('frees the number of a holder that %s after reserving it', async (_, then) => {
    await license(store, 'L-3');
    await reserveFor(store, 'L-3');
    await store.append(licenseStream('L-3'), [{ type: then('L-3').type, data: then('L-3') }], 1);
    await reserveFor(store, 'L-2');
    expect(await holders(store)).toEqual(['L-3', 'L-2']);
    await expect(reserveFor(store, 'L-1')).rejects.toBeInstanceOf(ValidationError);
  });
});
