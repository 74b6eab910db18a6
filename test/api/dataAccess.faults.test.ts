import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { httpDataExchange } from '../../src/dataAccess';
import { ProviderUnavailableError } from '../../src/shared/errors';
import { eventsAfter } from '../support/licensing';
import { send } from '../support/tenants';
import { certificateAuthority } from '../standin/certificates';
import {
  lookupBody,
  nationalId,
  openDelivery,
  standInSettings,
  startDataWorld,
  type DataWorld,
} from './dataAccess.support';

let d: DataWorld;
beforeAll(async () => {
  d = await startDataWorld();
}, 60_000);
afterAll(() => d?.close());

const lookup = async () =>
  send(
    d.t,
    'POST',
    '/v1/data-access/lookups',
    d.w.A.auth.office,
    lookupBody(d.w.A, await openDelivery(d, d.w.A)),
  );

/** Every file's bytes under a directory, SQLite WAL files included. */
const bytesUnder = (dir: string): string =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name)).toString('latin1'))
    .join('\n');

describe('what a successful look-up leaves behind', () => {
  it('neither the data handed over nor the clear national id is in the log, the read models or the logs', async () => {
    const res = await lookup();
    expect(res.status).toBe(200);
    await d.t.reporting.runner.catchUp();
    await send(d.t, 'GET', '/v1/data-access/audit', d.w.A.auth.regulator).expect(200);
    const markers = Object.values(
      res.body.data as Record<string, { marker: string; value: string }>,
    ).map((v) => v.marker);
    expect(markers.length).toBeGreaterThan(0);
    const stored = bytesUnder(join(d.dir, 'app'));
    const logs = d.t.logs.join('\n');
    const events = JSON.stringify(await d.t.store.readAll({ after: 0, limit: 100_000 }));
    expect(stored).toContain(res.body.accessId);
    for (const secret of [...markers, nationalId]) {
      expect(stored.includes(secret)).toBe(false);
      expect(events.includes(secret)).toBe(false);
      expect(logs.includes(secret)).toBe(false);
    }
  });
});

describe('provider faults: the right answer, a failed attempt recorded, never a success', () => {
  it.each([
    ['5xx', 'unavailable'],
    ['timeout', 'timeout'],
    ['reset', 'connection'],
  ] as const)('%s on every attempt answers 503 with Retry-After (%s)', async (mode, reason) => {
    await d.standIn.fault(mode, 2);
    const consent = await openDelivery(d, d.w.A);
    const head = await d.t.store.headPosition();
    const res = await send(
      d.t,
      'POST',
      '/v1/data-access/lookups',
      d.w.A.auth.office,
      lookupBody(d.w.A, consent),
    );
    expect([res.status, res.body.code, res.body.reason]).toEqual([
      503,
      'provider-unavailable',
      reason,
    ]);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await eventsAfter(d.t, head)).toEqual([
      'dataconsent ConsentLookupReserved',
      'dataconsent ConsentLookupReleased',
      'dataaccess CustomerDataAccessFailed',
    ]);
    d.exchange.breaker({ channel: 'agency', agencyId: 'traffic' })!.succeeded();
  });

  it('one failed attempt is retried with the same key, and the look-up succeeds once', async () => {
    const before = (await d.standIn.stats()).lookups;
    await d.standIn.fault('5xx', 1);
    expect((await lookup()).status).toBe(200);
    expect((await d.standIn.stats()).lookups).toBe(before + 1);
  });

  it('the breaker opens after repeated failures, fails fast, and closes after a good trial', async () => {
    const consents: Array<{ consentId: string; code: string }> = [];
    for (let i = 0; i < 4; i++) consents.push(await openDelivery(d, d.w.A));
    const look = (i: number) =>
      send(
        d.t,
        'POST',
        '/v1/data-access/lookups',
        d.w.A.auth.office,
        lookupBody(d.w.A, consents[i]),
      );
    await d.standIn.fault('5xx', 4);
    expect((await look(0)).status).toBe(503);
    expect((await look(1)).status).toBe(503);
    const asked = await d.standIn.stats();
    const head = await d.t.store.headPosition();
    const fast = await look(2);
    expect([fast.status, fast.body.reason]).toEqual([503, 'circuit-open']);
    expect(Number(fast.headers['retry-after'])).toBe(30);
    expect(await d.standIn.stats()).toEqual(asked);
    expect(await eventsAfter(d.t, head)).toEqual([
      'dataconsent ConsentLookupReserved',
      'dataconsent ConsentLookupReleased',
      'dataaccess CustomerDataAccessFailed',
    ]);
    d.t.clock.advance(31_000);
    expect((await look(3)).status).toBe(200);
    expect((await lookup()).status).toBe(200);
  });

  it('a provider whose certificate is not from the configured CA is refused (tls), as is a client certificate it does not know', async () => {
    const certs = join(d.dir, 'certs');
    const other = certificateAuthority('Another CA');
    const stranger = other.issue('stranger', 'client');
    const request = {
      nationalId,
      serviceCode: d.w.A.serviceCode,
      items: ['identity'],
      level: 'identity' as const,
      officeId: d.w.A.officeId,
      requestId: 'tls-test',
    };
    for (const settings of [
      { ...standInSettings(certs, d.standIn.baseUrl), ca: other.cert },
      { ...standInSettings(certs, d.standIn.baseUrl), ...stranger },
    ]) {
      const exchange = httpDataExchange({ agencies: { traffic: settings } }, d.t.clock);
      const failure = await exchange
        .lookup({ channel: 'agency', agencyId: 'traffic' }, request)
        .catch((e: unknown) => e);
      exchange.close();
      expect(failure).toBeInstanceOf(ProviderUnavailableError);
      expect(['tls', 'connection']).toContain((failure as ProviderUnavailableError).reason);
    }
  });
});
