import { randomUUID } from 'node:crypto';
import {
  decodeEvent,
  EventDecodeError,
  eventContracts,
  isKnownEventType,
  type KnownEventType,
} from '../../contracts/events';
import { versionKey } from '../../contracts/events/contract';
import { serviceDecider, serviceStream } from '../../src/catalogue';
import { reminderDeps, renewalReminders, reserveOpenRequest } from '../../src/holders';
import { commandHandler, type RecordedEvent } from '../../src/shared/eventStore';
import { pspUpload } from '../security/requests';
import type { TestApp } from '../support/app';
import { reassessmentFor } from '../support/reassessment';
import { vehicleTransferComponents } from '../support/tariffFixtures';
import { approvedApplication, ids } from '../support/licensing';
import { fakeExchange } from '../support/fakeExchange';
import {
  onlinePdf,
  paymentBody,
  send,
  sentSms,
  startTwoTenantApp,
  type World,
} from '../support/tenants';

/**
 * The log as the slices write it reads back through the event contracts: a world built over
 * the API, then every remaining command of every slice, and each recorded event of a type
 * with a contract must decode, carrying the version it was written with.
 */
describe('stored events decode with their contracts', () => {
  let t: TestApp;
  let w: World;
  let recorded: RecordedEvent[];

  beforeAll(async () => {
    ({ t, w } = await startTwoTenantApp(100));
    const { A, B } = w;
    const regulator = A.auth.regulator;
    const ok = async (method: string, path: string, as: object, body?: unknown) => {
      const r = await send(t, method, path, as, body);
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
      return r;
    };

    const refused = await approvedApplication(t, w.a, A.province);
    await ok('POST', `/v1/licenses/${refused}/refuse`, regulator, { reason: 'no budget' });
    const spare = `/v1/licenses/${A.spareLicense}`;
    await ok('POST', `${spare}/amend`, regulator, { phone: '02187654321' });
    await ok('POST', `${spare}/transfer`, regulator, {
      to: { kind: 'legal', legalId: ids.legalB, name: 'New Holder Co.' },
      reason: 'sold',
    });
    await ok('POST', `${spare}/renew`, regulator, { validityYears: 1 });
    await ok('POST', `${spare}/suspend`, regulator, { reason: 'inspection' });
    await ok('POST', `${spare}/reinstate`, regulator, { reason: 'inspection passed' });
    await ok('POST', `${spare}/cancel`, regulator, { reason: 'closed down' });

    await ok('PATCH', `/v1/offices/${A.officeId}`, regulator, { address: 'Enghelab St. 5' });
    await ok('POST', `/v1/offices/${B.officeId}/assignments/${B.serviceCode}/withdraw`, regulator, {
      reason: 'agency request',
    });
    await ok('POST', `/v1/terminals/${A.spareTerminalId}/rotate-secret`, regulator, {
      graceHours: 1,
    });
    await ok('POST', `/v1/terminals/${A.spareTerminalId}/deactivate`, regulator, {
      reason: 'replaced',
    });
    await ok('POST', '/v1/quotes', A.auth.office, {
      serviceCode: A.serviceCode,
      officeId: A.officeId,
      quantity: 1,
      occurrence: 1,
    });
    await ok('POST', '/v1/calendar/1410', regulator, {
      holidays: [
        { date: '1410/01/01', nameFa: 'نوروز' },
        { date: '1410/05/05', nameFa: 'تعطیلی استانی', provinces: [A.province] },
      ],
    });

    const keyed = paymentBody(t, A.serviceCode);
    const paid = await send(t, 'POST', '/v1/payments', A.gateway, keyed, {
      'Idempotency-Key': 'stored-events-1',
    });
    if (paid.status !== 201) throw new Error(paid.text);
    await ok('POST', '/v1/payments/reversals', A.gateway, {
      rrn: keyed.rrn,
      transactionTime: keyed.transactionTime,
      reason: 'customer cancelled',
    });

    await ok('POST', `/v1/payments/${A.paymentId}/consumptions`, A.auth.agency, {
      deliveryReference: 'stored-events-delivery',
    });

    await ok('POST', '/v1/webhooks', A.auth.agency, {
      webhookId: 'stored-events',
      url: 'https://agency.example/hooks',
      eventTypes: ['payment.consumed'],
    });
    await ok('DELETE', '/v1/webhooks/stored-events', A.auth.agency);

    const complaint = `/v1/complaints/${A.complaintId}`;
    await ok('POST', `${complaint}/review`, regulator, { reason: 'looking into it' });
    await ok('POST', `${complaint}/request-office-response`, regulator, { reason: 'your account' });
    await ok('POST', `${complaint}/office-response`, A.auth.office, { response: 'charged twice' });
    await ok('POST', `${complaint}/resolve`, regulator, {
      outcome: 'upheld',
      remedies: [{ kind: 'refund', paymentId: A.paymentId, amount: '1000' }, { kind: 'warning' }],
      reason: 'charged above the tariff',
    });
    await ok('POST', `/v1/complaints/${B.serviceComplaintId}/close`, B.auth.agency, {
      reason: 'withdrawn',
    });

    for (const action of ['warning', 'inspection', 'suspension_recommended'])
      await ok('POST', `/v1/supervision/offices/${A.officeId}/actions`, regulator, {
        action,
        reason: 'repeated overcharges',
      });
    await ok('POST', '/v1/settlement/batches', regulator, { day: '1405/09/07' });
    await ok('POST', '/v1/reconciliations', A.auth.agency, {
      from: '1405/09/01',
      to: '1405/09/30',
      format: 'csv',
      content:
        'date,amount,reference,bank_reference,description\r\n2026-11-29,1500000,300000000000123,B1,x\r\n',
    });
    await ok('POST', '/v1/psp-settlements', regulator, pspUpload(A));
    await ok('POST', `/v1/tariffs/${A.serviceCode}/approvals`, A.auth.commission, {
      resolution: { number: '77/1405', date: '2026-10-25T00:00:00Z' },
      effectiveFrom: '2026-11-01T00:00:00Z',
      components: vehicleTransferComponents('1400000', '25333', '150000'),
    });
    await reassessmentFor(t).runOnce();
    const proposals = (x: typeof A) => `/v1/tariffs/${x.serviceCode}/proposals`;
    await ok('POST', `${proposals(A)}/${A.tariffProposal}/approve`, A.auth.commission, {
      resolution: { number: '90/1409', date: '1409/12/01' },
    });
    await ok('POST', `${proposals(B)}/${B.tariffProposal}/withdraw`, regulator, {});
    const again = await ok('POST', proposals(B), regulator, {
      effectiveFrom: '1411/01/01',
      components: vehicleTransferComponents('1400000', '25333', '150000'),
      justification: 'stored events',
    });
    await ok(
      'POST',
      `${proposals(B)}/${again.body.proposalId as string}/reject`,
      B.auth.commission,
      {
        reason: 'not now',
      },
    );

    await commandHandler(t.store, serviceDecider)(serviceStream(A.serviceCode), {
      type: 'LaunchServiceAtOffices',
      serviceCode: A.serviceCode,
      launchedAt: t.clock.now(),
      at: t.clock.now(),
    });

    await ok('POST', '/v1/data-instructions', A.auth.agency, {
      services: [
        {
          serviceCode: A.serviceCode,
          items: ['identity'],
          level: 'identity',
          customerPresent: true,
          consent: true,
          maxLookupsPerDelivery: 2,
        },
      ],
      channel: 'agency',
      effectiveFrom: '2026-11-01T00:00:00Z',
    });
    await ok('POST', `/v1/data-instructions/${A.agencyId}/versions/1/acknowledge`, regulator);
    await ok('POST', '/v1/data-access/exchange-center', regulator, {
      on: false,
      reason: 'not yet',
    });
    const exchange = t.deps.dataExchange as ReturnType<typeof fakeExchange>;
    const asking = {
      nationalId: ids.nationalId,
      serviceCode: A.serviceCode,
      operator: 'Op',
      customerPresent: true,
    };
    const consentId = (await ok('POST', '/v1/data-access/consents', A.auth.office, asking)).body
      .consentId as string;
    const code = exchange.codes.get(ids.nationalId)!;
    const look = (consentCode: string) =>
      send(t, 'POST', '/v1/data-access/lookups', A.auth.office, {
        ...asking,
        items: ['identity'],
        consentId,
        consentCode,
      });
    expect((await look(code === '000000' ? '000001' : '000000')).status).toBe(422);
    exchange.failNext = 1;
    expect((await look(code)).status).toBe(503);
    expect((await look(code)).status).toBe(200);
    const history = (
      await ok('POST', '/v1/public/data-access/codes', {}, { nationalId: ids.nationalId })
    ).body.requestId as string;
    await ok(
      'POST',
      '/v1/public/data-access/history',
      {},
      {
        requestId: history,
        nationalId: ids.nationalId,
        code: exchange.codes.get(ids.nationalId),
      },
    );

    await onlineApplication(ok, t, w);
    await holdersAndRecommendations(ok, t, w);

    recorded = await t.store.readAll({ after: -1, limit: 100_000 });
  }, 120_000);

  afterAll(() => t.close());

  it('the slices wrote an event of every type that has a contract', () => {
    const seen = new Set(recorded.map((e) => e.type));
    const types = Object.keys(eventContracts) as KnownEventType[];
    expect(types.filter((type) => !seen.has(type))).toEqual([]);
  });

  it('every recorded event of a contracted type decodes, at the version stamped in its metadata', () => {
    const known = recorded.filter((e) => isKnownEventType(e.type));
    expect(known.length).toBeGreaterThan(50);
    const failures = known.flatMap((e) => {
      try {
        const decoded = decodeEvent(e);
        return decoded.type === e.type &&
          e.metadata?.[versionKey] === eventContracts[decoded.type].version
          ? []
          : [`${e.type} at ${e.position}: metadata ${JSON.stringify(e.metadata)}`];
      } catch (error) {
        return [`${e.type} at ${e.position}: ${String(error)}`];
      }
    });
    expect(failures).toEqual([]);
  });

  it('a decoded event is the payload the slice wrote', () => {
    const issued = recorded.find((e) => e.type === 'LicenseIssued')!;
    expect(decodeEvent(issued)).toEqual({ type: 'LicenseIssued', version: 1, data: issued.data });
  });

  describe('refuses what its contract does not describe, with EventDecodeError', () => {
    const sample = (type: string) => {
      const e = recorded.find((x) => x.type === type)!;
      return { type: e.type, data: structuredClone(e.data) as Record<string, unknown> };
    };

    it.each([
      ['a missing field', 'LicenseIssued', (d: Record<string, unknown>) => delete d.validUntil],
      [
        'a field of the wrong type',
        'ServiceAssigned',
        (d: Record<string, unknown>) => (d.assignedAt = 42),
      ],
      [
        'an instant that is not one',
        'ComplaintClosed',
        (d: Record<string, unknown>) => (d.closedAt = 'yesterday'),
      ],
      [
        'a word outside the vocabulary',
        'ComplaintFiled',
        (d: Record<string, unknown>) => (d.kind = 'praise'),
      ],
      [
        'a rial amount with a fraction',
        'RefundOrdered',
        (d: Record<string, unknown>) => (d.amount = '10.5'),
      ],
      [
        'a payload of another type',
        'LicenseRefused',
        (d: Record<string, unknown>) => (d.type = 'LicenseIssued'),
      ],
    ])('%s (%s)', (_what, type, spoil) => {
      const event = sample(type);
      spoil(event.data);
      expect(() => decodeEvent(event)).toThrow(EventDecodeError);
    });

    it('an event type without a contract', () => {
      expect(() => decodeEvent({ type: 'LicenseLost', data: {} })).toThrow(EventDecodeError);
    });

    it('a version its contract does not know', () => {
      const event = sample('CalendarPublished');
      expect(() => decodeEvent({ ...event, metadata: { [versionKey]: 2 } })).toThrow(
        /CalendarPublished v2 .*unknown version/,
      );
    });
  });
});

