import { persianDigits } from '../../console/src/format/digits';
import type { TestApp } from '../support/app';
import { paymentBody, send, startTwoTenantApp, type World } from '../support/tenants';

/**
 * An agency's system verifies a payment of its services (استعلام پرداخت) and consumes it for
 * one service delivery (مصرف پرداخت): once; reversed or refunded payments say so and cannot be
 * consumed; a consumed payment cannot be reversed by the terminal.
 */
describe('payment verification and consumption by agencies', () => {
  let t: TestApp;
  let w: World;
  const agency = () => w.A.auth.agency;
  const verify = (body: object, as = agency()) =>
    send(t, 'POST', '/v1/payments/verifications', as, body);
  const consume = (paymentId: string, deliveryReference: string, as = agency()) =>
    send(t, 'POST', `/v1/payments/${paymentId}/consumptions`, as, { deliveryReference });
  const head = () => t.store.headPosition();
  const consumedEvents = async (paymentId: string) =>
    (await t.store.readStream(`payment-${paymentId}`)).filter((e) => e.type === 'PaymentConsumed');

  /** A fresh payment of tenant A's service on its main terminal, today. */
  async function paid(): Promise<{
    paymentId: string;
    trackingCode: string;
    rrn: string;
    transactionTime: string;
  }> {
    const body = paymentBody(t, w.A.serviceCode);
    const r = await send(t, 'POST', '/v1/payments', w.A.gateway, body).expect(201);
    return {
      paymentId: r.body.paymentId as string,
      trackingCode: r.body.trackingCode as string,
      rrn: body.rrn,
      transactionTime: body.transactionTime,
    };
  }

  /** A whole payment of each tenant, not consumed in this file before the tests that say so. */
  let whole: {
    A: Awaited<ReturnType<typeof paid>>;
    B: { paymentId: string; trackingCode: string };
  };

  beforeAll(async () => {
    ({ t, w } = await startTwoTenantApp(100));
    const b = await send(t, 'POST', '/v1/payments', w.B.gateway, paymentBody(t, w.B.serviceCode));
    whole = {
      A: await paid(),
      B: { paymentId: b.body.paymentId as string, trackingCode: b.body.trackingCode as string },
    };
  }, 60_000);
  afterAll(() => t.close());

  it('verifies by tracking code: paid, amount, service, office, whole and not yet consumed, read from the register on disk', async () => {
    const readStream = jest.spyOn(t.store, 'readStream');
    const r = await verify({ trackingCode: whole.A.trackingCode }).expect(200);
    const streamsRead = readStream.mock.calls.map(([stream]) => stream);
    readStream.mockRestore();
    expect(streamsRead.filter((s) => s.startsWith('payment-'))).toEqual([]);
    expect(r.body).toMatchObject({
      paymentId: whole.A.paymentId,
      paid: true,
      amount: '1720733',
      serviceCode: w.A.serviceCode,
      agencyId: w.A.agencyId,
      officeId: w.A.officeId,
      status: 'recorded',
      reversed: false,
      refunded: '0',
      consumable: true,
    });
    expect(r.body.notConsumable).toBeUndefined();
    expect(r.body.consumption).toBeUndefined();
  });

  it("verifies by the fee's deposit id with the card slip's RRN; a wrong deposit id finds nothing", async () => {
    const byCode = await verify({ trackingCode: whole.A.trackingCode }).expect(200);
    const rrn = byCode.body.rrn as string;
    const r = await verify({ depositId: '300000000000123', rrn }).expect(200);
    expect(r.body.paymentId).toBe(whole.A.paymentId);
    await verify({ depositId: '300000000000456', rrn }).expect(404);
    const typed = await verify({
      depositId: persianDigits('300000000000123'),
      rrn: persianDigits(rrn),
    });
    expect(typed.status).toBe(200);
    expect(typed.body.paymentId).toBe(whole.A.paymentId);
    const byTypedCode = await verify({ trackingCode: persianDigits(whole.A.trackingCode) }).expect(
      200,
    );
    expect(byTypedCode.body.paymentId).toBe(whole.A.paymentId);
  });

  it('a deposit id and an RRN naming two payments (two terminals, one RRN) is 409: verify by tracking code', async () => {
    const psp = w.A.auth.psp as { authorization: string; secret: string };
    await send(t, 'POST', '/v1/terminals', psp, {
      terminalId: 'TA0000C1',
      merchantId: '000000000000801',
      psp: 'PSP A switch',
      officeId: w.A.officeId,
    }).expect(201);
    t.clock.advance(2 * 60_000);
    const first = paymentBody(t, w.A.serviceCode);
    await send(t, 'POST', '/v1/payments', w.A.gateway, first).expect(201);
    await send(t, 'POST', '/v1/payments', psp, {
      terminalId: 'TA0000C1',
      ...paymentBody(t, w.A.serviceCode, { rrn: first.rrn }),
    }).expect(201);
    const r = await verify({ depositId: '300000000000123', rrn: first.rrn }).expect(409);
    expect(r.body).toMatchObject({ code: 'illegal-state', matches: 2 });
    await verify({ depositId: '300000000000123', rrn: first.rrn }, w.B.auth.agency).expect(404);
  });

  it("another agency's payment does not exist for it: verifying and consuming are 404 and record nothing", async () => {
    const before = await head();
    await verify({ trackingCode: whole.B.trackingCode }).expect(404);
    await consume(whole.B.paymentId, 'D-OTHER').expect(404);
    await consume('TZ999999-14050908-000000000001', 'D-NONE').expect(404);
    expect(await head()).toBe(before);
  });

  it('consumes once: the same delivery reference again is a replay, another is 409 naming the first', async () => {
    const p = await paid();
    const first = await consume(p.paymentId, 'TR-1405-0001').expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.body).toMatchObject({
      consumable: false,
      notConsumable: 'consumed',
      consumption: { deliveryReference: 'TR-1405-0001' },
    });
    const again = await consume(p.paymentId, 'TR-1405-0001').expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const second = await consume(p.paymentId, 'TR-1405-0002').expect(409);
    expect(second.body).toMatchObject({
      code: 'illegal-state',
      consumption: { deliveryReference: 'TR-1405-0001' },
    });
    expect(await consumedEvents(p.paymentId)).toHaveLength(1);
    const seen = await verify({ trackingCode: p.trackingCode }).expect(200);
    expect(seen.body.consumption.deliveryReference).toBe('TR-1405-0001');
  });

  it('a consumed payment cannot be reversed by the terminal (409); a refund with a reason is still recorded', async () => {
    const p = await paid();
    await consume(p.paymentId, 'TR-1405-0003').expect(201);
    const before = await head();
    const refused = await send(t, 'POST', '/v1/payments/reversals', w.A.gateway, {
      rrn: p.rrn,
      transactionTime: p.transactionTime,
      reason: 'customer cancelled',
    }).expect(409);
    expect(refused.body.detail).toMatch(/consumed/);
    expect(refused.body.consumption.deliveryReference).toBe('TR-1405-0003');
    expect(await head()).toBe(before);
    await send(t, 'POST', `/v1/payments/${p.paymentId}/refunds`, w.A.auth.regulator, {
      amount: '1720733',
      reason: 'service could not be delivered',
    }).expect(201);
  });

  it('verification of a reversed payment says so, and it cannot be consumed', async () => {
    const p = await paid();
    await send(t, 'POST', '/v1/payments/reversals', w.A.gateway, {
      rrn: p.rrn,
      transactionTime: p.transactionTime,
    }).expect(201);
    const r = await verify({ trackingCode: p.trackingCode }).expect(200);
    expect(r.body).toMatchObject({
      status: 'reversed',
      reversed: true,
      consumable: false,
      notConsumable: 'reversed',
    });
    const before = await head();
    const refused = await consume(p.paymentId, 'TR-1405-0004').expect(409);
    expect(refused.body.detail).toMatch(/reversed/);
    expect(await head()).toBe(before);
  });

  it('verification of a refunded payment says so, and it cannot be consumed', async () => {
    const p = await paid();
    await send(t, 'POST', `/v1/payments/${p.paymentId}/refunds`, w.A.auth.regulator, {
      amount: '1720733',
      reason: 'charged twice',
    }).expect(201);
    const r = await verify({ trackingCode: p.trackingCode }).expect(200);
    expect(r.body).toMatchObject({
      status: 'refunded',
      reversed: false,
      refunded: '1720733',
      consumable: false,
      notConsumable: 'refunded',
    });
    await consume(p.paymentId, 'TR-1405-0005').expect(409);

    const partly = await paid();
    await send(t, 'POST', `/v1/payments/${partly.paymentId}/refunds`, w.A.auth.regulator, {
      amount: '1000',
      reason: 'part of the fee returned',
    }).expect(201);
    const v = await verify({ trackingCode: partly.trackingCode }).expect(200);
    expect(v.body).toMatchObject({
      status: 'partially-refunded',
      refunded: '1000',
      consumable: false,
      notConsumable: 'agency-share-refunded',
    });
    await consume(partly.paymentId, 'TR-1405-0006').expect(409);
  });

  it("consumption appears in the agency's report, by month and service, and only there", async () => {
    await t.reporting.runner.catchUp();
    const own = await send(
      t,
      'GET',
      `/v1/reports/agencies/${w.A.agencyId}?from=1405/09&to=1405/09`,
      agency(),
    ).expect(200);
    // Two consumptions above: TR-1405-0001 and TR-1405-0003 (refunded since, still consumed).
    expect(own.body.consumptions.totals).toEqual({ payments: 2, amount: String(2 * 1720733) });
    expect(own.body.consumptions.byService).toEqual([
      { serviceCode: w.A.serviceCode, payments: 2, amount: String(2 * 1720733) },
    ]);
    expect(own.body.consumptions.byMonth).toEqual([
      { month: '1405/09', payments: 2, amount: String(2 * 1720733) },
    ]);
    const other = await send(
      t,
      'GET',
      `/v1/reports/agencies/${w.B.agencyId}?from=1405/09&to=1405/09`,
      w.B.auth.agency,
    ).expect(200);
    expect(other.body.consumptions.totals).toEqual({ payments: 0, amount: '0' });
    const csv = await send(
      t,
      'GET',
      `/v1/reports/agencies/${w.A.agencyId}.xlsx?from=1405/09&to=1405/09`,
      agency(),
    ).expect(200);
    expect(csv.headers['content-type']).toMatch(/spreadsheetml/);
  });
});
