import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import {
  actors,
  application,
  approvedApplication,
  ids,
  issuedLicense,
  type Actors,
} from '../support/licensing';

/**
 * Every (license state × command) pair over HTTP. The legal pairs are written out here from
 * the issue, not taken from the decider's table, so the two are checked against each other.
 */
const legal: Record<string, readonly string[]> = {
  under_review: ['vote'],
  approved: ['issue', 'refuse'],
  rejected: [],
  refused: [],
  active: ['amend', 'transfer', 'renew', 'suspend', 'cancel'],
  suspended: ['amend', 'renew', 'reinstate', 'cancel'],
  expired: [],
  cancelled: [],
};
type State = keyof typeof legal;

let serial = 0;
const commands: Record<string, { path: string; as: (a: Actors) => string; body: () => object }> = {
  vote: { path: 'votes', as: (a) => a.wg.ict, body: () => ({ vote: 'approve', reason: 'ok' }) },
  issue: {
    path: 'issue',
    as: (a) => a.regulator,
    body: () => ({ licenseNumber: `MX-${++serial}`, validityYears: 5 }),
  },
  refuse: { path: 'refuse', as: (a) => a.regulator, body: () => ({ reason: 'no budget' }) },
  amend: { path: 'amend', as: (a) => a.regulator, body: () => ({ phone: '02187654321' }) },
  transfer: {
    path: 'transfer',
    as: (a) => a.regulator,
    body: () => ({ to: { kind: 'legal', legalId: ids.legalB, name: 'B Co.' }, reason: 'sale' }),
  },
  renew: { path: 'renew', as: (a) => a.regulator, body: () => ({ validityYears: 1 }) },
  suspend: { path: 'suspend', as: (a) => a.regulator, body: () => ({ reason: 'audit' }) },
  reinstate: {
    path: 'reinstate',
    as: (a) => a.regulator,
    body: () => ({ reason: 'audit passed' }),
  },
  cancel: { path: 'cancel', as: (a) => a.regulator, body: () => ({ reason: 'closed' }) },
};

const now = '2026-11-29T08:00:00Z';

describe('every (license state × command) pair over HTTP', () => {
  let t: TestApp;
  let a: Actors;
  const post = (path: string, auth: string, body: object) =>
    request(t.app).post(path).set('Authorization', auth).send(body);

  async function licenseIn(state: State): Promise<string> {
    switch (state) {
      case 'under_review':
        return (await post('/v1/licenses', a.regulator, application()).expect(201)).body
          .licenseId as string;
      case 'approved':
        return approvedApplication(t, a);
      case 'rejected': {
        const id = (await post('/v1/licenses', a.regulator, application()).expect(201)).body
          .licenseId as string;
        for (const body of [a.wg.areo, a.wg.ict, a.wg.governorate])
          await post(`/v1/licenses/${id}/votes`, body, { vote: 'reject', reason: 'no' }).expect(
            200,
          );
        return id;
      }
      case 'refused': {
        const id = await approvedApplication(t, a);
        await post(`/v1/licenses/${id}/refuse`, a.regulator, { reason: 'no' }).expect(200);
        return id;
      }
      case 'active':
        return issuedLicense(t, a);
      case 'suspended': {
        const id = await issuedLicense(t, a);
        await post(`/v1/licenses/${id}/suspend`, a.regulator, { reason: 'audit' }).expect(200);
        return id;
      }
      case 'expired': {
        t.clock.set('2025-06-01T08:00:00Z');
        const id = await issuedLicense(t, a, 1);
        t.clock.set(now);
        return id;
      }
      case 'cancelled': {
        const id = await issuedLicense(t, a);
        await post(`/v1/licenses/${id}/cancel`, a.regulator, { reason: 'closed' }).expect(200);
        return id;
      }
    }
    throw new Error(`no fixture for ${state}`);
  }

  const existing = new Map<State, string>();
  beforeAll(async () => {
    t = await startTestApp({ now });
    a = await actors(t);
    for (const state of Object.keys(legal)) existing.set(state, await licenseIn(state));
  });
  afterAll(() => t.close());

  const pairs = Object.keys(legal).flatMap((state) =>
    Object.keys(commands).map((command) => [state, command] as const),
  );

  it('the fixtures are in the states they claim', async () => {
    for (const [state, id] of existing) {
      const res = await request(t.app)
        .get(`/v1/licenses/${id}`)
        .set('Authorization', a.regulator)
        .expect(200);
      expect(res.body.status).toBe(state);
    }
  });

  it.each(pairs.filter(([s, c]) => !legal[s]!.includes(c)))(
    'in %s, %s is 409 naming the state and records nothing',
    async (state, command) => {
      const c = commands[command]!;
      const head = await t.store.headPosition();
      const res = await post(
        `/v1/licenses/${existing.get(state)!}/${c.path}`,
        c.as(a),
        c.body(),
      ).expect(409);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 409, code: 'illegal-state', currentState: state });
      expect(res.body.detail).toContain(state);
      expect(await t.store.headPosition()).toBe(head);
    },
  );

  it.each(pairs.filter(([s, c]) => legal[s]!.includes(c)))(
    'in %s, %s succeeds and records events',
    async (state, command) => {
      const id = await licenseIn(state);
      const c = commands[command]!;
      const head = await t.store.headPosition();
      await post(`/v1/licenses/${id}/${c.path}`, c.as(a), c.body()).expect(200);
      const recorded = await t.store.readAll({ after: head });
      expect(recorded.length).toBeGreaterThan(0);
      const own = (stream: string) =>
        stream === `license-${id}` ||
        (command === 'issue' && stream.startsWith('reservation-licenseNumber-'));
      expect(recorded.every((e) => own(e.stream))).toBe(true);
    },
  );

  it('a member body votes once: a second vote is 409 and records nothing', async () => {
    const id = await licenseIn('under_review');
    await post(`/v1/licenses/${id}/votes`, a.wg.ict, { vote: 'approve', reason: 'ok' }).expect(200);
    const head = await t.store.headPosition();
    const again = await post(`/v1/licenses/${id}/votes`, a.wg.ict, {
      vote: 'reject',
      reason: 'changed my mind',
    }).expect(409);
    expect(again.body.detail).toMatch(/already voted/);
    expect(await t.store.headPosition()).toBe(head);
  });
});
