import request from 'supertest';
import type { TestApp } from './app';

/** Valid Iranian identifiers for fixtures (checksums hold). */
export const ids = {
  legalA: '10380284790',
  legalB: '14007650912',
  nationalId: '0499370899',
  iban: 'IR820540102680020817909002',
  postalCode: '1345678901',
};

export const application = (province = 'IR-23') => ({
  applicant: { kind: 'legal', legalId: ids.legalA, name: 'Pishgaman Co.' },
  province,
  officeKind: 'urban',
  location: { localityKind: 'city', locality: 'Tehran', address: 'Azadi St. 1' },
  contact: { phone: '02112345678' },
});

export const officeBody = (officeId: string, licenseId: string) => ({
  officeId,
  licenseId,
  nameFa: 'دفتر پیشخوان آزادی',
  nameEn: 'Azadi Pishkhan Office',
  locality: { kind: 'city', name: 'Tehran' },
  address: 'Azadi St. 1',
  postalCode: ids.postalCode,
  phone: '02112345678',
  iban: ids.iban,
});

/** The events appended after `position`, as `stream type` lines, for asserting exactly what a call recorded. */
export async function eventsAfter(t: TestApp, position: number): Promise<string[]> {
  const events = await t.store.readAll({ after: position, limit: 1000 });
  return events.map((e) => `${e.stream.split('-')[0]} ${e.type}`);
}

export interface Actors {
  regulator: string;
  areo: string;
  wg: { areo: string; ict: string; governorate: string };
}

export async function actors(t: TestApp, province = 'IR-23'): Promise<Actors> {
  const auth = async (...args: Parameters<TestApp['tokenFor']>) =>
    (await t.tokenFor(...args)).authorization;
  return {
    regulator: await auth('regulator'),
    areo: await auth('areo'),
    wg: {
      areo: await auth('working_group', { province, memberBody: 'areo' }),
      ict: await auth('working_group', { province, memberBody: 'ict' }),
      governorate: await auth('working_group', { province, memberBody: 'governorate' }),
    },
  };
}

/** The agency `traffic` with one service, `vehicle-transfer`, registered by the regulator. */
export async function registerTrafficService(t: TestApp, regulator: string): Promise<void> {
  await request(t.app)
    .post('/v1/agencies')
    .set('Authorization', regulator)
    .send({
      agencyId: 'traffic',
      nameFa: 'پلیس راهور',
      nameEn: 'Traffic Police',
      legalId: ids.legalA,
      treasuryIban: ids.iban,
      fees: [{ feeCode: 'transfer', nameFa: 'نقل و انتقال', depositId: '300000000000123' }],
    })
    .expect(201);
  await request(t.app)
    .post('/v1/services')
    .set('Authorization', regulator)
    .send({
      serviceCode: 'vehicle-transfer',
      agencyId: 'traffic',
      nameFa: 'نقل و انتقال',
      nameEn: 'transfer',
      conditions: '',
      customerData: 'none',
    })
    .expect(201);
}

/** An agency, two services and a national catalogue for the half-year of `now` listing both (and a third). */
export async function publishCatalogue(
  t: TestApp,
  a: Actors,
  period: string,
  offerBy: string,
): Promise<void> {
  await request(t.app)
    .post('/v1/agencies')
    .set('Authorization', a.regulator)
    .send({
      agencyId: 'traffic',
      nameFa: 'پلیس راهور',
      nameEn: 'Traffic Police',
      legalId: ids.legalA,
      treasuryIban: ids.iban,
      fees: [],
    })
    .expect(201);
  for (const code of ['vehicle-transfer', 'driving-licence', 'plate-change', 'unlisted']) {
    await request(t.app)
      .post('/v1/services')
      .set('Authorization', a.regulator)
      .send({
        serviceCode: code,
        agencyId: 'traffic',
        nameFa: code,
        nameEn: code,
        conditions: '',
        customerData: 'none',
      })
      .expect(201);
  }
  const entries = ['vehicle-transfer', 'driving-licence', 'plate-change'].map((serviceCode) => ({
    serviceCode,
    conditions: '',
    offerBy,
  }));
  await request(t.app)
    .post('/v1/catalogues')
    .set('Authorization', a.areo)
    .send({ scope: 'national', period, entries })
    .expect(201);
}

/** Drives a fresh application over HTTP to `approved`, the three votes 2:1. */
export async function approvedApplication(
  t: TestApp,
  a: Actors,
  province = 'IR-23',
): Promise<string> {
  const created = await request(t.app)
    .post('/v1/licenses')
    .set('Authorization', a.regulator)
    .send(application(province))
    .expect(201);
  const id = created.body.licenseId as string;
  await request(t.app)
    .post(`/v1/licenses/${id}/votes`)
    .set('Authorization', a.wg.areo)
    .send({ vote: 'approve', reason: 'complete file' })
    .expect(200);
  await request(t.app)
    .post(`/v1/licenses/${id}/votes`)
    .set('Authorization', a.wg.ict)
    .send({ vote: 'approve', reason: 'coverage ok' })
    .expect(200);
  await request(t.app)
    .post(`/v1/licenses/${id}/votes`)
    .set('Authorization', a.wg.governorate)
    .send({ vote: 'reject', reason: 'too close to another office' })
    .expect(200);
  return id;
}

let numbers = 0;
export async function issuedLicense(
  t: TestApp,
  a: Actors,
  validityYears = 5,
  province = 'IR-23',
): Promise<string> {
  const id = await approvedApplication(t, a, province);
  numbers += 1;
  await request(t.app)
    .post(`/v1/licenses/${id}/issue`)
    .set('Authorization', a.regulator)
    .send({
      licenseNumber: `PK-${province.slice(3)}-${String(numbers).padStart(5, '0')}`,
      validityYears,
    })
    .expect(200);
  return id;
}
