import { d2j, j2d } from 'jalaali-js';
import {
  formatJalaliDate,
  jalaliDateOf,
  startOfJalaliDay,
  type JalaliDate,
} from '../shared/jalaliPeriod';
import { fixedHolidays, holidayYears, type HolidayYear } from './holidays';

/**
 * Which days government desks work (روز کاری). Friday is the legal weekend; executive
 * agencies are closed on Thursdays as well, so by default Thursday and Friday do not
 * count. Days of the week are 0 = Sunday … 6 = Saturday.
 */
export interface WorkCalendar {
  weekend: readonly number[];
  isHoliday(day: JalaliDate): boolean;
  /** Jalali years the holiday table covers; counting outside them is refused. */
  years: readonly number[];
}

const mmdd = (d: JalaliDate) => formatJalaliDate(d).slice(5);

export function holidayCalendar(
  years: readonly HolidayYear[] = holidayYears,
  weekend: readonly number[] = [4, 5],
): WorkCalendar {
  const byYear = new Map(years.map((y) => [y.year, y]));
  return {
    weekend,
    years: years.map((y) => y.year),
    isHoliday(day) {
      const year = byYear.get(day.jy);
      if (!year)
        throw new RangeError(
          `no holiday table for ${day.jy}: add it to src/complaints/holidays.ts`,
        );
      const key = mmdd(day);
      return key in fixedHolidays || key in year.lunar;
    },
  };
}

const dayOfWeek = (jdn: number) => (jdn + 1) % 7;

export function isWorkingDay(day: JalaliDate, calendar: WorkCalendar): boolean {
  return (
    !calendar.weekend.includes(dayOfWeek(j2d(day.jy, day.jm, day.jd))) && !calendar.isHoliday(day)
  );
}

/**
 * The deadline N working days after an instant: the start of the day after the Nth
 * working day following the day of `from` (the day of filing does not count), in
 * Asia/Tehran.
 */
export function addWorkingDays(from: Date, n: number, calendar: WorkCalendar): Date {
  const start = jalaliDateOf(from);
  let jdn = j2d(start.jy, start.jm, start.jd);
  for (let counted = 0; counted < n;) {
    jdn += 1;
    if (isWorkingDay(d2j(jdn), calendar)) counted += 1;
  }
  return startOfJalaliDay(d2j(jdn + 1));
}
