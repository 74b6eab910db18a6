import { z } from 'zod';
import { StoredInstant, StoredJalaliDate, StoredProvince } from '../primitives';
import { eventContract } from './contract';

/**
 * One official holiday (تعطیل رسمی) of a Jalali year. Without `provinces` it closes every
 * desk in the country; with them it is a provincial closure (تعطیلی استانی) that only the
 * desks of those provinces observe.
 */
export const OfficialHolidaySchema = z.object({
  date: StoredJalaliDate,
  nameFa: z.string(),
  /** ISO 3166-2:IR codes of the provinces that close; absent for a national holiday. */
  provinces: z.array(StoredProvince).optional(),
});

/**
 * The official calendar (تقویم رسمی) of one Jalali year was published: every holiday of the
 * year, national and provincial. Publishing the year again is a new version that supersedes
 * the earlier one from its publication; nothing is edited.
 */
export const calendarPublished = eventContract(
  'CalendarPublished',
  1,
  z.object({
    jalaliYear: z.number().int(),
    version: z.number().int().min(1),
    holidays: z.array(OfficialHolidaySchema),
    /** `regulator`: published over the API; `shipped`: the table that ships with the software. */
    source: z.enum(['regulator', 'shipped']),
    publishedAt: StoredInstant,
    publishedBy: z.string(),
  }),
);

export const calendarContracts = [calendarPublished] as const;
