import { jalaaliMonthLength } from 'jalaali-js';
import { normaliseDigits } from '../../../contracts/primitives/digits';
import { jalaliDateOf, startOfJalaliDay } from '../../../contracts/primitives/jalaliPeriod';
import { ValidationError } from '../errors';

/**
 * A log month (ماه دفتر): one Jalali month in Asia/Tehran, the unit the PostgreSQL `monthly`
 * layout partitions the events table by and the unit `pishkhan log archive` exports. It is a
 * whole number of ledger days (Tehran days), so a sealed day never straddles two partitions.
 */
export interface LogMonth {
  /** `1405-08`. */
  id: string;
  jy: number;
  jm: number;
  /** First instant of the month (inclusive). */
  start: Date;
  /** First instant of the next month (exclusive). */
  end: Date;
  /** The partition's table name, `events_1405_08`. */
  partition: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function logMonth(jy: number, jm: number): LogMonth {
  const next = jm === 12 ? { jy: jy + 1, jm: 1 } : { jy, jm: jm + 1 };
  return {
    id: `${jy}-${pad(jm)}`,
    jy,
    jm,
    start: startOfJalaliDay({ jy, jm, jd: 1 }),
    end: startOfJalaliDay({ ...next, jd: 1 }),
    partition: `events_${jy}_${pad(jm)}`,
  };
}

export function logMonthOf(at: Date): LogMonth {
  const d = jalaliDateOf(at);
  return logMonth(d.jy, d.jm);
}

export const nextLogMonth = (m: LogMonth): LogMonth =>
  m.jm === 12 ? logMonth(m.jy + 1, 1) : logMonth(m.jy, m.jm + 1);

/** The month a partition table is named for, or undefined for another table. */
export function logMonthOfPartition(table: string): LogMonth | undefined {
  const m = /^events_(\d{4})_(\d{2})$/.exec(table);
  return m ? logMonth(Number(m[1]), Number(m[2])) : undefined;
}

/**
 * Reads a log month as people type it: `1405-08`, `1405/8`, in ASCII or Persian digits. An
 * ISO month (`2026-10`) is refused with the Jalali months it overlaps, because partitions
 * follow the Jalali calendar and an ISO month would be two halves of two partitions.
 */
export function parseLogMonth(input: string): LogMonth {
  const m = /^(\d{4})[-/](\d{1,2})$/.exec(normaliseDigits(input.trim()));
  const problem = (message: string) =>
    new ValidationError('not a log month', [{ path: 'month', message }]);
  if (!m) throw problem('give the Jalali month as 1405-08');
  const [year, month] = [Number(m[1]), Number(m[2])];
  if (month < 1 || month > 12) throw problem('the month is between 1 and 12');
  if (year >= 1900) {
    const first = logMonthOf(new Date(Date.UTC(year, month - 1, 1, 12)));
    const last = logMonthOf(new Date(Date.UTC(year, month - 1, 28, 12)));
    throw problem(
      `partitions follow Jalali months; ${input} overlaps ${first.id} and ${last.id === first.id ? nextLogMonth(first).id : last.id}`,
    );
  }
  if (year < 1300 || year > 1499 || jalaaliMonthLength(year, month) < 29)
    throw problem('the Jalali year is between 1300 and 1499');
  return logMonth(year, month);
}
