import { Router } from 'express';
import type { Registry } from 'prom-client';
import { calendarRoutes as c } from '../../contracts/calendar';
import type { Clock } from '../shared/clock';
import { normaliseDigits } from '../shared/digits';
import { NotFoundError } from '../shared/errors';
import { commandHandler, type EventStore } from '../shared/eventStore';
import { mount } from '../shared/http/mount';
import { instant } from '../shared/jalali';
import { parseJalaliDate, startOfJalaliDay } from '../shared/jalaliPeriod';
import { calendarStream, type CalendarPublished } from './calendar';
import { calendarDecider } from './calendar.decide';
import { calendarMetrics } from './metrics';
import type { CalendarReadModel } from './readModel';

export function calendarView(published: CalendarPublished) {
  return {
    jalaliYear: published.jalaliYear,
    version: published.version,
    source: published.source,
    publishedAt: instant(new Date(published.publishedAt)),
    holidays: published.holidays.map((h) => ({
      ...h,
      startsAt: instant(startOfJalaliDay(parseJalaliDate(h.date)!)),
    })),
  };
}

export interface CalendarDeps {
  store: EventStore;
  clock: Clock;
  model: CalendarReadModel;
  registry: Registry;
}

export function calendarRouter(deps: CalendarDeps): Router {
  const router = Router();
  const publish = commandHandler(deps.store, calendarDecider);
  calendarMetrics(deps.registry, deps.model, deps.clock);
  const yearOf = (param: string) => Number(normaliseDigits(param));

  mount(router, c.publish, async ({ params, body, principal }) => {
    const jalaliYear = yearOf(params.jalaliYear);
    const r = await publish(calendarStream(jalaliYear), {
      type: 'PublishCalendar',
      jalaliYear,
      holidays: body.holidays,
      source: 'regulator',
      publishedBy: principal.credentialId,
      at: deps.clock.now(),
    });
    await deps.model.ensure(r.append?.position ?? (await deps.store.headPosition()));
    const published = deps.model.year(jalaliYear);
    if (!published) throw new Error(`calendar ${jalaliYear} was published but is not in force`);
    return { status: r.newEvents ? 201 : 200, body: calendarView(published) };
  });

  mount(router, c.get, async ({ params }) => {
    const published = deps.model.year(yearOf(params.jalaliYear));
    if (!published) throw new NotFoundError('No calendar is published for this year');
    return { status: 200, body: calendarView(published) };
  });

  return router;
}
