import type { SmsMessage, SmsSender } from '../../src/applicants/sms';
import request from 'supertest';
import { sign } from '../../src/shared/http/auth';
import type { Role } from '../../src/shared/http/policy';
import { applicantIdOf, onlineLicense, submittedOnlineApplication } from './holders';
import { approveV1 } from './tariffFixtures';
import { fakeExchange } from './fakeExchange';
import { startTestApp, type TestApp } from './app';
import { endOfLedgerDay, ledgerDayOf } from '../../contracts/ledger/days';
import { ledgerSealer } from '../../src/ledger';
import {
  actors,
  approvedApplication,
  ids,
  issuedLicense,
  officeBody,
  type Actors,
} from './licensing';

/** One tenant of the two-tenant world: a province, an agency with its service, an office, terminals, a payment, a complaint. */
export interface Tenant {
  key: 'A' | 'B';
  province: string;
  agencyId: string;
  serviceCode: string;
  officeId: string;
  license: string;
  /** An issued license without an office, for the license management routes. */
  spareLicense: string;
  /** An application under review in the tenant's province, for votes. */
  application: string;
  /** The office's main terminal: it has its own gateway credential and is run by the tenant's PSP. */
  terminalId: string;
  /** The tenant's registered PSP (پرداخت‌یار): the office chose it, and it runs the main terminal. */
  pspId: string;
  /** A second terminal of the office, for rotate and deactivate. */
  spareTerminalId: string;
  gateway: { authorization: string; secret: string };
  paymentId: string;
  receiptCode: string;
  /** A second payment of the terminal, for the reversal route. */
  reversal: { rrn: string; transactionTime: string };

  /** A complaint about the office (the province desk handles it) and one about the service (the agency handles it). */
  complaintId: string;
  complaintCode: string;
  serviceComplaintId: string;
  /** An online application of the tenant's applicant, submitted in the tenant's province with its documents. */
  onlineApplication: string;
  /** A second one, submitted, for the return and forward routes. */
  spareOnlineApplication: string;
  /** A license the tenant's applicant holds: their online application, issued. */
  heldLicense: string;
  /** A change of address the tenant's applicant asked for on `heldLicense`, pending the regulator. */
  holderRequest: string;
  /** A transfer to the tenant's applicant of another account's license, awaiting their acceptance. */
  transferRequest: string;
  /** Supervision's recommendation to suspend the tenant office's license, pending in licensing. */
  recommendation: string;
  /** The regulator's tariff proposal for the tenant's service, pending at the Commission. */
  tariffProposal: string;
  /** The principal of each role scoped to this tenant. */
  auth: Record<Role, { authorization: string; secret?: string }>;
}

export { onlinePdf } from './holders';

export interface World {
  a: Actors;
  commission: string;
  A: Tenant;
  B: Tenant;
  /** A credential nobody uses, for the revoke route. */
  spareCredentialId: string;
  /** The ledger day the world was built on, sealed so receipt proofs and the seal answer. */
  sealedDay: string;
}

const iso = (d: Date) => d.toISOString();

/**
 * Sends a request as a principal; gateway principals sign it (a distinct timestamp each
 * call so no two signatures repeat). Query values are encoded as given.
 */
let skew = 0;
export function send(
  t: TestApp,
  method: string,
  path: string,
  as: { authorization?: string; secret?: string } | undefined,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const raw =
    body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  let req = request(t.app)[method.toLowerCase() as 'get' | 'post' | 'patch'](path);
  if (as?.authorization) req = req.set('Authorization', as.authorization);
  if (as?.secret) {
    skew = (skew + 1) % 240;
    const ts = String(Math.floor(t.clock.now().getTime() / 1000) - skew);
    req = req.set({
      'x-pishkhan-timestamp': ts,
      'x-pishkhan-signature': sign(as.secret, ts, method, path, raw ?? ''),
    });
  }
  req = req.set(headers);
  if (raw !== undefined)
    req = req.set('Content-Type', headers['content-type'] ?? 'application/json').send(raw);
  return req;
}

