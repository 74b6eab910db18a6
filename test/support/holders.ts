import request from 'supertest';
import { applicantKeys } from '../../src/applicants';
import type { TestApp } from './app';
import type { Actors } from './licensing';

const pdf = Buffer.from('%PDF-1.7\nholder\n%%EOF\n').toString('base64');

/** The applicant account id a national id signs up as on this app (its keyed hash). */
export const applicantIdOf = (t: TestApp, nationalId: string) =>
  applicantKeys(t.deps.secrets).applicantIdOf(nationalId);

let issued = 0;

/**
 * An online application walked through to an issued license, as an applicant and the
 * province's working group and the regulator do it over the API: draft for a company, every
 * document, submit, forward, three votes, issue. Returns the license id.
 */
export async function onlineLicense(
  t: TestApp,
  a: Actors,
  applicant: string,
  options: { province?: string; validityYears?: number; name?: string } = {},
): Promise<string> {
  const province = options.province ?? 'IR-23';
  const post = (path: string, auth: string, body: object = {}) =>
    request(t.app).post(path).set('Authorization', auth).send(body);
  const drafted = await post('/v1/applications', applicant, {
    holder: { kind: 'legal', legalId: '10380284790', name: options.name ?? 'Holder Co.' },
    province,
    officeKind: 'urban',
    location: { localityKind: 'city', locality: 'Somewhere', address: 'Holder St. 1' },
    contact: { phone: '02112345678' },
  }).expect(201);
  const id = drafted.body.applicationId as string;
  for (const kind of ['identity', 'premises', 'clearance', 'degree', 'articles'])
    await request(t.app)
      .put(`/v1/applications/${id}/documents/${kind}`)
      .set('Authorization', applicant)
      .send({ contentType: 'application/pdf', contentBase64: pdf })
      .expect(200);
  await post(`/v1/applications/${id}/submit`, applicant).expect(200);
  const forwarded = await post(`/v1/applications/${id}/forward`, a.regulator).expect(200);
  const licenseId = forwarded.body.licenseId as string;
  for (const wg of [a.wg.areo, a.wg.ict, a.wg.governorate])
    await post(`/v1/licenses/${licenseId}/votes`, wg, { vote: 'approve', reason: 'ok' }).expect(
      200,
    );
  issued += 1;
  await post(`/v1/licenses/${licenseId}/issue`, a.regulator, {
    licenseNumber: `PK-HOLD-${province.slice(3)}-${String(issued).padStart(4, '0')}`,
    validityYears: options.validityYears ?? 1,
  }).expect(200);
  return licenseId;
}
