import { j2d, jalaaliMonthLength } from 'jalaali-js';
import type { EventStore } from '../shared/eventStore';
import { jalaliDateOf } from '../shared/jalaliPeriod';
import { follow } from '../shared/readModel';
import { calendarEventTypes, type CalendarPublished } from './calendar';
import { indexHolidays, workCalendar, type HolidayIndex, type WorkCalendar } from './workingDays';

/**
 * The calendar in force for each published year, kept current by subscription. It holds
 * one version per year, so it stays small however long the service runs.
 */
export function calendarReadModel(store: EventStore, weekend?: readonly number[]) {
  const years = new Map<number, { published: CalendarPublished; index: HolidayIndex }>();
  const following = follow(store, { eventTypes: calendarEventTypes }, (recorded) => {
    const event = recorded.data as CalendarPublished;
    const current = years.get(event.jalaliYear);
    if (current && current.published.version >= event.version) return;
    years.set(event.jalaliYear, { published: event, index: indexHolidays(event.holidays) });
  });
  const calendar: WorkCalendar = workCalendar((jy) => years.get(jy)?.index, weekend);
  return {
    calendar,
    year: (jalaliYear: number) => years.get(jalaliYear)?.published,
    /**
     * Whole days from the Tehran day of `now` to the last day of the published years that
     * run without a gap from `now`'s year; 0 when `now`'s year itself is not published.
     */
    daysPublishedAhead(now: Date): number {
      const today = jalaliDateOf(now);
      if (!years.has(today.jy)) return 0;
      let last = today.jy;
      while (years.has(last + 1)) last += 1;
      return j2d(last, 12, jalaaliMonthLength(last, 12)) - j2d(today.jy, today.jm, today.jd);
    },
    get position() {
      return following.position;
    },
    ensure: (position: number) => following.ensure(position),
    ready: following.ready,
    stop: () => following.stop(),
  };
}

export type CalendarReadModel = ReturnType<typeof calendarReadModel>;
