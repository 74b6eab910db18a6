import { calendarPublished } from '../../contracts/events/calendar';
import { encodeWith } from '../../contracts/events/contract';
import type { Clock } from '../shared/clock';
import { ConcurrencyError } from '../shared/errors';
import type { EventStore } from '../shared/eventStore';
import { calendarStream, type CalendarPublished } from './calendar';
import { calendarDecider } from './calendar.decide';
import { holidayYears, shippedHolidays, type HolidayYear } from './shippedYears';

/**
 * Records each shipped year whose stream does not exist yet, as version 1 with source
 * `shipped`. A year the regulator already published is left alone. Several nodes starting
 * together on one log write each year once: the append expects no stream, so the store
 * refuses every writer but the first, and that refusal is expected. Answers the years
 * written by this call.
 */
export async function seedShippedCalendars(
  store: EventStore,
  clock: Clock,
  years: readonly HolidayYear[] = holidayYears,
): Promise<number[]> {
  const written: number[] = [];
  for (const year of years) {
    const stream = calendarStream(year.year);
    if ((await store.readStream(stream)).length > 0) continue;
    const [event] = calendarDecider.decide(
      {
        type: 'PublishCalendar',
        jalaliYear: year.year,
        holidays: shippedHolidays(year),
        source: 'shipped',
        publishedBy: 'system:shipped-calendar',
        at: clock.now(),
      },
      calendarDecider.initialState(),
    ) as [CalendarPublished];
    try {
      await store.append(stream, [encodeWith(calendarPublished, event)], 'no_stream');
      written.push(year.year);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
    }
  }
  return written;
}
