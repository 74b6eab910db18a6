import request from 'supertest';
import { sign } from '../../src/shared/http/auth';
import { startTestApp, type TestApp } from '../support/app';
import {
  actors,
  application,
  eventsAfter,
  officeBody,
  publishCatalogue,
  type Actors,
} from '../support/licensing';

describe('a license from application to cancellation, over HTTP on sqlite', () => {
  let t: TestApp;
  let a: Actors;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-29T08:00:00Z' });
    a = await actors(t);
    await publishCatalogue(t, a, '1405-H2', '1407/06/31');
  });
  afterAll(() => t.close());

  /** Runs one call and returns its response with the events it recorded. */
  async function step<T extends request.Test>(call: T, status: number) {
    const before = await t.store.headPosition();
    const res = await call.expect(status);
    return { res, events: await eventsAfter(t, before) };
  }
  const post = (path: string, auth: string, body: object) =>
    request(t.app).post(path).set('Authorization', auth).send(body);

  it('application → three votes → issue → two services → terminal → suspend → refused assignment → reinstate → renew → cancel', async () => {
    const applied = await step(post('/v1/licenses', a.wg.areo, application()), 201);
    expect(applied.events).toEqual(['license LicenseApplied']);
    expect(applied.res.body).toMatchObject({
      status: 'under_review',
      province: 'IR-23',
      votes: [],
    });
    const id = applied.res.body.licenseId as string;
    const path = `/v1/licenses/${id}`;

    expect(
      (
        await step(
          post(`${path}/votes`, a.wg.areo, { vote: 'approve', reason: 'file complete' }),
          200,
        )
      ).events,
    ).toEqual(['license WorkingGroupVoteRecorded']);
    expect(
      (await step(post(`${path}/votes`, a.wg.ict, { vote: 'reject', reason: 'no fibre yet' }), 200))
        .events,
    ).toEqual(['license WorkingGroupVoteRecorded']);
    const third = await step(
      post(`${path}/votes`, a.wg.governorate, { vote: 'approve', reason: 'needed in district 5' }),
      200,
    );
    expect(third.events).toEqual([
      'license WorkingGroupVoteRecorded',
      'license WorkingGroupDecided',
    ]);
    expect(third.res.body.status).toBe('approved');
    expect(
      third.res.body.votes.map(
        (v: { memberBody: string; vote: string }) => `${v.memberBody}:${v.vote}`,
      ),
    ).toEqual(['areo:approve', 'ict:reject', 'governorate:approve']);

    const issued = await step(
      post(`${path}/issue`, a.regulator, { licenseNumber: 'PK-07-00001', validityYears: 5 }),
      200,
    );
    expect(issued.events).toEqual(['reservation LicenseNumberReserved', 'license LicenseIssued']);
    expect(issued.res.body).toMatchObject({
      status: 'active',
      licenseNumber: 'PK-07-00001',
      validUntil: { iso: '2031-11-28T20:30:00.000Z', jalali: '1410/09/08 00:00' },
    });

    const office = await step(post('/v1/offices', a.regulator, officeBody('OF-07-0001', id)), 201);
    expect(office.events).toEqual([
      'reservation OfficeOfLicenseReserved',
      'office OfficeRegistered',
    ]);
    expect(office.res.body).toMatchObject({
      officeId: 'OF-07-0001',
      province: 'IR-23',
      kind: 'urban',
      license: { status: 'active' },
    });

    for (const serviceCode of ['vehicle-transfer', 'driving-licence']) {
      const assigned = await step(
        post('/v1/offices/OF-07-0001/assignments', a.regulator, { serviceCode }),
        201,
      );
      expect(assigned.events).toEqual(['office ServiceAssigned']);
      expect(assigned.res.body).toMatchObject({
        officeId: 'OF-07-0001',
        serviceCode,
        agencyId: 'traffic',
        from: { iso: '2026-11-29T08:00:00.000Z' },
      });
    }

    const terminal = await step(
      post('/v1/terminals', a.regulator, {
        terminalId: 'T0000001',
        merchantId: '000000012345678',
        psp: 'Behpardakht',
        officeId: 'OF-07-0001',
      }),
      201,
    );
    expect(terminal.events).toEqual(['credential CredentialIssued', 'terminal TerminalRegistered']);
    expect(terminal.res.headers['cache-control']).toBe('no-store');
    const { token, signingSecret } = terminal.res.body as { token: string; signingSecret: string };
    const ts = String(Math.floor(t.clock.now().getTime() / 1000));
    const me = await request(t.app)
      .get('/v1/me')
      .set('Authorization', `Bearer ${token}`)
      .set({
        'x-pishkhan-timestamp': ts,
        'x-pishkhan-signature': sign(signingSecret, ts, 'GET', '/v1/me', ''),
      })
      .expect(200);
    expect(me.body).toMatchObject({
      role: 'gateway',
      scope: { terminalId: 'T0000001', officeId: 'OF-07-0001' },
    });
    expect(JSON.stringify(await t.store.readAll({ limit: 1000 }))).not.toContain(signingSecret);

    t.clock.advance(86_400_000);
    const suspended = await step(
      post(`${path}/suspend`, a.regulator, { reason: 'inspection found unlicensed staff' }),
      200,
    );
    expect(suspended.events).toEqual(['license LicenseSuspended']);
    expect(suspended.res.body.status).toBe('suspended');

    const refused = await step(
      post('/v1/offices/OF-07-0001/assignments', a.regulator, { serviceCode: 'plate-change' }),
      409,
    );
    expect(refused.events).toEqual([]);
    expect(refused.res.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.res.body).toMatchObject({ code: 'illegal-state', currentState: 'suspended' });

    t.clock.advance(86_400_000);
    expect(
      (await step(post(`${path}/reinstate`, a.regulator, { reason: 'staff replaced' }), 200))
        .events,
    ).toEqual(['license LicenseReinstated']);
    expect(
      (
        await step(
          post('/v1/offices/OF-07-0001/assignments', a.regulator, { serviceCode: 'plate-change' }),
          201,
        )
      ).events,
    ).toEqual(['office ServiceAssigned']);

    const renewed = await step(post(`${path}/renew`, a.regulator, { validityYears: 5 }), 200);
    expect(renewed.events).toEqual(['license LicenseRenewed']);
    expect(renewed.res.body.validUntil).toEqual({
      iso: '2036-11-27T20:30:00.000Z',
      jalali: '1415/09/08 00:00',
    });

    t.clock.advance(86_400_000);
    const cancelled = await step(
      post(`${path}/cancel`, a.regulator, { reason: 'holder gave up the office' }),
      200,
    );
    expect(cancelled.events).toEqual(['license LicenseCancelled']);
    expect(cancelled.res.body.status).toBe('cancelled');

    const { licenses, offices } = t.deps.readModels;
    const day = (n: number) =>
      new Date(Date.parse('2026-11-29T08:00:00Z') + n * 86_400_000 + 3600_000);
    expect([0, 1, 2, 3].map((n) => licenses.activeAt(id, day(n)))).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect([0, 1, 2, 3].map((n) => offices.licenseActiveAt('OF-07-0001', day(n)))).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(offices.officeOfTerminal('T0000001', day(0))).toBe('OF-07-0001');
    expect(offices.assignedAt('OF-07-0001', 'plate-change', day(1))).toBe(false);
    expect(offices.assignedAt('OF-07-0001', 'plate-change', day(2))).toBe(true);

    const read = await request(t.app)
      .get('/v1/offices/OF-07-0001')
      .set('Authorization', a.regulator)
      .expect(200);
    expect(read.body.license.status).toBe('cancelled');
    expect(read.body.history.map((h: { type: string }) => h.type)).toEqual([
      'OfficeRegistered',
      'ServiceAssigned',
      'ServiceAssigned',
      'ServiceAssigned',
    ]);
  });

  it('an application for an unknown province, or an urban office held by a person, changes nothing', async () => {
    const head = await t.store.headPosition();
    await post('/v1/licenses', a.regulator, { ...application(), province: 'IR-32' }).expect(400);
    const person = await post('/v1/licenses', a.regulator, {
      ...application(),
      applicant: { kind: 'natural', nationalId: '0499370899', name: 'Ali' },
    }).expect(400);
    expect(person.body.errors).toEqual([
      { path: 'applicant.kind', message: 'must be legal for an urban office' },
    ]);
    expect(await t.store.headPosition()).toBe(head);
  });
});
