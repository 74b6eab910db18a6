import request from 'supertest';
import { parseTrustProxy } from '../../src/shared/http/clientAddress';
import { startTestApp, type TestApp } from '../support/app';

const limits = { intakePerWindow: 5, lookupsPerWindow: 2, windowMs: 600_000, bodyLimit: '16kb' };
const lookup = (t: TestApp, forwardedFor: string) =>
  request(t.app).get('/v1/public/complaints/NO-SUCH-CODE').set('X-Forwarded-For', forwardedFor);

describe('public rate limits behind a reverse proxy (TRUST_PROXY)', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  it('two clients behind one trusted proxy get separate budgets', async () => {
    t = await startTestApp({
      deps: { publicLimits: limits, trustProxy: parseTrustProxy('loopback') },
    });
    expect((await lookup(t, '203.0.113.5')).status).toBe(404);
    expect((await lookup(t, '203.0.113.5')).status).toBe(404);
    const refused = await lookup(t, '203.0.113.5');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect((await lookup(t, '203.0.113.6')).status).toBe(404);
  });

  it('with TRUST_PROXY off, X-Forwarded-For is ignored and every client shares the proxy’s budget', async () => {
    t = await startTestApp({ deps: { publicLimits: limits } });
    expect((await lookup(t, '203.0.113.5')).status).toBe(404);
    expect((await lookup(t, '203.0.113.6')).status).toBe(404);
    expect((await lookup(t, '203.0.113.7')).status).toBe(429);
  });

  it('IPv6 clients are counted by /64: one network shares a budget, the next has its own', async () => {
    t = await startTestApp({ deps: { publicLimits: limits, trustProxy: parseTrustProxy('1') } });
    expect((await lookup(t, '2001:db8:1:2::a')).status).toBe(404);
    expect((await lookup(t, '2001:db8:1:2:ffff::b')).status).toBe(404);
    expect((await lookup(t, '2001:db8:1:2::c')).status).toBe(429);
    expect((await lookup(t, '2001:db8:1:3::a')).status).toBe(404);
  });
});
