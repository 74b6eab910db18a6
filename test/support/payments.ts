import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { sign } from '../../src/shared/http/auth';
import { approveV1 } from './tariffFixtures';
import type { TestApp } from './app';
import { actors, ids, issuedLicense, officeBody, type Actors } from './licensing';

export const services = {
  /** Listed, assigned, priced: the good path. */
  good: 'vehicle-transfer',
  /** Assigned and priced, but dropped from the catalogue after assignment. */
  delisted: 'driving-licence',
  /** Listed and priced, never assigned to the office. */
  unassigned: 'plate-change',
  /** Listed and assigned, no tariff approved. */
  unpriced: 'ownership-document',
} as const;

export interface Terminal {
  terminalId: string;
  officeId: string;
  authorization: string;
  secret: string;
}

export interface PaymentWorld {
  a: Actors;
  commission: string;
  good: Terminal;
  /** A terminal of an office whose license gets suspended. */
  suspended: Terminal;
  suspendedLicense: string;
}

const iso = (d: Date) => d.toISOString();

/** The offices' own Sheba, distinct from the agency's treasury and the technical operator. */
export const officeIban = 'IR050170000000123456789012';

/**
 * Agency, four services, a national catalogue (then a second version without one
 * service), tariffs, two licensed offices with assignments and a terminal each.
 */
export async function paymentWorld(t: TestApp): Promise<PaymentWorld> {
  const a = await actors(t, 'IR-23');
  const commission = (await t.tokenFor('commission')).authorization;
  const post = (path: string, auth: string, body: object) =>
    request(t.app).post(path).set('Authorization', auth).send(body);
  await post('/v1/agencies', a.regulator, {
    agencyId: 'traffic',
    nameFa: 'پلیس راهور',
    nameEn: 'Traffic Police',
    legalId: ids.legalA,
    treasuryIban: ids.iban,
    fees: [{ feeCode: 'transfer', nameFa: 'نقل و انتقال', depositId: '300000000000123' }],
  }).expect(201);
  for (const code of Object.values(services)) {
    await post('/v1/services', a.regulator, {
      serviceCode: code,
      agencyId: 'traffic',
      nameFa: `خدمت ${code}`,
      nameEn: code,
      conditions: '',
      customerData: 'none',
    }).expect(201);
  }
  const listed = (codes: string[]) => ({
    scope: 'national',
    period: '1405-H2',
    entries: codes.map((serviceCode) => ({ serviceCode, conditions: '', offerBy: '1407/06/31' })),
  });
  await post('/v1/catalogues', a.areo, listed(Object.values(services))).expect(201);
  const v1 = approveV1();
  for (const code of [services.good, services.delisted, services.unassigned]) {
    await post(`/v1/tariffs/${code}/approvals`, commission, {
      resolution: { number: v1.resolution.number, date: iso(v1.resolution.date) },
      effectiveFrom: iso(v1.effectiveFrom),
      components: v1.components,
      variants: v1.variants,
    }).expect(201);
  }
  const good = await licensedOffice(t, a, 'OF-A', 'TA000001', '000000000000001');
  const suspended = await licensedOffice(t, a, 'OF-S', 'TS000001', '000000000000002');
  await post(
    '/v1/catalogues',
    a.areo,
    listed([services.good, services.unassigned, services.unpriced]),
  ).expect(201);
  await post(`/v1/licenses/${suspended.license}/suspend`, a.regulator, {
    reason: 'inspection found violations',
  }).expect(200);
  return {
    a,
    commission,
    good: good.terminal,
    suspended: suspended.terminal,
    suspendedLicense: suspended.license,
  };
}

/**
 * An office of IR-23 on a freshly issued license, with `assigned` services (by default the
 * good, delisted and unpriced ones, while the first catalogue lists them all) and one
 * registered terminal (پایانه) whose token and signing secret it returns.
 */
export async function licensedOffice(
  t: TestApp,
  a: Actors,
  officeId: string,
  terminalId: string,
  merchant: string,
  assigned: readonly string[] = [services.good, services.delisted, services.unpriced],
): Promise<{ license: string; terminal: Terminal }> {
  const post = (path: string, body: object) =>
    request(t.app).post(path).set('Authorization', a.regulator).send(body);
  const license = await issuedLicense(t, a, 5, 'IR-23');
  await post('/v1/offices', { ...officeBody(officeId, license), iban: officeIban }).expect(201);
  for (const code of assigned) {
    await post(`/v1/offices/${officeId}/assignments`, { serviceCode: code }).expect(201);
  }
  const reg = await post('/v1/terminals', {
    terminalId,
    merchantId: merchant,
    psp: 'Sep',
    officeId,
  }).expect(201);
  return {
    license,
    terminal: {
      terminalId,
      officeId,
      authorization: `Bearer ${reg.body.token as string}`,
      secret: reg.body.signingSecret as string,
    },
  };
}

let skew = 0;

/**
 * A gateway POST of these exact bytes: signed with the terminal's secret (each call with a
 * distinct timestamp, so no two signatures repeat) or as `signedAs` says, and unsigned for a
 * credential without a secret. `gzip` codes the body, which sends the request the express way
 * instead of the payment routes' direct lane.
 */
export function signedRaw(
  t: TestApp,
  caller: Terminal | { authorization: string },
  path: string,
  raw: string,
  options: {
    gzip?: boolean;
    headers?: Record<string, string>;
    signedAs?: { ts: string; signature: string };
  } = {},
) {
  skew = (skew + 1) % 240;
  const ts = String(Math.floor(t.clock.now().getTime() / 1000) - skew);
  const signing =
    options.signedAs ??
    ('secret' in caller
      ? { ts, signature: sign(caller.secret, ts, 'POST', path, raw) }
      : undefined);
  const req = request(t.app)
    .post(path)
    .set('Authorization', caller.authorization)
    .set('Content-Type', 'application/json')
    .set({
      ...(signing
        ? { 'x-pishkhan-timestamp': signing.ts, 'x-pishkhan-signature': signing.signature }
        : {}),
      ...options.headers,
    });
  // superagent would JSON-encode a Buffer sent as application/json; the bytes go as they are.
  const asIs = (bytes: unknown) => bytes as string;
  if (options.gzip) return req.set('Content-Encoding', 'gzip').serialize(asIs).send(gzipSync(raw));
  return req.send(raw);
}

/** A signed gateway POST of a JSON body. */
export function signedPost(
  t: TestApp,
  terminal: Terminal,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return signedRaw(t, terminal, path, JSON.stringify(body), { headers });
}

let rrns = 0;
export const nextRrn = () => String(++rrns).padStart(12, '0');

/** A payment body for the good service, quantity 2, priced exactly (hand-computed in the tests). */
export function payment(t: TestApp, overrides: Record<string, unknown> = {}) {
  return {
    rrn: nextRrn(),
    stan: '004211',
    transactionTime: new Date(t.clock.now().getTime() - 60_000).toISOString(),
    serviceCode: services.good,
    quantity: 2,
    occurrence: 1,
    amount: '1720733',
    maskedCard: '603799******1234',
    ...overrides,
  };
}

/** How many payments the app's log holds (PaymentRecorded events). */
export async function recordedPayments(t: TestApp): Promise<number> {
  const events = await t.store.readAll({
    after: 0,
    limit: 100_000,
    filter: { eventTypes: ['PaymentRecorded'] },
  });
  return events.length;
}
