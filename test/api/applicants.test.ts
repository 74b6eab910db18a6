import request from 'supertest';
import { httpSms, memoryDocuments } from '../../src/applicants';
import { createLogger } from '../../src/shared/logger';
import { startTestApp, type TestApp } from '../support/app';
import { actors, eventsAfter, ids, type Actors } from '../support/licensing';
import { startSmsStandIn, type SmsStandIn } from '../standin/sms';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR-made-up'),
]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-made-up')]);
const b64 = (b: Buffer) => b.toString('base64');

const person = { nationalId: ids.nationalId, mobile: '09121234567' };
const other = { nationalId: '0012345679', mobile: '09351112233' };

const draftOf = (nationalId: string, province = 'IR-10') => ({
  holder: { kind: 'natural', nationalId, name: 'Zahra Ahmadi' },
  province,
  officeKind: 'rural',
  location: { localityKind: 'village', locality: 'Abyaneh', address: 'Main Sq. 1' },
  contact: { phone: '03112345678' },
});

describe('applicants online: sign up by SMS code, apply with documents, returned, resubmitted, voted, issued, told', () => {
  let sms: SmsStandIn;
  let t: TestApp;
  let a: Actors;
  const documents = memoryDocuments();

  beforeAll(async () => {
    sms = await startSmsStandIn();
    t = await startTestApp({
      deps: {
        sms: httpSms({ url: sms.url, apiKey: sms.key }, createLogger('silent')),
        documents,
        applicants: { sessionHours: 12, codesPerHour: 3, documentMaxBytes: 4096 },
      },
    });
    a = await actors(t, 'IR-10');
  }, 30_000);
  afterAll(async () => {
    await t.close();
    await sms.stop();
  });

  const post = (path: string, auth: string | undefined, body: object = {}) => {
    const r = request(t.app).post(path);
    return (auth ? r.set('Authorization', auth) : r).send(body);
  };
  const put = (path: string, auth: string, body: object) =>
    request(t.app).put(path).set('Authorization', auth).send(body);
  const get = (path: string, auth: string) => request(t.app).get(path).set('Authorization', auth);

  /** Asks for a code and signs in with it: the bearer header. */
  async function signIn(who: { nationalId: string; mobile: string }) {
    const asked = await post('/v1/public/applicants/codes', undefined, who).expect(202);
    const code = await sms.lastCodeTo(who.mobile);
    const session = await post('/v1/public/applicants/sessions', undefined, {
      requestId: asked.body.requestId,
      nationalId: who.nationalId,
      code,
    }).expect(201);
    return `Bearer ${session.body.token as string}`;
  }

  /** Runs a bad request and checks it answered problem+json and stored nothing. */
  async function refused(call: () => request.Test, status: number) {
    const head = await t.store.headPosition();
    const blobs = documents.size();
    const res = await call().expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await t.store.headPosition()).toBe(head);
    expect(documents.size()).toBe(blobs);
    return res.body as { code: string; detail: string; errors?: Array<{ path: string }> };
  }

  let applicant: string;
  let applicationId: string;

  it('a code goes out by SMS (Persian digits accepted); a wrong code is refused and stores nothing; the right one opens a session once', async () => {
    const asked = await post('/v1/public/applicants/codes', undefined, {
      nationalId: person.nationalId,
      mobile: '۰۹۱۲۱۲۳۴۵۶۷',
    }).expect(202);
    const code = await sms.lastCodeTo(person.mobile);
    const wrong = code === '000000' ? '111111' : '000000';
    const body = { requestId: asked.body.requestId as string, nationalId: person.nationalId };
    const bad = await refused(
      () => post('/v1/public/applicants/sessions', undefined, { ...body, code: wrong }),
      400,
    );
    expect(bad.detail).toBe('The code is wrong');
    const before = await t.store.headPosition();
    const session = await post('/v1/public/applicants/sessions', undefined, {
      ...body,
      code,
    }).expect(201);
    expect(await eventsAfter(t, before)).toEqual([
      'applicantCode ApplicantCodeUsed',
      'applicant ApplicantSignedUp',
      'credential CredentialIssued',
    ]);
    applicant = `Bearer ${session.body.token as string}`;
    const again = await refused(
      () => post('/v1/public/applicants/sessions', undefined, { ...body, code }),
      400,
    );
    expect(again.detail).toMatch(/expired or was used/);
    const me = await get('/v1/me', applicant).expect(200);
    expect(me.body).toMatchObject({ role: 'applicant' });
  });

  it('an expired code is refused; asking too often for one national id is 429', async () => {
    const asked = await post('/v1/public/applicants/codes', undefined, other).expect(202);
    const code = await sms.lastCodeTo(other.mobile);
    t.clock.advance(5 * 60_000);
    const res = await refused(
      () =>
        post('/v1/public/applicants/sessions', undefined, {
          requestId: asked.body.requestId,
          nationalId: other.nationalId,
          code,
        }),
      400,
    );
    expect(res.detail).toMatch(/expired/);
    await post('/v1/public/applicants/codes', undefined, other).expect(202);
    await post('/v1/public/applicants/codes', undefined, other).expect(202);
    const limited = await refused(() => post('/v1/public/applicants/codes', undefined, other), 429);
    expect(limited.code).toBe('rate-limited');
  });

  it('drafts, attaches documents checked by content and size, submits; bad input is problem+json and stores nothing', async () => {
    const province = await refused(
      () => post('/v1/applications', applicant, draftOf(person.nationalId, 'IR-23')),
      400,
    );
    expect(province.errors).toEqual([
      { path: 'province', message: 'applications for rural offices are not open in IR-23' },
    ]);
    const someoneElse = await refused(
      () => post('/v1/applications', applicant, draftOf(other.nationalId)),
      400,
    );
    expect(someoneElse.errors?.map((e) => e.path)).toEqual(['holder.nationalId']);

    const drafted = await post('/v1/applications', applicant, draftOf(person.nationalId)).expect(
      201,
    );
    applicationId = drafted.body.applicationId as string;
    expect(drafted.body).toMatchObject({
      status: 'draft',
      requiredDocuments: ['identity', 'premises', 'clearance'],
    });
    const doc = (kind: string) => `/v1/applications/${applicationId}/documents/${kind}`;

    const lying = await refused(
      () =>
        put(doc('identity'), applicant, {
          contentType: 'application/pdf',
          contentBase64: b64(png),
        }),
      400,
    );
    expect(lying.detail).toBe('The document is not of its declared type');
    const big = await refused(
      () =>
        put(doc('identity'), applicant, {
          contentType: 'application/pdf',
          contentBase64: b64(Buffer.concat([pdf, Buffer.alloc(5000)])),
        }),
      400,
    );
    expect(big.detail).toBe('The document is too large');

    await put(doc('identity'), applicant, {
      contentType: 'application/pdf',
      contentBase64: b64(pdf),
    }).expect(200);
    await put(doc('premises'), applicant, {
      contentType: 'image/png',
      contentBase64: b64(png),
    }).expect(200);
    const missing = await refused(
      () => post(`/v1/applications/${applicationId}/submit`, applicant),
      400,
    );
    expect(missing.errors).toEqual([
      { path: 'documents.clearance', message: 'required for this office kind' },
    ]);
    await put(doc('clearance'), applicant, {
      contentType: 'image/jpeg',
      contentBase64: b64(jpeg),
    }).expect(200);
    const before = await t.store.headPosition();
    const submitted = await post(`/v1/applications/${applicationId}/submit`, applicant).expect(200);
    expect(submitted.body.status).toBe('submitted');
    const events = await t.store.readAll({ after: before, limit: 10 });
    expect(events.map((e) => e.type)).toEqual(['ApplicationSubmitted']);
    expect((events[0]!.data as { documents: unknown[] }).documents).toHaveLength(3);
  });

  it("another applicant's application and documents do not exist for them (404); the working group sees and reads them, each read audited", async () => {
    const stranger = await signIn({ nationalId: '1234567891', mobile: '09351112244' });
    await get(`/v1/applications/${applicationId}`, stranger).expect(404);
    await get(`/v1/applications/${applicationId}/documents/identity`, stranger).expect(404);
    await put(`/v1/applications/${applicationId}/documents/identity`, stranger, {
      contentType: 'application/pdf',
      contentBase64: b64(pdf),
    }).expect(404);
    const listed = await get('/v1/applications', stranger).expect(200);
    expect(listed.body.items).toEqual([]);
    const otherProvince = (
      await t.tokenFor('working_group', { province: 'IR-23', memberBody: 'ict' })
    ).authorization;
    await get(`/v1/applications/${applicationId}`, otherProvince).expect(404);
    await get(`/v1/applications/${applicationId}/documents/identity`, otherProvince).expect(404);

    const before = await t.store.headPosition();
    const read = await get(`/v1/applications/${applicationId}/documents/identity`, a.wg.ict).expect(
      200,
    );
    expect(read.headers['content-type']).toMatch(/^application\/pdf/);
    expect(Buffer.from(read.body as Buffer).equals(pdf)).toBe(true);
    const own = await get(`/v1/applications/${applicationId}/documents/premises`, applicant)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((own.body as Buffer).equals(png)).toBe(true);
    const audit = await t.store.readAll({ after: before, limit: 10 });
    expect(audit.map((e) => [e.type, (e.data as { role: string }).role])).toEqual([
      ['ApplicationDocumentRead', 'working_group'],
      ['ApplicationDocumentRead', 'applicant'],
    ]);
  });

  it('returned for completion with a reason, completed, resubmitted, forwarded, three votes, issued, and the applicant is told by SMS', async () => {
    const returned = await post(`/v1/applications/${applicationId}/return`, a.wg.areo, {
      reason: 'The police clearance is older than three months',
    }).expect(200);
    expect(returned.body).toMatchObject({
      status: 'returned',
      returnReason: 'The police clearance is older than three months',
    });
    await post(`/v1/applications/${applicationId}/forward`, a.wg.areo).expect(409);
    const seen = await get(`/v1/applications/${applicationId}`, applicant).expect(200);
    expect(seen.body.returnReason).toBe('The police clearance is older than three months');
    const fresh = Buffer.concat([jpeg, Buffer.from('fresh')]);
    await put(`/v1/applications/${applicationId}/documents/clearance`, applicant, {
      contentType: 'image/jpeg',
      contentBase64: b64(fresh),
    }).expect(200);
    await post(`/v1/applications/${applicationId}/submit`, applicant).expect(200);

    const before = await t.store.headPosition();
    const forwarded = await post(`/v1/applications/${applicationId}/forward`, a.wg.areo).expect(
      200,
    );
    expect(await eventsAfter(t, before)).toEqual([
      'license LicenseApplied',
      'application ApplicationForwarded',
    ]);
    const licenseId = forwarded.body.licenseId as string;
    expect(forwarded.body).toMatchObject({ status: 'forwarded', licenseStatus: 'under_review' });

    for (const wg of [a.wg.areo, a.wg.ict, a.wg.governorate])
      await post(`/v1/licenses/${licenseId}/votes`, wg, {
        vote: 'approve',
        reason: 'complete',
      }).expect(200);
    const issued = await post(`/v1/licenses/${licenseId}/issue`, a.regulator, {
      licenseNumber: 'PK-ONLINE-1',
    }).expect(200);
    expect(issued.body).toMatchObject({
      status: 'active',
      holder: { kind: 'natural', nationalId: person.nationalId },
    });
    const texts = (await sms.messagesTo(person.mobile)).map((m) => m.text);
    expect(texts.at(-1)).toBe('پیشخوان: پروانه شما صادر شد.');
    const after = await get(`/v1/applications/${applicationId}`, applicant).expect(200);
    expect(after.body).toMatchObject({
      status: 'forwarded',
      licenseStatus: 'active',
      notified: [{ outcome: 'issued' }],
    });
  });

  it('no code and no clear national id reaches a log', () => {
    const text = t.logs.join('\n');
    expect(text).not.toContain(person.nationalId);
    expect(text).not.toContain(person.mobile);
    expect(text).not.toMatch(/کد ورود/);
  });
});
