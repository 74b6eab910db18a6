import { toJalaali } from 'jalaali-js';
import { asciiDigits, localDigits } from './digits';

const tehranParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tehran',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Jalali day (YYYY/MM/DD) a moment falls on, in Tehran. */
export function jalaliDayOf(at: Date): string {
  const parts = Object.fromEntries(tehranParts.formatToParts(at).map((p) => [p.type, p.value]));
  const j = toJalaali(Number(parts.year), Number(parts.month), Number(parts.day));
  return `${j.jy}/${String(j.jm).padStart(2, '0')}/${String(j.jd).padStart(2, '0')}`;
}

/** The Jalali month (YYYY/MM) a moment falls in, in Tehran. */
export const jalaliMonthOf = (at: Date): string => jalaliDayOf(at).slice(0, 7);

/** A Jalali month as typed (any digits, `/` or `-`), as the API takes it; undefined when not one. */
export function parseJalaliMonth(typed: string): string | undefined {
  const m = /^\s*(1[34]\d\d)\s*[/-]\s*(\d{1,2})\s*$/.exec(asciiDigits(typed));
  if (!m) return undefined;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? `${m[1]}/${String(month).padStart(2, '0')}` : undefined;
}

/** A Jalali day (YYYY/MM/DD) as typed, in any digits; undefined when not one. */
export function parseJalaliDay(typed: string): string | undefined {
  const m = /^\s*(1[34]\d\d)\s*[/-]\s*(\d{1,2})\s*[/-]\s*(\d{1,2})\s*$/.exec(asciiDigits(typed));
  if (!m) return undefined;
  const [month, day] = [Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${m[1]}/${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}`;
}

export const showJalali = (jalali: string, lang: 'fa' | 'en') => localDigits(jalali, lang);

/** The Jalali half-year (نیم‌سال, e.g. 1405-H2) a moment falls in, in Tehran: supervision's period. */
export function halfYearOf(at: Date): string {
  const day = jalaliDayOf(at);
  return `${day.slice(0, 4)}-H${Number(day.slice(5, 7)) <= 6 ? 1 : 2}`;
}

/** A Jalali half-year as typed (any digits, `H` or `h`, `-` or `/`); undefined when not one. */
export function parseHalfYear(typed: string): string | undefined {
  const m = /^\s*(1[34]\d\d)\s*[-/]\s*[Hh]\s*([12])\s*$/.exec(asciiDigits(typed));
  return m ? `${m[1]}-H${m[2]}` : undefined;
}
