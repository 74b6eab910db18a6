import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { actors, application, type Actors } from '../support/licensing';

interface ProvinceItem {
  code: string;
  nameFa: string;
  nameEn: string;
}

describe('province codes over HTTP (ISO 3166-2:IR since 2020-11-24)', () => {
  let t: TestApp;
  let a: Actors;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-29T08:00:00Z', reporting: {} });
    a = await actors(t);
  });
  afterAll(() => t.close());

  const get = (path: string, query: Record<string, string> = {}) =>
    request(t.app).get(path).query(query).set('Authorization', a.areo);
  const apply = (province: string) =>
    request(t.app)
      .post('/v1/licenses')
      .set('Authorization', a.regulator)
      .send({ ...application(), province });

  it('lists the 31 provinces with their names, IR-23 Tehran, and the retired codes with successors', async () => {
    const res = await get('/v1/provinces').expect(200);
    const items = res.body.items as ProvinceItem[];
    expect(items).toHaveLength(31);
    expect(items.find((p) => p.code === 'IR-23')).toEqual({
      code: 'IR-23',
      nameFa: 'تهران',
      nameEn: 'Tehran',
    });
    expect(items.find((p) => p.code === 'IR-07')?.nameEn).toBe('Fars');
    expect(res.body.retired).toEqual([
      { code: 'IR-31', successor: 'IR-28' },
      { code: 'IR-32', successor: 'IR-30' },
    ]);
  });

  it('accepts every listed code as that province', async () => {
    const items = (await get('/v1/provinces').expect(200)).body.items as ProvinceItem[];
    for (const { code } of items) {
      const res = await apply(code);
      expect([code, res.status, res.body.province]).toEqual([code, 201, code]);
    }
  });

  it('reads a code typed with Persian digits', async () => {
    expect((await apply('IR-۲۳').expect(201)).body.province).toBe('IR-23');
  });

  it.each([
    ['IR-31', 'IR-28', 'North Khorasan'],
    ['IR-32', 'IR-30', 'Alborz'],
  ])('refuses %s with 400 naming %s (%s), recording nothing', async (retired, successor, name) => {
    const head = await t.store.headPosition();
    const res = await apply(retired).expect(400);
    expect(res.body.code).toBe('validation');
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].path).toBe('province');
    expect(res.body.errors[0].message).toContain(name);
    expect(res.body.errors[0].message).toContain(`is ${successor}`);
    expect(await t.store.headPosition()).toBe(head);
  });

  it('refuses a retired code wherever a province is asked for', async () => {
    const regulator = (r: request.Test) => r.set('Authorization', a.regulator);
    const answers: Record<string, request.Response> = {
      outsourceable: await get('/v1/outsourceable', { province: 'IR-31' }),
      catalogue: await get('/v1/catalogues/IR-31/1405-H2'),
      price: await get('/v1/tariffs/vehicle-transfer/price', {
        province: 'IR-31',
        officeKind: 'urban',
      }),
      compliance: await regulator(request(t.app).get('/v1/reports/compliance')).query({
        from: '1405/09/01',
        to: '1405/09/30',
        province: 'IR-31',
      }),
      rankings: await regulator(request(t.app).get('/v1/supervision/rankings')).query({
        period: '1405-H2',
        province: 'IR-31',
      }),
      credential: await regulator(request(t.app).post('/v1/credentials')).send({
        role: 'provincial_mpo',
        scope: { province: 'IR-31' },
        label: 'North Khorasan MPO',
      }),
    };
    for (const [what, res] of Object.entries(answers)) {
      expect([what, res.status]).toEqual([what, 400]);
      expect([what, JSON.stringify(res.body.errors)]).toEqual([
        what,
        expect.stringContaining('IR-28'),
      ]);
    }
  });
});
