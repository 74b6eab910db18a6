import request from 'supertest';
import { applicantKeys } from '../../src/applicants';
import type { TestApp } from './app';
import type { Actors } from './licensing';

/** A made-up PDF (its magic numbers are right) for online applications. */
export const onlinePdf = Buffer.from(`%PDF-1.7\nmatrix\n%%EOF\n`).toString('base64');

/** The applicant account id a national id signs up as on this app (its keyed hash). */
export const applicantIdOf = (t: TestApp, nationalId: string) =>
  applicantKeys(t.deps.secrets).applicantIdOf(nationalId);

/**
 * Runs a request that must be refused: problem+json with this status, and the log did not
 * move. Answers the problem.
 */
export async function refusedIn(t: TestApp, call: () => request.Test, status: number) {
  const head = await t.store.headPosition();
  const res = await call().expect(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(await t.store.headPosition()).toBe(head);
  return res.body as { code: string; detail: string; errors?: Array<{ path: string }> };
}

/** An online application for an urban office of a company, drafted with every document and submitted. */
export async function submittedOnlineApplication(
  t: TestApp,
  applicant: string,
  province: string,
  name: string,
): Promise<string> {
  const drafted = await request(t.app)
    .post('/v1/applications')
    .set('Authorization', applicant)
    .send({
      holder: { kind: 'legal', legalId: '10380284790', name },
      province,
      officeKind: 'urban',
      location: { localityKind: 'city', locality: 'Somewhere', address: 'Online St. 1' },
      contact: { phone: '02112345678' },
    })
    .expect(201);
  const id = drafted.body.applicationId as string;
  for (const kind of ['identity', 'premises', 'clearance', 'degree', 'articles'])
    await request(t.app)
      .put(`/v1/applications/${id}/documents/${kind}`)
      .set('Authorization', applicant)
      .send({ contentType: 'application/pdf', contentBase64: onlinePdf })
      .expect(200);
  await request(t.app)
    .post(`/v1/applications/${id}/submit`)
    .set('Authorization', applicant)
    .send({})
    .expect(200);
  return id;
}

let issued = 0;

/**
 * An online application walked through to an issued license, as an applicant, the province's
 * working group and the regulator do it over the API: submitted with its documents, forwarded,
 * three votes, issued. Returns the license id.
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
  const id = await submittedOnlineApplication(t, applicant, province, options.name ?? 'Holder Co.');
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
