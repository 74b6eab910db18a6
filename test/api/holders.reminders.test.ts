import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { SmsMessage, SmsSender } from '../../src/applicants';
import { reminderDeps, renewalReminders } from '../../src/holders';
import { sqliteEventStore } from '../../src/shared/eventStore';
import { startTestApp, type TestApp } from '../support/app';
import { onlineLicense } from '../support/holders';
import { actors, ids } from '../support/licensing';

const dayMs = 86_400_000;
const holder = { nationalId: ids.nationalId, mobile: '09121234567' };

/**
 * Renewal reminders at 60 and 30 days before expiry, each sent once however many rounds run
 * and on however many nodes: two app instances over one SQLite log, each with its own job,
 * sharing one SMS port that counts every send it is asked for.
 */
describe('renewal reminders: once at 60 and once at 30 days before expiry, across rounds and nodes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pishkhan-reminders-'));
  const file = join(dir, 'events.sqlite');
  const sent: SmsMessage[] = [];
  const sms: SmsSender = {
    send(m) {
      sent.push(m);
      return Promise.resolve({ reference: `SMS-${sent.length}` });
    },
  };
  let a: TestApp;
  let b: TestApp;
  let licenseId: string;
  let validUntil: Date;
  const jobs = () =>
    [a, b].map((t) =>
      renewalReminders(
        reminderDeps({
          store: t.store,
          clock: t.clock,
          secrets: t.deps.secrets,
          sms,
          logger: t.deps.logger,
          readModels: t.deps.readModels,
        }),
      ),
    );
  const reminders = () =>
    sent.filter((m) => m.to === holder.mobile && m.idempotencyKey.startsWith('renewal-reminder-'));

  beforeAll(async () => {
    a = await startTestApp({
      store: sqliteEventStore(file),
      deps: { sms, applicants: { sessionHours: 12, codesPerHour: 10, documentMaxBytes: 4096 } },
    });
    const asked = await request(a.app).post('/v1/public/applicants/codes').send(holder).expect(202);
    const code = /(\d{6})/.exec(sent.at(-1)!.text)![1];
    const session = await request(a.app)
      .post('/v1/public/applicants/sessions')
      .send({ requestId: asked.body.requestId, nationalId: holder.nationalId, code })
      .expect(201);
    licenseId = await onlineLicense(a, await actors(a), `Bearer ${session.body.token as string}`);
    const license = await request(a.app)
      .get(`/v1/licenses/${licenseId}`)
      .set('Authorization', (await actors(a)).regulator)
      .expect(200);
    validUntil = new Date(license.body.validUntil.iso as string);
    b = await startTestApp({
      store: sqliteEventStore(file),
      deps: { sms, secrets: a.deps.secrets },
    });
  }, 60_000);
  afterAll(async () => {
    await b.close();
    await a.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const at = (daysBefore: number) => {
    const instant = new Date(validUntil.getTime() - daysBefore * dayMs);
    a.clock.set(instant);
    b.clock.set(instant);
  };
  const recorded = async () =>
    (await a.store.readStream(`renewalReminder-${licenseId}`)).map(
      (e) => (e.data as { daysBefore: number }).daysBefore,
    );

  it('nothing is sent more than 60 days before expiry', async () => {
    at(61);
    const [ja, jb] = jobs();
    await ja!.runOnce();
    await jb!.runOnce();
    expect(reminders()).toEqual([]);
    expect(await recorded()).toEqual([]);
  });

  it('at 59 days the 60-day reminder goes once, though both nodes run rounds at once and again', async () => {
    at(59);
    const [ja, jb] = jobs();
    await Promise.all([ja!.runOnce(), jb!.runOnce()]);
    await ja!.runOnce();
    await jb!.runOnce();
    expect(reminders().map((m) => m.text)).toEqual([expect.stringContaining('۶۰ روز')]);
    expect(await recorded()).toEqual([60]);
  });

  it('at 29 days the 30-day reminder goes once, also after a restart of the job', async () => {
    at(29);
    const [ja, jb] = jobs();
    await Promise.all([ja!.runOnce(), jb!.runOnce()]);
    await ja!.stop();
    const [again] = jobs();
    await again!.runOnce();
    expect(reminders().map((m) => m.text)).toEqual([
      expect.stringContaining('۶۰ روز'),
      expect.stringContaining('۳۰ روز'),
    ]);
    expect(await recorded()).toEqual([60, 30]);
  });

  it('an expired license is reminded of nothing more', async () => {
    at(-1);
    const [ja] = jobs();
    await ja!.runOnce();
    expect(reminders()).toHaveLength(2);
  });
});
