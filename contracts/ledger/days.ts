import { jalaliOfGregorian, tehranParts } from '../primitives/jalali';

/**
 * Ledger days (روز دفتر) are calendar days in Asia/Tehran, named by their Gregorian ISO date
 * (`2026-03-21`) with the Jalali date beside it where people read them.
 */
export type LedgerDay = string;

const pad = (n: number) => String(n).padStart(2, '0');

export const isLedgerDay = (s: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** The Tehran calendar day an instant falls in. */
export function ledgerDayOf(at: Date): LedgerDay {
  const t = tehranParts(at);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}

export function nextLedgerDay(day: LedgerDay): LedgerDay {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const ends = new Map<LedgerDay, Date>();

/** The instant day D ends: midnight in Tehran at the start of the next day. */
export function endOfLedgerDay(day: LedgerDay): Date {
  let end = ends.get(day);
  if (!end) {
    if (ends.size >= 4096) ends.clear();
    ends.set(day, (end = findEnd(day)));
  }
  return end;
}

function findEnd(day: LedgerDay): Date {
  const next = nextLedgerDay(day);
  const utcMidnight = Date.parse(`${next}T00:00:00Z`);
  // +03:30 since 2022; +04:30 in the daylight-saving summers before it.
  for (const offsetMinutes of [210, 270]) {
    const at = new Date(utcMidnight - offsetMinutes * 60_000);
    const p = tehranParts(at);
    if (ledgerDayOf(at) === next && p.hour === 0 && p.minute === 0) return at;
  }
  throw new RangeError(`no Tehran midnight found before ${next}`);
}

/** `1405/01/01` for `2026-03-21`. */
export function jalaliOfLedgerDay(day: LedgerDay): string {
  const [y, m, d] = day.split('-').map(Number);
  const j = jalaliOfGregorian(y!, m!, d!);
  return `${j.jy}/${pad(j.jm)}/${pad(j.jd)}`;
}

/**
 * The range rule: the log is cut into days in log order. An event belongs to the current day
 * unless it was recorded at or after the day's end, in which case it opens the day it was
 * recorded in (days without events between are empty). Positions never go back, recording
 * instants may (several nodes), so the cut follows positions and never reorders the log.
 */
export function dayOfNext(current: LedgerDay | undefined, recordedAt: Date): LedgerDay {
  if (current === undefined) return ledgerDayOf(recordedAt);
  return recordedAt.getTime() >= endOfLedgerDay(current).getTime()
    ? ledgerDayOf(recordedAt)
    : current;
}
