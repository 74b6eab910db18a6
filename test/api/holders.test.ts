import request from 'supertest';
import { validityEnd } from '../../src/licensing';
import { startTestApp, type TestApp } from '../support/app';
import { onlineLicense, refusedIn } from '../support/holders';
import { actors, eventsAfter, ids, type Actors } from '../support/licensing';
import { sentSms } from '../support/tenants';

const dayMs = 86_400_000;
const holder = { nationalId: ids.nationalId, mobile: '09121234567' };
const receiver = { nationalId: '0012345679', mobile: '09351112233' };
const stranger = { nationalId: '1234567891', mobile: '09351112244' };

describe('license holders act on their license: renewal, transfer, cancellation, change of address', () => {
  let t: TestApp;
  let a: Actors;
  const sms = sentSms();
  const auth: Record<'holder' | 'receiver' | 'stranger', string> = {
    holder: '',
    receiver: '',
    stranger: '',
  };
  let licenseId: string;

  const post = (path: string, as: string, body: object = {}) =>
    request(t.app).post(path).set('Authorization', as).send(body);
  const get = (path: string, as: string) => request(t.app).get(path).set('Authorization', as);

  async function signIn(who: { nationalId: string; mobile: string }) {
    const asked = await request(t.app).post('/v1/public/applicants/codes').send(who).expect(202);
    const code = /(\d{6})/.exec(sms.sent.filter((m) => m.to === who.mobile).at(-1)!.text)![1];
    const session = await request(t.app)
      .post('/v1/public/applicants/sessions')
      .send({ requestId: asked.body.requestId, nationalId: who.nationalId, code })
      .expect(201);
    return `Bearer ${session.body.token as string}`;
  }

  const refused = (call: () => request.Test, status: number) => refusedIn(t, call, status);

  const transferTo = (receiverNationalId: string, to: object) => ({
    kind: 'transfer',
    receiverNationalId,
    to,
    reason: 'sold',
  });
  const fileOn = (id: string, as: string, body: object) =>
    post(`/v1/holder/licenses/${id}/requests`, as, body);

  beforeAll(async () => {
    t = await startTestApp({
      deps: {
        sms,
        applicants: { sessionHours: 24 * 400, codesPerHour: 100, documentMaxBytes: 4096 },
      },
    });
    a = await actors(t, 'IR-23');
    auth.holder = await signIn(holder);
    auth.receiver = await signIn(receiver);
    auth.stranger = await signIn(stranger);
    licenseId = await onlineLicense(t, a, auth.holder);
  }, 60_000);
  afterAll(() => t.close());

  it('the holder sees their license; another applicant sees nothing of it (404)', async () => {
    const mine = await get('/v1/holder/licenses', auth.holder).expect(200);
    expect(mine.body.items.map((l: { licenseId: string }) => l.licenseId)).toEqual([licenseId]);
    const theirs = await get('/v1/holder/licenses', auth.stranger).expect(200);
    expect(theirs.body.items).toEqual([]);
    await get(`/v1/holder/licenses/${licenseId}`, auth.stranger).expect(404);
    await refused(
      () => fileOn(licenseId, auth.stranger, { kind: 'address_change', address: 'Mine St. 1' }),
      404,
    );
    await get(`/v1/licenses/${licenseId}`, auth.holder).expect(403);
  });

  it("works through the console's cookie session too: reads with the cookie, files only with the CSRF token", async () => {
    const opened = await request(t.app)
      .post('/v1/session')
      .send({ token: auth.holder.slice('Bearer '.length) })
      .expect(201);
    expect(opened.body).toMatchObject({ role: 'applicant' });
    const cookie = String(opened.headers['set-cookie']).split(';')[0]!;
    const csrf = opened.body.csrfToken as string;
    const mine = await request(t.app).get('/v1/holder/licenses').set('Cookie', cookie).expect(200);
    expect(mine.body.items.map((l: { licenseId: string }) => l.licenseId)).toEqual([licenseId]);
    await request(t.app).get(`/v1/holder/licenses/${licenseId}`).set('Cookie', cookie).expect(200);
    const change = { kind: 'address_change', address: 'Cookie Sq. 2' };
    const file = () =>
      request(t.app)
        .post(`/v1/holder/licenses/${licenseId}/requests`)
        .set('Cookie', cookie)
        .send(change);
    await refused(file, 403);
    const filed = await file().set('X-CSRF-Token', csrf).expect(201);
    expect(filed.body).toMatchObject({ kind: 'address_change', status: 'pending', licenseId });
    await post(`/v1/holder-requests/${filed.body.requestId as string}/reject`, a.regulator, {
      reason: 'no proof of the new address',
    }).expect(200);
    await request(t.app).delete('/v1/session').set('Cookie', cookie).set('X-CSRF-Token', csrf);
    await request(t.app).get('/v1/holder/licenses').set('Cookie', cookie).expect(401);
  });

  it('renewal asked too early is refused (409, nothing stored); at 80 days before expiry it is filed, approved, and expiry moves a year', async () => {
    const early = await refused(
      () => fileOn(licenseId, auth.holder, { kind: 'renewal', validityYears: 1 }),
      409,
    );
    expect(early.detail).toMatch(/from 90 days before expiry/);
    const before = (await get(`/v1/holder/licenses/${licenseId}`, auth.holder).expect(200)).body;
    const validUntil = before.validUntil.iso as string;
    t.clock.set(new Date(new Date(validUntil).getTime() - 80 * dayMs));
    a = await actors(t, 'IR-23');

    const filed = await fileOn(licenseId, auth.holder, {
      kind: 'renewal',
      validityYears: 1,
    }).expect(201);
    expect(filed.body).toMatchObject({ kind: 'renewal', status: 'pending', licenseId });
    const requestId = filed.body.requestId as string;
    await refused(() => fileOn(licenseId, auth.holder, { kind: 'renewal', validityYears: 1 }), 409);
    await get(`/v1/holder-requests/${requestId}`, auth.stranger).expect(404);
    await refused(
      () => post(`/v1/holder-requests/${requestId}/approve`, auth.holder, { reason: 'x' }),
      403,
    );

    const queue = await get('/v1/holder-requests?status=pending', a.regulator).expect(200);
    expect(queue.body.items.map((r: { requestId: string }) => r.requestId)).toEqual([requestId]);

    const head = await t.store.headPosition();
    const approved = await post(`/v1/holder-requests/${requestId}/approve`, a.regulator, {
      reason: 'fees paid',
    }).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', decision: { outcome: 'approved' } });
    expect(await eventsAfter(t, head)).toEqual([
      'holderRequest HolderRequestDecided',
      'license LicenseRenewed',
    ]);
    const after = (await get(`/v1/holder/licenses/${licenseId}`, auth.holder).expect(200)).body;
    expect(after.validUntil.iso).toBe(validityEnd(new Date(validUntil), 1).toISOString());
    await refused(
      () => post(`/v1/holder-requests/${requestId}/approve`, a.regulator, { reason: 'again' }),
      409,
    );
    const empty = await get('/v1/holder-requests?status=pending', a.regulator).expect(200);
    expect(empty.body.items).toEqual([]);
  });

  it('bad input is problem+json and stores nothing', async () => {
    const bad = async (body: object, path: string) => {
      const res = await refused(() => fileOn(licenseId, auth.holder, body), 400);
      expect(res.errors?.map((e) => e.path)).toContain(path);
    };
    await bad({ kind: 'renewal', validityYears: 0 }, 'validityYears');
    await bad({ kind: 'address_change', address: '' }, 'address');
    await bad({ kind: 'merge' }, 'kind');
    await bad(
      transferTo('1234567890', { kind: 'legal', legalId: ids.legalB, name: 'X' }),
      'receiverNationalId',
    );
    await bad(
      transferTo(holder.nationalId, { kind: 'legal', legalId: ids.legalB, name: 'X' }),
      'receiverNationalId',
    );
    await bad(
      transferTo(receiver.nationalId, {
        kind: 'natural',
        nationalId: receiver.nationalId,
        name: 'X',
      }),
      'to.kind',
    );
    await refused(
      () => post(`/v1/holder-requests/${crypto.randomUUID()}/approve`, a.regulator, {}),
      400,
    );
  });

  it('a transfer waits for the receiver, who accepts through their own session; approved, the new holder sees the license and the old one gets 404', async () => {
    const filed = await fileOn(licenseId, auth.holder, {
      kind: 'transfer',
      receiverNationalId: receiver.nationalId,
      to: { kind: 'legal', legalId: ids.legalB, name: 'Receiver Co.' },
      reason: 'sold to the receiver',
    }).expect(201);
    expect(filed.body.status).toBe('awaiting_receiver');
    expect(JSON.stringify(filed.body)).not.toContain(receiver.nationalId);
    const requestId = filed.body.requestId as string;
    const stored = (await t.store.readStream(`holderRequest-${requestId}`))[0]!;
    expect(JSON.stringify(stored.data)).not.toContain(receiver.nationalId);

    const early = await refused(
      () => post(`/v1/holder-requests/${requestId}/approve`, a.regulator, { reason: 'ok' }),
      409,
    );
    expect(early.detail).toMatch(/not accepted/);
    await refused(() => post(`/v1/holder-requests/${requestId}/accept`, auth.stranger), 404);
    await refused(() => post(`/v1/holder-requests/${requestId}/accept`, auth.holder), 404);
    const inbox = await get('/v1/holder-requests', auth.receiver).expect(200);
    expect(inbox.body.items.map((r: { requestId: string }) => r.requestId)).toEqual([requestId]);
    const accepted = await post(`/v1/holder-requests/${requestId}/accept`, auth.receiver).expect(
      200,
    );
    expect(accepted.body.status).toBe('pending');
    await refused(() => post(`/v1/holder-requests/${requestId}/accept`, auth.receiver), 409);

    const head = await t.store.headPosition();
    await post(`/v1/holder-requests/${requestId}/approve`, a.regulator, {
      reason: 'documents checked',
    }).expect(200);
    expect(await eventsAfter(t, head)).toEqual([
      'holderRequest HolderRequestDecided',
      'license LicenseTransferred',
    ]);
    const seen = await get(`/v1/holder/licenses/${licenseId}`, auth.receiver).expect(200);
    expect(seen.body.holder).toEqual({ kind: 'legal', legalId: ids.legalB, name: 'Receiver Co.' });
    await get(`/v1/holder/licenses/${licenseId}`, auth.holder).expect(404);
    await refused(
      () => fileOn(licenseId, auth.holder, { kind: 'cancellation', reason: 'not mine' }),
      404,
    );
  });

  it('change of address approved updates the office address; rejected changes nothing; voluntary cancellation approved cancels', async () => {
    const address = await fileOn(licenseId, auth.receiver, {
      kind: 'address_change',
      address: 'Enghelab St. 7',
    }).expect(201);
    await post(`/v1/holder-requests/${address.body.requestId as string}/approve`, a.regulator, {
      reason: 'premises inspected',
    }).expect(200);
    const moved = await get(`/v1/holder/licenses/${licenseId}`, auth.receiver).expect(200);
    expect(moved.body.location.address).toBe('Enghelab St. 7');

    const other = await fileOn(licenseId, auth.receiver, {
      kind: 'address_change',
      address: 'Nowhere St. 1',
    }).expect(201);
    const rejected = await post(
      `/v1/holder-requests/${other.body.requestId as string}/reject`,
      a.regulator,
      { reason: 'no premises there' },
    ).expect(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decision: { outcome: 'rejected', reason: 'no premises there' },
    });
    const same = await get(`/v1/holder/licenses/${licenseId}`, auth.receiver).expect(200);
    expect(same.body.location.address).toBe('Enghelab St. 7');

    const cancel = await fileOn(licenseId, auth.receiver, {
      kind: 'cancellation',
      reason: 'closing down',
    }).expect(201);
    await post(`/v1/holder-requests/${cancel.body.requestId as string}/approve`, a.regulator, {
      reason: 'accepted',
    }).expect(200);
    const cancelled = await get(`/v1/holder/licenses/${licenseId}`, auth.receiver).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    await refused(
      () => fileOn(licenseId, auth.receiver, { kind: 'address_change', address: 'Later St. 1' }),
      409,
    );
  });

  it('no national id or mobile of a holder reaches a log', () => {
    const text = t.logs.join('\n');
    for (const who of [holder, receiver, stranger]) {
      expect(text).not.toContain(who.nationalId);
      expect(text).not.toContain(who.mobile);
    }
  });
});
