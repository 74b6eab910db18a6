import { z } from 'zod';
import { PageQuery } from './licensing';
import { ProvinceSchema } from './provinces';
import { InstantSchema, ProblemSchema, route } from './route';
import { officeKinds } from './vocabulary';

const Code = z.string().min(1).max(64);
const tooMany = {
  429: {
    description: 'Too many look-ups from this address; see Retry-After',
    schema: ProblemSchema,
  },
};

const Component = z.object({
  code: z.string(),
  nameFa: z.string(),
  /** Who receives it: the agency, a technical operator, the office, or VAT. */
  beneficiary: z.string(),
  amount: z.string().describe('whole rials'),
  ceiling: z.boolean().describe('a maximum: the office may charge less of it, never more'),
});

export const PublicTariff = z
  .object({
    serviceCode: z.string(),
    nameFa: z.string(),
    nameEn: z.string(),
    province: z.string(),
    tariffId: z.string(),
    version: z.number().int(),
    resolution: z.object({ number: z.string(), date: InstantSchema }),
    effectiveFrom: InstantSchema,
    at: InstantSchema,
    quantity: z.number().int(),
    occurrence: z.number().int(),
    prices: z.array(
      z.object({
        officeKind: z.enum(officeKinds),
        total: z.string().describe('what the citizen pays, whole rials'),
        vatPercent: z.string(),
        components: z.array(Component),
      }),
    ),
  })
  .meta({
    id: 'PublicTariff',
    description: 'What a citizen should pay for a service in a province, by fee component',
  });

export const PublicOffice = z
  .object({
    officeId: z.string(),
    nameFa: z.string(),
    nameEn: z.string(),
    province: z.string(),
    officeKind: z.enum(officeKinds),
    locality: z.object({ kind: z.string(), name: z.string() }),
    address: z.string(),
    phone: z.string(),
    services: z.array(z.object({ serviceCode: z.string(), nameFa: z.string() })),
  })
  .meta({ id: 'PublicOffice', description: 'A licensed office and the services assigned to it' });

export const publicInfoRoutes = {
  tariff: route({
    operationId: 'publicTariff',
    method: 'get',
    path: '/v1/public/tariffs/{serviceCode}',
    action: 'public',
    summary:
      'The tariff in force (تعرفه) for a service in a province: what a citizen should pay, by fee component, at urban and rural offices (no login)',
    tags: ['public'],
    params: z.strictObject({ serviceCode: Code }),
    query: z.strictObject({
      province: ProvinceSchema,
      officeKind: z.enum(officeKinds).optional().describe('One kind of office; both by default'),
      quantity: z.coerce.number().int().min(1).max(1000).default(1),
      occurrence: z.coerce.number().int().min(1).max(100).default(1),
    }),
    responses: {
      200: { description: 'The prices', schema: PublicTariff },
      404: { description: 'No such service, or no tariff in force', schema: ProblemSchema },
      ...tooMany,
    },
  }),
  offices: route({
    operationId: 'publicOffices',
    method: 'get',
    path: '/v1/public/offices',
    action: 'public',
    summary:
      'Office finder: licensed offices (دفاتر پیشخوان) of a province, optionally of one city or village and offering one service, with the services assigned to them (no login)',
    tags: ['public'],
    query: z.strictObject({
      province: ProvinceSchema,
      city: z
        .string()
        .trim()
        .min(1)
        .max(100)
        .optional()
        .describe('City or village name, as registered'),
      serviceCode: Code.optional(),
      ...PageQuery,
    }),
    responses: {
      200: {
        description: 'One page, by office id',
        schema: z
          .object({ items: z.array(PublicOffice), nextCursor: z.string().optional() })
          .meta({ id: 'PublicOfficePage' }),
      },
      ...tooMany,
    },
  }),
};
