import { formatJalali } from '../shared/jalali';
import { startOfJalaliDay } from '../shared/jalaliPeriod';
import { holidayYears, shippedHolidays } from './shippedYears';
import {
  addWorkingDays,
  indexHolidays,
  isWorkingDay,
  workCalendar,
  type HolidayIndex,
} from './workingDays';

const shipped = new Map<number, HolidayIndex>(
  holidayYears.map((y) => [y.year, indexHolidays(shippedHolidays(y))]),
);
const calendar = workCalendar((jy) => shipped.get(jy));
const at = (jalali: string, time = '10:00') => {
  const [jy, jm, jd] = jalali.split('/').map(Number) as [number, number, number];
  const [h, m] = time.split(':').map(Number) as [number, number];
  return new Date(startOfJalaliDay({ jy, jm, jd }).getTime() + (h * 60 + m) * 60_000);
};
const due = (d: { at: Date; provisional: boolean }) => [formatJalali(d.at), d.provisional];

describe('working days (روز کاری) in Asia/Tehran', () => {
  it('Thursday, Friday and official holidays do not count; ordinary days do', () => {
    expect(isWorkingDay({ jy: 1404, jm: 11, jd: 18 }, calendar)).toBe(true);
    expect(isWorkingDay({ jy: 1404, jm: 11, jd: 22 }, calendar)).toBe(false);
    expect(isWorkingDay({ jy: 1404, jm: 11, jd: 23 }, calendar)).toBe(false);
    expect(isWorkingDay({ jy: 1404, jm: 11, jd: 24 }, calendar)).toBe(false);
    expect(isWorkingDay({ jy: 1404, jm: 4, jd: 15 }, calendar)).toBe(false);
  });

  it('five working days from Saturday 1404/11/18 skip the holiday of 11/22 and the weekend after it', () => {
    expect(due(addWorkingDays(at('1404/11/18'), 5, calendar))).toEqual(['1404/11/27 00:00', false]);
  });

  it('with Friday as the only weekend the same count ends a day earlier', () => {
    const fridayOnly = workCalendar((jy) => shipped.get(jy), [5]);
    expect(formatJalali(addWorkingDays(at('1404/11/18'), 5, fridayOnly).at)).toBe(
      '1404/11/26 00:00',
    );
  });

  it('the day of filing is the Tehran day, even late in the evening when UTC is still on the previous date', () => {
    const lateSaturday = at('1404/11/18', '23:50');
    expect(lateSaturday.toISOString()).toBe('2026-02-07T20:20:00.000Z');
    expect(formatJalali(addWorkingDays(lateSaturday, 1, calendar).at)).toBe('1404/11/20 00:00');
  });

  it('10 working days from 1404/11/18 end at the start of 1404/12/04', () => {
    const d = addWorkingDays(at('1404/11/18'), 10, calendar);
    expect(due(d)).toEqual(['1404/12/04 00:00', false]);
    expect(d.at.toISOString()).toBe('2026-02-22T20:30:00.000Z');
  });

  it('Nowruz counts as holidays: 1 working day from 1404/12/28 (Thursday) lands after 1405/01/04', () => {
    expect(due(addWorkingDays(at('1404/12/28'), 1, calendar))).toEqual(['1405/01/06 00:00', false]);
  });

  it('into a year without a published calendar: weekends only, and the deadline is provisional', () => {
    // From Thursday 1405/12/20, 1405 has 5 working days left (12/22–12/26; 12/29 is a holiday);
    // 1406 skips only Thursdays and Fridays, so Nowruz 1406/01/01–04 counts as working days.
    expect(due(addWorkingDays(at('1405/12/20'), 10, calendar))).toEqual(['1406/01/08 00:00', true]);
    const with1406 = workCalendar((jy) =>
      jy === 1406
        ? indexHolidays(
            ['01', '02', '03', '04'].map((d) => ({ date: `1406/01/${d}`, nameFa: 'نوروز' })),
          )
        : shipped.get(jy),
    );
    expect(due(addWorkingDays(at('1405/12/20'), 10, with1406))).toEqual([
      '1406/01/12 00:00',
      false,
    ]);
  });

  it('a count that ends before the unpublished year is not provisional', () => {
    expect(due(addWorkingDays(at('1405/12/20'), 5, calendar))).toEqual(['1405/12/27 00:00', false]);
  });

  it('a provincial closure stops the desks of its province only', () => {
    const closure = workCalendar((jy) =>
      jy === 1404
        ? indexHolidays([{ date: '1404/10/01', nameFa: 'آلودگی هوا', provinces: ['IR-23'] }])
        : undefined,
    );
    const monday = { jy: 1404, jm: 10, jd: 1 };
    expect(isWorkingDay(monday, closure, 'IR-23')).toBe(false);
    expect(isWorkingDay(monday, closure, 'IR-07')).toBe(true);
    expect(isWorkingDay(monday, closure)).toBe(true);
    expect(formatJalali(addWorkingDays(at('1404/09/30'), 1, closure, 'IR-23').at)).toBe(
      '1404/10/03 00:00',
    );
    expect(formatJalali(addWorkingDays(at('1404/09/30'), 1, closure).at)).toBe('1404/10/02 00:00');
  });
});
