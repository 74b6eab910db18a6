import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { approvalEffects } from '../../src/holders';
import { suspensionEffects } from '../../src/licensing';
import { postgresEventStore, sqliteEventStore, type EventStore } from '../../src/shared/eventStore';
import { startTestApp, type TestApp } from '../support/app';
import { onlineLicense } from '../support/holders';
import { actors, ids, issuedLicense, officeBody, type Actors } from '../support/licensing';
import { databaseUrl, describeWithPostgres, dropSchema, randomSchema } from '../support/postgres';
import { sentSms } from '../support/tenants';

/**
 * A store whose next append to a license stream fails once armed: the node stopped between a
 * decision and its effect on the license.
 */
function stoppingBeforeEffect(inner: EventStore) {
  let armed = false;
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      if (property !== 'append') return Reflect.get(target, property, receiver) as unknown;
      return (...args: Parameters<EventStore['append']>) => {
        if (armed && args[0].startsWith('license-')) {
          armed = false;
          return Promise.reject(new Error('the node stopped'));
        }
        return target.append(...args);
      };
    },
  });
  return { store, arm: () => (armed = true) };
}

/**
 * Two nodes over one SQLite log; node A stops (its license append fails) right after writing a
 * decision. The effect is then completed by a retry or by the completion rounds, on either node,
 * and written once however they overlap.
 */
