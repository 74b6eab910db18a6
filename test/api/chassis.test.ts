import request from 'supertest';
import { sign } from '../../src/shared/http/auth';
import { startTestApp, type TestApp } from '../support/app';

const problemJson = /application\/problem\+json/;

describe('the HTTP chassis', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  it('answers /healthz, /readyz, /metrics and /openapi.json', async () => {
    await request(t.app).get('/healthz').expect(200, { status: 'ok' });
    const ready = await request(t.app).get('/readyz').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', store: 'sqlite' });
    await request(t.app).get('/healthz');
    const metrics = await request(t.app).get('/metrics').expect(200);
    expect(metrics.text).toContain('process_cpu_user_seconds_total');
    expect(metrics.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/,
    );
    const spec = await request(t.app).get('/openapi.json').expect(200);
    expect(spec.body.openapi).toBe('3.1.0');
    expect(Object.keys(spec.body.paths)).toContain('/v1/credentials');
  });

  it('serves a docs page', async () => {
    const docs = await request(t.app).get('/docs/').expect(200);
    expect(docs.text).toContain('swagger-ui');
  });

  describe('bad requests get problem+json and change nothing', () => {
    let auth: string;
    let head: number;
    beforeEach(async () => {
      auth = (await t.tokenFor('regulator')).authorization;
      head = await t.store.headPosition();
    });
    afterEach(async () => {
      expect(await t.store.headPosition()).toBe(head);
    });

    it('malformed JSON is 400', async () => {
      const res = await request(t.app)
        .post('/v1/credentials')
        .set('Authorization', auth)
        .set('Content-Type', 'application/json')
        .send('{"role": "agency",')
        .expect(400);
      expect(res.headers['content-type']).toMatch(problemJson);
      expect(res.body).toMatchObject({
        status: 400,
        code: 'malformed-json',
        type: '/problems/malformed-json',
        instance: '/v1/credentials',
      });
    });

    it('an unknown field is 400 naming it', async () => {
      const res = await request(t.app)
        .post('/v1/credentials')
        .set('Authorization', auth)
        .send({
          role: 'agency',
          scope: { agencyId: 'AG-17', colour: 'red' },
          label: 'x',
          extra: true,
        })
        .expect(400);
      expect(res.headers['content-type']).toMatch(problemJson);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { path: 'extra', message: 'unknown field' },
          { path: 'scope.colour', message: 'unknown field' },
        ]),
      );
    });

    it('invalid values are 400 listing each problem', async () => {
      const res = await request(t.app)
        .post('/v1/credentials')
        .set('Authorization', auth)
        .send({ role: 'king', label: '', expiresInDays: 0 })
        .expect(400);
      expect(res.body.code).toBe('validation');
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
        'expiresInDays',
        'label',
        'role',
      ]);
    });

    it('a scope that does not fit the role is 400', async () => {
      const res = await request(t.app)
        .post('/v1/credentials')
        .set('Authorization', auth)
        .send({ role: 'agency', label: 'x' })
        .expect(400);
      expect(res.body.errors).toEqual([
        { path: 'scope.agencyId', message: 'required for role agency' },
      ]);
    });

    it('a 2 MB body is 413', async () => {
      const big = JSON.stringify({ role: 'agency', label: 'x'.repeat(2 * 1024 * 1024) });
      const res = await request(t.app)
        .post('/v1/credentials')
        .set('Authorization', auth)
        .set('Content-Type', 'application/json')
        .send(big)
        .expect(413);
      expect(res.headers['content-type']).toMatch(problemJson);
      expect(res.body.code).toBe('payload-too-large');
    });

    it('an unknown route is 404', async () => {
      const res = await request(t.app)
        .get('/v1/no-such-thing')
        .set('Authorization', auth)
        .expect(404);
      expect(res.headers['content-type']).toMatch(problemJson);
      expect(res.body.code).toBe('not-found');
    });
  });

  describe('credentials', () => {
    it('a protected route without a token is 401', async () => {
      const res = await request(t.app).get('/v1/me').expect(401);
      expect(res.body.code).toBe('unauthorized');
    });

    it('an unknown token is 401', async () => {
      await request(t.app).get('/v1/me').set('Authorization', 'Bearer pk_nope').expect(401);
    });

    it('a role outside the policy table is 403', async () => {
      const { authorization } = await t.tokenFor('agency', { agencyId: 'AG-17' });
      const res = await request(t.app)
        .get('/v1/credentials')
        .set('Authorization', authorization)
        .expect(403);
      expect(res.body.code).toBe('forbidden');
    });

    it('a regulator issues a token that works at once, shown once, stored only as a hash', async () => {
      const { authorization } = await t.tokenFor('regulator');
      const issued = await request(t.app)
        .post('/v1/credentials')
        .set('Authorization', authorization)
        .send({ role: 'agency', scope: { agencyId: 'AG-17' }, label: 'accounting' })
        .expect(201);
      expect(issued.headers['cache-control']).toBe('no-store');
      const token = issued.body.token as string;
      const me = await request(t.app)
        .get('/v1/me')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(me.body).toEqual({
        credentialId: issued.body.credentialId,
        role: 'agency',
        scope: { agencyId: 'AG-17' },
      });
      const log = JSON.stringify(await t.store.readAll({ limit: 1000 }));
      expect(log).not.toContain(token);
      const list = await request(t.app)
        .get('/v1/credentials')
        .set('Authorization', authorization)
        .expect(200);
      expect(JSON.stringify(list.body)).not.toContain(token);
      expect(
        list.body.items.find(
          (c: { credentialId: string }) => c.credentialId === issued.body.credentialId,
        ).expiresAt.jalali,
      ).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);
      expect(t.logs.join('')).not.toContain(token);
    });

    it('a revoked token stops working; revoking twice is 409; an unknown id is 404', async () => {
      const admin = await t.tokenFor('regulator');
      const victim = await t.tokenFor('office', { officeId: 'OF-1' });
      await request(t.app).get('/v1/me').set('Authorization', victim.authorization).expect(200);
      await request(t.app)
        .post(`/v1/credentials/${victim.credentialId}/revoke`)
        .set('Authorization', admin.authorization)
        .send({ reason: 'office closed' })
        .expect(204);
      await request(t.app).get('/v1/me').set('Authorization', victim.authorization).expect(401);
      const again = await request(t.app)
        .post(`/v1/credentials/${victim.credentialId}/revoke`)
        .set('Authorization', admin.authorization)
        .send({ reason: 'again' })
        .expect(409);
      expect(again.body.code).toBe('illegal-state');
      await request(t.app)
        .post('/v1/credentials/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed/revoke')
        .set('Authorization', admin.authorization)
        .send({ reason: 'x' })
        .expect(404);
    });

    it('an expired token is 401', async () => {
      const { authorization } = await t.tokenFor('areo');
      t.clock.advance(31 * 86_400_000);
      const res = await request(t.app)
        .get('/v1/me')
        .set('Authorization', authorization)
        .expect(401);
      expect(res.body.detail).toMatch(/expired/);
    });
  });

  describe('gateway signatures', () => {
    const at = () => String(Math.floor(t.clock.now().getTime() / 1000));
    let gw: Awaited<ReturnType<TestApp['tokenFor']>>;
    beforeEach(async () => {
      gw = await t.tokenFor('gateway', { terminalId: 'T0000001', officeId: 'OF-1' });
    });
    const signed = (ts: string, body = '') => ({
      'x-pishkhan-timestamp': ts,
      'x-pishkhan-signature': sign(gw.signingSecret!, ts, 'GET', '/v1/me', body),
    });

    it('a signed request passes', async () => {
      const res = await request(t.app)
        .get('/v1/me')
        .set('Authorization', gw.authorization)
        .set(signed(at()))
        .expect(200);
      expect(res.body.scope).toEqual({ terminalId: 'T0000001', officeId: 'OF-1' });
    });

    it('an unsigned request is 401', async () => {
      await request(t.app).get('/v1/me').set('Authorization', gw.authorization).expect(401);
    });

    it('a signature over other bytes is 401', async () => {
      const ts = at();
      await request(t.app)
        .get('/v1/me?x=1')
        .set('Authorization', gw.authorization)
        .set(signed(ts))
        .expect(401);
    });

    it('a timestamp older than 5 minutes is 401', async () => {
      const old = String(Number(at()) - 301);
      const res = await request(t.app)
        .get('/v1/me')
        .set('Authorization', gw.authorization)
        .set(signed(old))
        .expect(401);
      expect(res.body.detail).toMatch(/window/);
    });

    it('a replayed signature is 401', async () => {
      const headers = signed(at());
      await request(t.app)
        .get('/v1/me')
        .set('Authorization', gw.authorization)
        .set(headers)
        .expect(200);
      const res = await request(t.app)
        .get('/v1/me')
        .set('Authorization', gw.authorization)
        .set(headers)
        .expect(401);
      expect(res.body.detail).toMatch(/already used/);
    });

    it('the signing secret is stored sealed, never in clear', async () => {
      const log = JSON.stringify(await t.store.readAll({ limit: 1000 }));
      expect(log).not.toContain(gw.signingSecret);
      expect(log).toContain('ciphertext');
    });
  });
});
