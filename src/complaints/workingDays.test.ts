import { formatJalali } from '../shared/jalali';
import { startOfJalaliDay } from '../shared/jalaliPeriod';
import { holidayYears } from './holidays';
import { defaultSlaPolicy, caseDueBy } from './sla';
import { addWorkingDays, holidayCalendar, isWorkingDay } from './workingDays';

const calendar = holidayCalendar();
const at = (jalali: string, time = '10:00') => {
  const [jy, jm, jd] = jalali.split('/').map(Number) as [number, number, number];
  const [h, m] = time.split(':').map(Number) as [number, number];
  return new Date(startOfJalaliDay({ jy, jm, jd }).getTime() + (h * 60 + m) * 60_000);
};

describe('working days (روز کاری) in Asia/Tehran', () => {
  it('Thursday, Friday and official holidays do not count; ordinary days do', () => {
    expect(isWorkingDay({ jy: 1404, jm: 11, jd: 18 }, calendar)).toBe(true);
    expect(isWorkingDay({ jy: 1404, jm: 11, jd: 22 }, calendar)).toBe(false);
    expect(isWorkingDay({ jy: 1404, jm: 11, jd: 23 }, calendar)).toBe(false);
    expect(isWorkingDay({ jy: 1404, jm: 11, jd: 24 }, calendar)).toBe(false);
    expect(isWorkingDay({ jy: 1404, jm: 4, jd: 15 }, calendar)).toBe(false);
  });

  it('five working days from Saturday 1404/11/18 skip the holiday of 11/22 and the weekend after it', () => {
    expect(formatJalali(addWorkingDays(at('1404/11/18'), 5, calendar))).toBe('1404/11/27 00:00');
  });

  it('with Friday as the only weekend the same count ends a day earlier', () => {
    const fridayOnly = holidayCalendar(holidayYears, [5]);
    expect(formatJalali(addWorkingDays(at('1404/11/18'), 5, fridayOnly))).toBe('1404/11/26 00:00');
  });

  it('the day of filing is the Tehran day, even late in the evening when UTC is still on the previous date', () => {
    const lateSaturday = at('1404/11/18', '23:50');
    expect(lateSaturday.toISOString()).toBe('2026-02-07T20:20:00.000Z');
    expect(formatJalali(addWorkingDays(lateSaturday, 1, calendar))).toBe('1404/11/20 00:00');
  });

  it('a complaint gets 10 working days: filed 1404/11/18, due at the start of 1404/12/04', () => {
    const due = caseDueBy('complaint', at('1404/11/18'), defaultSlaPolicy, calendar);
    expect(formatJalali(due)).toBe('1404/12/04 00:00');
    expect(due.toISOString()).toBe('2026-02-22T20:30:00.000Z');
  });

  it('Nowruz counts as holidays: 1 working day from 1404/12/28 (Thursday) lands after 1405/01/04', () => {
    expect(formatJalali(addWorkingDays(at('1404/12/28'), 1, calendar))).toBe('1405/01/06 00:00');
  });

  it('refuses to count into a year the holiday table does not cover', () => {
    expect(() => addWorkingDays(at('1405/12/20'), 30, calendar)).toThrow(
      /no holiday table for 1406/,
    );
  });
});
