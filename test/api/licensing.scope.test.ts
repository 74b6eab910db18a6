import request from 'supertest';
import { sign } from '../../src/shared/http/auth';
import { startTestApp, type TestApp } from '../support/app';
import {
  actors,
  application,
  eventsAfter,
  issuedLicense,
  officeBody,
  publishCatalogue,
  type Actors,
} from '../support/licensing';

describe('scope, filters and pagination of the licensing and office read models', () => {
  let t: TestApp;
  let tehran: Actors;
  let isfahan: Actors;
  let tehranLicense: string;
  let isfahanLicense: string;
  const get = (path: string, auth: string) => request(t.app).get(path).set('Authorization', auth);
  const post = (path: string, auth: string, body: object) =>
    request(t.app).post(path).set('Authorization', auth).send(body);

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-29T08:00:00Z' });
    tehran = await actors(t, 'IR-23');
    isfahan = await actors(t, 'IR-04');
    await publishCatalogue(t, tehran, '1405-H2', '1407/06/31');
    tehranLicense = await issuedLicense(t, tehran, 5, 'IR-23');
    isfahanLicense = await issuedLicense(t, isfahan, 1, 'IR-04');
    await post('/v1/offices', tehran.regulator, officeBody('OF-A', tehranLicense)).expect(201);
    await post('/v1/offices', tehran.regulator, officeBody('OF-B', isfahanLicense)).expect(201);
    await post('/v1/offices/OF-A/assignments', tehran.regulator, {
      serviceCode: 'vehicle-transfer',
    }).expect(201);
    await post('/v1/terminals', tehran.regulator, {
      terminalId: 'TA000001',
      merchantId: '000000000000001',
      psp: 'Sep',
      officeId: 'OF-A',
    }).expect(201);
    await post('/v1/terminals', tehran.regulator, {
      terminalId: 'TB000001',
      merchantId: '000000000000002',
      psp: 'Sep',
      officeId: 'OF-B',
    }).expect(201);
  });
  afterAll(() => t.close());

  describe('an office', () => {
    let office: string;
    beforeAll(async () => {
      office = (await t.tokenFor('office', { officeId: 'OF-A' })).authorization;
    });

    it('reads itself with its history, but another office is 404', async () => {
      const own = await get('/v1/offices/OF-A', office).expect(200);
      expect(own.body).toMatchObject({
        officeId: 'OF-A',
        services: ['vehicle-transfer'],
        license: { status: 'active' },
      });
      const other = await get('/v1/offices/OF-B', office).expect(404);
      expect(other.body.code).toBe('not-found');
      await request(t.app)
        .patch('/v1/offices/OF-B')
        .set('Authorization', office)
        .send({ phone: '02100000000' })
        .expect(404);
    });

    it('lists only itself, its own assignments and terminals', async () => {
      expect(
        (await get('/v1/offices', office).expect(200)).body.items.map(
          (o: { officeId: string }) => o.officeId,
        ),
      ).toEqual(['OF-A']);
      expect(
        (await get('/v1/assignments', office).expect(200)).body.items.map(
          (r: { officeId: string }) => r.officeId,
        ),
      ).toEqual(['OF-A']);
      expect(
        (await get('/v1/terminals', office).expect(200)).body.items.map(
          (r: { terminalId: string }) => r.terminalId,
        ),
      ).toEqual(['TA000001']);
      await get('/v1/terminals?officeId=OF-B', office).expect(200, {
        items: [],
        position: t.deps.readModels.offices.position,
      });
    });

    it('may change its own details (history grows) but not register offices or read licenses', async () => {
      const bad = await request(t.app)
        .patch('/v1/offices/OF-A')
        .set('Authorization', office)
        .send({ iban: 'IR820540102680020817909003' })
        .expect(400);
      expect(bad.body.errors).toEqual([
        { path: 'iban', message: expect.stringContaining('Sheba') },
      ]);
      const changed = await request(t.app)
        .patch('/v1/offices/OF-A')
        .set('Authorization', office)
        .send({ phone: '02199999999', postalCode: '۱۳۴۵۶۷۸۹۰۱' })
        .expect(200);
      expect(changed.body.phone).toBe('02199999999');
      const history = (await get('/v1/offices/OF-A', office).expect(200)).body.history;
      expect(history.at(-1)).toMatchObject({
        type: 'OfficeDetailsChanged',
        data: { changes: { phone: '02199999999' } },
      });
      await post('/v1/offices', office, officeBody('OF-C', tehranLicense)).expect(403);
      await get(`/v1/licenses/${tehranLicense}`, office).expect(403);
    });
  });

  describe('a working group', () => {
    it("sees its province's applications; another province's are 404, also for votes", async () => {
      const wg = tehran.wg.ict;
      const list = await get('/v1/licenses', wg).expect(200);
      expect(list.body.items.map((l: { province: string }) => l.province)).toEqual(['IR-23']);
      await get(`/v1/licenses/${tehranLicense}`, wg).expect(200);
      expect((await get(`/v1/licenses/${isfahanLicense}`, wg).expect(404)).body.code).toBe(
        'not-found',
      );
      const pending = (
        await post('/v1/licenses', isfahan.regulator, application('IR-04')).expect(201)
      ).body.licenseId as string;
      const head = await t.store.headPosition();
      await post(`/v1/licenses/${pending}/votes`, wg, {
        vote: 'reject',
        reason: 'not ours',
      }).expect(404);
      await post(`/v1/licenses/${pending}/votes`, isfahan.wg.ict, {
        vote: 'approve',
        reason: 'ours',
      }).expect(200);
      expect(await eventsAfter(t, head)).toEqual(['license WorkingGroupVoteRecorded']);
    });

    it('records applications of its own province only, and may not issue', async () => {
      await post('/v1/licenses', tehran.wg.areo, application('IR-04')).expect(403);
      await post(`/v1/licenses/${tehranLicense}/suspend`, tehran.wg.areo, { reason: 'x' }).expect(
        403,
      );
    });
  });

  describe('an agency', () => {
    it('sees the offices that deliver its services and only its assignments; others see nothing', async () => {
      const traffic = (await t.tokenFor('agency', { agencyId: 'traffic' })).authorization;
      const other = (await t.tokenFor('agency', { agencyId: 'registry' })).authorization;
      expect(
        (await get('/v1/offices', traffic).expect(200)).body.items.map(
          (o: { officeId: string }) => o.officeId,
        ),
      ).toEqual(['OF-A']);
      await get('/v1/offices/OF-A', traffic).expect(200);
      await get('/v1/offices/OF-B', traffic).expect(404);
      await get('/v1/offices/OF-A', other).expect(404);
      expect((await get('/v1/assignments', other).expect(200)).body.items).toEqual([]);
      await get('/v1/terminals', traffic).expect(403);
    });
  });

  describe('the regulator', () => {
    it('filters and pages licenses with a cursor, and lists those expiring soon', async () => {
      const all = (await get('/v1/licenses', tehran.regulator).expect(200)).body.items.map(
        (l: { licenseId: string }) => l.licenseId,
      );
      const walked: string[] = [];
      let cursor: string | undefined;
      do {
        const res = await get(
          `/v1/licenses?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
          tehran.regulator,
        ).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(1);
        walked.push(...res.body.items.map((l: { licenseId: string }) => l.licenseId));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(walked).toEqual(all);
      expect(all.length).toBeGreaterThan(2);
      const inIsfahan = (
        await get('/v1/licenses?province=IR-04&status=active', tehran.regulator).expect(200)
      ).body.items;
      expect(inIsfahan.map((l: { licenseId: string }) => l.licenseId)).toEqual([isfahanLicense]);
      const expiring = (
        await get('/v1/licenses/expiring?withinDays=400', tehran.regulator).expect(200)
      ).body.items;
      expect(expiring.map((l: { licenseId: string }) => l.licenseId)).toEqual([isfahanLicense]);
      await get('/v1/licenses?cursor=%21%21&limit=1', tehran.regulator).expect(400);
    });

    it('cannot assign a service that is not in the catalogue, nor twice; nothing is recorded', async () => {
      const head = await t.store.headPosition();
      const unlisted = await post('/v1/offices/OF-A/assignments', tehran.regulator, {
        serviceCode: 'unlisted',
      }).expect(409);
      expect(unlisted.body.currentState).toBe('not-outsourceable');
      await post('/v1/offices/OF-A/assignments', tehran.regulator, {
        serviceCode: 'vehicle-transfer',
      }).expect(409);
      expect(await t.store.headPosition()).toBe(head);
    });

    it('cannot register a second office under one license, or a terminal twice (no credential is issued)', async () => {
      const head = await t.store.headPosition();
      await post('/v1/offices', tehran.regulator, officeBody('OF-C', tehranLicense)).expect(409);
      await post('/v1/terminals', tehran.regulator, {
        terminalId: 'TA000001',
        merchantId: '000000000000009',
        psp: 'Sep',
        officeId: 'OF-B',
      }).expect(409);
      expect(await t.store.headPosition()).toBe(head);
    });

    it('rotates a terminal secret with a grace period and deactivation revokes its credential', async () => {
      const reg = await post('/v1/terminals', tehran.regulator, {
        terminalId: 'TA000002',
        merchantId: '000000000000003',
        psp: 'Sep',
        officeId: 'OF-A',
      }).expect(201);
      const token = `Bearer ${reg.body.token as string}`;
      const me = (secret: string) => {
        const ts = String(Math.floor(t.clock.now().getTime() / 1000));
        return get('/v1/me', token).set({
          'x-pishkhan-timestamp': ts,
          'x-pishkhan-signature': sign(secret, ts, 'GET', '/v1/me', ''),
        });
      };
      const rotated = await post('/v1/terminals/TA000002/rotate-secret', tehran.regulator, {
        graceHours: 1,
      }).expect(200);
      await me(rotated.body.signingSecret).expect(200);
      await me(reg.body.signingSecret).expect(200);
      const deactivated = await post('/v1/terminals/TA000002/deactivate', tehran.regulator, {
        reason: 'PSP contract ended',
      }).expect(200);
      expect(deactivated.body.status).toBe('deactivated');
      await me(rotated.body.signingSecret).expect(401);
      expect(t.deps.readModels.offices.officeOfTerminal('TA000002', t.clock.now())).toBeUndefined();
      expect(
        (
          await post('/v1/terminals/TA000002/deactivate', tehran.regulator, {
            reason: 'again',
          }).expect(409)
        ).body.currentState,
      ).toBe('deactivated');
      await post('/v1/terminals/TA000002/rotate-secret', tehran.regulator, {
        graceHours: 1,
      }).expect(409);
    });
  });
});
