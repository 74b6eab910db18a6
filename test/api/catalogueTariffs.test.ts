import request from 'supertest';
import { approveV1, approveV2, trafficAgency } from '../support/tariffFixtures';
import { startTestApp, type TestApp } from '../support/app';

const iso = (d: Date) => d.toISOString();

describe('catalogue and tariffs over HTTP on the sqlite store', () => {
  let t: TestApp;
  let app: TestApp['app'];
  beforeAll(async () => {
    t = await startTestApp({ now: '2024-01-10T08:00:00Z' });
    app = t.app;
  });
  afterAll(() => t.close());

  it('publishes catalogues, approves and supersedes a tariff, and prices it before and after, urban and rural', async () => {
    const regulator = (await t.tokenFor('regulator')).authorization;
    const areo = (await t.tokenFor('areo')).authorization;
    const tehranMpo = (await t.tokenFor('provincial_mpo', { province: 'IR-23' })).authorization;
    const commission = (await t.tokenFor('commission')).authorization;

    await request(app)
      .post('/v1/agencies')
      .set('Authorization', regulator)
      .send(trafficAgency)
      .expect(201);
    let head = await t.store.headPosition();
    const bad = await request(app)
      .post('/v1/agencies')
      .set('Authorization', regulator)
      .send({
        agencyId: 'bad',
        nameFa: 'x',
        nameEn: 'x',
        legalId: '10380284790',
        treasuryIban: 'IR820540102680020817909003',
        fees: [],
      })
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(bad.body)).toContain('treasuryIban');
    expect(await t.store.headPosition()).toBe(head);

    await request(app)
      .post('/v1/services')
      .set('Authorization', regulator)
      .send({
        serviceCode: 'vehicle-transfer',
        agencyId: 'traffic',
        nameFa: 'نقل و انتقال خودرو',
        nameEn: 'Vehicle transfer',
        conditions: '',
        customerData: 'records',
      })
      .expect(201);

    const national = await request(app)
      .post('/v1/catalogues')
      .set('Authorization', areo)
      .send({
        scope: 'national',
        period: '1402-H2',
        entries: [
          {
            serviceCode: 'vehicle-transfer',
            conditions: 'Both parties present',
            offerBy: '1403/06/31',
          },
        ],
      })
      .expect(201);
    expect(national.body).toMatchObject({ scope: 'national', period: '1402-H2', version: 1 });
    const provincial = await request(app)
      .post('/v1/catalogues')
      .set('Authorization', tehranMpo)
      .send({
        scope: 'provincial',
        province: 'IR-23',
        period: '1402-H2',
        entries: [
          { serviceCode: 'vehicle-transfer', conditions: 'Tehran only', offerBy: '1403/03/31' },
        ],
      })
      .expect(201);
    expect(provincial.body).toMatchObject({ scope: 'provincial', province: 'IR-23', version: 1 });

    head = await t.store.headPosition();
    await request(app)
      .post('/v1/catalogues')
      .set('Authorization', tehranMpo)
      .send({
        scope: 'provincial',
        province: 'IR-04',
        period: '1402-H2',
        entries: [],
      })
      .expect(404);
    await request(app)
      .post('/v1/catalogues')
      .set('Authorization', tehranMpo)
      .send({ scope: 'national', period: '1402-H2', entries: [] })
      .expect(403);
    expect(await t.store.headPosition()).toBe(head);

    const v1 = approveV1();
    const body = (c: typeof v1) => ({
      resolution: { number: c.resolution.number, date: iso(c.resolution.date) },
      effectiveFrom: iso(c.effectiveFrom),
      components: c.components,
      variants: c.variants,
    });
    await request(app)
      .post('/v1/tariffs/vehicle-transfer/approvals')
      .set('Authorization', areo)
      .send(body(v1))
      .expect(403);
    await request(app)
      .post('/v1/tariffs/vehicle-transfer/approvals')
      .set('Authorization', commission)
      .send(body(v1))
      .expect(201, { tariffId: 'vehicle-transfer/v1', version: 1 });
    await request(app)
      .post('/v1/tariffs/vehicle-transfer/approvals')
      .set('Authorization', commission)
      .send(body(v1))
      .expect(409);
    await request(app)
      .post('/v1/tariffs/nope/approvals')
      .set('Authorization', commission)
      .send(body(v1))
      .expect(404);
    await request(app)
      .post('/v1/tariffs/vehicle-transfer/approvals')
      .set('Authorization', commission)
      .send(body(approveV2()))
      .expect(201, { tariffId: 'vehicle-transfer/v2', version: 2 });

    const price = async (officeKind: string, at: string) => {
      const r = await request(app)
        .get('/v1/tariffs/vehicle-transfer/price')
        .query({ province: 'IR-23', officeKind, quantity: 3, at })
        .set('Authorization', regulator)
        .expect(200);
      return {
        tariff: r.body.tariffId,
        total: r.body.total,
        ...Object.fromEntries(
          r.body.lines.map((l: { code: string; amount: string }) => [l.code, l.amount]),
        ),
      };
    };
    expect(await price('urban', '1402/12/01')).toEqual({
      tariff: 'vehicle-transfer/v1',
      total: '1746339',
      gov: '1500000',
      pages: '75999',
      office: '150000',
      vat: '20340',
    });
    expect(await price('rural', '1402/12/01')).toEqual({
      tariff: 'vehicle-transfer/v1',
      total: '1705464',
      gov: '1500000',
      pages: '75999',
      office: '112500',
      vat: '16965',
    });
    expect(await price('urban', '1403/02/15')).toEqual({
      tariff: 'vehicle-transfer/v2',
      total: '2119000',
      gov: '1800000',
      pages: '90000',
      office: '200000',
      vat: '29000',
    });
    expect(await price('rural', '1403/02/15')).toEqual({
      tariff: 'vehicle-transfer/v2',
      total: '2047500',
      gov: '1800000',
      pages: '90000',
      office: '135000',
      vat: '22500',
    });

    const asOf = async (d: string) =>
      (
        await request(app)
          .get('/v1/tariffs/vehicle-transfer')
          .query({ asOf: d })
          .set('Authorization', regulator)
      ).body.tariffId;
    expect([await asOf('1402/10/30'), await asOf('1403/01/31'), await asOf('1403/02/01')]).toEqual([
      undefined,
      'vehicle-transfer/v1',
      'vehicle-transfer/v2',
    ]);

    const out = await request(app)
      .get('/v1/outsourceable')
      .query({ province: 'IR-23', at: '1402/12/01' })
      .set('Authorization', regulator)
      .expect(200);
    expect(out.body.items.map((i: { scope: string }) => i.scope)).toEqual(['national']);
    const before = await request(app)
      .get('/v1/catalogues/national/1402-H2')
      .query({ asOf: '1402/10/01' })
      .set('Authorization', regulator);
    expect(before.status).toBe(404);
    await request(app)
      .get('/v1/tariffs/vehicle-transfer/price')
      .query({ province: 'IR-99', officeKind: 'urban' })
      .set('Authorization', regulator)
      .expect(400);
  });
});
