import { z } from 'zod';
import { ProvinceSchema } from './provinces';
import { officeKinds } from './vocabulary';
import { WhenSchema } from './catalogue';
import { InstantSchema, route } from './route';

export const Rial = z
  .string()
  .max(30)
  .meta({ description: 'whole rials as a decimal string', example: '1500000' });
const Beneficiary = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('agency'), feeCode: z.string().max(64) }),
  z.strictObject({
    kind: z.literal('technical'),
    name: z.string().max(200),
    iban: z.string().max(40),
  }),
  z.strictObject({ kind: z.literal('office') }),
  z.strictObject({ kind: z.literal('vat') }),
]);
const Rule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), amount: Rial }),
  z.strictObject({ kind: z.literal('perUnit'), unit: z.string().max(40), amount: Rial }),
  z.strictObject({
    kind: z.literal('percentage'),
    of: z.string().max(64),
    percent: z.string().max(12),
    min: Rial.optional(),
    max: Rial.optional(),
  }),
  z.strictObject({
    kind: z.literal('tiered'),
    tiers: z
      .array(z.strictObject({ fromOccurrence: z.number().int().min(1), amount: Rial }))
      .min(1)
      .max(10),
  }),
  z.strictObject({ kind: z.literal('vat'), on: z.array(z.string().max(64)).max(20) }),
]);
export const Component = z.strictObject({
  code: z.string().max(64),
  nameFa: z.string().max(200),
  beneficiary: Beneficiary,
  rule: Rule,
  ceiling: z.boolean().optional(),
});

export const Variants = z
  .array(
    z.strictObject({
      province: ProvinceSchema.optional(),
      officeKind: z.enum(officeKinds).optional(),
      components: z.array(Component).max(30),
    }),
  )
  .max(100)
  .default([]);

export const ApproveTariffBody = z
  .strictObject({
    resolution: z.strictObject({ number: z.string().min(1).max(64), date: WhenSchema }),
    effectiveFrom: WhenSchema,
    effectiveUntil: WhenSchema.optional(),
    components: z.array(Component).min(1).max(30),
    variants: Variants,
  })
  .meta({
    id: 'ApproveTariffRequest',
    example: {
      resolution: { number: '285/1402', date: '1402/10/01' },
      effectiveFrom: '1402/11/01',
      components: [
        {
          code: 'gov',
          nameFa: 'هزینه دولتی',
          beneficiary: { kind: 'agency', feeCode: 'transfer' },
          rule: { kind: 'fixed', amount: '1500000' },
        },
        {
          code: 'office',
          nameFa: 'کارمزد دفتر',
          beneficiary: { kind: 'office' },
          rule: { kind: 'percentage', of: 'gov', percent: '12.5', min: '100000', max: '150000' },
          ceiling: true,
        },
        {
          code: 'vat',
          nameFa: 'مالیات بر ارزش افزوده',
          beneficiary: { kind: 'vat' },
          rule: { kind: 'vat', on: ['office'] },
        },
      ],
      variants: [
        {
          officeKind: 'rural',
          components: [
            {
              code: 'office',
              nameFa: 'کارمزد دفتر روستایی',
              beneficiary: { kind: 'office' },
              rule: { kind: 'percentage', of: 'gov', percent: '7.5', max: '150000' },
              ceiling: true,
            },
          ],
        },
      ],
    },
  });

const PriceLine = z.object({
  code: z.string(),
  nameFa: z.string(),
  beneficiary: Beneficiary,
  amount: Rial,
  exact: z.string(),
  ceiling: z.boolean(),
  iban: z.string().optional(),
  depositId: z.string().optional(),
});
export const PriceSchema = z
  .object({
    serviceCode: z.string(),
    tariffId: z.string(),
    tariffVersion: z.number(),
    resolution: z.object({ number: z.string(), date: InstantSchema }),
    total: Rial,
    vatPercent: z.string(),
    lines: z.array(PriceLine),
    at: InstantSchema,
  })
  .meta({
    id: 'Price',
    description: 'Total and exact split; shares sum to the total (largest-remainder rounding)',
  });

const PlaceQuery = {
  province: ProvinceSchema,
  officeKind: z.enum(officeKinds),
  quantity: z.coerce.number().int().min(1).max(100000).default(1),
  occurrence: z.coerce.number().int().min(1).max(100).default(1),
};

export const tariffRoutes = {
  approve: route({
    operationId: 'approveTariff',
    method: 'post',
    path: '/v1/tariffs/{serviceCode}/approvals',
    action: 'tariff.approve',
    summary: 'Record a Commission-approved tariff version (commission)',
    tags: ['tariffs'],
    params: z.strictObject({ serviceCode: z.string().max(64) }),
    body: ApproveTariffBody,
    responses: {
      201: {
        description: 'Approved',
        schema: z.object({ tariffId: z.string(), version: z.number() }),
      },
    },
  }),
  asOf: route({
    operationId: 'getTariff',
    method: 'get',
    path: '/v1/tariffs/{serviceCode}',
    action: 'tariff.read',
    summary: 'The tariff version in force at a date (default now)',
    tags: ['tariffs'],
    params: z.strictObject({ serviceCode: z.string().max(64) }),
    query: z.strictObject({ asOf: WhenSchema.optional() }),
    responses: {
      200: {
        description: 'The version in force',
        schema: z.object({
          tariffId: z.string(),
          version: z.number(),
          resolution: z.object({ number: z.string(), date: InstantSchema }),
          effectiveFrom: InstantSchema,
          effectiveUntil: InstantSchema.optional(),
          components: z.array(Component),
          variants: z.array(z.unknown()),
        }),
      },
    },
  }),
  price: route({
    operationId: 'priceService',
    method: 'get',
    path: '/v1/tariffs/{serviceCode}/price',
    action: 'tariff.read',
    summary: 'Price a service for a place, quantity and occurrence at a date',
    tags: ['tariffs'],
    params: z.strictObject({ serviceCode: z.string().max(64) }),
    query: z.strictObject({ ...PlaceQuery, at: WhenSchema.optional() }),
    responses: { 200: { description: 'Priced', schema: PriceSchema } },
  }),
  quote: route({
    operationId: 'issueQuote',
    method: 'post',
    path: '/v1/quotes',
    action: 'quote.issue',
    summary: 'A priced quote valid for 15 minutes; a payment may cite it',
    description:
      "Priced for the office's own province and kind from the office registry. An office or gateway credential quotes for its own office; the regulator names the office.",
    tags: ['tariffs'],
    body: z
      .strictObject({
        serviceCode: z.string().max(64),
        officeId: z
          .string()
          .min(1)
          .max(64)
          .optional()
          .describe('Required for the regulator; an office or gateway quotes for its own office'),
        quantity: z.number().int().min(1).max(100000),
        occurrence: z.number().int().min(1).max(100),
      })
      .meta({
        id: 'QuoteRequest',
        example: {
          serviceCode: 'vehicle-transfer',
          quantity: 3,
          occurrence: 1,
        },
      }),
    responses: {
      201: {
        description: 'Quoted',
        schema: z.object({ quoteId: z.string(), expiresAt: InstantSchema, price: PriceSchema }),
      },
    },
  }),
};
