import { z } from 'zod';
import { ProvinceSchema } from './provinces';
import { supervisionActions } from './vocabulary';
import { InstantSchema, ProblemSchema, route } from './route';

const Period = z.string().regex(/^1[34]\d\d-H[12]$/, 'a Jalali half-year such as 1405-H1');

export const OfficeScoreSchema = z
  .object({
    officeId: z.string(),
    province: z.string().optional(),
    period: z.string(),
    volume: z.number().int(),
    revenue: z.string(),
    servicesDelivered: z.number().int(),
    distinctServices: z.number().int(),
    violations: z.number().int(),
    violationRate: z.string(),
    violationAmount: z.string(),
    reversals: z.number().int(),
    reversalRate: z.string(),
    complaintsReceived: z.number().int(),
    complaintsUpheld: z.number().int(),
    slaBreaches: z.number().int(),
    score: z.string().describe('0–100, formula in docs/api.md (Supervision)'),
    rank: z.number().int().describe('Place within the province'),
  })
  .meta({ id: 'OfficeScore' });

const ActionSchema = z
  .object({
    actionId: z.string(),
    action: z.enum(supervisionActions),
    reason: z.string(),
    complaintId: z.string().optional(),
    period: z.string().optional(),
    recordedAt: InstantSchema,
    recordedBy: z.string(),
    outcome: z
      .object({
        status: z.enum(['acted', 'dismissed']),
        reason: z.string(),
        at: InstantSchema,
        by: z.string(),
      })
      .optional()
      .describe(
        "Licensing's outcome of a suspension recommendation: the license suspended, or dismissed",
      ),
  })
  .meta({ id: 'SupervisionAction' });

const OfficeParams = z.strictObject({ officeId: z.string().min(1).max(64) });

export const supervisionRoutes = {
  rankings: route({
    operationId: 'officeRankings',
    method: 'get',
    path: '/v1/supervision/rankings',
    action: 'supervision.read',
    summary:
      'Office measures, scores and rankings per province for a Jalali half-year (no personal data)',
    tags: ['supervision'],
    query: z.strictObject({
      period: Period,
      province: ProvinceSchema.optional(),
    }),
    responses: {
      200: {
        description: 'Rankings',
        schema: z.object({
          period: z.string(),
          asOf: InstantSchema,
          position: z.number().int(),
          provinces: z.record(z.string(), z.array(OfficeScoreSchema)),
        }),
      },
    },
  }),
  office: route({
    operationId: 'officeScore',
    method: 'get',
    path: '/v1/supervision/offices/{officeId}',
    action: 'supervision.office',
    summary: "One office's measures and score; an office sees only its own",
    tags: ['supervision'],
    params: OfficeParams,
    query: z.strictObject({ period: Period }),
    responses: {
      200: { description: 'Score', schema: OfficeScoreSchema },
      404: { description: 'No such office in scope', schema: ProblemSchema },
    },
  }),
  act: route({
    operationId: 'recordSupervisionAction',
    method: 'post',
    path: '/v1/supervision/offices/{officeId}/actions',
    action: 'supervision.act',
    summary:
      'Record a warning, an inspection or a recommendation to suspend (the licensing slice acts on the latter)',
    tags: ['supervision'],
    params: OfficeParams,
    body: z.strictObject({
      action: z.enum(supervisionActions),
      reason: z.string().trim().min(1).max(2000),
      complaintId: z.uuid().optional(),
      period: Period.optional(),
    }),
    responses: { 201: { description: 'Recorded', schema: ActionSchema } },
  }),
  actions: route({
    operationId: 'listSupervisionActions',
    method: 'get',
    path: '/v1/supervision/offices/{officeId}/actions',
    action: 'supervision.office',
    summary: 'Supervision actions taken about an office',
    tags: ['supervision'],
    params: OfficeParams,
    responses: {
      200: { description: 'Actions', schema: z.object({ items: z.array(ActionSchema) }) },
    },
  }),
};
