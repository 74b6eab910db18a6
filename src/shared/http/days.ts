import { formatJalaliDate, parseJalaliDate } from '../jalaliPeriod';
import { NotFoundError, ValidationError } from '../errors';

/**
 * Jalali days as requests name them, normalised to the key events and read models use
 * (`1403/07/01`). The HTTP contracts have already checked that the text is a Jalali date.
 */
export const jalaliDay = (text: string) => formatJalaliDate(parseJalaliDate(text)!);

/** A day as a path segment of 8 digits, `14030701`; a day that does not exist is not found. */
export function compactJalaliDay(compact: string): string {
  const parsed = parseJalaliDate(
    `${compact.slice(0, 4)}/${compact.slice(4, 6)}/${compact.slice(6, 8)}`,
  );
  if (!parsed) throw new NotFoundError('No such business day');
  return formatJalaliDate(parsed);
}

/** A `from`–`to` range of days, both included; `to` before `from` is refused. */
export function jalaliDayRange(q: { from: string; to: string }): { from: string; to: string } {
  const [from, to] = [jalaliDay(q.from), jalaliDay(q.to)];
  if (from > to)
    throw new ValidationError('The range is empty', [
      { path: 'to', message: 'must not be before from' },
    ]);
  return { from, to };
}
