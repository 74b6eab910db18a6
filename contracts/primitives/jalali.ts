import { toJalaali } from 'jalaali-js';

/** Asia/Tehran has had no daylight saving since 1401 (2022); earlier instants use the zone rules via Intl. */
let tehranFormat: Intl.DateTimeFormat | undefined;
/** Made on first use: building it costs ~40 ms, paid by every worker thread that loads this file. */
const tehran = () =>
  (tehranFormat ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Tehran',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }));

/**
 * Asia/Tehran has kept +03:30 all year since daylight saving ended on 1401/06/30
 * (2022-09-21); from 2023 the wall clock is plain arithmetic. Earlier instants go through
 * Intl and the zone rules. Intl formatting was the costliest step of pricing a payment.
 */
const fixedOffsetFrom = Date.UTC(2023, 0, 1);
const fixedOffsetMs = 210 * 60_000;

const jalaliDays = new Map<number, Readonly<{ jy: number; jm: number; jd: number }>>();

/**
 * `toJalaali` of a Gregorian day, remembered: payments arrive for a handful of days, and
 * each is converted several times (its id, its day, its receipt). The result is frozen
 * because it is shared.
 */
export function jalaliOfGregorian(
  year: number,
  month: number,
  day: number,
): Readonly<{ jy: number; jm: number; jd: number }> {
  const key = (year * 13 + month) * 32 + day;
  let j = jalaliDays.get(key);
  if (!j) {
    if (jalaliDays.size >= 4096) jalaliDays.clear();
    jalaliDays.set(key, (j = Object.freeze(toJalaali(year, month, day))));
  }
  return j;
}

/** Wall-clock parts of an instant in Asia/Tehran (Gregorian). */
export function tehranParts(at: Date): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
} {
  const t = at.getTime();
  if (t >= fixedOffsetFrom) {
    const w = new Date(t + fixedOffsetMs);
    return {
      year: w.getUTCFullYear(),
      month: w.getUTCMonth() + 1,
      day: w.getUTCDate(),
      hour: w.getUTCHours(),
      minute: w.getUTCMinutes(),
    };
  }
  return intlTehranParts(at);
}

/** The same, always through Intl; kept for checking the fast path against the zone rules. */
export function intlTehranParts(at: Date): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
} {
  const parts = Object.fromEntries(
    tehran()
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Jalali (تاریخ شمسی) date and time of an instant in Asia/Tehran, e.g. `1403/01/15 10:30`. */
export function formatJalali(at: Date): string {
  const t = tehranParts(at);
  const j = jalaliOfGregorian(t.year, t.month, t.day);
  return `${j.jy}/${pad(j.jm)}/${pad(j.jd)} ${pad(t.hour)}:${pad(t.minute)}`;
}

/** How an instant is shown to people and machines alike: ISO 8601 and Jalali. */
export function instant(at: Date): { iso: string; jalali: string } {
  return { iso: at.toISOString(), jalali: formatJalali(at) };
}

const tehranClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Tehran',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The time of day in Tehran, `HH:MM`. */
export const tehranTimeOf = (at: Date) => tehranClock.format(at);
