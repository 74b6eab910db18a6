import { jalaliDateOf, startOfJalaliDay, type JalaliDate } from '../src/shared/jalaliPeriod';

const pad = (n: number) => String(n).padStart(2, '0');

/** `1403/01/15`: zero-padded so that text order is date order. */
export const dayKey = (d: JalaliDate) => `${d.jy}/${pad(d.jm)}/${pad(d.jd)}`;

export function parseDayKey(key: string): JalaliDate {
  const [jy, jm, jd] = key.split('/').map(Number);
  return { jy: jy!, jm: jm!, jd: jd! };
}

/**
 * The business day (روز کاری تسویه) of an instant: its Jalali day in Asia/Tehran, where a
 * payment at or after the cut-off (minutes after midnight) belongs to the next day.
 * The last day's bounds are remembered: the log is mostly in time order and the Intl
 * time-zone look-up would otherwise dominate a rebuild.
 */
export function businessDays(cutoffMinutes = 0) {
  const shift = ((1440 - cutoffMinutes) % 1440) * 60_000;
  let memo = { from: 0, until: -1, key: '' };
  return (iso: string): string => {
    const t = Date.parse(iso) + shift;
    if (t >= memo.from && t < memo.until) return memo.key;
    const day = jalaliDateOf(new Date(t));
    const from = startOfJalaliDay(day).getTime();
    const until = startOfJalaliDay(jalaliDateOf(new Date(from + 36 * 3_600_000))).getTime();
    memo = { from, until, key: dayKey(day) };
    return memo.key;
  };
}

/** When a business day begins, as an instant (cut-off included). */
export function businessDayStart(key: string, cutoffMinutes = 0): Date {
  const midnight = startOfJalaliDay(parseDayKey(key)).getTime();
  return new Date(cutoffMinutes === 0 ? midnight : midnight - (1440 - cutoffMinutes) * 60_000);
}