let rrn = 0;
export const freshRrn = () => `M${String(++rrn).padStart(11, '0')}`;

export function paymentBody(
  t: TestApp,
  serviceCode: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    rrn: freshRrn(),
    stan: '004211',
    transactionTime: new Date(t.clock.now().getTime() - 60_000).toISOString(),
    serviceCode,
    quantity: 2,
    occurrence: 1,
    amount: '1720733',
    maskedCard: '603799******1234',
    ...overrides,
  };
}

/**
 * Two tenants built over HTTP, once: A in Tehran (IR-23) with agency `traffic`, B in
 * IR-08 with agency `registry`, each with its own service, license, office, terminals, a
 * payment and a complaint; and a credential of every role scoped to each.
 */
export async function twoTenants(t: TestApp): Promise<World> {
  const a = await actors(t, 'IR-23');
  const wgB = await actors(t, 'IR-08');
  const commission = (await t.tokenFor('commission')).authorization;
  const post = (path: string, auth: string, body: object) =>
    request(t.app).post(path).set('Authorization', auth).send(body);
  const defs = [
    {
      key: 'A' as const,
      province: 'IR-23',
      agencyId: 'traffic',
      serviceCode: 'vehicle-transfer',
      officeId: 'OF-A',
      terminalId: 'TA000001',
      spareTerminalId: 'TA000002',
      pspId: 'PSP-A',
      legalId: ids.legalA,
    },
    {
      key: 'B' as const,
      province: 'IR-08',
      agencyId: 'registry',
      serviceCode: 'deed-copy',
      officeId: 'OF-B',
      terminalId: 'TB000001',
      spareTerminalId: 'TB000002',
      pspId: 'PSP-B',
      legalId: ids.legalB,
    },
  ];
  for (const d of defs) {
    await post('/v1/agencies', a.regulator, {
      agencyId: d.agencyId,
      nameFa: `دستگاه ${d.key}`,
      nameEn: `Agency ${d.key}`,
      legalId: d.legalId,
      treasuryIban: ids.iban,
      fees: [
        {
          feeCode: 'transfer',
          nameFa: 'هزینه',
          depositId: d.key === 'A' ? '300000000000123' : '300000000000456',
        },
      ],
    }).expect(201);
    await post('/v1/services', a.regulator, {
      serviceCode: d.serviceCode,
      agencyId: d.agencyId,
      nameFa: `خدمت ${d.key}`,
      nameEn: d.serviceCode,
      conditions: '',
      customerData: 'none',
    }).expect(201);
  }
  await post('/v1/catalogues', a.areo, {
    scope: 'national',
    period: '1405-H2',
    entries: defs.map((d) => ({
      serviceCode: d.serviceCode,
      conditions: '',
      offerBy: '1407/06/31',
    })),
  }).expect(201);
  const v1 = approveV1();
  for (const d of defs) {
    await post(`/v1/tariffs/${d.serviceCode}/approvals`, commission, {
      resolution: { number: v1.resolution.number, date: iso(v1.resolution.date) },
      effectiveFrom: iso(v1.effectiveFrom),
      components: v1.components,
      variants: v1.variants,
    }).expect(201);
  }
  const spareCredential = await t.tokenFor('areo');
  const tenants: Partial<Record<'A' | 'B', Tenant>> = {};
  for (const d of defs) {
    const actorsHere = d.key === 'A' ? a : { ...a, wg: wgB.wg };
    const license = await issuedLicense(t, actorsHere, 5, d.province);
    const spareLicense = await issuedLicense(t, actorsHere, 5, d.province);
    const application = (
      await post('/v1/licenses', a.regulator, {
        applicant: { kind: 'legal', legalId: d.legalId, name: 'Applicant Co.' },
        province: d.province,
        officeKind: 'urban',
        location: { localityKind: 'city', locality: 'Somewhere', address: 'Main St. 2' },
        contact: { phone: '02112345678' },
      }).expect(201)
    ).body.licenseId as string;
    await post('/v1/offices', a.regulator, officeBody(d.officeId, license)).expect(201);
    await post(`/v1/offices/${d.officeId}/assignments`, a.regulator, {
      serviceCode: d.serviceCode,
    }).expect(201);
    const psp = await post('/v1/psps', a.regulator, {
      pspId: d.pspId,
      nameFa: `پرداخت‌یار ${d.key}`,
      nameEn: `PSP ${d.key}`,
    }).expect(201);
    await post(`/v1/offices/${d.officeId}/psps`, a.regulator, {
      pspId: d.pspId,
      writtenConsent: `letter ${d.key}-1405`,
    }).expect(201);
    const reg = await post('/v1/terminals', a.regulator, {
      terminalId: d.terminalId,
      merchantId: `00000000000000${d.key === 'A' ? 1 : 2}`,
      psp: 'Sep',
      officeId: d.officeId,
      pspId: d.pspId,
    }).expect(201);
    await post('/v1/terminals', a.regulator, {
      terminalId: d.spareTerminalId,
      merchantId: `00000000000001${d.key === 'A' ? 1 : 2}`,
      psp: 'Sep',
      officeId: d.officeId,
    }).expect(201);
    // A payment's transaction time (a minute ago) must fall after the terminal's registration.
    t.clock.advance(5 * 60_000);
    const gateway = {
      authorization: `Bearer ${reg.body.token as string}`,
      secret: reg.body.signingSecret as string,
    };
    const paid = await send(t, 'POST', '/v1/payments', gateway, paymentBody(t, d.serviceCode));
    if (paid.status !== 201) throw new Error(paid.text);
    const reversible = paymentBody(t, d.serviceCode);
    await send(t, 'POST', '/v1/payments', gateway, reversible).expect(201);

    const file = async (subject: object) => {
      const filed = await request(t.app)
        .post('/v1/public/complaints')
        .send({
          kind: 'complaint',
          topic: 'overcharge',
          subject,
          description: `a complaint about tenant ${d.key}`,
        });
      if (filed.status !== 201) throw new Error(filed.text);
      const all = await request(t.app)
        .get('/v1/complaints')
        .set('Authorization', a.regulator)
        .expect(200);
      return {
        code: filed.body.trackingCode as string,
        id: (all.body.items as Array<{ complaintId: string }>).at(-1)!.complaintId,
      };
    };
    const aboutOffice = await file({
      kind: 'office',
      officeId: d.officeId,
      serviceCode: d.serviceCode,
    });
    const aboutService = await file({ kind: 'service', serviceCode: d.serviceCode });
    const tok = async (role: Role, scope: Parameters<TestApp['tokenFor']>[1] = {}) => ({
      authorization: (await t.tokenFor(role, scope)).authorization,
    });
    const receiverNationalId = d.key === 'A' ? ids.nationalId : '0012345679';
    const applicant = await tok('applicant', {
      applicantId: applicantIdOf(t, receiverNationalId),
    });
    const seller = await tok('applicant', { applicantId: (d.key === 'A' ? 'c' : 'd').repeat(32) });
    const online = () =>
      submittedOnlineApplication(t, applicant.authorization, d.province, `Online ${d.key} Co.`);
    const onlineApplication = await online();
    const spareOnlineApplication = await online();
    const heldLicense = await onlineLicense(t, actorsHere, applicant.authorization, {
      province: d.province,
    });
    const sellerLicense = await onlineLicense(t, actorsHere, seller.authorization, {
      province: d.province,
    });
    const holderRequest = (
      await post(`/v1/holder/licenses/${heldLicense}/requests`, applicant.authorization, {
        kind: 'address_change',
        address: `Held St. ${d.key}`,
      }).expect(201)
    ).body.requestId as string;
    const transferRequest = (
      await post(`/v1/holder/licenses/${sellerLicense}/requests`, seller.authorization, {
        kind: 'transfer',
        receiverNationalId,
        to: { kind: 'legal', legalId: ids.legalB, name: `Receiver ${d.key} Co.` },
        reason: 'sold',
      }).expect(201)
    ).body.requestId as string;
    const recommendation = (
      await post(`/v1/supervision/offices/${d.officeId}/actions`, a.regulator, {
        action: 'suspension_recommended',
        reason: `tenant ${d.key} overcharges`,
      }).expect(201)
    ).body.actionId as string;
    const tariffProposal = (
      await post(`/v1/tariffs/${d.serviceCode}/proposals`, a.regulator, {
        effectiveFrom: '1410/01/01',
        components: v1.components,
        variants: v1.variants,
        justification: `tenant ${d.key} costs`,
      }).expect(201)
    ).body.proposalId as string;
    tenants[d.key] = {
      ...d,
      license,
      spareLicense,
      application,
      gateway,
      paymentId: paid.body.paymentId as string,
      receiptCode: paid.body.trackingCode as string,
      reversal: { rrn: reversible.rrn, transactionTime: reversible.transactionTime },

      complaintId: aboutOffice.id,
      complaintCode: aboutOffice.code,
      serviceComplaintId: aboutService.id,
      onlineApplication,
      spareOnlineApplication,
      heldLicense,
      holderRequest,
      transferRequest,
      recommendation,
      tariffProposal,
      auth: {
        regulator: { authorization: a.regulator },
        commission: { authorization: commission },
        areo: { authorization: a.areo },
        provincial_mpo: await tok('provincial_mpo', { province: d.province }),
        working_group: await tok('working_group', { province: d.province, memberBody: 'ict' }),
        agency: await tok('agency', { agencyId: d.agencyId }),
        office: await tok('office', { officeId: d.officeId }),
        gateway,
        psp: {
          authorization: `Bearer ${psp.body.token as string}`,
          secret: psp.body.signingSecret as string,
        },
        applicant,
      },
    };
  }
  return {
    a,
    commission,
    A: tenants.A!,
    B: tenants.B!,
    spareCredentialId: spareCredential.credentialId,
    sealedDay: '',
  };
}

