import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { ids } from '../support/licensing';
import {
  payment,
  paymentWorld,
  services,
  signedPost,
  type PaymentWorld,
} from '../support/payments';

/**
 * A full scenario — credentials of every kind, terminals with signing secrets and a
 * rotation, payments with customers' national ids, complaints with contact details, a
 * refund, refused requests — then every secret and personal detail issued in it is
 * looked for in every log line and in the whole event log.
 */
describe('no token, signing secret, national id or phone number in the logs; no token or secret in clear in the event log', () => {
  let t: TestApp;
  let w: PaymentWorld;
  const secrets: string[] = [];
  const personal: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-29T08:00:00Z' });
    w = await paymentWorld(t);
    t.clock.advance(10 * 60_000);
  }, 60_000);
  afterAll(() => t.close());

  it('runs the scenario and finds none of them', async () => {
    for (const role of ['regulator', 'commission', 'areo', 'agency', 'office'] as const) {
      const issued = await t.tokenFor(
        role,
        role === 'agency' ? { agencyId: 'traffic' } : role === 'office' ? { officeId: 'OF-A' } : {},
      );
      secrets.push(issued.token);
    }
    // Tokens and secrets issued over the API (the answer is the only place they appear).
    const viaApi = await request(t.app)
      .post('/v1/credentials')
      .set('Authorization', w.a.regulator)
      .send({ role: 'areo', label: 'analyst' })
      .expect(201);
    secrets.push(viaApi.body.token as string);
    const terminal = await request(t.app)
      .post('/v1/terminals')
      .set('Authorization', w.a.regulator)
      .send({ terminalId: 'TZ000001', merchantId: '000000000000077', psp: 'Sep', officeId: 'OF-A' })
      .expect(201);
    secrets.push(terminal.body.token as string, terminal.body.signingSecret as string);
    const rotated = await request(t.app)
      .post('/v1/terminals/TZ000001/rotate-secret')
      .set('Authorization', w.a.regulator)
      .send({ graceHours: 1 })
      .expect(200);
    secrets.push(rotated.body.signingSecret as string);
    secrets.push(
      w.good.authorization.replace('Bearer ', ''),
      w.good.secret,
      w.a.regulator.replace('Bearer ', ''),
    );

    // Payments naming customers, in Latin and Persian digits; a refused one with a bad signature.
    const nationalIds = [ids.nationalId, '0013542419'];
    personal.push(...nationalIds, '۰۰۱۳۵۴۲۴۱۹');
    const paid = await signedPost(
      t,
      w.good,
      '/v1/payments',
      payment(t, { customerNationalId: nationalIds[0], amount: '1800000' }),
    ).expect(201);
    await signedPost(
      t,
      w.good,
      '/v1/payments',
      payment(t, { customerNationalId: '۰۰۱۳۵۴۲۴۱۹' }),
    ).expect(201);
    await signedPost(t, w.good, '/v1/payments', payment(t, { customerNationalId: '12345' })).expect(
      400,
    );
    await request(t.app)
      .post('/v1/payments')
      .set('Authorization', w.good.authorization)
      .send(payment(t, { customerNationalId: nationalIds[0] }))
      .expect(401);

    // Complaints with contact details; the regulator reads them (the desk sees contact), then a refund.
    const contact = { name: 'Zahra Karimi', mobile: '09351234567', email: 'zahra.k@example.ir' };
    personal.push(contact.mobile, contact.email, '02112345678');
    await request(t.app)
      .post('/v1/public/complaints')
      .send({
        kind: 'complaint',
        topic: 'overcharge',
        subject: { kind: 'office', officeId: 'OF-A', serviceCode: services.good },
        description: `Overcharged; call me on ${contact.mobile}`,
        contact,
        receiptCode: paid.body.trackingCode,
      })
      .expect(201);
    await request(t.app)
      .post('/v1/public/complaints')
      .send({
        kind: 'complaint',
        subject: { kind: 'office', officeId: 'OF-A' },
        description: 'bad body',
        contact: { mobile: contact.mobile, phone: contact.mobile },
      })
      .expect(400);
    const list = await request(t.app)
      .get('/v1/complaints')
      .set('Authorization', w.a.regulator)
      .expect(200);
    expect(JSON.stringify(list.body)).toContain(contact.mobile);
    await request(t.app)
      .post(`/v1/payments/${paid.body.paymentId as string}/refunds`)
      .set('Authorization', w.a.regulator)
      .send({ amount: '79267', reason: 'overcharge' })
      .expect(201);
    // Requests that fail authentication carry the token too.
    await request(t.app).get('/v1/me').set('Authorization', `Bearer ${secrets[0]!}x`).expect(401);
    await request(t.app)
      .get('/v1/credentials')
      .set('Authorization', `Bearer ${secrets[3]!}`)
      .expect(403);

    expect(secrets.every((s) => typeof s === 'string' && s.length >= 20)).toBe(true);
    const logs = t.logs.join('\n');
    expect(t.logs.length).toBeGreaterThan(40);
    const inLogs = [...secrets, ...personal].filter((s) => logs.includes(s));
    expect(inLogs).toEqual([]);

    const events = JSON.stringify(await t.store.readAll({ after: 0, limit: 1_000_000 }));
    expect(secrets.filter((s) => events.includes(s))).toEqual([]);
    // The customers' national ids and the sealed contact are not in the event log in clear either
    // (a number the citizen typed into the description is kept as typed: it is the case's text).
    expect([...nationalIds, contact.email, contact.name].filter((s) => events.includes(s))).toEqual(
      [],
    );
    console.log(
      `secrets scan: ${secrets.length} tokens and signing secrets, ${personal.length} national ids and phone numbers, looked for in ${t.logs.length} log lines and ${events.length} bytes of events`,
    );
  });
});
