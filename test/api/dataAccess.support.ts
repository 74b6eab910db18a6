import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderSettings } from '../../src/config';
import { httpDataExchange } from '../../src/dataAccess';
import type { Clock } from '../../src/shared/clock';
import { startTestApp, type TestApp } from '../support/app';
import { ids } from '../support/licensing';
import { send, twoTenants, type World } from '../support/tenants';
import { writeCertificates } from '../standin/certificates';
import { startStandIn, type StandIn } from '../standin/process';

export const nationalId = ids.nationalId;

/** A provider entry for the stand-in: short deadline, one retry, a breaker that opens after two failures. */
export function standInSettings(dir: string, baseUrl: string): ProviderSettings {
  return {
    baseUrl,
    cert: readFileSync(join(dir, 'client.crt'), 'utf8'),
    key: readFileSync(join(dir, 'client.key'), 'utf8'),
    ca: readFileSync(join(dir, 'ca.crt'), 'utf8'),
    timeoutMs: 400,
    retries: 1,
    retryDelayMs: 0,
    breakerFailures: 2,
    breakerCooldownMs: 30_000,
  };
}

export interface DataWorld {
  t: TestApp;
  w: World;
  standIn: StandIn;
  dir: string;
  exchange: ReturnType<typeof httpDataExchange>;
  close(): Promise<void>;
}

/**
 * The two-tenant world with the stand-in provider in its own process over mutual TLS: agency
 * A (`traffic`) reached directly, the exchange center answering for B (`registry`); an
 * acknowledged instruction for each.
 */
export async function startDataWorld(): Promise<DataWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'pishkhan-data-'));
  const certs = join(dir, 'certs');
  writeCertificates(certs);
  const standIn = await startStandIn(certs);
  const settings = standInSettings(certs, standIn.baseUrl);
  const clock: { of?: Clock } = {};
  const exchange = httpDataExchange(
    { exchangeCenter: settings, agencies: { traffic: settings } },
    { now: () => clock.of!.now() },
  );
  mkdirSync(join(dir, 'app'));
  const t = await startTestApp({
    now: '2026-11-28T08:00:00Z',
    dir: join(dir, 'app'),
    deps: { dataExchange: exchange },
  });
  clock.of = t.clock;
  const w = await twoTenants(t);
  t.clock.set('2026-11-29T08:00:00Z');
  for (const [x, channel, items] of [
    [w.A, 'agency', ['identity', 'vehicle']],
    [w.B, 'nix', ['identity', 'property']],
  ] as const) {
    await send(t, 'POST', '/v1/data-instructions', x.auth.agency, {
      services: [
        {
          serviceCode: x.serviceCode,
          items,
          level: 'records',
          customerPresent: true,
          consent: true,
          maxLookupsPerDelivery: 2,
          officeHours: { from: '07:00', to: '20:00' },
        },
      ],
      channel,
      effectiveFrom: '2026-11-01T00:00:00Z',
    }).expect(201);
    await send(
      t,
      'POST',
      `/v1/data-instructions/${x.agencyId}/versions/1/acknowledge`,
      x.auth.regulator,
    ).expect(200);
  }
  return {
    t,
    w,
    standIn,
    dir,
    exchange,
    async close() {
      exchange.close();
      await t.close();
      await standIn.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens a delivery as the tenant's office and answers its id and the code the stand-in "sent". */
export async function openDelivery(d: DataWorld, x: World['A']) {
  const opened = await send(d.t, 'POST', '/v1/data-access/consents', x.auth.office, {
    nationalId,
    serviceCode: x.serviceCode,
    operator: 'Operator One',
    customerPresent: true,
  });
  if (opened.status !== 201) throw new Error(opened.text);
  const codes = await d.standIn.codesSentTo(nationalId);
  return { consentId: opened.body.consentId as string, code: codes.at(-1)! };
}

/** A look-up body for the tenant's service. */
export const lookupBody = (
  x: World['A'],
  consent: { consentId: string; code: string } | undefined,
  over: Record<string, unknown> = {},
) => ({
  nationalId,
  serviceCode: x.serviceCode,
  items: ['identity'],
  operator: 'Operator One',
  customerPresent: true,
  ...(consent ? { consentId: consent.consentId, consentCode: consent.code } : {}),
  ...over,
});
