import { jalaaliMonthLength } from 'jalaali-js';
import { ValidationError } from '../../src/shared/errors';
import { instant } from '../../src/shared/jalali';
import { businessDayStart } from '../businessDay';

/** The longest range of months one report covers. */
export const maxMonths = 24;

const pad = (n: number) => String(n).padStart(2, '0');
const parts = (month: string) => month.split('/').map(Number) as [number, number];

/** The month after `1405/12` is `1406/01`. */
export function nextMonth(month: string): string {
  const [y, m] = parts(month);
  return m === 12 ? `${y + 1}/01` : `${y}/${pad(m + 1)}`;
}

/**
 * A range of Jalali months of business days (the settlement cut-off included): the months, the
 * first and last business day, and the instants it starts and ends (exclusive), as a report
 * states its period in Jalali and ISO.
 */
export function monthRange(from: string, to: string, cutoffMinutes: number) {
  if (from > to)
    throw new ValidationError('The range is empty', [
      { path: 'to', message: 'must not be before from' },
    ]);
  const months = [from];
  while (months[months.length - 1]! < to) months.push(nextMonth(months[months.length - 1]!));
  if (months.length > maxMonths)
    throw new ValidationError('The range is too long', [
      { path: 'to', message: `at most ${maxMonths} months` },
    ]);
  const [y, m] = parts(to);
  const firstDay = `${from}/01`;
  const lastDay = `${to}/${pad(jalaaliMonthLength(y, m))}`;
  const start = businessDayStart(firstDay, cutoffMinutes);
  const end = businessDayStart(`${nextMonth(to)}/01`, cutoffMinutes);
  return {
    months,
    firstDay,
    lastDay,
    start,
    end,
    view: { from: firstDay, to: lastDay, start: instant(start), end: instant(end) },
  };
}

export type MonthRange = ReturnType<typeof monthRange>;
