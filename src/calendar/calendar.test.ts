import { fixedClock } from '../shared/clock';
import { ValidationError } from '../shared/errors';
import { memoryEventStore } from '../shared/eventStore';
import { deciderSpec } from '../../test/support/deciderSpec';
import { calendarStream, type CalendarPublished } from './calendar';
import { calendarDecider, type PublishCalendar } from './calendar.decide';
import { calendarReadModel } from './readModel';
import { seedShippedCalendars } from './seed';

const at = new Date('2027-01-10T08:00:00Z');
const publish: PublishCalendar = {
  type: 'PublishCalendar',
  jalaliYear: 1406,
  holidays: [
    { date: '۱۴۰۶/۰۳/۱۴', nameFa: 'رحلت امام خمینی' },
    { date: '1406/1/1', nameFa: 'نوروز' },
    { date: '1406/08/10', nameFa: 'آلودگی هوا', provinces: ['IR-23', 'IR-07', 'IR-23'] },
  ],
  source: 'regulator',
  publishedBy: 'cred-1',
  at,
};
const v1: CalendarPublished = {
  type: 'CalendarPublished',
  jalaliYear: 1406,
  version: 1,
  holidays: [
    { date: '1406/01/01', nameFa: 'نوروز' },
    { date: '1406/03/14', nameFa: 'رحلت امام خمینی' },
    { date: '1406/08/10', nameFa: 'آلودگی هوا', provinces: ['IR-07', 'IR-23'] },
  ],
  source: 'regulator',
  publishedAt: at.toISOString(),
  publishedBy: 'cred-1',
};

describe('official calendar (تقویم رسمی)', () => {
  const spec = deciderSpec(calendarDecider);

  it('records the whole year, days normalised (Persian digits, padding) and in date order', () => {
    spec.given([]).when(publish).then([v1]);
  });

  it('publishing the year again with other holidays is the next version', () => {
    const holidays = [...publish.holidays, { date: '1406/12/29', nameFa: 'ملی شدن صنعت نفت' }];
    const [event] = spec
      .given([v1])
      .when({ ...publish, holidays })
      .events();
    expect(event).toMatchObject({ version: 2, jalaliYear: 1406 });
    expect(event!.holidays).toHaveLength(4);
  });

  it('publishing the same holidays again records nothing', () => {
    spec.given([v1]).when(publish).then([]);
  });

  it('refuses a day outside the year, a day listed twice, a bad day and an unknown province, naming each', () => {
    const run = spec.given([]).when({
      ...publish,
      holidays: [
        { date: '1407/01/01', nameFa: 'x' },
        { date: '1406/01/01', nameFa: 'x' },
        { date: '1406/1/01', nameFa: 'y' },
        { date: '1406/12/30', nameFa: 'z' },
        { date: '1406/02/02', nameFa: 'w', provinces: ['IR-99'] },
      ],
    }).events;
    expect(run).toThrow(ValidationError);
    try {
      run();
    } catch (error) {
      expect((error as ValidationError).problems.map((p) => p.path)).toEqual([
        'holidays.0.date',
        'holidays.2.date',
        'holidays.3.date',
        'holidays.4.provinces.0',
      ]);
    }
  });
});

describe('the shipped calendars and the read model', () => {
  const clock = fixedClock('2026-11-29T08:00:00Z'); // 1405/09/08

  it('seeds 1403–1405 once, even when two nodes start together, and leaves a published year alone', async () => {
    const store = memoryEventStore();
    await store.append(
      calendarStream(1404),
      [
        {
          type: v1.type,
          data: { ...v1, jalaliYear: 1404, holidays: [{ date: '1404/01/01', nameFa: 'نوروز' }] },
        },
      ],
      'no_stream',
    );
    const [a, b] = await Promise.all([
      seedShippedCalendars(store, clock),
      seedShippedCalendars(store, clock),
    ]);
    expect([...a, ...b].sort()).toEqual([1403, 1405]);
    expect(await seedShippedCalendars(store, clock)).toEqual([]);
    for (const year of [1403, 1404, 1405])
      expect(await store.readStream(calendarStream(year))).toHaveLength(1);
    expect((await store.readStream(calendarStream(1404)))[0]!.data).toMatchObject({
      source: 'regulator',
    });
    await store.close();
  });

  it('holds the latest version of each year and says how many days are published ahead', async () => {
    const store = memoryEventStore();
    await seedShippedCalendars(store, clock);
    const model = calendarReadModel(store);
    await model.ready;
    expect(model.year(1405)?.holidays.some((h) => h.date === '1405/01/01')).toBe(true);
    // 1405/09/08 to 1405/12/29: 22 days of Azar, 30 of Dey, 30 of Bahman, 29 of Esfand.
    expect(model.daysPublishedAhead(clock.now())).toBe(111);
    expect(model.daysPublishedAhead(new Date('2027-03-21T08:00:00Z'))).toBe(0);
    const r = await store.append(calendarStream(1406), [{ type: v1.type, data: v1 }], 'no_stream');
    await model.ensure(r.position);
    expect(model.daysPublishedAhead(clock.now())).toBe(111 + 365);
    const v2 = { ...v1, version: 2, holidays: [{ date: '1406/05/05', nameFa: 'x' }] };
    await model.ensure(
      (await store.append(calendarStream(1406), [{ type: v2.type, data: v2 }], 0)).position,
    );
    expect(model.year(1406)?.version).toBe(2);
    expect(model.calendar.isHoliday({ jy: 1406, jm: 1, jd: 1 })).toBe(false);
    expect(model.calendar.isHoliday({ jy: 1407, jm: 1, jd: 1 })).toBeUndefined();
    await model.stop();
    await store.close();
  });
});
