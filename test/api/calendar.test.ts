import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { registerTrafficService } from '../support/licensing';

const nowruz1406 = ['01', '02', '03', '04'].map((d) => ({ date: `1406/01/${d}`, nameFa: 'نوروز' }));
const serviceComplaint = {
  kind: 'complaint',
  topic: 'service_quality',
  subject: { kind: 'service', serviceCode: 'vehicle-transfer' },
  description: 'The transfer service was unavailable for a week.',
};

describe('the official calendar as reference data (POST/GET /v1/calendar/{jalaliYear})', () => {
  let t: TestApp;
  let regulator: string;
  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-11T06:30:00Z' }); // Thursday 1405/12/20 10:00 Tehran
    regulator = (await t.tokenFor('regulator')).authorization;
    await registerTrafficService(t, regulator);
  });
  afterAll(() => t.close());

  const publicStatus = async (code: string) =>
    (await request(t.app).get(`/v1/public/complaints/${code}`).expect(200)).body as {
      dueBy: { jalali: string };
      provisional: boolean;
    };

  it('the shipped years are in force from the start; an unpublished year is 404', async () => {
    const y1405 = await request(t.app).get('/v1/calendar/۱۴۰۵').set('Authorization', regulator);
    expect(y1405.status).toBe(200);
    expect(y1405.body).toMatchObject({ jalaliYear: 1405, version: 1, source: 'shipped' });
    expect(y1405.body.holidays[0]).toMatchObject({
      date: '1405/01/01',
      startsAt: { iso: '2026-03-20T20:30:00.000Z' },
    });
    await request(t.app).get('/v1/calendar/1406').set('Authorization', regulator).expect(404);
  });

  it('a complaint whose deadline crosses into an unpublished year is filed (201) with a provisional due date; publishing the year moves it', async () => {
    const filed = await request(t.app).post('/v1/public/complaints').send(serviceComplaint);
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ dueBy: { jalali: '1406/01/08 00:00' }, provisional: true });
    const code = filed.body.trackingCode as string;
    expect(await publicStatus(code)).toMatchObject({
      dueBy: { jalali: '1406/01/08 00:00' },
      provisional: true,
    });

    const published = await request(t.app)
      .post('/v1/calendar/1406')
      .set('Authorization', regulator)
      .send({ holidays: nowruz1406 });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ jalaliYear: 1406, version: 1, source: 'regulator' });

    expect(await publicStatus(code)).toEqual(
      expect.objectContaining({
        dueBy: expect.objectContaining({ jalali: '1406/01/12 00:00' }),
        provisional: false,
      }),
    );
    const list = await request(t.app)
      .get('/v1/complaints')
      .set('Authorization', regulator)
      .expect(200);
    expect(list.body.items[0]).toMatchObject({
      dueBy: { jalali: '1406/01/12 00:00' },
      provisional: false,
      overdue: false,
    });
  });

  it('the overdue list follows the calendar in force: a newly published holiday moves a deadline later', async () => {
    t.clock.set('2027-04-01T20:30:00Z'); // 1406/01/12 00:00
    const overdue = async () =>
      (
        await request(t.app)
          .get('/v1/complaints/overdue')
          .set('Authorization', regulator)
          .expect(200)
      ).body.items.length;
    expect(await overdue()).toBe(1);
    const v2 = await request(t.app)
      .post('/v1/calendar/1406')
      .set('Authorization', regulator)
      .send({ holidays: [...nowruz1406, { date: '1406/01/11', nameFa: 'تعطیل' }] });
    expect(v2.status).toBe(201);
    expect(v2.body.version).toBe(2);
    expect(await overdue()).toBe(0);
    t.clock.set('2027-03-11T06:30:00Z');
  });

  it('publishing the same holidays again answers the version in force and records nothing', async () => {
    const head = await t.store.headPosition();
    const again = await request(t.app)
      .post('/v1/calendar/1406')
      .set('Authorization', regulator)
      .send({ holidays: [...nowruz1406, { date: '۱۴۰۶/۰۱/۱۱', nameFa: 'تعطیل' }] });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(2);
    expect(await t.store.headPosition()).toBe(head);
  });

  it('refuses a day of another year, an unknown province, a bad year and another role, recording nothing', async () => {
    const office = (await t.tokenFor('office', { officeId: 'OF-A' })).authorization;
    const head = await t.store.headPosition();
    const bad = await request(t.app)
      .post('/v1/calendar/1407')
      .set('Authorization', regulator)
      .send({
        holidays: [
          { date: '1406/01/01', nameFa: 'x' },
          { date: '1407/02/02', nameFa: 'y', provinces: ['IR-99'] },
        ],
      });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'holidays.0.date',
      'holidays.1.provinces.0',
    ]);
    await request(t.app)
      .post('/v1/calendar/999')
      .set('Authorization', regulator)
      .send({ holidays: nowruz1406 })
      .expect(400);
    await request(t.app)
      .post('/v1/calendar/1407')
      .set('Authorization', office)
      .send({ holidays: [{ date: '1407/01/01', nameFa: 'نوروز' }] })
      .expect(403);
    expect(await t.store.headPosition()).toBe(head);
  });

  it('the gauge on /metrics counts the days to the last published day', async () => {
    const days = async () => {
      const text = (await request(t.app).get('/metrics').expect(200)).text;
      return Number(/^pishkhan_calendar_published_days_remaining (\d+)$/m.exec(text)?.[1]);
    };
    // 1405/12/20 → 1405/12/29 is 9 days, then all of 1406 (365 days).
    expect(await days()).toBe(9 + 365);
    t.clock.set('2028-03-25T08:00:00Z'); // 1407/01/05: 1407 is not published
    expect(await days()).toBe(0);
    t.clock.set('2027-03-11T06:30:00Z');
  });
});
