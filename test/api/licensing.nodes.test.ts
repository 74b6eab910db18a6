import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type {
  LicenseNumberReserved,
  OfficeOfLicenseReserved,
} from '../../contracts/events/reservations';
import { licenseStream, type LicenseEvent } from '../../src/licensing';
import { licenseNumberStream } from '../../src/licensing/numberReservation';
import { officeOfLicenseStream } from '../../src/offices/licenseReservation';
import { postgresEventStore, sqliteEventStore, type EventStore } from '../../src/shared/eventStore';
import { startTestApp, type TestApp } from '../support/app';
import {
  actors,
  approvedApplication,
  issuedLicense,
  officeBody,
  type Actors,
} from '../support/licensing';
import { databaseUrl, describeWithPostgres, dropSchema, randomSchema } from '../support/postgres';

interface Backend {
  /** A new connection to the one shared log. */
  open(dir: string): Promise<EventStore>;
  dispose(): Promise<void>;
}

const now = '2026-11-29T08:00:00Z';
const racers = 8;

/**
 * Two API nodes on one log, as two processes behind a balancer would be. Everything the races
 * need is written on A before B starts, so both nodes know every license when they race.
 */
async function twoNodes(backend: Backend) {
  const dir = mkdtempSync(join(tmpdir(), 'pishkhan-license-nodes-'));
  const a = await startTestApp({ store: await backend.open(dir), now });
  const who = await actors(a);
  const approved: string[] = [];
  for (let i = 0; i < racers + 4; i++) approved.push(await approvedApplication(a, who));
  const issued = [await issuedLicense(a, who), await issuedLicense(a, who)];
  const b = await startTestApp({
    store: await backend.open(dir),
    now,
    deps: { secrets: a.deps.secrets },
  });
  return {
    a,
    b,
    who,
    approved,
    issued,
    async close() {
      await b.close();
      await a.close();
      await backend.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const sqliteFile: Backend = {
  open: async (dir) => sqliteEventStore(join(dir, 'events.sqlite')),
  dispose: async () => undefined,
};

function acrossNodes(backend: Backend) {
  let nodes: Awaited<ReturnType<typeof twoNodes>>;
  let a: TestApp;
  let b: TestApp;
  let who: Actors;
  let approved: string[];
  let issued: string[];
  beforeAll(async () => {
    nodes = await twoNodes(backend);
    ({ a, b, who, approved, issued } = nodes);
  }, 60_000);
  afterAll(() => nodes.close());

  /**
   * A client as a gateway or the console is: a 503 (the store busy under load) is asked again,
   * a few times, with the same request. Every other answer is final.
   */
  async function asClient(send: () => request.Test): Promise<request.Response> {
    for (let attempt = 1; ; attempt++) {
      const answer = await send();
      if (answer.status !== 503 || attempt === 3) return answer;
    }
  }
  const outcomes = (answers: request.Response[]) =>
    answers.map((r) => `${r.status} ${r.body?.code ?? ''} ${r.body?.detail ?? ''}`).sort();

  const issue = (node: TestApp, licenseId: string, licenseNumber: string) =>
    request(node.app)
      .post(`/v1/licenses/${licenseId}/issue`)
      .set('Authorization', who.regulator)
      .send({ licenseNumber, validityYears: 5 });
  const registerOffice = (node: TestApp, officeId: string, licenseId: string) =>
    request(node.app)
      .post('/v1/offices')
      .set('Authorization', who.regulator)
      .send(officeBody(officeId, licenseId));
  const recorded = async <T>(type: string) =>
    (await a.store.readAll({ filter: { eventTypes: [type] }, limit: 10_000 })).map(
      (e) => e.data as T,
    );
  const inUse = (licenseNumber: string) => ({
    status: 400,
    code: 'validation',
    errors: [{ path: 'licenseNumber', message: `${licenseNumber} is already used` }],
  });
  const hasOffice = { status: 409, code: 'illegal-state', currentState: 'active' };

  it('many licenses issued with one number at once on both nodes: one is issued, the rest are told the number is in use', async () => {
    const number = 'PK-23-77777';
    const contenders = approved.slice(0, racers);
    const answers = await Promise.all(
      contenders.map((id, i) => asClient(() => issue(i % 2 ? b : a, id, number))),
    );
    const won = answers.filter((r) => r.status === 200);
    expect({ won: won.length, outcomes: outcomes(answers) }).toMatchObject({ won: 1 });
    for (const lost of answers.filter((r) => r.status !== 200))
      expect(lost.body).toMatchObject(inUse(number));

    const winner = won[0]!.body.licenseId as string;
    const withNumber = (await recorded<LicenseEvent>('LicenseIssued')).filter(
      (e) => e.type === 'LicenseIssued' && e.licenseNumber === number,
    );
    expect(withNumber.map((e) => e.licenseId)).toEqual([winner]);
    const reservations = await a.store.readStream(licenseNumberStream(number));
    expect(reservations.map((e) => (e.data as LicenseNumberReserved).licenseId)).toEqual([winner]);
    for (const id of contenders.filter((c) => c !== winner)) {
      const seen = await request(b.app)
        .get(`/v1/licenses/${id}`)
        .set('Authorization', who.regulator)
        .expect(200);
      expect(seen.body.status).toBe('approved');
    }
  });

  it('many offices registered for one license at once on both nodes: one is registered, the rest are 409', async () => {
    const licenseId = issued[0]!;
    const officeIds = Array.from({ length: racers }, (_, i) => `OF-RACE-${i}`);
    const answers = await Promise.all(
      officeIds.map((id, i) => asClient(() => registerOffice(i % 2 ? a : b, id, licenseId))),
    );
    const won = answers.filter((r) => r.status === 201);
    expect({ won: won.length, outcomes: outcomes(answers) }).toMatchObject({ won: 1 });
    for (const lost of answers.filter((r) => r.status !== 201))
      expect(lost.body).toMatchObject(hasOffice);

    const winner = won[0]!.body.officeId as string;
    const underLicense = (
      await recorded<{ officeId: string; licenseId: string }>('OfficeRegistered')
    ).filter((e) => e.licenseId === licenseId);
    expect(underLicense.map((e) => e.officeId)).toEqual([winner]);
    const reservations = await a.store.readStream(officeOfLicenseStream(licenseId));
    expect(reservations.map((e) => (e.data as OfficeOfLicenseReserved).officeId)).toEqual([winner]);
  });

  describe('a reservation whose write never followed (the node crashed in between)', () => {
    it('lets the same license be issued with that number on the other node, and refuses another license', async () => {
      const [crashed, other] = approved.slice(racers, racers + 2) as [string, string];
      const number = 'PK-23-88888';
      const reserved: LicenseNumberReserved = {
        type: 'LicenseNumberReserved',
        licenseNumber: number,
        licenseId: crashed,
        reservedAt: a.clock.now().toISOString(),
        reservedBy: 'crashed-request',
      };
      await a.store.append(
        licenseNumberStream(number),
        [{ type: reserved.type, data: reserved }],
        'no_stream',
      );
      expect((await issue(b, other, number).expect(400)).body).toMatchObject(inUse(number));
      expect((await issue(b, crashed, number).expect(200)).body).toMatchObject({
        licenseId: crashed,
        status: 'active',
        licenseNumber: number,
      });
      expect((await issue(a, other, number).expect(400)).body).toMatchObject(inUse(number));
    });

    it('lets the same office be registered for that license on the other node, and refuses another office', async () => {
      const licenseId = issued[1]!;
      const crashed = 'OF-CRASHED';
      const reserved: OfficeOfLicenseReserved = {
        type: 'OfficeOfLicenseReserved',
        licenseId,
        officeId: crashed,
        reservedAt: a.clock.now().toISOString(),
        reservedBy: 'crashed-request',
      };
      await a.store.append(
        officeOfLicenseStream(licenseId),
        [{ type: reserved.type, data: reserved }],
        'no_stream',
      );
      expect(
        (await registerOffice(b, `${crashed}-other`, licenseId).expect(409)).body,
      ).toMatchObject(hasOffice);
      await registerOffice(b, crashed, licenseId).expect(201);
      expect(
        (await registerOffice(a, `${crashed}-late`, licenseId).expect(409)).body,
      ).toMatchObject(hasOffice);
    });
  });

  it('a number issued before reservations existed (no reservation stream) is still refused, by the read models', async () => {
    const [old, other] = approved.slice(racers + 2, racers + 4) as [string, string];
    const number = 'PK-23-99999';
    const before: LicenseEvent = {
      type: 'LicenseIssued',
      licenseId: old,
      licenseNumber: number,
      validFrom: a.clock.now().toISOString(),
      validUntil: '2031-11-28T20:30:00.000Z',
      issuedAt: a.clock.now().toISOString(),
      issuedBy: 'before-reservations',
    };
    const revision = (await a.store.readStream(licenseStream(old))).length - 1;
    const written = await a.store.append(
      licenseStream(old),
      [{ type: before.type, data: before }],
      revision,
    );
    await Promise.all([
      a.deps.readModels.licenses.ensure(written.position),
      b.deps.readModels.licenses.ensure(written.position),
    ]);
    expect((await issue(b, other, number).expect(400)).body).toMatchObject(inUse(number));
    expect(await a.store.readStream(licenseNumberStream(number))).toEqual([]);
  });
}

describe('license numbers and offices across API nodes on one SQLite file', () =>
  acrossNodes(sqliteFile));

describeWithPostgres('license numbers and offices across API nodes on one PostgreSQL log', () => {
  const schema = randomSchema();
  acrossNodes({
    open: () => postgresEventStore({ connectionString: databaseUrl, schema }),
    dispose: () => dropSchema(schema),
  });
});