/** Re-exported so tests need one import for the licensing helpers they also use. */
export { approvedApplication };

/**
 * The real app with two tenants built over its API, on the morning after their first
 * business day. `intakePerWindow` lifts the public-intake flood limit for suites that file
 * complaints as every role; the flood limit has its own test.
 */
/** An SMS port that keeps what it "sent", for tests that sign an applicant in. */
export function sentSms(): SmsSender & { sent: SmsMessage[] } {
  const sent: SmsMessage[] = [];
  return {
    sent,
    send(message) {
      sent.push(message);
      return Promise.resolve({ reference: `SMS-${sent.length}` });
    },
  };
}

export async function startTwoTenantApp(
  intakePerWindow: number,
): Promise<{ t: TestApp; w: World }> {
  const t = await startTestApp({
    now: '2026-11-28T08:00:00Z',
    reporting: { debtorIban: 'IR820540102680020817909002', vatIban: 'IR060100000000401234567890' },
    deps: {
      dataExchange: fakeExchange(),
      sms: sentSms(),
      applicants: { sessionHours: 12, codesPerHour: 1000, documentMaxBytes: 524_288 },
      publicLimits: {
        intakePerWindow,
        lookupsPerWindow: intakePerWindow,
        windowMs: 600_000,
        bodyLimit: '16kb',
      },
    },
  });
  const w = await twoTenants(t);
  const sealedDay = ledgerDayOf(new Date());
  const sealed = await ledgerSealer({
    store: t.store,
    now: () => new Date(endOfLedgerDay(sealedDay).getTime() + 11 * 60_000),
    graceMinutes: 10,
  }).runOnce();
  if (!sealed.some((s) => s.day === sealedDay)) throw new Error(`${sealedDay} was not sealed`);
  t.clock.set('2026-11-29T08:00:00Z');
  return { t, w: { ...w, sealedDay } };
}
