import { calendarContracts } from '../../contracts/events/calendar';
import { versionsOf } from '../../contracts/events/contract';
import { isDeepStrictEqual } from 'node:util';
import { ValidationError, type FieldProblem } from '../shared/errors';
import type { Decider } from '../shared/eventStore';
import { formatJalaliDate, parseJalaliDate } from '../shared/jalaliPeriod';
import { isProvinceCode } from '../shared/provinces';
import {
  evolveCalendar,
  type CalendarEvent,
  type CalendarYear,
  type OfficialHoliday,
} from './calendar';

export interface PublishCalendar {
  type: 'PublishCalendar';
  jalaliYear: number;
  holidays: OfficialHoliday[];
  source: 'regulator' | 'shipped';
  publishedBy: string;
  at: Date;
}

export type CalendarCommand = PublishCalendar;

function normalise(c: PublishCalendar): OfficialHoliday[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const holidays = c.holidays.map((h, i) => {
    const path = `holidays.${i}`;
    const day = parseJalaliDate(h.date);
    if (!day) problems.push({ path: `${path}.date`, message: 'not a Jalali day like 1406/01/01' });
    else if (day.jy !== c.jalaliYear)
      problems.push({ path: `${path}.date`, message: `not in the year ${c.jalaliYear}` });
    const date = day ? formatJalaliDate(day) : h.date;
    if (seen.has(date)) problems.push({ path: `${path}.date`, message: 'listed twice' });
    seen.add(date);
    (h.provinces ?? []).forEach((p, j) => {
      if (!isProvinceCode(p))
        problems.push({ path: `${path}.provinces.${j}`, message: `no province ${p}` });
    });
    const provinces = h.provinces ? [...new Set(h.provinces)].sort() : undefined;
    return { date, nameFa: h.nameFa, ...(provinces?.length ? { provinces } : {}) };
  });
  if (problems.length) throw new ValidationError('The calendar is not valid', problems);
  return holidays.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Publishing a year records its whole calendar. Again with other holidays, it is the next
 * version; again with the same holidays, nothing is recorded (a retry is harmless).
 */
function publish(c: PublishCalendar, state: CalendarYear): CalendarEvent[] {
  const holidays = normalise(c);
  if (state.status === 'published' && isDeepStrictEqual(state.holidays, holidays)) return [];
  return [
    {
      type: 'CalendarPublished',
      jalaliYear: c.jalaliYear,
      version: state.status === 'published' ? state.version + 1 : 1,
      holidays,
      source: c.source,
      publishedAt: c.at.toISOString(),
      publishedBy: c.publishedBy,
    },
  ];
}

export function decideCalendar(command: CalendarCommand, state: CalendarYear): CalendarEvent[] {
  switch (command.type) {
    case 'PublishCalendar':
      return publish(command, state);
    default: {
      const unknown: never = command.type;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const calendarDecider: Decider<CalendarCommand, CalendarEvent, CalendarYear> = {
  initialState: () => ({ status: 'unpublished' }),
  evolve: evolveCalendar,
  decide: decideCalendar,
  eventVersions: versionsOf(calendarContracts),
};
