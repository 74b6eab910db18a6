import { d2j, j2d } from 'jalaali-js';
import {
  formatJalaliDate,
  jalaliDateOf,
  startOfJalaliDay,
  type JalaliDate,
} from '../shared/jalaliPeriod';
import type { OfficialHoliday } from './calendar';

/** One year's holidays by Jalali day; the value lists the provinces of a provincial closure. */
export type HolidayIndex = ReadonlyMap<string, readonly string[] | undefined>;

export const indexHolidays = (holidays: readonly OfficialHoliday[]): HolidayIndex =>
  new Map(holidays.map((h) => [h.date, h.provinces]));

/**
 * Which days government desks work (روز کاری). Friday is the legal weekend; executive
 * agencies are closed on Thursdays as well, so by default Thursday and Friday do not
 * count. Days of the week are 0 = Sunday … 6 = Saturday.
 */
export interface WorkCalendar {
  weekend: readonly number[];
  /**
   * Whether the day is an official holiday for a desk of `province` (national holidays
   * only, without one); `undefined` when no calendar is published for the day's year.
   */
  isHoliday(day: JalaliDate, province?: string): boolean | undefined;
}

/** A work calendar over the published years `yearOf` answers for. */
export function workCalendar(
  yearOf: (jalaliYear: number) => HolidayIndex | undefined,
  weekend: readonly number[] = [4, 5],
): WorkCalendar {
  return {
    weekend,
    isHoliday(day, province) {
      const year = yearOf(day.jy);
      if (!year) return undefined;
      const key = formatJalaliDate(day);
      if (!year.has(key)) return false;
      const provinces = year.get(key);
      return provinces === undefined || (province !== undefined && provinces.includes(province));
    },
  };
}

const dayOfWeek = (jdn: number) => (jdn + 1) % 7;

const isWeekend = (day: JalaliDate, calendar: WorkCalendar) =>
  calendar.weekend.includes(dayOfWeek(j2d(day.jy, day.jm, day.jd)));

/** A working day; in a year without a published calendar, any day but the weekend. */
export function isWorkingDay(day: JalaliDate, calendar: WorkCalendar, province?: string): boolean {
  return !isWeekend(day, calendar) && calendar.isHoliday(day, province) !== true;
}

/**
 * A deadline counted in working days. `provisional` (موقت): the count crossed a year whose
 * calendar is not published, so only weekends were skipped there; it is counted again
 * with the holidays once the calendar is published.
 */
export interface Deadline {
  at: Date;
  provisional: boolean;
}

/**
 * The deadline N working days after an instant: the start of the day after the Nth
 * working day following the day of `from` (the day of filing does not count), in
 * Asia/Tehran, for a desk of `province` (national holidays only, without one).
 */
export function addWorkingDays(
  from: Date,
  n: number,
  calendar: WorkCalendar,
  province?: string,
): Deadline {
  const start = jalaliDateOf(from);
  let jdn = j2d(start.jy, start.jm, start.jd);
  let provisional = false;
  for (let counted = 0; counted < n;) {
    jdn += 1;
    const day = d2j(jdn);
    if (isWeekend(day, calendar)) continue;
    const holiday = calendar.isHoliday(day, province);
    if (holiday === undefined) provisional = true;
    if (holiday !== true) counted += 1;
  }
  return { at: startOfJalaliDay(d2j(jdn + 1)), provisional };
}
