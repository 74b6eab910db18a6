import request from 'supertest';
import { sign } from '../shared/http/auth';
import { startTestApp, type TestApp } from '../../test/support/app';
import { revokeCredential, rotateSigningSecret } from './issue';

describe('rotating a gateway signing secret', () => {
  let t: TestApp;
  let gw: Awaited<ReturnType<TestApp['tokenFor']>>;
  const deps = () => ({ store: t.store, clock: t.clock, secrets: t.deps.secrets });
  const me = (secret: string) => {
    const ts = String(Math.floor(t.clock.now().getTime() / 1000));
    return request(t.app)
      .get('/v1/me')
      .set('Authorization', gw.authorization)
      .set({
        'x-pishkhan-timestamp': ts,
        'x-pishkhan-signature': sign(secret, ts, 'GET', '/v1/me', ''),
      });
  };

  beforeEach(async () => {
    t = await startTestApp();
    gw = await t.tokenFor('gateway', { terminalId: 'T0000001', officeId: 'OF-1' });
  });
  afterEach(() => t.close());

  it('the new secret works at once and the old one only until the grace period ends', async () => {
    const rotated = await rotateSigningSecret(deps(), gw.credentialId, 3600_000, 'test');
    await t.deps.readModels.credentials.ensure(rotated.position);
    expect(rotated.signingSecret).not.toBe(gw.signingSecret);
    await me(rotated.signingSecret).expect(200);
    await me(gw.signingSecret!).expect(200);
    t.clock.advance(3600_000);
    await me(gw.signingSecret!).expect(401);
    await me(rotated.signingSecret).expect(200);
  });

  it('a second rotation cuts the grace of every older secret to its own', async () => {
    const first = await rotateSigningSecret(deps(), gw.credentialId, 24 * 3600_000, 'test');
    const second = await rotateSigningSecret(deps(), gw.credentialId, 0, 'compromised');
    await t.deps.readModels.credentials.ensure(second.position);
    await me(gw.signingSecret!).expect(401);
    await me(first.signingSecret).expect(401);
    await me(second.signingSecret).expect(200);
  });

  it('a revoked credential cannot rotate, and a credential without a secret neither', async () => {
    await revokeCredential(deps(), gw.credentialId, 'terminal lost', 'test');
    await expect(rotateSigningSecret(deps(), gw.credentialId, 0, 'test')).rejects.toMatchObject({
      code: 'illegal-state',
    });
    const office = await t.tokenFor('office', { officeId: 'OF-1' });
    await expect(rotateSigningSecret(deps(), office.credentialId, 0, 'test')).rejects.toMatchObject(
      { code: 'illegal-state' },
    );
  });
});