function effectsAcrossNodes(backend: Backend) {
  const dir = mkdtempSync(join(tmpdir(), 'pishkhan-effects-'));
  const sms = sentSms();
  let stopping: ReturnType<typeof stoppingBeforeEffect>;
  let a: TestApp;
  let b: TestApp;
  let who: Actors;
  let holder: string;
  let licenseId: string;

  const post = (t: TestApp, path: string, as: string, body: object = {}) =>
    request(t.app).post(path).set('Authorization', as).send(body);
  const fileChange = (t: TestApp, address: string) =>
    post(t, `/v1/holder/licenses/${licenseId}/requests`, holder, {
      kind: 'address_change',
      address,
    });
  const approve = (t: TestApp, requestId: string, reason = 'proof seen') =>
    post(t, `/v1/holder-requests/${requestId}/approve`, who.regulator, { reason });
  const effectsOf = async (requestId: string) =>
    (await b.store.readStream(`license-${licenseId}`)).filter(
      (e) => (e.data as { holderRequestId?: string }).holderRequestId === requestId,
    );
  const rounds = () =>
    [a, b].map((t) =>
      approvalEffects({
        store: t.store,
        clock: t.clock,
        licenses: t.deps.readModels.licenses,
        requests: t.deps.readModels.holderRequests,
        logger: t.deps.logger,
      }),
    );

  /** Files a change of address on A and approves it there; A stops before the amendment. */
  async function approvedWithoutEffect(address: string): Promise<string> {
    const requestId = (await fileChange(a, address).expect(201)).body.requestId as string;
    stopping.arm();
    await approve(a, requestId).expect(500);
    const decided = await b.store.readStream(`holderRequest-${requestId}`);
    expect(decided.map((e) => e.type)).toEqual(['HolderRequestFiled', 'HolderRequestDecided']);
    expect(await effectsOf(requestId)).toEqual([]);
    return requestId;
  }

  const address = async () =>
    (
      await request(b.app)
        .get(`/v1/licenses/${licenseId}`)
        .set('Authorization', who.regulator)
        .expect(200)
    ).body.location.address as string;

  beforeAll(async () => {
    stopping = stoppingBeforeEffect(await backend.open(dir));
    a = await startTestApp({
      store: stopping.store,
      deps: { sms, applicants: { sessionHours: 24, codesPerHour: 10, documentMaxBytes: 4096 } },
    });
    const person = { nationalId: ids.nationalId, mobile: '09121234567' };
    const asked = await request(a.app).post('/v1/public/applicants/codes').send(person);
    const code = /(\d{6})/.exec(sms.sent.at(-1)!.text)![1];
    const session = await request(a.app)
      .post('/v1/public/applicants/sessions')
      .send({ requestId: asked.body.requestId, nationalId: person.nationalId, code })
      .expect(201);
    holder = `Bearer ${session.body.token as string}`;
    who = await actors(a);
    licenseId = await onlineLicense(a, who, holder);
    b = await startTestApp({
      store: await backend.open(dir),
      deps: { secrets: a.deps.secrets },
    });
  }, 60_000);
  afterAll(async () => {
    await b.close();
    await a.close();
    await backend.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a retried approval on the other node writes the missing effect and answers as a replay; again, nothing more', async () => {
    const requestId = await approvedWithoutEffect('Retry St. 1');
    const retried = await approve(b, requestId).expect(200);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body).toMatchObject({ status: 'approved', decision: { reason: 'proof seen' } });
    expect(await effectsOf(requestId)).toHaveLength(1);
    expect(await address()).toBe('Retry St. 1');

    await approve(a, requestId).expect(200);
    expect(await effectsOf(requestId)).toHaveLength(1);
    const other = await approve(b, requestId, 'another reason').expect(409);
    expect(other.body.detail).toMatch(/approved already/);
    expect(await effectsOf(requestId)).toHaveLength(1);
  });

  it('completion rounds on both nodes at once write the effect once; later rounds find nothing to do', async () => {
    const requestId = await approvedWithoutEffect('Round St. 2');
    const jobs = rounds();
    const results = await Promise.all(jobs.map((j) => j.runOnce()));
    expect(results.map((r) => r.applied).sort()).toEqual([0, 1]);
    expect(results.map((r) => r.refused)).toEqual([0, 0]);
    expect(await effectsOf(requestId)).toHaveLength(1);
    expect(await address()).toBe('Round St. 2');
    const again = await Promise.all(jobs.map((j) => j.runOnce()));
    expect(again.map((r) => r.applied)).toEqual([0, 0]);
  });

  it('a retry and both rounds at once write the effect once', async () => {
    const requestId = await approvedWithoutEffect('Both St. 3');
    const jobs = rounds();
    const [retried, ...results] = await Promise.all([
      approve(b, requestId).then((r) => r),
      ...jobs.map((j) => j.runOnce()),
    ]);
    expect(retried.status).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(results.map((r) => r.applied).filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(await effectsOf(requestId)).toHaveLength(1);
    expect(await address()).toBe('Both St. 3');
  });

  it('an approval written before effects named their request is left alone: no round or retry writes it again', async () => {
    const requestId = (await fileChange(a, 'Old St. 4').expect(201)).body.requestId as string;
    const stream = `holderRequest-${requestId}`;
    const filed = (await b.store.readStream(stream))[0]!.data as { kind: string };
    await b.store.append(
      stream,
      [
        {
          type: 'HolderRequestDecided',
          data: {
            type: 'HolderRequestDecided',
            requestId,
            licenseId,
            kind: filed.kind,
            outcome: 'approved',
            reason: 'proof seen',
            decidedAt: b.clock.now().toISOString(),
            decidedBy: 'an-older-node',
          },
        },
      ],
      0,
    );
    const results = await Promise.all(rounds().map((j) => j.runOnce()));
    expect(results.map((r) => r.applied)).toEqual([0, 0]);
    expect(await effectsOf(requestId)).toEqual([]);
  });

  it('two nodes filing the same kind at the same instant: one is 201, the other 409, each time', async () => {
    for (const n of [1, 2, 3]) {
      const answers = await Promise.all([
        fileChange(a, `Race St. ${n}`),
        fileChange(b, `Race St. ${n}`),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
      const loser = answers.find((r) => r.status === 409)!;
      expect(loser.body.detail).toMatch(/address_change request of this license is already open/);
      const winner = answers.find((r) => r.status === 201)!.body.requestId as string;
      const pending = await request(b.app)
        .get('/v1/holder-requests?status=pending&kind=address_change')
        .set('Authorization', who.regulator)
        .expect(200);
      expect(pending.body.items.map((r: { requestId: string }) => r.requestId)).toEqual([winner]);
      await post(a, `/v1/holder-requests/${winner}/reject`, who.regulator, {
        reason: 'no proof',
      }).expect(200);
    }
  });

  it('a suspension recommendation acted on where the node stopped: the rounds suspend once, with the end chosen, and a retry is a replay', async () => {
    const suspended = await issuedLicense(a, who);
    await post(a, '/v1/offices', who.regulator, officeBody('OF-EFF-1', suspended)).expect(201);
    const actionId = (
      await post(a, '/v1/supervision/offices/OF-EFF-1/actions', who.regulator, {
        action: 'suspension_recommended',
        reason: 'overcharges',
      }).expect(201)
    ).body.actionId as string;
    const until = new Date(a.clock.now().getTime() + 30 * 86_400_000).toISOString();
    const act = (t: TestApp) =>
      post(t, `/v1/licensing/suspension-recommendations/${actionId}/act`, who.regulator, {
        until,
      });
    const suspensions = async () =>
      (await b.store.readStream(`license-${suspended}`)).filter(
        (e) => e.type === 'LicenseSuspended',
      );
    stopping.arm();
    await act(a).expect(500);
    expect(await suspensions()).toEqual([]);

    const jobs = [a, b].map((t) =>
      suspensionEffects({
        store: t.store,
        clock: t.clock,
        licenses: t.deps.readModels.licenses,
        recommendations: t.deps.readModels.recommendations,
        logger: t.deps.logger,
      }),
    );
    const results = await Promise.all(jobs.map((j) => j.runOnce()));
    expect(results.map((r) => r.applied).sort()).toEqual([0, 1]);
    const [one] = await suspensions();
    expect(one!.data).toMatchObject({ until, recommendation: { actionId } });
    const retried = await act(b).expect(200);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body).toMatchObject({ licenseId: suspended, status: 'suspended' });
    expect(await suspensions()).toHaveLength(1);
  });
}

interface Backend {
  /** A new connection to the one shared log. */
  open(dir: string): Promise<EventStore>;
  dispose(): Promise<void>;
}

const title =
  'a decision whose node stopped before its effect on the license: completed once, by a retry or a round on any node';

describe(`${title}; one SQLite file`, () =>
  effectsAcrossNodes({
    open: async (dir) => sqliteEventStore(join(dir, 'events.sqlite')),
    dispose: async () => undefined,
  }));

describeWithPostgres(`${title}; one PostgreSQL log`, () => {
  const schema = randomSchema();
  effectsAcrossNodes({
    open: () => postgresEventStore({ connectionString: databaseUrl, schema }),
    dispose: () => dropSchema(schema),
  });
});
