import { z } from 'zod';
import { InstantSchema, ProblemSchema, route } from './route';

const PspId = z.string().regex(/^[A-Za-z0-9-]{2,32}$/, '2 to 32 letters, digits or dashes');
const OfficeId = z.string().regex(/^[A-Za-z0-9-]{2,32}$/, '2–32 letters, digits or dashes');
const tags = ['psps'];

export const PspSchema = z
  .object({
    pspId: z.string(),
    nameFa: z.string(),
    nameEn: z.string(),
    registeredAt: InstantSchema,
    credentialId: z.string().optional().describe('Regulator and the PSP itself only'),
    offices: z
      .array(
        z.object({
          officeId: z.string(),
          byRole: z.enum(['office', 'regulator']),
          writtenConsent: z.string().optional(),
          chosenAt: InstantSchema,
        }),
      )
      .optional()
      .describe('The offices that chose the PSP; regulator and the PSP itself only'),
  })
  .meta({ id: 'Psp', description: 'A registered payment service provider (پرداخت‌یار)' });

export const OfficeChoiceSchema = z
  .object({
    pspId: z.string(),
    officeId: z.string(),
    byRole: z.enum(['office', 'regulator']),
    writtenConsent: z.string().optional(),
    chosenAt: InstantSchema,
  })
  .meta({ id: 'OfficePspChoice' });

export const pspRoutes = {
  register: route({
    operationId: 'registerPsp',
    method: 'post',
    path: '/v1/psps',
    action: 'psp.register',
    summary:
      'Register a payment service provider (پرداخت‌یار); returns its one token and signing key, shown once',
    tags,
    body: z
      .strictObject({
        pspId: PspId,
        nameFa: z.string().trim().min(1).max(200),
        nameEn: z.string().trim().min(1).max(200),
        expiresInDays: z.number().int().min(1).max(3650).default(3650),
      })
      .meta({
        id: 'RegisterPsp',
        example: { pspId: 'SEP', nameFa: 'پرداخت الکترونیک سامان', nameEn: 'Saman e-Payment' },
      }),
    responses: {
      201: {
        description: 'Registered; the token and signing key are shown once',
        schema: z
          .object({
            psp: PspSchema,
            token: z.string(),
            signingSecret: z.string(),
            expiresAt: InstantSchema,
          })
          .meta({ id: 'RegisteredPsp' }),
      },
      409: { description: 'Already registered', schema: ProblemSchema },
    },
  }),
  list: route({
    operationId: 'listPsps',
    method: 'get',
    path: '/v1/psps',
    action: 'psp.read',
    summary: 'Registered PSPs; an office sees them all (to choose one), a PSP only itself',
    tags,
    responses: {
      200: { description: 'The PSPs', schema: z.object({ items: z.array(PspSchema) }) },
    },
  }),
  rotateKey: route({
    operationId: 'rotatePspKey',
    method: 'post',
    path: '/v1/psps/{pspId}/rotate-key',
    action: 'psp.rotateKey',
    summary:
      'A new signing key for the PSP, shown once; the old one stays valid for `graceHours` (the overlap). The regulator, or the PSP itself (signed with its current key)',
    tags,
    params: z.strictObject({ pspId: PspId }),
    body: z
      .strictObject({ graceHours: z.number().min(0).max(720).default(24) })
      .meta({ id: 'RotatePspKey' }),
    responses: {
      200: {
        description: 'Rotated',
        schema: z
          .object({ signingSecret: z.string(), previousValidUntil: InstantSchema })
          .meta({ id: 'RotatedPspKey' }),
      },
      409: { description: 'The credential is revoked', schema: ProblemSchema },
    },
  }),
  choose: route({
    operationId: 'chooseOfficePsp',
    method: 'post',
    path: '/v1/offices/{officeId}/psps',
    action: 'psp.consent',
    summary:
      "Record that the office chose a PSP (its consent), so the PSP may register terminals for it: the office itself, or the regulator on the office's written consent (`writtenConsent` required)",
    tags,
    params: z.strictObject({ officeId: OfficeId }),
    body: z
      .strictObject({
        pspId: PspId,
        writtenConsent: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .optional()
          .describe("Reference of the office's signed letter; required when the regulator records"),
      })
      .meta({ id: 'ChooseOfficePsp', example: { pspId: 'SEP' } }),
    responses: {
      201: { description: 'Recorded', schema: OfficeChoiceSchema },
      200: {
        description: 'The office had already chosen the PSP: the first choice',
        schema: OfficeChoiceSchema,
      },
    },
  }),
};