type Ok = (
  method: string,
  path: string,
  as: object,
  body?: unknown,
) => Promise<{ body: Record<string, unknown> }>;

/** An applicant signs in by SMS code, applies online, is returned, resubmits and is issued. */
async function onlineApplication(ok: Ok, t: TestApp, w: World) {
  const sms = t.deps.sms as ReturnType<typeof sentSms>;
  const who = { nationalId: ids.nationalId, mobile: '09121234567' };
  const asked = await ok('POST', '/v1/public/applicants/codes', {}, who);
  const code = /(\d{6})/.exec(sms.sent.at(-1)!.text)![1];
  const session = await ok(
    'POST',
    '/v1/public/applicants/sessions',
    {},
    {
      requestId: asked.body.requestId,
      nationalId: who.nationalId,
      code,
    },
  );
  const applicant = { authorization: `Bearer ${session.body.token as string}` };
  const drafted = await ok('POST', '/v1/applications', applicant, {
    holder: { kind: 'legal', legalId: ids.legalB, name: 'Zahra Ahmadi Co.' },
    province: w.A.province,
    officeKind: 'urban',
    location: { localityKind: 'city', locality: 'Tehran', address: 'Valiasr St. 10' },
    contact: { phone: '02112345678' },
  });
  const application = `/v1/applications/${drafted.body.applicationId as string}`;
  const wg = {
    areo: { authorization: w.a.wg.areo },
    ict: { authorization: w.a.wg.ict },
    governorate: { authorization: w.a.wg.governorate },
  };
  for (const kind of drafted.body.requiredDocuments as string[])
    await ok('PUT', `${application}/documents/${kind}`, applicant, {
      contentType: 'application/pdf',
      contentBase64: onlinePdf,
    });
  await ok('POST', `${application}/submit`, applicant);
  await ok('POST', `${application}/return`, wg.areo, { reason: 'clearance is too old' });
  await ok('POST', `${application}/submit`, applicant);
  const forwarded = await ok('POST', `${application}/forward`, wg.areo);
  await ok('GET', `${application}/documents/identity`, wg.ict);
  const license = `/v1/licenses/${forwarded.body.licenseId as string}`;
  for (const member of [wg.areo, wg.ict, wg.governorate])
    await ok('POST', `${license}/votes`, member, { vote: 'approve', reason: 'complete' });
  await ok('POST', `${license}/issue`, w.A.auth.regulator, { licenseNumber: 'PK-ONLINE-STORED' });
}

