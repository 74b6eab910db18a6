import type { TestApp } from '../support/app';
import { paymentBody, send, startTwoTenantApp, type World } from '../support/tenants';

/**
 * Payment service providers (پرداخت‌یار): one credential and signing key for many terminals,
 * terminals only for offices that chose the PSP, payments only for its own terminals.
 */
describe('PSP credentials', () => {
  let t: TestApp;
  let w: World;
  const psp = () => w.A.auth.psp as { authorization: string; secret: string };
  const head = () => t.store.headPosition();

  beforeAll(async () => {
    ({ t, w } = await startTwoTenantApp(100));
  }, 60_000);
  afterAll(() => t.close());

  it('registers a terminal for an office that chose it, without a credential of the terminal, and posts for it with its own key', async () => {
    const reg = await send(t, 'POST', '/v1/terminals', psp(), {
      terminalId: 'TA0000P1',
      merchantId: '000000000000701',
      psp: 'PSP A switch',
      officeId: w.A.officeId,
    }).expect(201);
    expect(reg.body.token).toBeUndefined();
    expect(reg.body.signingSecret).toBeUndefined();
    expect(reg.body.terminal).toMatchObject({ terminalId: 'TA0000P1', pspId: w.A.pspId });
    expect(reg.body.terminal.credentialId).toBeUndefined();

    t.clock.advance(2 * 60_000);
    const body = { terminalId: 'TA0000P1', ...paymentBody(t, w.A.serviceCode) };
    const paid = await send(t, 'POST', '/v1/payments', psp(), body).expect(201);
    const again = await send(t, 'POST', '/v1/payments', psp(), body).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.paymentId).toBe(paid.body.paymentId);

    const one = await send(t, 'GET', `/v1/payments/${paid.body.paymentId as string}`, psp()).expect(
      200,
    );
    expect(one.body).toMatchObject({ terminalId: 'TA0000P1', officeId: w.A.officeId });
    const list = await send(t, 'GET', '/v1/payments?limit=500', psp()).expect(200);
    const terminals = new Set(
      (list.body.items as Array<{ terminalId: string }>).map((p) => p.terminalId),
    );
    // The main terminal is the PSP's too (the regulator named it); nothing of tenant B's.
    expect([...terminals].sort()).toEqual([w.A.terminalId, 'TA0000P1']);

    const mine = await send(t, 'GET', '/v1/terminals', psp()).expect(200);
    expect(mine.body.items.map((x: { terminalId: string }) => x.terminalId).sort()).toEqual([
      w.A.terminalId,
      'TA0000P1',
    ]);

    const batch = await send(t, 'POST', '/v1/payments/batches', psp(), {
      terminalId: 'TA0000P1',
      items: [paymentBody(t, w.A.serviceCode)],
    }).expect(200);
    expect(batch.body.summary.rejected).toBe(0);
  });

  it('the regulator names a PSP for a terminal only when the office chose it (else 409), and records nothing', async () => {
    const before = await head();
    const body = {
      terminalId: 'TA0000R1',
      merchantId: '000000000000711',
      psp: 'PSP B switch',
      officeId: w.A.officeId,
    };
    const refused = await send(t, 'POST', '/v1/terminals', w.A.auth.regulator, {
      ...body,
      pspId: w.B.pspId,
    }).expect(409);
    expect(refused.body.detail).toMatch(/has not chosen PSP PSP-B/);
    await send(t, 'POST', '/v1/terminals', w.A.auth.regulator, {
      ...body,
      pspId: 'PSP-NONE',
    }).expect(404);
    expect(await head()).toBe(before);
  });

  it("the terminal's own gateway credential keeps working beside the PSP's", async () => {
    await send(t, 'POST', '/v1/payments', w.A.gateway, paymentBody(t, w.A.serviceCode)).expect(201);
  });

  it('refuses a terminal for an office that has not chosen the PSP (403), and records nothing; once the office chooses it, it may', async () => {
    const body = {
      terminalId: 'TB0000P1',
      merchantId: '000000000000702',
      psp: 'PSP A switch',
      officeId: w.B.officeId,
    };
    const before = await head();
    const refused = await send(t, 'POST', '/v1/terminals', psp(), body).expect(403);
    expect(refused.body.detail).toMatch(/has not chosen PSP PSP-A/);
    expect(await head()).toBe(before);

    const chosen = await send(t, 'POST', `/v1/offices/${w.B.officeId}/psps`, w.B.auth.office, {
      pspId: w.A.pspId,
    }).expect(201);
    expect(chosen.body).toMatchObject({ officeId: w.B.officeId, pspId: 'PSP-A', byRole: 'office' });
    await send(t, 'POST', `/v1/offices/${w.B.officeId}/psps`, w.B.auth.office, {
      pspId: w.A.pspId,
    }).expect(200);
    await send(t, 'POST', '/v1/terminals', psp(), body).expect(201);
  });

  it("the regulator records an office's choice only on its written consent", async () => {
    const before = await head();
    const r = await send(t, 'POST', `/v1/offices/${w.A.officeId}/psps`, w.A.auth.regulator, {
      pspId: w.B.pspId,
    }).expect(400);
    expect(r.body.errors).toEqual([expect.objectContaining({ path: 'writtenConsent' })]);
    expect(await head()).toBe(before);
    const ok = await send(t, 'POST', `/v1/offices/${w.A.officeId}/psps`, w.A.auth.regulator, {
      pspId: w.B.pspId,
      writtenConsent: 'letter 1405/77',
    }).expect(201);
    expect(ok.body).toMatchObject({ byRole: 'regulator', writtenConsent: 'letter 1405/77' });
    const listed = await send(t, 'GET', '/v1/psps', w.B.auth.psp).expect(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].offices.map((o: { officeId: string }) => o.officeId)).toEqual([
      w.A.officeId,
      w.B.officeId,
    ]);
  });

  it("another PSP's terminal does not exist for it: posting, reversing, reading are 404 and record nothing", async () => {
    const before = await head();
    const post = await send(t, 'POST', '/v1/payments', psp(), {
      terminalId: w.B.terminalId,
      ...paymentBody(t, w.B.serviceCode),
    }).expect(404);
    expect(post.body.code).toBe('not-found');
    await send(t, 'POST', '/v1/payments/batches', psp(), {
      terminalId: w.B.terminalId,
      items: [paymentBody(t, w.B.serviceCode)],
    }).expect(404);
    await send(t, 'POST', '/v1/payments/reversals', psp(), {
      terminalId: w.B.terminalId,
      ...w.B.reversal,
    }).expect(404);
    await send(t, 'GET', `/v1/payments/${w.B.paymentId}`, psp()).expect(404);
    await send(t, 'POST', '/v1/payments', psp(), {
      terminalId: 'TZ999999',
      ...paymentBody(t, w.A.serviceCode),
    }).expect(404);
    await send(t, 'POST', `/v1/psps/${w.B.pspId}/rotate-key`, psp(), { graceHours: 1 }).expect(404);
    expect(await head()).toBe(before);
  });

  it('a PSP names the terminal of each request (400 without it); a gateway naming another terminal is 404', async () => {
    const before = await head();
    const r = await send(t, 'POST', '/v1/payments', psp(), paymentBody(t, w.A.serviceCode)).expect(
      400,
    );
    expect(r.body.errors).toEqual([expect.objectContaining({ path: 'terminalId' })]);
    await send(t, 'POST', '/v1/payments', w.A.gateway, {
      terminalId: w.B.terminalId,
      ...paymentBody(t, w.A.serviceCode),
    }).expect(404);
    expect(await head()).toBe(before);
  });

  it('a PSP registers terminals in its own name only', async () => {
    await send(t, 'POST', '/v1/terminals', psp(), {
      terminalId: 'TA0000P9',
      merchantId: '000000000000709',
      psp: 'PSP A switch',
      officeId: w.A.officeId,
      pspId: w.B.pspId,
    }).expect(403);
  });

  it('rotating the key: the new key works at once, the old one until the stated overlap ends, then 401', async () => {
    const own = w.B.auth.psp as { authorization: string; secret: string };
    const rotated = await send(t, 'POST', `/v1/psps/${w.B.pspId}/rotate-key`, own, {
      graceHours: 2,
    }).expect(200);
    const fresh = {
      authorization: own.authorization,
      secret: rotated.body.signingSecret as string,
    };
    expect(fresh.secret).not.toBe(own.secret);
    expect(rotated.body.previousValidUntil.iso).toBe(
      new Date(t.clock.now().getTime() + 2 * 3600_000).toISOString(),
    );
    await send(t, 'GET', '/v1/psps', fresh).expect(200);
    await send(t, 'GET', '/v1/psps', own).expect(200);
    t.clock.advance(2 * 3600_000 - 60_000);
    await send(t, 'GET', '/v1/psps', own).expect(200);
    t.clock.advance(60_000);
    expect((await send(t, 'GET', '/v1/psps', own).expect(401)).body.detail).toBe('Bad signature');
    await send(t, 'GET', '/v1/psps', fresh).expect(200);
    // An unsigned PSP request is refused like an unsigned gateway request.
    await send(t, 'GET', '/v1/psps', { authorization: own.authorization }).expect(401);
  });
});
