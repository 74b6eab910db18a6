import type { z } from 'zod';
import type { calendarPublished, OfficialHolidaySchema } from '../../contracts/events/calendar';
import type { EventOf } from '../../contracts/events/contract';

export type OfficialHoliday = z.infer<typeof OfficialHolidaySchema>;
export type CalendarPublished = EventOf<typeof calendarPublished>;

export type CalendarEvent = CalendarPublished;

export type CalendarYear =
  { status: 'unpublished' } | { status: 'published'; version: number; holidays: OfficialHoliday[] };

/** `calendar-1405`. */
export const calendarStream = (jalaliYear: number) => `calendar-${jalaliYear}`;

export const calendarEventTypes: readonly CalendarEvent['type'][] = ['CalendarPublished'];

export function evolveCalendar(_state: CalendarYear, event: CalendarEvent): CalendarYear {
  switch (event.type) {
    case 'CalendarPublished':
      return { status: 'published', version: event.version, holidays: event.holidays };
  }
}
