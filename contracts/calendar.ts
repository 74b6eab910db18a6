import { z } from 'zod';
import { normaliseDigits } from './primitives';
import { InstantSchema, ProblemSchema, route } from './route';

const YearParams = z.strictObject({
  jalaliYear: z
    .string()
    .refine((s) => /^1[34]\d\d$/.test(normaliseDigits(s)), 'a Jalali year like 1406')
    .meta({ example: '1406', description: 'ASCII, Persian or Arabic-Indic digits' }),
});

const HolidaySchema = z.strictObject({
  date: z.string().max(20).describe('Jalali day in the year of the path, e.g. 1406/01/01'),
  nameFa: z.string().trim().min(1).max(200),
  provinces: z
    .array(z.string().max(10))
    .min(1)
    .max(31)
    .optional()
    .describe('ISO 3166-2:IR codes of a provincial closure; absent for a national holiday'),
});

export const PublishCalendarBody = z
  .strictObject({ holidays: z.array(HolidaySchema).min(1).max(120) })
  .meta({
    id: 'PublishCalendarRequest',
    description: 'Every official holiday of the year, national and provincial',
    example: {
      holidays: [
        { date: '1406/01/01', nameFa: 'نوروز' },
        { date: '1406/03/14', nameFa: 'رحلت امام خمینی' },
        { date: '1406/08/10', nameFa: 'تعطیلی به دلیل آلودگی هوا', provinces: ['IR-23'] },
      ],
    },
  });

export const CalendarSchema = z
  .object({
    jalaliYear: z.number().int(),
    version: z.number().int(),
    source: z.enum(['regulator', 'shipped']),
    publishedAt: InstantSchema,
    holidays: z.array(
      z.object({
        date: z.string(),
        nameFa: z.string(),
        provinces: z.array(z.string()).optional(),
        startsAt: InstantSchema,
      }),
    ),
  })
  .meta({ id: 'OfficialCalendar' });

export const calendarRoutes = {
  publish: route({
    operationId: 'publishCalendar',
    method: 'post',
    path: '/v1/calendar/{jalaliYear}',
    action: 'calendar.publish',
    summary: "Publish a year's official holidays (تقویم رسمی); again, a new version supersedes it",
    description:
      'Deadlines counted into a year without a published calendar skip weekends only and are provisional; publishing the year recounts them.',
    tags: ['calendar'],
    params: YearParams,
    body: PublishCalendarBody,
    responses: {
      201: { description: 'Published as a new version', schema: CalendarSchema },
      200: {
        description: 'The same holidays as the version in force; nothing recorded',
        schema: CalendarSchema,
      },
      400: { description: 'Not a valid calendar', schema: ProblemSchema },
    },
  }),
  get: route({
    operationId: 'getCalendar',
    method: 'get',
    path: '/v1/calendar/{jalaliYear}',
    action: 'calendar.read',
    summary: "A year's official calendar in force",
    tags: ['calendar'],
    params: YearParams,
    responses: {
      200: { description: 'The version in force', schema: CalendarSchema },
      404: { description: 'No calendar is published for the year', schema: ProblemSchema },
    },
  }),
};
