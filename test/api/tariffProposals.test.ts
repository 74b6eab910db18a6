import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import {
  approveV1,
  trafficAgency,
  vehicleTransferComponents,
  vehicleTransferService,
} from '../support/tariffFixtures';

const iso = (d: Date) => d.toISOString();
const base = '/v1/tariffs/vehicle-transfer/proposals';

describe('tariff proposals over HTTP: the regulator proposes, the Commission decides', () => {
  let t: TestApp;
  const as: Record<string, string> = {};
  const send = (method: 'get' | 'post', path: string, who: string, body?: object) => {
    const r = request(t.app)[method](path).set('Authorization', as[who]!);
    return body ? r.send(body) : r;
  };
  const proposal = (gov: string, extra: object = {}) => ({
    effectiveFrom: '۱۴۰۵/۱۰/۰۱',
    components: vehicleTransferComponents(gov, '25333', '150000'),
    justification: 'annual inflation',
    ...extra,
  });
  const propose = async (gov: string) =>
    (
      await send('post', base, 'regulator', proposal(gov, { effectiveFrom: '1405/11/01' })).expect(
        201,
      )
    ).body.proposalId as string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-29T08:00:00Z' });
    for (const role of ['regulator', 'commission', 'areo', 'agency', 'office'] as const)
      as[role] = (
        await t.tokenFor(
          role,
          role === 'agency'
            ? { agencyId: 'traffic' }
            : role === 'office'
              ? { officeId: 'OF-1' }
              : undefined,
        )
      ).authorization;
    await send('post', '/v1/agencies', 'regulator', trafficAgency).expect(201);
    await send('post', '/v1/services', 'regulator', vehicleTransferService).expect(201);
    const v1 = approveV1();
    await send('post', '/v1/tariffs/vehicle-transfer/approvals', 'commission', {
      resolution: { number: '285/1402', date: iso(v1.resolution.date) },
      effectiveFrom: iso(v1.effectiveFrom),
      components: v1.components,
    }).expect(201);
  });
  afterAll(() => t.close());

  it('a proposal approved by resolution becomes the version in force from its date, naming the proposal', async () => {
    const keyed = await send('post', base, 'regulator', proposal('1650000'))
      .set('Idempotency-Key', 'p-1')
      .expect(201);
    expect(keyed.body).toMatchObject({
      status: 'pending',
      basedOn: { tariffId: 'vehicle-transfer/v1', version: 1 },
      effectiveFrom: { jalali: expect.stringMatching(/^1405\/10\/01/) },
      justification: 'annual inflation',
    });
    const id = keyed.body.proposalId as string;
    expect(keyed.headers.location).toBe(`${base}/${id}`);

    const head = await t.store.headPosition();
    const again = await send('post', base, 'regulator', proposal('1650000'))
      .set('Idempotency-Key', 'p-1')
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.proposalId).toBe(id);
    const unkeyed = await send('post', base, 'regulator', proposal('1650000')).expect(201);
    expect(unkeyed.body.proposalId).toBe(id);
    const other = await send('post', base, 'regulator', proposal('1700000'))
      .set('Idempotency-Key', 'p-1')
      .expect(422);
    expect(other.body.code).toBe('idempotency-mismatch');
    const second = await send('post', base, 'regulator', proposal('1700000')).expect(409);
    expect(second.headers['content-type']).toMatch(/problem\+json/);
    expect(second.body.detail).toContain('still pending');
    expect(await t.store.headPosition()).toBe(head);

    const queue = await send('get', '/v1/tariff-proposals?status=pending', 'commission').expect(
      200,
    );
    expect(queue.body.items.map((p: { proposalId: string }) => p.proposalId)).toEqual([id]);

    await send('post', `${base}/${id}/approve`, 'regulator', {
      resolution: { number: '312/1405', date: '1405/09/25' },
    }).expect(403);
    const approved = await send('post', `${base}/${id}/approve`, 'commission', {
      resolution: { number: '312/1405', date: '۱۴۰۵/۰۹/۲۵' },
    }).expect(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decision: {
        outcome: 'approved',
        tariffId: 'vehicle-transfer/v2',
        version: 2,
        resolution: { number: '312/1405' },
      },
    });
    const inForce = await send(
      'get',
      '/v1/tariffs/vehicle-transfer?asOf=1405/10/02',
      'regulator',
    ).expect(200);
    expect(inForce.body).toMatchObject({
      tariffId: 'vehicle-transfer/v2',
      resolution: { number: '312/1405' },
    });
    expect(inForce.body.components[0].rule.amount).toBe('1650000');
    const written = (await t.store.readStream('tariff-vehicle-transfer')).map((e) => e.data);
    expect(
      written.filter((e) => (e as { type: string }).type === 'TariffApproved').at(-1),
    ).toMatchObject({
      tariffId: 'vehicle-transfer/v2',
      proposalId: id,
    });

    const afterApproval = await t.store.headPosition();
    const replay = await send('post', `${base}/${id}/approve`, 'commission', {
      resolution: { number: '312/1405', date: '1405/09/25' },
    }).expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const twice = await send('post', `${base}/${id}/approve`, 'commission', {
      resolution: { number: '313/1405', date: '1405/09/25' },
    }).expect(409);
    expect(twice.body.code).toBe('illegal-state');
    await send('post', `${base}/${id}/withdraw`, 'regulator', {}).expect(409);
    expect(await t.store.headPosition()).toBe(afterApproval);
  });

  it('a rejection keeps its reason, and a rejected or withdrawn proposal cannot be approved', async () => {
    const rejectedId = await propose('1900000');
    await send('post', `${base}/${rejectedId}/reject`, 'commission', { reason: '' }).expect(400);
    const rejected = await send('post', `${base}/${rejectedId}/reject`, 'commission', {
      reason: 'the government fee is set by law',
    }).expect(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decision: { outcome: 'rejected', reason: 'the government fee is set by law' },
    });
    const listed = await send('get', '/v1/tariff-proposals?status=rejected', 'regulator').expect(
      200,
    );
    expect(listed.body.items[0]).toMatchObject({
      proposalId: rejectedId,
      decision: { reason: 'the government fee is set by law' },
    });
    const approveRejected = await send('post', `${base}/${rejectedId}/approve`, 'commission', {
      resolution: { number: '400/1405', date: '1405/09/25' },
    }).expect(409);
    expect(approveRejected.body.detail).toContain('is rejected');

    const withdrawnId = await propose('2000000');
    await send('post', `${base}/${withdrawnId}/withdraw`, 'commission', {}).expect(403);
    await send('post', `${base}/${withdrawnId}/withdraw`, 'regulator', {
      reason: 'redrafting',
    }).expect(200);
    await send('post', `${base}/${withdrawnId}/approve`, 'commission', {
      resolution: { number: '401/1405', date: '1405/09/25' },
    }).expect(409);
    const one = await send('get', `${base}/${withdrawnId}`, 'commission').expect(200);
    expect(one.body).toMatchObject({ status: 'withdrawn', decision: { reason: 'redrafting' } });
  });

  it('refuses bad prices and a date at or before the version already approved, recording nothing', async () => {
    const head = await t.store.headPosition();
    const bad = await send('post', base, 'regulator', proposal('-1')).expect(400);
    expect(bad.body.errors).toContainEqual(
      expect.objectContaining({ path: 'components.0.rule.amount' }),
    );
    const early = await send(
      'post',
      base,
      'regulator',
      proposal('1800000', { effectiveFrom: '1405/09/01' }),
    ).expect(409);
    expect(early.body.detail).toContain('Overlaps vehicle-transfer/v2');
    await send('post', '/v1/tariffs/no-such/proposals', 'regulator', proposal('1800000')).expect(
      404,
    );
    expect(await t.store.headPosition()).toBe(head);
  });

  it('other roles are refused; an unknown proposal is 404', async () => {
    for (const who of ['areo', 'agency', 'office']) {
      await send('get', '/v1/tariff-proposals', who).expect(403);
      await send('post', base, who, proposal('1800000')).expect(403);
    }
    await send('post', base, 'commission', proposal('1800000')).expect(403);
    await send('get', `${base}/00000000-0000-4000-8000-000000000000`, 'regulator').expect(404);
    await send('post', `${base}/00000000-0000-4000-8000-000000000000/reject`, 'commission', {
      reason: 'x',
    }).expect(404);
  });
});
