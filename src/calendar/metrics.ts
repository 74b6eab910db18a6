import { Gauge, type Registry } from 'prom-client';
import type { Clock } from '../shared/clock';
import type { CalendarReadModel } from './readModel';

/**
 * `pishkhan_calendar_published_days_remaining`: days from today to the last day of the
 * published calendar (0 when this year is not published). Past it, deadlines are
 * provisional; the alert asks for the next year's calendar 90 days ahead.
 */
export function calendarMetrics(registry: Registry, model: CalendarReadModel, clock: Clock) {
  return new Gauge({
    name: 'pishkhan_calendar_published_days_remaining',
    help: 'Days from today (Asia/Tehran) to the last day of the published official calendar',
    registers: [registry],
    collect() {
      this.set(model.daysPublishedAhead(clock.now()));
    },
  });
}
