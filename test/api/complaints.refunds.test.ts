import request from 'supertest';
import { paymentsRefundLedger, refundSweep, type RefundLedger } from '../../src/complaints';
import { startTestApp, type TestApp } from '../support/app';
import {
  payment,
  paymentWorld,
  services,
  signedPost,
  type PaymentWorld,
} from '../support/payments';
import { createLogger } from '../../src/shared/logger';

/**
 * A refund a resolved complaint ordered is not lost when the ledger could not record it at
 * resolution: the sweep records it later, once, however many nodes sweep.
 */
describe('complaint refunds the ledger could not record at resolution', () => {
  let t: TestApp;
  let w: PaymentWorld;
  let ledgerDown = true;
  const refunds: RefundLedger = {
    recordRefund: (order) =>
      ledgerDown
        ? Promise.resolve({ recorded: false, reason: 'The ledger store is unavailable' })
        : paymentsRefundLedger(t.store).recordRefund(order),
  };
  const warnings: string[] = [];
  const sweeper = () =>
    refundSweep({
      store: t.store,
      clock: t.clock,
      reporting: t.reporting,
      refunds,
      logger: createLogger('warn', { write: (line: string) => void warnings.push(line) }),
    });

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-29T08:00:00Z', deps: { refunds } });
    w = await paymentWorld(t);
    t.clock.advance(10 * 60_000);
  });
  afterAll(() => t.close());

  /** An overcharged payment, a complaint about it, resolved with a refund of `amount`. */
  async function upheldWithRefund(amount: string) {
    const body = payment(t, { amount: '1800000' });
    const paid = await signedPost(t, w.good, '/v1/payments', body).expect(201);
    const paymentId = paid.body.paymentId as string;
    await request(t.app)
      .post('/v1/public/complaints')
      .send({
        kind: 'complaint',
        topic: 'overcharge',
        subject: { kind: 'office', officeId: 'OF-A', serviceCode: services.good },
        receiptCode: paid.body.trackingCode,
        description: 'charged above the tariff',
      })
      .expect(201);
    const list = await request(t.app)
      .get('/v1/complaints?status=received')
      .set('Authorization', w.a.regulator)
      .expect(200);
    const complaintId = (list.body.items as Array<{ complaintId: string; status: string }>).find(
      (c) => c.status === 'received',
    )!.complaintId;
    const url = `/v1/complaints/${complaintId}`;
    await request(t.app)
      .post(`${url}/review`)
      .set('Authorization', w.a.regulator)
      .send({ reason: 'taken up' })
      .expect(200);
    const resolved = await request(t.app)
      .post(`${url}/resolve`)
      .set('Authorization', w.a.regulator)
      .send({
        outcome: 'upheld',
        remedies: [{ kind: 'refund', paymentId, amount }],
        reason: 'charged above the approved tariff',
      })
      .expect(200);
    return { complaintId, paymentId, url, resolved, body };
  }

  const ledgerRefunds = async (paymentId: string) =>
    (await t.store.readStream(`payment-${paymentId}`)).filter((e) => e.type === 'PaymentRefunded');
  const caseRecords = async (complaintId: string) =>
    (await t.store.readStream(`complaint-${complaintId}`)).filter(
      (e) => e.type === 'RefundRecorded',
    );

  it('stays pending while the ledger is down, then two sweeping nodes record it exactly once', async () => {
    ledgerDown = true;
    const { complaintId, paymentId, url, resolved } = await upheldWithRefund('79267');
    expect(resolved.body.refunds).toEqual([
      expect.objectContaining({ paymentId, amount: '79267', recordedInLedger: false }),
    ]);
    expect(await sweeper().runOnce()).toEqual({ cases: 1, refused: 1 });
    expect(await ledgerRefunds(paymentId)).toHaveLength(0);

    ledgerDown = false;
    const [a, b] = [sweeper(), sweeper()];
    const rounds = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(rounds.map((r) => r.refused)).toEqual([0, 0]);
    expect(await ledgerRefunds(paymentId)).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          paymentId,
          refundId: resolved.body.refunds[0].refundId,
          amount: '-79267',
          refundedBy: 'system:refund-sweep',
        }),
        metadata: expect.objectContaining({ complaintId }),
      }),
    ]);
    expect(await caseRecords(complaintId)).toHaveLength(1);
    const now = await request(t.app).get(url).set('Authorization', w.a.regulator).expect(200);
    expect(now.body.refunds).toEqual([expect.objectContaining({ recordedInLedger: true })]);

    const head = await t.store.headPosition();
    expect(await a.runOnce()).toEqual({ cases: 0, refused: 0 });
    expect(await t.store.headPosition()).toBe(head);
  });

  it('a refund the ledger refuses for good is retried each round but reported once', async () => {
    ledgerDown = true;
    const { complaintId, paymentId, body } = await upheldWithRefund('79267');
    await signedPost(t, w.good, '/v1/payments/reversals', {
      rrn: body.rrn,
      transactionTime: body.transactionTime,
      reason: 'customer cancelled',
    }).expect(201);
    ledgerDown = false;
    const sweep = sweeper();
    warnings.length = 0;
    const first = await sweep.runOnce();
    const second = await sweep.runOnce();
    expect([first.refused, second.refused]).toEqual([1, 1]);
    expect(await ledgerRefunds(paymentId)).toHaveLength(0);
    const reported = warnings.filter((l) => l.includes(complaintId));
    expect(reported).toHaveLength(1);
    expect(reported[0]).toContain('an ordered refund is still not in the ledger');
  });
});
