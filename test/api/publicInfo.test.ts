import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { ids } from '../support/licensing';
import { send, startTwoTenantApp, type World } from '../support/tenants';

interface Price {
  officeKind: string;
  total: string;
  components: Array<{ code: string; beneficiary: string; amount: string; ceiling: boolean }>;
}

describe('public look-ups, no login: tariffs in force and the office finder', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    ({ t, w } = await startTwoTenantApp(1000));
  }, 60_000);

  afterAll(() => t.close());

  it('a service’s price in a province by fee component, for urban and rural offices, without credentials', async () => {
    const res = await request(t.app)
      .get('/v1/public/tariffs/vehicle-transfer?province=IR-23&quantity=2')
      .expect(200);
    expect(res.body).toMatchObject({
      serviceCode: 'vehicle-transfer',
      province: 'IR-23',
      tariffId: 'vehicle-transfer/v1',
      quantity: 2,
    });
    const prices = res.body.prices as Price[];
    expect(prices.map((p) => p.officeKind)).toEqual(['urban', 'rural']);
    const urban = prices[0]!;
    // What tenant A's terminal charged for two pages at an urban office, and the ledger recorded as right.
    expect(urban.total).toBe('1720733');
    expect(urban.components.reduce((s, c) => s + BigInt(c.amount), 0n)).toBe(1720733n);
    expect(urban.components.map((c) => [c.code, c.beneficiary])).toEqual([
      ['gov', 'agency'],
      ['pages', 'technical'],
      ['office', 'office'],
      ['vat', 'vat'],
    ]);
    expect(BigInt(prices[1]!.total)).toBeLessThan(1720733n);
    expect(res.text).not.toMatch(/IR\d{24}|depositId|iban/);
    const one = await request(t.app)
      .get('/v1/public/tariffs/vehicle-transfer?province=IR-23&officeKind=rural')
      .expect(200);
    expect((one.body.prices as Price[]).map((p) => p.officeKind)).toEqual(['rural']);
  });

  it('an unknown service or province is problem+json', async () => {
    const none = await request(t.app).get('/v1/public/tariffs/nope?province=IR-23').expect(404);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    await request(t.app).get('/v1/public/tariffs/vehicle-transfer?province=IR-99').expect(400);
  });

  it('finds licensed offices by province, city and service, with the services assigned to them', async () => {
    const tehran = await request(t.app).get('/v1/public/offices?province=IR-23').expect(200);
    expect(tehran.body.items).toEqual([
      {
        officeId: 'OF-A',
        nameFa: 'دفتر پیشخوان آزادی',
        nameEn: 'Azadi Pishkhan Office',
        province: 'IR-23',
        officeKind: 'urban',
        locality: { kind: 'city', name: 'Tehran' },
        address: 'Azadi St. 1',
        phone: '02112345678',
        services: [{ serviceCode: 'vehicle-transfer', nameFa: 'خدمت A' }],
      },
    ]);
    expect(tehran.text).not.toContain(ids.iban);
    const byCity = await request(t.app).get('/v1/public/offices?province=IR-23&city=tehran');
    expect(byCity.body.items).toHaveLength(1);
    const otherCity = await request(t.app).get('/v1/public/offices?province=IR-23&city=Qom');
    expect(otherCity.body.items).toEqual([]);
    const otherService = await request(t.app).get(
      '/v1/public/offices?province=IR-23&serviceCode=deed-copy',
    );
    expect(otherService.body.items).toEqual([]);
    const kerman = await request(t.app).get(
      '/v1/public/offices?province=IR-08&serviceCode=deed-copy',
    );
    expect((kerman.body.items as Array<{ officeId: string }>).map((o) => o.officeId)).toEqual([
      'OF-B',
    ]);
  });

  it('an office whose license is suspended is no longer found', async () => {
    await send(t, 'POST', `/v1/licenses/${w.A.license}/suspend`, w.A.auth.regulator, {
      reason: 'inspection',
    }).expect(200);
    const tehran = await request(t.app).get('/v1/public/offices?province=IR-23').expect(200);
    expect(tehran.body.items).toEqual([]);
  });
});

describe('public look-ups are rate limited per address like the other public routes', () => {
  it('answers 429 problem+json with Retry-After past the budget', async () => {
    const t = await startTestApp({
      deps: {
        publicLimits: {
          intakePerWindow: 1,
          lookupsPerWindow: 2,
          windowMs: 60_000,
          bodyLimit: '16kb',
        },
      },
    });
    try {
      for (let i = 0; i < 2; i++)
        await request(t.app).get('/v1/public/offices?province=IR-23').expect(200);
      const limited = await request(t.app).get('/v1/public/tariffs/x?province=IR-23').expect(429);
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
