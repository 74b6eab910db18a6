import { createHash } from 'node:crypto';
import { eventsAfter } from '../support/licensing';
import { send } from '../support/tenants';
import { lookupBody, openDelivery, startDataWorld, type DataWorld } from './dataAccess.support';

let d: DataWorld;
beforeAll(async () => {
  d = await startDataWorld();
}, 60_000);
afterAll(() => d?.close());

const lookup = (body: object, as = d.w.A.auth.office) =>
  send(d.t, 'POST', '/v1/data-access/lookups', as, body);

/** Asserts a refusal naming `rule` that recorded the refused attempt and nothing else (a wrong code also counts the failure). */
async function expectRefused(body: object, rule: string, extra: string[] = []) {
  const head = await d.t.store.headPosition();
  const res = await lookup(body);
  expect([res.status, res.body.code, res.body.rule]).toEqual([422, 'access-refused', rule]);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(await eventsAfter(d.t, head)).toEqual([...extra, 'dataaccess CustomerDataAccessRefused']);
}

describe('instructions (دستورالعمل): versioned, acknowledged, in force by date', () => {
  it('a version takes effect only once acknowledged, and a later one supersedes from its own date', async () => {
    const { A } = d.w;
    const get = (at?: string) =>
      send(
        d.t,
        'GET',
        `/v1/data-instructions/${A.agencyId}${at ? `?at=${at}` : ''}`,
        A.auth.agency,
      );
    const v2 = {
      services: [
        {
          serviceCode: A.serviceCode,
          items: ['identity'],
          level: 'identity',
          customerPresent: false,
          consent: false,
          maxLookupsPerDelivery: 1,
        },
      ],
      channel: 'nix',
      effectiveFrom: '2027-06-01T00:00:00Z',
    };
    expect((await send(d.t, 'POST', '/v1/data-instructions', A.auth.agency, v2)).body).toEqual({
      agencyId: A.agencyId,
      version: 2,
    });
    expect((await get('2027-07-01T00:00:00Z')).body.inForce.version).toBe(1);
    await send(
      d.t,
      'POST',
      `/v1/data-instructions/${A.agencyId}/versions/2/acknowledge`,
      A.auth.regulator,
    ).expect(200);
    expect((await get('2027-07-01T00:00:00Z')).body.inForce.version).toBe(2);
    expect((await get('2027-05-31T00:00:00Z')).body.inForce.version).toBe(1);
    expect((await get('2026-10-01T00:00:00Z')).body.inForce).toBeUndefined();
    expect((await get()).body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });

  it("an agency may not write rules for another agency's service, nor read another's instruction", async () => {
    const { A, B } = d.w;
    const res = await send(d.t, 'POST', '/v1/data-instructions', A.auth.agency, {
      services: [
        {
          serviceCode: B.serviceCode,
          items: ['identity'],
          level: 'identity',
          customerPresent: false,
          consent: false,
          maxLookupsPerDelivery: 1,
        },
      ],
      channel: 'agency',
      effectiveFrom: '2026-11-01T00:00:00Z',
    });
    expect(res.status).toBe(404);
    await send(d.t, 'GET', `/v1/data-instructions/${B.agencyId}`, A.auth.agency).expect(404);
  });
});

describe('a look-up through each channel, over mutual TLS to the stand-in provider', () => {
  it.each([
    ['agency', 'A'],
    ['nix', 'B'],
  ] as const)(
    'through the %s channel: data handed over, only its digest recorded',
    async (channel, key) => {
      const x = d.w[key];
      const consent = await openDelivery(d, x);
      expect(consent.code).toMatch(/^\d{6}$/);
      const head = await d.t.store.headPosition();
      const res = await lookup(lookupBody(x, consent), x.auth.office);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toMatchObject({ channel, instructionVersion: 1 });
      expect(Object.keys(res.body.data)).toEqual(['identity']);
      const digest = createHash('sha256').update(JSON.stringify(res.body.data)).digest('hex');
      expect(res.body.digest).toBe(`sha256:${digest}`);
      expect(await eventsAfter(d.t, head)).toEqual([
        'dataconsent ConsentLookupReserved',
        'dataaccess CustomerDataAccessed',
      ]);
      const [recorded] = await d.t.store.readAll({ after: head + 1, limit: 1 });
      expect(recorded!.data).toMatchObject({
        digest: `sha256:${digest}`,
        channel,
        operator: 'Operator One',
      });
    },
  );
});

describe('refusals name the rule, record the attempt and change nothing else', () => {
  it('no instruction in force for the service', async () => {
    await expectRefused(
      lookupBody(d.w.A, undefined, { serviceCode: 'no-such-service' }),
      'no-instruction',
    );
  });
  it('an item the instruction does not allow', async () => {
    await expectRefused(
      lookupBody(d.w.A, await openDelivery(d, d.w.A), { items: ['property'] }),
      'item-not-allowed',
    );
  });
  it('no consent', async () => {
    await expectRefused(lookupBody(d.w.A, undefined), 'consent-missing');
  });
  it('a wrong code (counted on the consent)', async () => {
    const consent = await openDelivery(d, d.w.A);
    const wrong = consent.code === '000000' ? '000001' : '000000';
    await expectRefused(lookupBody(d.w.A, { ...consent, code: wrong }), 'consent-wrong', [
      'dataconsent ConsentCodeRejected',
    ]);
  });
  it("another office's consent does not open this office's look-up", async () => {
    const theirs = await openDelivery(d, d.w.B);
    await expectRefused(lookupBody(d.w.A, theirs), 'consent-missing');
  });
  it('an expired code', async () => {
    const consent = await openDelivery(d, d.w.A);
    d.t.clock.advance(11 * 60_000);
    await expectRefused(lookupBody(d.w.A, consent), 'consent-expired');
  });
  it('the customer is not present', async () => {
    await expectRefused(
      lookupBody(d.w.A, await openDelivery(d, d.w.A), { customerPresent: false }),
      'customer-absent',
    );
  });
  it('the look-ups of one delivery are used up', async () => {
    const consent = await openDelivery(d, d.w.A);
    await lookup(lookupBody(d.w.A, consent)).expect(200);
    await lookup(lookupBody(d.w.A, consent)).expect(200);
    await expectRefused(lookupBody(d.w.A, consent), 'limit-reached');
  });
  it('outside the office hours of the instruction', async () => {
    const consent = await openDelivery(d, d.w.A);
    const now = d.t.clock.now();
    d.t.clock.set('2026-11-29T17:00:00Z');
    try {
      await expectRefused(lookupBody(d.w.A, consent), 'outside-hours');
    } finally {
      d.t.clock.set(now);
    }
  });
  it('with the exchange center switched on, the direct agency channel is refused and the center still answers', async () => {
    const { A, B } = d.w;
    const consentA = await openDelivery(d, A);
    const consentB = await openDelivery(d, B);
    const on = await send(d.t, 'POST', '/v1/data-access/exchange-center', A.auth.regulator, {
      on: true,
      reason: 'the center is ready',
    });
    expect(on.body).toEqual({ on: true, byConfiguration: false });
    try {
      await expectRefused(lookupBody(A, consentA), 'direct-channel-closed');
      await lookup(lookupBody(B, consentB), B.auth.office).expect(200);
    } finally {
      await send(d.t, 'POST', '/v1/data-access/exchange-center', A.auth.regulator, {
        on: false,
        reason: 'test over',
      }).expect(200);
    }
  });
  it('the service is not assigned to the office, and the license is not active', async () => {
    const { A } = d.w;
    const consent = await openDelivery(d, A);
    await send(
      d.t,
      'POST',
      `/v1/offices/${A.officeId}/assignments/${A.serviceCode}/withdraw`,
      A.auth.regulator,
      {
        reason: 'test',
      },
    ).expect(200);
    await expectRefused(lookupBody(A, consent), 'service-not-assigned');
    await send(d.t, 'POST', `/v1/licenses/${A.license}/suspend`, A.auth.regulator, {
      reason: 'test',
    }).expect(200);
    await expectRefused(lookupBody(A, consent), 'license-inactive');
  });
});
