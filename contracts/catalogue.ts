import { z } from 'zod';
import { ProvinceSchema } from './provinces';
import { parseHalfYear, parseInstant } from './primitives';
import { customerDataLevels } from './vocabulary';
import { InstantSchema, route } from './route';

/** An instant as ISO 8601 with a zone, or a Jalali day (start of that day in Asia/Tehran). */
export const WhenSchema = z
  .string()
  .refine(
    (s) => parseInstant(s) !== undefined,
    'an ISO 8601 instant with a zone, or a Jalali day like 1403/01/15',
  )
  .meta({ id: 'When', example: '1403/01/15' });
const Period = z
  .string()
  .refine((s) => parseHalfYear(s) !== undefined, 'a Jalali half-year like 1397-H1');
const Code = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and dashes');

export const RegisterAgencyBody = z
  .strictObject({
    agencyId: Code,
    nameFa: z.string().min(1).max(200),
    nameEn: z.string().min(1).max(200),
    legalId: z.string().max(20),
    treasuryIban: z.string().max(40),
    fees: z
      .array(
        z.strictObject({
          feeCode: Code,
          nameFa: z.string().min(1).max(200),
          depositId: z.string().regex(/^\d{1,30}$/),
        }),
      )
      .max(50),
  })
  .meta({
    id: 'RegisterAgencyRequest',
    example: {
      agencyId: 'traffic-police',
      nameFa: 'پلیس راهور',
      nameEn: 'Traffic Police',
      legalId: '10380284790',
      treasuryIban: 'IR820540102680020817909002',
      fees: [{ feeCode: 'transfer', nameFa: 'هزینه نقل و انتقال', depositId: '300000000000123' }],
    },
  });

export const DefineServiceBody = z
  .strictObject({
    serviceCode: Code,
    agencyId: Code,
    nameFa: z.string().min(1).max(200),
    nameEn: z.string().min(1).max(200),
    conditions: z.string().max(2000),
    customerData: z.enum(customerDataLevels),
  })
  .meta({
    id: 'DefineServiceRequest',
    example: {
      serviceCode: 'vehicle-transfer',
      agencyId: 'traffic-police',
      nameFa: 'نقل و انتقال خودرو',
      nameEn: 'Vehicle transfer',
      conditions: 'Both parties present',
      customerData: 'records',
    },
  });

export const PublishCatalogueBody = z
  .strictObject({
    scope: z.enum(['national', 'provincial']),
    province: ProvinceSchema.optional(),
    period: Period,
    entries: z
      .array(
        z.strictObject({
          serviceCode: Code,
          conditions: z.string().max(2000),
          availableFrom: WhenSchema.optional(),
          offerBy: WhenSchema,
        }),
      )
      .max(2000),
  })
  .meta({
    id: 'PublishCatalogueRequest',
    example: {
      scope: 'provincial',
      province: 'IR-23',
      period: '1403-H1',
      entries: [
        {
          serviceCode: 'vehicle-transfer',
          conditions: 'Both parties present',
          offerBy: '1404/06/31',
        },
      ],
    },
  });

const Entry = z.object({
  serviceCode: z.string(),
  agencyId: z.string(),
  conditions: z.string(),
  availableFrom: InstantSchema,
  offerBy: InstantSchema,
});
export const CatalogueSchema = z
  .object({
    scope: z.enum(['national', 'provincial']),
    province: z.string().optional(),
    period: z.string(),
    version: z.number().int(),
    publishedAt: InstantSchema,
    entries: z.array(Entry),
  })
  .meta({ id: 'Catalogue' });

const AsOf = z.strictObject({ asOf: WhenSchema.optional() });

export const catalogueRoutes = {
  registerAgency: route({
    operationId: 'registerAgency',
    method: 'post',
    path: '/v1/agencies',
    action: 'agency.register',
    summary: 'Register a service-providing agency (دستگاه اجرایی) — regulator',
    tags: ['catalogue'],
    body: RegisterAgencyBody,
    responses: { 201: { description: 'Registered', schema: z.object({ agencyId: z.string() }) } },
  }),
  defineService: route({
    operationId: 'defineService',
    method: 'post',
    path: '/v1/services',
    action: 'service.define',
    summary: 'Define a service of an agency — regulator or the agency',
    tags: ['catalogue'],
    body: DefineServiceBody,
    responses: { 201: { description: 'Defined', schema: z.object({ serviceCode: z.string() }) } },
  }),
  publish: route({
    operationId: 'publishCatalogue',
    method: 'post',
    path: '/v1/catalogues',
    action: 'catalogue.publish',
    summary: 'Publish a six-monthly list: AREO nationally, a provincial MPO for its own province',
    tags: ['catalogue'],
    body: PublishCatalogueBody,
    responses: { 201: { description: 'Published as a new version', schema: CatalogueSchema } },
  }),
  asOf: route({
    operationId: 'getCatalogue',
    method: 'get',
    path: '/v1/catalogues/{scope}/{period}',
    action: 'catalogue.read',
    summary: 'A list as it stood at a date (default now): the version notified by then',
    tags: ['catalogue'],
    params: z.strictObject({
      scope: z.string().max(10).meta({ example: 'national' }),
      period: Period.meta({ example: '1403-H1' }),
    }),
    query: AsOf,
    responses: { 200: { description: 'The version in force', schema: CatalogueSchema } },
  }),
  provinces: route({
    operationId: 'listProvinces',
    method: 'get',
    path: '/v1/provinces',
    action: 'catalogue.read',
    summary:
      'Provinces (استان‌ها) by ISO 3166-2:IR code with Persian and English names, and the retired codes with the code their province has now',
    tags: ['catalogue'],
    responses: {
      200: {
        description: 'The 31 provinces',
        schema: z
          .object({
            items: z.array(
              z.object({ code: ProvinceSchema, nameFa: z.string(), nameEn: z.string() }),
            ),
            retired: z.array(z.object({ code: z.string(), successor: ProvinceSchema })),
          })
          .meta({ id: 'Provinces' }),
      },
    },
  }),
  outsourceable: route({
    operationId: 'outsourceableServices',
    method: 'get',
    path: '/v1/outsourceable',
    action: 'catalogue.read',
    summary:
      'Services outsourceable in a province at a date (national list plus the province’s own)',
    tags: ['catalogue'],
    query: z.strictObject({
      province: ProvinceSchema,
      at: WhenSchema.optional(),
    }),
    responses: {
      200: {
        description: 'Services',
        schema: z.object({
          at: InstantSchema,
          items: z.array(
            Entry.extend({ scope: z.string(), period: z.string(), version: z.number() }),
          ),
        }),
      },
    },
  }),
  behind: route({
    operationId: 'agenciesBehindTimetable',
    method: 'get',
    path: '/v1/agencies/behind-timetable',
    action: 'catalogue.read',
    summary:
      'Agencies with listed services past their deadline and not yet offered through offices',
    tags: ['catalogue'],
    query: z.strictObject({ at: WhenSchema.optional() }),
    responses: {
      200: {
        description: 'Agencies',
        schema: z.object({
          at: InstantSchema,
          items: z.array(
            z.object({
              agencyId: z.string(),
              nameFa: z.string(),
              nameEn: z.string(),
              overdue: z.array(
                z.object({
                  serviceCode: z.string(),
                  scope: z.string(),
                  period: z.string(),
                  version: z.number(),
                  offerBy: InstantSchema,
                  daysOverdue: z.number(),
                }),
              ),
            }),
          ),
        }),
      },
    },
  }),
};
