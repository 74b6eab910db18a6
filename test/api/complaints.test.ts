import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { registerTrafficService } from '../support/licensing';
import {
  payment,
  paymentWorld,
  services,
  signedPost,
  type PaymentWorld,
} from '../support/payments';

const intake = (overrides: Record<string, unknown> = {}) => ({
  kind: 'complaint',
  topic: 'overcharge',
  subject: { kind: 'office', officeId: 'OF-A', serviceCode: services.good },
  description: 'I was charged 1,800,000 rials; the receipt tariff says 1,720,733.',
  contact: { name: 'Maryam Ahmadi', mobile: '09121234567', email: 'maryam@example.ir' },
  ...overrides,
});

describe('complaints: from intake to an upheld complaint whose refund is in the ledger, linked both ways', () => {
  let t: TestApp;
  let w: PaymentWorld;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-29T08:00:00Z' });
    w = await paymentWorld(t);
    t.clock.advance(10 * 60_000);
  });
  afterAll(() => t.close());

  it('runs the whole scenario, with every step an event with actor and reason', async () => {
    const paid = await signedPost(
      t,
      w.good,
      '/v1/payments',
      payment(t, { amount: '1800000' }),
    ).expect(201);
    const paymentId = paid.body.paymentId as string;
    expect(paid.body.violations).toEqual([
      { type: 'overcharge', expected: '1720733', excess: '79267' },
    ]);

    const filed = await request(t.app)
      .post('/v1/public/complaints')
      .send(intake({ receiptCode: paid.body.trackingCode }))
      .expect(201);
    const code = filed.body.trackingCode as string;
    expect(code).toMatch(/^\d{12}$/);
    expect(filed.body.dueBy.jalali).toBe('1405/09/23 00:00');

    const regulator = w.a.regulator;
    const office = (await t.tokenFor('office', { officeId: 'OF-A' })).authorization;
    const list = await request(t.app)
      .get('/v1/complaints')
      .set('Authorization', regulator)
      .expect(200);
    const complaintId = list.body.items[0].complaintId as string;
    expect(list.body.items[0]).toMatchObject({
      desk: { kind: 'province', province: 'IR-23' },
      status: 'received',
    });
    const url = `/v1/complaints/${complaintId}`;

    await request(t.app)
      .post(`${url}/review`)
      .set('Authorization', regulator)
      .send({ reason: 'assigned to the Tehran desk' })
      .expect(200);
    const asked = await request(t.app)
      .post(`${url}/request-office-response`)
      .set('Authorization', regulator)
      .send({ reason: 'explain the charge' })
      .expect(200);
    expect(asked.body.status).toBe('awaiting_office');
    await request(t.app)
      .post(`${url}/office-response`)
      .set('Authorization', office)
      .send({ response: 'the operator used last year’s tariff' })
      .expect(200);
    const resolved = await request(t.app)
      .post(`${url}/resolve`)
      .set('Authorization', regulator)
      .send({
        outcome: 'upheld',
        remedies: [{ kind: 'refund', paymentId, amount: '79267' }, { kind: 'warning' }],
        reason: 'charged above the approved tariff',
      })
      .expect(200);
    expect(resolved.body.status).toBe('resolved');
    expect(resolved.body.refunds).toEqual([
      { refundId: expect.any(String), paymentId, amount: '79267', recordedInLedger: true },
    ]);
    expect(
      resolved.body.history.map((h: { type: string; by: string; reason?: string }) => [
        h.type,
        h.reason,
      ]),
    ).toEqual([
      ['ComplaintFiled', undefined],
      ['ComplaintReviewStarted', 'assigned to the Tehran desk'],
      ['OfficeResponseRequested', 'explain the charge'],
      ['OfficeResponded', 'the operator used last year’s tariff'],
      ['ComplaintResolved', 'charged above the approved tariff'],
      ['RefundOrdered', undefined],
      ['RefundRecorded', undefined],
    ]);
    expect(resolved.body.history.every((h: { by: string }) => h.by.length > 0)).toBe(true);
    const refundId = resolved.body.refunds[0].refundId as string;

    const ledger = await t.store.readStream(`payment-${paymentId}`);
    const refund = ledger.find((e) => e.type === 'PaymentRefunded')!;
    expect(refund.data).toMatchObject({ paymentId, refundId, amount: '-79267' });
    expect(refund.metadata).toMatchObject({ complaintId });
    const caseEvents = (await t.store.readStream(`complaint-${complaintId}`)).map(
      (e) => e.data as Record<string, unknown>,
    );
    expect(
      caseEvents.filter((e) => e.type === 'RefundOrdered' || e.type === 'RefundRecorded'),
    ).toEqual([
      expect.objectContaining({
        type: 'RefundOrdered',
        refundId,
        paymentId,
        amount: '79267',
        receiptCode: paid.body.trackingCode,
      }),
      expect.objectContaining({ type: 'RefundRecorded', refundId, paymentId }),
    ]);
    const receipt = await request(t.app)
      .get(`/v1/payments/${paymentId}`)
      .set('Authorization', regulator)
      .expect(200);
    expect(JSON.stringify(receipt.body)).toContain(refundId);

    const again = await request(t.app)
      .post(`${url}/resolve`)
      .set('Authorization', regulator)
      .send({ outcome: 'not_upheld', reason: 'again' })
      .expect(409);
    expect(again.body.code).toBe('illegal-state');
    expect(ledger.filter((e) => e.type === 'PaymentRefunded')).toHaveLength(1);

    const pub = await request(t.app).get(`/v1/public/complaints/${code}`).expect(200);
    expect(pub.body).toMatchObject({ trackingCode: code, status: 'resolved', outcome: 'upheld' });
    const everythingPublic = JSON.stringify(pub.body);
    for (const personal of ['Maryam', '0912', 'maryam@', 'tariff says', 'operator'])
      expect(everythingPublic).not.toContain(personal);

    const everythingStored = JSON.stringify(await t.store.readStream(`complaint-${complaintId}`));
    expect(everythingStored).not.toContain('09121234567');
    expect(everythingStored).not.toContain('Maryam');
    expect(t.logs.join('')).not.toMatch(/09121234567|Maryam|maryam@example/);
  });

  it('shows contact details only to the handling desk; an office sees its own cases only; AREO only aggregates', async () => {
    await request(t.app)
      .post('/v1/public/complaints')
      .send(intake({ topic: 'conduct', description: 'The operator was rude to me.' }))
      .expect(201);
    const regulator = w.a.regulator;
    const mine = (await t.tokenFor('office', { officeId: 'OF-A' })).authorization;
    const other = (await t.tokenFor('office', { officeId: 'OF-S' })).authorization;
    const agency = (await t.tokenFor('agency', { agencyId: 'traffic' })).authorization;
    const all = await request(t.app)
      .get('/v1/complaints')
      .set('Authorization', regulator)
      .expect(200);
    const id = all.body.items.at(-1).complaintId as string;
    expect(all.body.items.at(-1).contact).toEqual({
      name: 'Maryam Ahmadi',
      mobile: '09121234567',
      email: 'maryam@example.ir',
    });

    const asOffice = await request(t.app)
      .get(`/v1/complaints/${id}`)
      .set('Authorization', mine)
      .expect(200);
    expect(asOffice.body.contact).toBeUndefined();
    await request(t.app).get(`/v1/complaints/${id}`).set('Authorization', other).expect(404);
    expect(
      (await request(t.app).get('/v1/complaints').set('Authorization', other).expect(200)).body
        .items,
    ).toEqual([]);

    const asAgency = await request(t.app)
      .get(`/v1/complaints/${id}`)
      .set('Authorization', agency)
      .expect(200);
    expect(asAgency.body.contact).toBeUndefined();
    await request(t.app)
      .post(`/v1/complaints/${id}/review`)
      .set('Authorization', agency)
      .send({ reason: 'mine?' })
      .expect(403);
    await request(t.app)
      .post(`/v1/complaints/${id}/review`)
      .set('Authorization', mine)
      .send({ reason: 'x' })
      .expect(403);

    await request(t.app).get('/v1/complaints').set('Authorization', w.a.areo).expect(403);
    const stats = await request(t.app)
      .get('/v1/complaints/statistics')
      .set('Authorization', w.a.areo)
      .expect(200);
    expect(stats.body).toMatchObject({
      total: 2,
      byKind: { complaint: 2 },
      byProvince: { 'IR-23': 2 },
    });
    expect(JSON.stringify(stats.body)).not.toMatch(/Maryam|0912/);
    const csv = await request(t.app)
      .get('/v1/complaints/statistics.csv')
      .set('Authorization', w.a.areo)
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const asOf = (csv.text.split('\r\n')[1] ?? '').split(',')[3] ?? '';
    expect(asOf).toMatch(/^14\d\d\/\d\d\/\d\d \d\d:\d\d$/);
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename=complaint-statistics_all_${asOf.slice(0, 10).replace(/\//g, '-')}.csv`,
    );
    expect(csv.text).toContain(`\r\nkind,complaint,2,${asOf}\r\n`);
    expect(csv.text).toContain(`\r\nprovince,IR-23,2,${asOf}\r\n`);
    expect(csv.text.startsWith(`\ufeffdimension,key,count,as_of\r\ntotal,all,2,${asOf}`)).toBe(
      true,
    );
    expect(csv.text).not.toMatch(/Maryam|0912/);
  });

  it('supervision: the office’s measures and score for 1405-H2, rankings for AREO, a suspension recommendation as an event', async () => {
    const ranks = await request(t.app)
      .get('/v1/supervision/rankings?period=1405-H2&province=IR-23')
      .set('Authorization', w.a.areo)
      .expect(200);
    const a = ranks.body.provinces['IR-23'].find(
      (o: { officeId: string }) => o.officeId === 'OF-A',
    );
    expect(a).toMatchObject({
      volume: 1,
      violations: 1,
      violationRate: '1',
      violationAmount: '79267',
      complaintsReceived: 2,
      complaintsUpheld: 1,
      slaBreaches: 0,
    });
    expect(a.score).toBe('30.00'); // 100 − 40×1 − 0 − min(30, 2×100) − 0
    expect(ranks.body.position).toBe(await t.store.headPosition());
    const mine = (await t.tokenFor('office', { officeId: 'OF-A' })).authorization;
    const other = (await t.tokenFor('office', { officeId: 'OF-S' })).authorization;
    await request(t.app)
      .get('/v1/supervision/offices/OF-A?period=1405-H2')
      .set('Authorization', mine)
      .expect(200);
    await request(t.app)
      .get('/v1/supervision/offices/OF-A?period=1405-H2')
      .set('Authorization', other)
      .expect(404);
    await request(t.app)
      .get('/v1/supervision/rankings?period=1405-H2')
      .set('Authorization', mine)
      .expect(403);

    const act = await request(t.app)
      .post('/v1/supervision/offices/OF-A/actions')
      .set('Authorization', w.a.regulator)
      .send({
        action: 'suspension_recommended',
        reason: 'score 30.00 in 1405-H2',
        period: '1405-H2',
      })
      .expect(201);
    expect(act.body).toMatchObject({
      action: 'suspension_recommended',
      reason: 'score 30.00 in 1405-H2',
    });
    const [event] = await t.store.readStream('supervision-OF-A');
    expect(event!.type).toBe('SuspensionRecommended');
    const listed = await request(t.app)
      .get('/v1/supervision/offices/OF-A/actions')
      .set('Authorization', mine)
      .expect(200);
    expect(listed.body.items).toHaveLength(1);
  });
});

