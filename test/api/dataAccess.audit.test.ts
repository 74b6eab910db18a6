import request from 'supertest';
import { send } from '../support/tenants';
import {
  lookupBody,
  nationalId,
  openDelivery,
  startDataWorld,
  type DataWorld,
} from './dataAccess.support';

let d: DataWorld;
beforeAll(async () => {
  d = await startDataWorld();
  const { A, B } = d.w;
  await send(
    d.t,
    'POST',
    '/v1/data-access/lookups',
    A.auth.office,
    lookupBody(A, await openDelivery(d, A)),
  ).expect(200);
  await send(
    d.t,
    'POST',
    '/v1/data-access/lookups',
    B.auth.office,
    lookupBody(B, await openDelivery(d, B)),
  ).expect(200);
  const consent = await openDelivery(d, A);
  for (const code of ['000000', '000001', '000002'].filter((c) => c !== consent.code))
    await send(
      d.t,
      'POST',
      '/v1/data-access/lookups',
      A.auth.office,
      lookupBody(A, { ...consent, code }),
    ).expect(422);
}, 60_000);
afterAll(() => d?.close());

type Item = { officeId: string; agencyId?: string; outcome: string; rule?: string };

describe('the audit of customer-data access', () => {
  it('an agency sees every attempt at its own data and none at another agency’s', async () => {
    const res = await send(d.t, 'GET', '/v1/data-access/audit', d.w.A.auth.agency).expect(200);
    const items = res.body.items as Item[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(new Set(items.map((i) => i.agencyId))).toEqual(new Set([d.w.A.agencyId]));
  });

  it('filters by outcome, office and province; the regulator sees both agencies', async () => {
    const all = await send(d.t, 'GET', '/v1/data-access/audit', d.w.A.auth.regulator).expect(200);
    expect(new Set((all.body.items as Item[]).map((i) => i.agencyId))).toEqual(
      new Set([d.w.A.agencyId, d.w.B.agencyId]),
    );
    const refused = await send(
      d.t,
      'GET',
      '/v1/data-access/audit?outcome=refused',
      d.w.A.auth.agency,
    ).expect(200);
    expect((refused.body.items as Item[]).map((i) => i.rule)).toEqual(
      Array((refused.body.items as Item[]).length).fill('consent-wrong'),
    );
    const inB = await send(
      d.t,
      'GET',
      `/v1/data-access/audit?province=${d.w.B.province}`,
      d.w.A.auth.regulator,
    ).expect(200);
    expect(new Set((inB.body.items as Item[]).map((i) => i.officeId))).toEqual(
      new Set([d.w.B.officeId]),
    );
  });

  it('downloads as an Excel-safe CSV', async () => {
    const res = await send(
      d.t,
      'GET',
      '/v1/data-access/audit.csv?from=1405/09/01&to=1405/09/30',
      d.w.A.auth.agency,
    ).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.text.startsWith('\ufeffat_jalali,at_iso,outcome,rule')).toBe(true);
    expect(res.text).toContain(`"=""${d.w.A.officeId}"""`);
    expect(res.text).not.toContain(d.w.B.officeId);
  });

  it('lists repeated consent failures and outside-hours look-ups as anomalies, and a supervision action is recorded from one', async () => {
    const now = d.t.clock.now();
    d.t.clock.set('2026-11-29T16:00:00Z');
    await send(
      d.t,
      'POST',
      '/v1/data-access/lookups',
      d.w.A.auth.office,
      lookupBody(d.w.A, await openDelivery(d, d.w.A)),
    ).expect(200);
    d.t.clock.set(now);
    const res = await send(
      d.t,
      'GET',
      '/v1/data-access/anomalies?from=1405/09/01&to=1405/09/30',
      d.w.A.auth.regulator,
    ).expect(200);
    const kinds = (res.body.items as Array<{ kind: string; officeId: string }>).map(
      (a) => `${a.officeId} ${a.kind}`,
    );
    expect(kinds).toEqual([
      `${d.w.A.officeId} consent-failures`,
      `${d.w.A.officeId} outside-hours`,
    ]);
    const actionsOfA = async () =>
      (
        await send(
          d.t,
          'GET',
          `/v1/supervision/offices/${d.w.A.officeId}/actions`,
          d.w.A.auth.regulator,
        ).expect(200)
      ).body.items as Array<{ actionId: string }>;
    const before = await actionsOfA();
    const acted = await send(
      d.t,
      'POST',
      '/v1/data-access/anomalies/actions',
      d.w.A.auth.regulator,
      {
        officeId: d.w.A.officeId,
        kind: 'consent-failures',
        action: 'warning',
        reason: 'three wrong codes in a row',
      },
    ).expect(201);
    const after = await actionsOfA();
    expect(after.filter((a) => !before.some((b) => b.actionId === a.actionId))).toEqual([
      expect.objectContaining({
        actionId: acted.body.actionId,
        action: 'warning',
        reason: expect.stringContaining('consent-failures'),
      }),
    ]);
  });
});

describe("a citizen's view of who read their data", () => {
  it('with the national id and the one-time code, lists the offices that read it; the code works once', async () => {
    const asked = await request(d.t.app)
      .post('/v1/public/data-access/codes')
      .send({ nationalId })
      .expect(202);
    const code = (await d.standIn.codesSentTo(nationalId)).at(-1)!;
    const body = { requestId: asked.body.requestId as string, nationalId, code };
    const res = await request(d.t.app)
      .post('/v1/public/data-access/history')
      .send(body)
      .expect(200);
    const offices = new Set((res.body.items as Item[]).map((i) => i.officeId));
    expect(offices).toEqual(new Set([d.w.A.officeId, d.w.B.officeId]));
    expect(JSON.stringify(res.body)).not.toContain('marker');
    const again = await request(d.t.app)
      .post('/v1/public/data-access/history')
      .send(body)
      .expect(422);
    expect(again.body.rule).toBe('consent-expired');
  });

  it('a wrong code or another national id opens nothing', async () => {
    const asked = await request(d.t.app)
      .post('/v1/public/data-access/codes')
      .send({ nationalId })
      .expect(202);
    const code = (await d.standIn.codesSentTo(nationalId)).at(-1)!;
    const wrong = await request(d.t.app)
      .post('/v1/public/data-access/history')
      .send({
        requestId: asked.body.requestId,
        nationalId,
        code: code === '000000' ? '000001' : '000000',
      })
      .expect(422);
    expect(wrong.body.rule).toBe('consent-wrong');
    const other = await request(d.t.app)
      .post('/v1/public/data-access/history')
      .send({ requestId: asked.body.requestId, nationalId: '0013542419', code })
      .expect(422);
    expect(other.body.rule).toBe('consent-missing');
  });
});
