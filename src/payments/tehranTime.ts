import { toJalaali } from 'jalaali-js';
import { instant } from '../shared/jalali';
import { jalaliDateOf, type JalaliDate } from '../shared/jalaliPeriod';

/**
 * Asia/Tehran has kept +03:30 all year since daylight saving ended on 1401/06/30
 * (2022-09-21). From 2023 on the wall clock is plain arithmetic; earlier instants go
 * through the shared Intl-based functions. Intl formatting is the costliest step of a
 * payment on the hot path, hence this fast path.
 */
const fixedOffsetFrom = Date.UTC(2023, 0, 1);
const offsetMs = 210 * 60_000;
const pad = (n: number) => String(n).padStart(2, '0');

function wall(at: Date): Date | undefined {
  const t = at.getTime();
  return t >= fixedOffsetFrom ? new Date(t + offsetMs) : undefined;
}

/** The Jalali day (روز شمسی) of an instant in Tehran. */
export function tehranJalaliDay(at: Date): JalaliDate {
  const w = wall(at);
  if (!w) return jalaliDateOf(at);
  const j = toJalaali(w.getUTCFullYear(), w.getUTCMonth() + 1, w.getUTCDate());
  return { jy: j.jy, jm: j.jm, jd: j.jd };
}

/** `instant()` of the shared module: ISO 8601 and the Jalali reading in Tehran. */
export function tehranInstant(at: Date): { iso: string; jalali: string } {
  const w = wall(at);
  if (!w) return instant(at);
  const j = toJalaali(w.getUTCFullYear(), w.getUTCMonth() + 1, w.getUTCDate());
  return { iso: at.toISOString(), jalali: `${j.jy}/${pad(j.jm)}/${pad(j.jd)} ${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}` };
}
