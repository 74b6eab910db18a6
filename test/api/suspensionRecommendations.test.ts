import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { sqliteEventStore } from '../../src/shared/eventStore';
import { startTestApp, type TestApp } from '../support/app';
import { refusedIn } from '../support/holders';
import { actors, eventsAfter, issuedLicense, officeBody, type Actors } from '../support/licensing';

describe("supervision's suspension recommendations reach licensing's queue: acted on or dismissed", () => {
  let t: TestApp;
  let a: Actors;
  const offices = { acted: 'OF-REC-1', dismissed: 'OF-REC-2' };
  const licenses: Record<string, string> = {};
  const recommendations: Record<string, string> = {};
  let warning: string;

  const post = (path: string, body: object = {}) =>
    request(t.app).post(path).set('Authorization', a.regulator).send(body);
  const get = (path: string) => request(t.app).get(path).set('Authorization', a.regulator);
  const queue = '/v1/licensing/suspension-recommendations';

  const refused = (call: () => request.Test, status: number) => refusedIn(t, call, status);

  beforeAll(async () => {
    t = await startTestApp();
    a = await actors(t);
    for (const [key, officeId] of Object.entries(offices)) {
      licenses[key] = await issuedLicense(t, a);
      await post('/v1/offices', officeBody(officeId, licenses[key])).expect(201);
    }
    warning = (
      await post(`/v1/supervision/offices/${offices.acted}/actions`, {
        action: 'warning',
        reason: 'prices not displayed',
      }).expect(201)
    ).body.actionId as string;
    for (const [key, officeId] of Object.entries(offices))
      recommendations[key] = (
        await post(`/v1/supervision/offices/${officeId}/actions`, {
          action: 'suspension_recommended',
          reason: 'three upheld overcharge complaints in a month',
        }).expect(201)
      ).body.actionId as string;
  }, 30_000);
  afterAll(() => t.close());

  it('each recommendation is in the regulator queue with its evidence, the earlier actions against the office among it', async () => {
    const pending = await get(queue).expect(200);
    expect(pending.body.items).toHaveLength(2);
    const acted = (pending.body.items as Array<{ actionId: string }>).find(
      (r) => r.actionId === recommendations.acted,
    );
    expect(acted).toMatchObject({
      officeId: offices.acted,
      licenseId: licenses.acted,
      status: 'pending',
      evidence: {
        reason: 'three upheld overcharge complaints in a month',
        earlierActions: [{ actionId: warning, action: 'warning', reason: 'prices not displayed' }],
      },
    });
  });

  it('acting on it suspends the license, the suspension naming the recommendation; the same act again is a replay, another act or dismissing after is 409', async () => {
    const head = await t.store.headPosition();
    const suspended = await post(`${queue}/${recommendations.acted}/act`).expect(200);
    expect(suspended.body).toMatchObject({ licenseId: licenses.acted, status: 'suspended' });
    const events = await t.store.readAll({ after: head, limit: 10 });
    expect(await eventsAfter(t, head)).toEqual([
      'recommendation SuspensionRecommendationActed',
      'license LicenseSuspended',
    ]);
    expect(events[1]!.data).toMatchObject({
      reason: 'three upheld overcharge complaints in a month',
      recommendation: { officeId: offices.acted, actionId: recommendations.acted },
    });
    const again = await post(`${queue}/${recommendations.acted}/act`).expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toMatchObject({ licenseId: licenses.acted, status: 'suspended' });
    expect(await eventsAfter(t, head)).toHaveLength(2);
    expect(
      (
        await refused(
          () => post(`${queue}/${recommendations.acted}/act`, { reason: 'another reason' }),
          409,
        )
      ).detail,
    ).toMatch(/acted on already/);
    await refused(() => post(`${queue}/${recommendations.acted}/dismiss`, { reason: 'no' }), 409);
  });

  it('dismissing needs a reason (400, nothing stored); dismissed, acting or dismissing again is 409 and the license stays active', async () => {
    const url = `${queue}/${recommendations.dismissed}/dismiss`;
    const missing = await refused(() => post(url), 400);
    expect(missing.errors?.map((e) => e.path)).toEqual(['reason']);
    await refused(() => post(url, { reason: '   ' }), 400);
    const dismissed = await post(url, {
      reason: 'the complaints were about another office',
    }).expect(200);
    expect(dismissed.body).toMatchObject({
      status: 'dismissed',
      outcome: { reason: 'the complaints were about another office' },
    });
    await refused(() => post(url, { reason: 'again' }), 409);
    await refused(() => post(`${queue}/${recommendations.dismissed}/act`), 409);
    const license = await get(`/v1/licenses/${licenses.dismissed}`).expect(200);
    expect(license.body.status).toBe('active');
    expect((await get(queue).expect(200)).body.items).toEqual([]);
    const done = await get(`${queue}?status=dismissed`).expect(200);
    expect(done.body.items.map((r: { actionId: string }) => r.actionId)).toEqual([
      recommendations.dismissed,
    ]);
    await refused(() => post(`${queue}/no-such-action/act`), 404);
  });

  it("the office's supervision history shows each outcome", async () => {
    const acted = await get(`/v1/supervision/offices/${offices.acted}/actions`).expect(200);
    expect(acted.body.items).toMatchObject([
      { actionId: warning, action: 'warning' },
      {
        actionId: recommendations.acted,
        action: 'suspension_recommended',
        outcome: { status: 'acted', reason: 'three upheld overcharge complaints in a month' },
      },
    ]);
    expect(acted.body.items[0].outcome).toBeUndefined();
    const dismissed = await get(`/v1/supervision/offices/${offices.dismissed}/actions`).expect(200);
    expect(dismissed.body.items).toMatchObject([
      {
        actionId: recommendations.dismissed,
        outcome: { status: 'dismissed', reason: 'the complaints were about another office' },
      },
    ]);
  });
});

describe('a recommendation acted on from two nodes at once has one outcome', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pishkhan-recommendation-nodes-'));
  let a: TestApp;
  let b: TestApp;
  afterAll(async () => {
    await b.close();
    await a.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('one node suspends the license, the other answers the same act as a replay, and the license has one suspension', async () => {
    const file = join(dir, 'events.sqlite');
    a = await startTestApp({ store: sqliteEventStore(file) });
    const who = await actors(a);
    const licenseId = await issuedLicense(a, who);
    const as =
      (t: TestApp) =>
      (path: string, body: object = {}) =>
        request(t.app).post(path).set('Authorization', who.regulator).send(body);
    await as(a)('/v1/offices', officeBody('OF-REC-N', licenseId)).expect(201);
    const actionId = (
      await as(a)('/v1/supervision/offices/OF-REC-N/actions', {
        action: 'suspension_recommended',
        reason: 'overcharges',
      }).expect(201)
    ).body.actionId as string;
    b = await startTestApp({ store: sqliteEventStore(file), deps: { secrets: a.deps.secrets } });
    const url = `/v1/licensing/suspension-recommendations/${actionId}/act`;
    const answers = await Promise.all([as(a)(url), as(b)(url)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(answers.map((r) => r.headers['idempotent-replayed']).sort()).toEqual([
      'true',
      undefined,
    ]);
    const suspensions = (await a.store.readStream(`license-${licenseId}`)).filter(
      (e) => e.type === 'LicenseSuspended',
    );
    expect(suspensions).toHaveLength(1);
  });
});
