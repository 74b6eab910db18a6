import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { payment, paymentWorld, signedPost, type PaymentWorld } from '../support/payments';
import { vehicleTransferComponents } from '../support/tariffFixtures';

const day = 86_400_000;

describe('a payment reported weeks late (an offline rural office) with PAYMENT_MAX_AGE_DAYS=7', () => {
  let t: TestApp;
  let w: PaymentWorld;
  let regulator: string;
  const pay = (body: object) => signedPost(t, w.good, '/v1/payments', body);
  const ago = (days: number, extraMs = 0) =>
    new Date(t.clock.now().getTime() - days * day - extraMs).toISOString();

  beforeAll(async () => {
    t = await startTestApp({
      now: '2026-10-01T08:00:00Z',
      reporting: {},
      deps: { paymentMaxAgeDays: 7 },
    });
    w = await paymentWorld(t);
    t.clock.set('2026-11-05T08:00:00Z');
    const commission = (await t.tokenFor('commission')).authorization;
    await request(t.app)
      .post('/v1/tariffs/vehicle-transfer/approvals')
      .set('Authorization', commission)
      .send({
        resolution: { number: '77/1405', date: '2026-11-05T00:00:00Z' },
        effectiveFrom: '2026-11-10T00:00:00Z',
        components: vehicleTransferComponents('1800000', '30000', '200000'),
      })
      .expect(201, { tariffId: 'vehicle-transfer/v2', version: 2 });
    t.clock.set('2026-11-29T08:00:00Z');
    regulator = (await t.tokenFor('regulator')).authorization;
  });
  afterAll(() => t.close());

  it('30 days old: recorded, flagged late by 23 days, priced with the tariff of its own time, and counted in compliance', async () => {
    const res = await pay(payment(t, { transactionTime: ago(30) })).expect(201);
    expect(res.body).toMatchObject({
      status: 'flagged',
      violations: [{ type: 'late', daysLate: 23, maxAgeDays: 7 }],
      amount: '1720733',
      expected: '1720733',
      tariff: { tariffId: 'vehicle-transfer/v1', version: 1 },
    });
    expect(res.body.transactionTime.jalali).toBe('1405/08/08 11:30');
    const today = await pay(payment(t, { amount: '2086000' })).expect(201);
    expect(today.body).toMatchObject({
      status: 'recorded',
      expected: '2086000',
      tariff: { tariffId: 'vehicle-transfer/v2', version: 2 },
    });

    await t.reporting.runner.catchUp();
    const report = await request(t.app)
      .get('/v1/reports/compliance?from=1405/08/01&to=1405/09/30')
      .set('Authorization', regulator)
      .expect(200);
    expect(report.body.byType).toContainEqual(
      expect.objectContaining({ type: 'late', payments: 1, violations: 1 }),
    );
    expect(report.body.byMonth).toContainEqual(
      expect.objectContaining({ month: '1405/08', payments: 1 }),
    );
    const listed = await request(t.app)
      .get('/v1/reports/compliance/payments?from=1405/08/01&to=1405/09/30&type=late')
      .set('Authorization', regulator)
      .expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ paymentId: res.body.paymentId, violations: ['late'] }),
    ]);
  });

  it('exactly at the allowance it is on time; a minute past it is late by one day', async () => {
    const v2 = { amount: '2086000' };
    const onTime = await pay(payment(t, { ...v2, transactionTime: ago(7) })).expect(201);
    expect(onTime.body).toMatchObject({ status: 'recorded', violations: [] });
    const late = await pay(payment(t, { ...v2, transactionTime: ago(7, 60_000) })).expect(201);
    expect(late.body.violations).toEqual([{ type: 'late', daysLate: 1, maxAgeDays: 7 }]);
  });

  it('a late payment that also broke a tariff rule carries both violations', async () => {
    const res = await pay(payment(t, { transactionTime: ago(20), amount: '1800000' })).expect(201);
    expect(res.body.violations).toEqual([
      { type: 'late', daysLate: 13, maxAgeDays: 7 },
      { type: 'overcharge', expected: '1720733', excess: '79267' },
    ]);
  });

  it('still refuses, with nothing recorded, a time before the terminal was registered', async () => {
    const head = await t.store.headPosition();
    const res = await pay(payment(t, { transactionTime: '2026-09-01T08:00:00Z' })).expect(403);
    expect(res.body.detail).toMatch(/unknown or was not active/);
    expect(await t.store.headPosition()).toBe(head);
  });
});
