import { isValidJalaaliDate, jalaaliMonthLength, toGregorian } from 'jalaali-js';
import { normaliseDigits } from './digits';
import { jalaliOfGregorian, tehranParts } from './jalali';

/** A calendar day in the Jalali (Solar Hijri, شمسی) calendar. */
export interface JalaliDate {
  jy: number;
  jm: number;
  jd: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function formatJalaliDate(d: JalaliDate): string {
  return `${d.jy}/${pad(d.jm)}/${pad(d.jd)}`;
}

/** Reads `1403/01/15` or `1403-1-15`, in ASCII, Persian or Arabic-Indic digits. */
export function parseJalaliDate(input: string): JalaliDate | undefined {
  const m = /^(1[34]\d\d)[/-](\d{1,2})[/-](\d{1,2})$/.exec(normaliseDigits(input.trim()));
  if (!m) return undefined;
  const [jy, jm, jd] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidJalaaliDate(jy, jm, jd) ? { jy, jm, jd } : undefined;
}

function tehranOffsetMs(at: Date): number {
  const p = tehranParts(at);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return wall - Math.floor(at.getTime() / 60_000) * 60_000;
}

/**
 * The instant at which a Jalali day begins in Asia/Tehran. Before 1401 Iran kept
 * daylight saving; a midnight that never happened (clocks jumped) maps to the instant
 * one hour after the previous midnight plus 24 hours, that is, the first wall-clock
 * minute of that day.
 */
export function startOfJalaliDay(d: JalaliDate): Date {
  const g = toGregorian(d.jy, d.jm, d.jd);
  const wall = Date.UTC(g.gy, g.gm - 1, g.gd);
  let guess = new Date(wall - 210 * 60_000);
  for (let i = 0; i < 2; i++) guess = new Date(wall - tehranOffsetMs(guess));
  return guess;
}

/** The Jalali day on which an instant falls in Asia/Tehran. */
export function jalaliDateOf(at: Date): JalaliDate {
  const p = tehranParts(at);
  return jalaliOfGregorian(p.year, p.month, p.day);
}

/** The same day N Jalali years later; Esfand 30 of a leap year becomes Esfand 29. */
export function addJalaliYears(d: JalaliDate, years: number): JalaliDate {
  const jy = d.jy + years;
  return { jy, jm: d.jm, jd: Math.min(d.jd, jalaaliMonthLength(jy, d.jm)) };
}

/**
 * A Jalali half-year (نیمسال), the period of a catalogue: `1397-H1` is 1397/01/01 to
 * 1397/06/31, `1397-H2` is 1397/07/01 to the last day of Esfand, in Asia/Tehran.
 */
export interface HalfYear {
  id: string;
  year: number;
  half: 1 | 2;
  /** First instant of the period. */
  start: Date;
  /** First instant after the period (exclusive end). */
  end: Date;
  firstDay: JalaliDate;
  lastDay: JalaliDate;
}

const halfYears = new Map<string, Readonly<HalfYear>>();

/** Half-years are asked for on every payment (is the service in the catalogue then?): each is made once. */
export function halfYear(year: number, half: 1 | 2): Readonly<HalfYear> {
  const id = `${year}-H${half}`;
  let h = halfYears.get(id);
  if (!h) halfYears.set(id, (h = Object.freeze(makeHalfYear(year, half))));
  return h;
}

function makeHalfYear(year: number, half: 1 | 2): HalfYear {
  const firstDay = { jy: year, jm: half === 1 ? 1 : 7, jd: 1 };
  const lastMonth = half === 1 ? 6 : 12;
  const lastDay = { jy: year, jm: lastMonth, jd: jalaaliMonthLength(year, lastMonth) };
  const next = half === 1 ? { jy: year, jm: 7, jd: 1 } : { jy: year + 1, jm: 1, jd: 1 };
  return {
    id: `${year}-H${half}`,
    year,
    half,
    start: startOfJalaliDay(firstDay),
    end: startOfJalaliDay(next),
    firstDay,
    lastDay,
  };
}

/** Reads `1397-H1` (digits in any script); years 1300–1499. */
export function parseHalfYear(input: string): Readonly<HalfYear> | undefined {
  const m = /^(1[34]\d\d)-H([12])$/.exec(normaliseDigits(input.trim()).toUpperCase());
  if (!m) return undefined;
  return halfYear(Number(m[1]), m[2] === '1' ? 1 : 2);
}

/** The half-year an instant falls in, in Asia/Tehran. */
export function halfYearOf(at: Date): Readonly<HalfYear> {
  const d = jalaliDateOf(at);
  return halfYear(d.jy, d.jm <= 6 ? 1 : 2);
}

/** Half-years in order: negative when a is earlier than b. */
export function compareHalfYears(a: HalfYear, b: HalfYear): number {
  return a.year - b.year || a.half - b.half;
}

/**
 * Reads an instant given as ISO 8601 with a zone (`2024-03-20T06:30:00Z`) or a Jalali
 * day (`1403/01/01`, meaning the start of that day in Asia/Tehran).
 */
export function parseInstant(input: string): Date | undefined {
  const j = parseJalaliDate(input);
  if (j) return startOfJalaliDay(j);
  const text = normaliseDigits(input.trim());
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text))
    return undefined;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
