export * from './calendar';
export { calendarDecider, type CalendarCommand, type PublishCalendar } from './calendar.decide';
export { calendarReadModel, type CalendarReadModel } from './readModel';
export { calendarRouter, type CalendarDeps } from './routes';
export { seedShippedCalendars } from './seed';
export { holidayYears, type HolidayYear } from './shippedYears';
export {
  addWorkingDays,
  isWorkingDay,
  workCalendar,
  indexHolidays,
  type Deadline,
  type HolidayIndex,
  type WorkCalendar,
} from './workingDays';