describe('the overdue list under a controlled clock, across a weekend and a holiday', () => {
  let t: TestApp;
  let regulator: string;
  let agency: string;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-02-07T06:30:00Z' });
    regulator = (await t.tokenFor('regulator')).authorization;
    agency = (await t.tokenFor('agency', { agencyId: 'traffic' })).authorization;
    await registerTrafficService(t, regulator);
  });
  afterAll(() => t.close());

  const overdue = async (auth: string) =>
    (
      await request(t.app).get('/v1/complaints/overdue').set('Authorization', auth).expect(200)
    ).body.items.map((i: { trackingCode: string }) => i.trackingCode);

  it('counts 10 working days skipping Thursdays, Fridays and 22 Bahman', async () => {
    const service = {
      kind: 'complaint',
      topic: 'service_quality',
      subject: { kind: 'service', serviceCode: 'vehicle-transfer' },
      description: 'The transfer service was unavailable for a week.',
    };
    const first = await request(t.app).post('/v1/public/complaints').send(service).expect(201); // Saturday 1404/11/18 10:00
    expect(first.body.dueBy.jalali).toBe('1404/12/04 00:00');
    t.clock.set('2026-02-09T06:30:00Z'); // Monday 1404/11/20
    const second = await request(t.app).post('/v1/public/complaints').send(service).expect(201);
    expect(second.body.dueBy.jalali).toBe('1404/12/06 00:00');

    t.clock.set('2026-02-17T06:30:00Z'); // 1404/11/28: ten calendar days later, but only 6 working days
    expect(await overdue(regulator)).toEqual([]);
    t.clock.set('2026-02-22T20:29:00Z'); // 1404/12/03 23:59
    expect(await overdue(regulator)).toEqual([]);
    t.clock.set('2026-02-22T20:30:00Z'); // 1404/12/04 00:00
    expect(await overdue(regulator)).toEqual([first.body.trackingCode]);
    expect(await overdue(agency)).toEqual([first.body.trackingCode]);
    t.clock.set('2026-02-24T20:30:00Z'); // 1404/12/06 00:00
    expect(await overdue(regulator)).toEqual([first.body.trackingCode, second.body.trackingCode]);

    const firstId = (
      await request(t.app).get('/v1/complaints').set('Authorization', agency).expect(200)
    ).body.items[0].complaintId as string;
    await request(t.app)
      .post(`/v1/complaints/${firstId}/close`)
      .set('Authorization', agency)
      .send({ reason: 'service restored; citizen informed' })
      .expect(200);
    expect(await overdue(regulator)).toEqual([second.body.trackingCode]);
    const office = (await t.tokenFor('office', { officeId: 'OF-A' })).authorization;
    await request(t.app).get('/v1/complaints/overdue').set('Authorization', office).expect(403);
  });
});