/**
 * A transfer accepted and approved, a renewal reminder, a recommendation acted on and one
 * dismissed, and a cancellation filed over a reservation whose request was never filed (it lapses).
 */
async function holdersAndRecommendations(ok: Ok, t: TestApp, w: World) {
  const { A, B } = w;
  const regulator = A.auth.regulator;
  const reason = { reason: 'stored events' };
  await ok('POST', `/v1/holder-requests/${A.transferRequest}/accept`, A.auth.applicant);
  await ok('POST', `/v1/holder-requests/${A.transferRequest}/approve`, regulator, reason);
  await ok(
    'POST',
    `/v1/licensing/suspension-recommendations/${A.recommendation}/act`,
    regulator,
    {},
  );
  await ok(
    'POST',
    `/v1/licensing/suspension-recommendations/${B.recommendation}/dismiss`,
    regulator,
    reason,
  );
  const stopped = { licenseId: A.heldLicense, kind: 'cancellation' as const, now: t.clock.now() };
  await reserveOpenRequest(t.store, { ...stopped, requestId: randomUUID() });
  await ok('POST', `/v1/holder/licenses/${A.heldLicense}/requests`, A.auth.applicant, {
    kind: 'cancellation',
    reason: 'closing',
  });
  const held = await ok('GET', `/v1/holder/licenses/${A.heldLicense}`, A.auth.applicant);
  t.clock.set(
    new Date(
      new Date((held.body as { validUntil: { iso: string } }).validUntil.iso).getTime() -
        59 * 86_400_000,
    ),
  );
  const { sent } = await renewalReminders(
    reminderDeps({
      store: t.store,
      clock: t.clock,
      secrets: t.deps.secrets,
      sms: t.deps.sms!,
      logger: t.deps.logger,
      readModels: t.deps.readModels,
    }),
  ).runOnce();
  expect(sent).toBeGreaterThan(0);
}
