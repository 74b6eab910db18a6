/**
 * One official holiday (تعطیل رسمی) of a Jalali year. Without `provinces` it closes every
 * desk in the country; with them it is a provincial closure (تعطیلی استانی) that only
 * the desks of those provinces observe.
 */
export interface OfficialHoliday {
  /** Jalali day, `1405/01/01`. */
  date: string;
  nameFa: string;
  /** ISO 3166-2:IR codes of the provinces that close; absent for a national holiday. */
  provinces?: string[];
}

/**
 * The official calendar (تقویم رسمی) of one Jalali year as the regulator published it:
 * every holiday of the year, national and provincial. Publishing the year again is a new
 * version that supersedes the earlier one from its publication; nothing is edited.
 */
export interface CalendarPublished {
  type: 'CalendarPublished';
  jalaliYear: number;
  version: number;
  holidays: OfficialHoliday[];
  /** `regulator`: published over the API; `shipped`: the table that ships with the software. */
  source: 'regulator' | 'shipped';
  publishedAt: string;
  publishedBy: string;
}

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
