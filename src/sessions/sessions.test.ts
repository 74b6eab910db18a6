import request from 'supertest';
import { startTestApp, type TestApp } from '../../test/support/app';

describe('console sessions', () => {
  let t: TestApp;
  let regulator: string;
  beforeAll(async () => {
    t = await startTestApp({ deps: { consoleIdleMinutes: 30 } });
    regulator = (await t.tokenFor('regulator')).authorization;
  });
  afterAll(() => t.close());

  async function signIn(role: 'office' | 'agency' | 'regulator', scope = {}) {
    const issued = await t.tokenFor(role, scope);
    const res = await request(t.app).post('/v1/session').send({ token: issued.token });
    expect(res.status).toBe(201);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    return { ...issued, cookie, csrf: (res.body as { csrfToken: string }).csrfToken, res };
  }

  it('sets an HttpOnly SameSite=Strict cookie and answers role, scope, CSRF token and idle expiry', async () => {
    const { res, cookie, csrf } = await signIn('office', { officeId: 'OF-1' });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^pishkhan_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({
      role: 'office',
      scope: { officeId: 'OF-1' },
      expiresAt: { iso: new Date(t.clock.now().getTime() + 30 * 60_000).toISOString() },
    });
    expect(csrf).toMatch(/^[0-9a-f]{64}$/);
    const read = await request(t.app).get('/v1/session').set('Cookie', cookie);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ role: 'office', csrfToken: csrf });
    const me = await request(t.app).get('/v1/me').set('Cookie', cookie);
    expect(me.body).toMatchObject({ role: 'office', scope: { officeId: 'OF-1' } });
  });

  it('marks the cookie Secure when a trusted proxy says the request came over https', async () => {
    const behind = await startTestApp({ deps: { trustProxy: () => true } });
    try {
      const { token } = await behind.tokenFor('agency', { agencyId: 'AG-1' });
      const res = await request(behind.app)
        .post('/v1/session')
        .set('X-Forwarded-Proto', 'https')
        .send({ token });
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure$/);
    } finally {
      await behind.close();
    }
  });

  it('refuses an unknown token, and gateway and PSP credentials, which sign every request', async () => {
    const unknown = await request(t.app)
      .post('/v1/session')
      .send({ token: 'x'.repeat(43) });
    expect(unknown.status).toBe(401);
    expect(unknown.headers['set-cookie']).toBeUndefined();
    const gateway = await t.tokenFor('gateway', { terminalId: 'TERM0001', officeId: 'OF-1' });
    const refused = await request(t.app).post('/v1/session').send({ token: gateway.token });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a state-changing request on a session without its X-CSRF-Token (403), and lets it through with it', async () => {
    const { cookie, csrf } = await signIn('office', { officeId: 'OF-1' });
    const head = await t.store.headPosition();
    const patch = () =>
      request(t.app).patch('/v1/offices/OF-1').set('Cookie', cookie).send({ phone: '02112345678' });
    for (const res of [await patch(), await patch().set('X-CSRF-Token', 'f'.repeat(64))]) {
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'forbidden' });
    }
    expect(await t.store.headPosition()).toBe(head);
    // With the token the request reaches the route: OF-1 is not registered, so 404, not 403.
    expect((await patch().set('X-CSRF-Token', csrf)).status).toBe(404);
    // Reads need no CSRF token.
    expect((await request(t.app).get('/v1/terminals').set('Cookie', cookie)).status).toBe(200);
  });

  it("gives a session exactly its credential's role and scope: another role's API is 403, another office's object 404", async () => {
    const { cookie } = await signIn('office', { officeId: 'OF-1' });
    expect((await request(t.app).get('/v1/credentials').set('Cookie', cookie)).status).toBe(403);
    const agency = await request(t.app)
      .get('/v1/reports/settlement?agencyId=AG-1&from=1405/09/01&to=1405/09/30')
      .set('Cookie', cookie);
    expect(agency.status).toBe(403);
    expect((await request(t.app).get('/v1/offices/OF-2').set('Cookie', cookie)).status).toBe(404);
    // A body or header cannot widen it.
    const me = await request(t.app)
      .get('/v1/me?role=regulator')
      .set('Cookie', cookie)
      .set('X-Role', 'regulator');
    expect(me.body).toMatchObject({ role: 'office', scope: { officeId: 'OF-1' } });
  });

  it('a bearer token beside a cookie wins, and needs no CSRF token', async () => {
    const { cookie } = await signIn('office', { officeId: 'OF-1' });
    const me = await request(t.app)
      .get('/v1/me')
      .set('Cookie', cookie)
      .set('Authorization', regulator);
    expect(me.body).toMatchObject({ role: 'regulator' });
    const issue = await request(t.app)
      .post('/v1/credentials')
      .set('Cookie', cookie)
      .set('Authorization', regulator)
      .send({ role: 'areo', label: 'bearer beside cookie', expiresInDays: 1 });
    expect(issue.status).toBe(201);
  });

  it('signs out: the session is gone afterwards, and signing out needs the CSRF token', async () => {
    const { cookie, csrf } = await signIn('agency', { agencyId: 'AG-1' });
    expect((await request(t.app).delete('/v1/session').set('Cookie', cookie)).status).toBe(403);
    const out = await request(t.app)
      .delete('/v1/session')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf);
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^pishkhan_session=; .*Max-Age=0/);
    expect((await request(t.app).get('/v1/session').set('Cookie', cookie)).status).toBe(401);
    expect((await request(t.app).get('/v1/me').set('Cookie', cookie)).status).toBe(401);
  });

  it('ends a session left idle longer than CONSOLE_IDLE_MINUTES, and slides while used', async () => {
    const { cookie } = await signIn('office', { officeId: 'OF-1' });
    const read = () => request(t.app).get('/v1/session').set('Cookie', cookie);
    t.clock.advance(29 * 60_000);
    expect((await read()).status).toBe(200);
    t.clock.advance(29 * 60_000);
    const slid = await read();
    expect(slid.status).toBe(200);
    expect((slid.body as { expiresAt: { iso: string } }).expiresAt.iso).toBe(
      new Date(t.clock.now().getTime() + 30 * 60_000).toISOString(),
    );
    t.clock.advance(30 * 60_000 + 1);
    expect((await read()).status).toBe(401);
    t.clock.advance(-1);
    expect((await read()).status).toBe(401);
  });

  it('ends a session when its credential is revoked', async () => {
    const { cookie, credentialId } = await signIn('office', { officeId: 'OF-1' });
    expect((await request(t.app).get('/v1/me').set('Cookie', cookie)).status).toBe(200);
    const revoked = await request(t.app)
      .post(`/v1/credentials/${credentialId}/revoke`)
      .set('Authorization', regulator)
      .send({ reason: 'left the office' });
    expect(revoked.status).toBe(204);
    expect((await request(t.app).get('/v1/me').set('Cookie', cookie)).status).toBe(401);
    expect((await request(t.app).get('/v1/session').set('Cookie', cookie)).status).toBe(401);
  });

  it('a stale or malformed cookie is no session: public routes still answer', async () => {
    for (const cookie of ['pishkhan_session=' + 'A'.repeat(43), 'pishkhan_session=../x; a=b']) {
      expect((await request(t.app).get('/v1/me').set('Cookie', cookie)).status).toBe(401);
      expect((await request(t.app).get('/healthz').set('Cookie', cookie)).status).toBe(200);
    }
  });
});
