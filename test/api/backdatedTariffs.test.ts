import type { TestApp } from '../support/app';
import { reassessmentFor } from '../support/reassessment';
import { vehicleTransferComponents, ruralOffice } from '../support/tariffFixtures';
import { paymentBody, send, startTwoTenantApp, type World } from '../support/tenants';

/** Every field of every event as stored, in log order: what "unchanged" is compared on. */
const bytesOf = async (t: TestApp) =>
  (await t.store.readAll({ after: 0, limit: 100_000 })).map((e) =>
    JSON.stringify({ ...e, recordedAt: e.recordedAt.toISOString() }),
  );

describe('a tariff approved with an effective date in the past: its payments reassessed (ارزیابی مجدد)', () => {
  let t: TestApp;
  let w: World;
  let process: ReturnType<typeof reassessmentFor>;
  let before: string[];
  let later: string;
  const reassessmentStream = 'reassessment-vehicle-transfer-v2';
  const make = () => reassessmentFor(t);

  beforeAll(async () => {
    ({ t, w } = await startTwoTenantApp(1000));
    process = make();
    await process.runOnce();
    before = await bytesOf(t);
    await send(t, 'POST', '/v1/tariffs/vehicle-transfer/approvals', w.A.auth.commission, {
      resolution: { number: '77/1405', date: '2026-10-25T00:00:00Z' },
      effectiveFrom: '2026-11-01T00:00:00Z',
      components: vehicleTransferComponents('1400000', '25333', '150000'),
      variants: [{ officeKind: 'rural', components: [ruralOffice] }],
    }).expect(201, { tariffId: 'vehicle-transfer/v2', version: 2 });
    const paid = await send(
      t,
      'POST',
      '/v1/payments',
      w.A.gateway,
      paymentBody(t, w.A.serviceCode),
    ).expect(201);
    later = paid.body.paymentId as string;
  }, 60_000);

  afterAll(() => t.close());

  it('appends one reassessment per payment the new version governs, recorded before it, and changes no earlier event', async () => {
    expect(await process.runOnce()).toBe(2);
    const stream = await t.store.readStream(reassessmentStream);
    expect(stream.map((e) => e.type)).toEqual([
      'PaymentReassessed',
      'PaymentReassessed',
      'TariffReassessmentCompleted',
    ]);
    const ids = stream.slice(0, 2).map((e) => (e.data as { paymentId: string }).paymentId);
    expect(ids).toContain(w.A.paymentId);
    expect(ids).not.toContain(later);
    const after = await bytesOf(t);
    expect(after.slice(0, before.length)).toEqual(before);
  });

  it('judges each payment with the new version: the price it asks, the excess, and the verdict it replaces', async () => {
    const price = await send(
      t,
      'GET',
      `/v1/tariffs/vehicle-transfer/price?province=IR-23&officeKind=urban&quantity=2&at=2026-11-28T08:00:00Z`,
      w.A.auth.regulator,
    ).expect(200);
    expect(price.body.tariffId).toBe('vehicle-transfer/v2');
    const [first] = await t.store.readStream(reassessmentStream);
    const excess = (1720733n - BigInt(price.body.total as string)).toString();
    expect(first!.data).toMatchObject({
      tariff: { tariffId: 'vehicle-transfer/v2', version: 2, resolution: '77/1405' },
      expected: price.body.total,
      violations: [{ type: 'overcharge', expected: price.body.total, excess }],
      previous: { tariff: { tariffId: 'vehicle-transfer/v1', version: 1 }, violations: [] },
    });
  });

  it('the payments now overcharged appear in compliance with the version that judged them', async () => {
    await t.reporting.runner.catchUp();
    const flagged = await send(
      t,
      'GET',
      '/v1/reports/compliance/payments?from=1405/09/01&to=1405/09/30&type=overcharge',
      w.A.auth.regulator,
    ).expect(200);
    const items = flagged.body.items as Array<{ paymentId: string; tariff?: { tariffId: string } }>;
    expect(items.map((i) => i.paymentId).sort()).toEqual(
      [w.A.paymentId, later, w.A.paymentId.replace(/-[^-]+$/, `-${w.A.reversal.rrn}`)].sort(),
    );
    expect(items.every((i) => i.tariff?.tariffId === 'vehicle-transfer/v2')).toBe(true);
    const report = await send(
      t,
      'GET',
      '/v1/reports/compliance?from=1405/09/01&to=1405/09/30',
      w.A.auth.regulator,
    ).expect(200);
    expect(report.body.byType).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'overcharge', payments: 3 })]),
    );
  });

  it('runs again, or on another node, change nothing', async () => {
    const head = await t.store.headPosition();
    expect(await process.runOnce()).toBe(0);
    expect(await make().runOnce()).toBe(0);
    expect(await t.store.headPosition()).toBe(head);
  });
});