describe('the public intake refuses floods and oversized bodies; the tracking code shows only public status', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-02-07T06:30:00Z' });
    const regulator = (await t.tokenFor('regulator')).authorization;
    await registerTrafficService(t, regulator);
  });
  afterAll(() => t.close());
  const suggestion = {
    kind: 'suggestion',
    subject: { kind: 'agency', agencyId: 'traffic' },
    description: 'Please open on Thursdays too.',
    contact: { mobile: '۰۹۱۲۱۲۳۴۵۶۷' },
  };

  it('a body over 16 kB is 413 and records nothing', async () => {
    const head = await t.store.headPosition();
    const res = await request(t.app)
      .post('/v1/public/complaints')
      .send({ ...suggestion, description: 'x'.repeat(20_000) })
      .expect(413);
    expect(res.body.code).toBe('payload-too-large');
    expect(await t.store.headPosition()).toBe(head);
  });

  it('the sixth filing from one address within ten minutes is 429 with Retry-After; the next window accepts again', async () => {
    t.clock.set('2026-02-07T06:32:00Z');
    const codes: string[] = [];
    for (let i = 0; i < 4; i++)
      codes.push(
        (await request(t.app).post('/v1/public/complaints').send(suggestion).expect(201)).body
          .trackingCode,
      );
    const head = await t.store.headPosition();
    const refused = await request(t.app).post('/v1/public/complaints').send(suggestion).expect(429);
    expect(refused.headers['retry-after']).toBe('480');
    expect(refused.body.code).toBe('rate-limited');
    expect(await t.store.headPosition()).toBe(head);
    t.clock.set('2026-02-07T06:40:00Z');
    await request(t.app).post('/v1/public/complaints').send(suggestion).expect(201);

    const status = await request(t.app).get(`/v1/public/complaints/${codes[0]!}`).expect(200);
    expect(Object.keys(status.body).sort()).toEqual([
      'dueBy',
      'filedAt',
      'kind',
      'lastChangedAt',
      'provisional',
      'status',
      'trackingCode',
    ]);
    expect(status.body).toMatchObject({ kind: 'suggestion', status: 'received' });
    expect(JSON.stringify(status.body)).not.toMatch(/0912|Thursdays/);
  });

  it('an unknown or mistyped tracking code is 404; unknown fields and unknown subjects are 400', async () => {
    await request(t.app).get('/v1/public/complaints/123456789012').expect(404);
    const bad = await request(t.app)
      .post('/v1/public/complaints')
      .send({ ...suggestion, nationalId: '0499370899' })
      .expect(400);
    expect(bad.body.errors).toEqual([{ path: 'nationalId', message: 'unknown field' }]);
    await request(t.app)
      .post('/v1/public/complaints')
      .send({ ...suggestion, subject: { kind: 'office', officeId: 'OF-NOPE' } })
      .expect(400);
  });
});
