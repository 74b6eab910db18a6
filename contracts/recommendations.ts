import { z } from 'zod';
import { LicenseViewSchema, PageQuery, pageOf } from './licensing';
import { InstantSchema, ProblemSchema, route } from './route';
import { supervisionActions } from './vocabulary';

const text = (max: number) => z.string().trim().min(1).max(max);

export const recommendationStatuses = ['pending', 'acted', 'dismissed'] as const;

export const RecommendationViewSchema = z
  .object({
    actionId: z.string(),
    officeId: z.string(),
    licenseId: z.uuid().optional().describe("The office's license, when the office is registered"),
    status: z.enum(recommendationStatuses),
    recommendedAt: InstantSchema,
    recommendedBy: z.string(),
    evidence: z.object({
      reason: z.string(),
      complaintId: z.string().optional(),
      period: z.string().optional(),
      earlierActions: z
        .array(
          z.object({
            actionId: z.string(),
            action: z.enum(supervisionActions),
            reason: z.string(),
            recordedAt: InstantSchema,
          }),
        )
        .describe("The office's supervision actions recorded before this recommendation"),
    }),
    outcome: z
      .object({ reason: z.string(), decidedAt: InstantSchema, decidedBy: z.string() })
      .optional(),
  })
  .meta({ id: 'SuspensionRecommendation' });

const Params = z.strictObject({ actionId: z.string().min(1).max(100) });
const refusals = {
  400: {
    description: 'Invalid input (a dismissal needs a reason); nothing was stored',
    schema: ProblemSchema,
  },
  404: { description: 'No such recommendation', schema: ProblemSchema },
  409: {
    description:
      'Acted on or dismissed already (otherwise than this call asks), or the license cannot be suspended',
    schema: ProblemSchema,
  },
};

/** Supervision's recommendations to suspend an office's license, in licensing's queue. */
export const recommendationRoutes = {
  queue: route({
    operationId: 'listSuspensionRecommendations',
    method: 'get',
    path: '/v1/licensing/suspension-recommendations',
    action: 'license.manage',
    summary: "Supervision's suspension recommendations with their evidence (pending by default)",
    tags: ['licensing'],
    query: z.strictObject({
      status: z.enum(recommendationStatuses).default('pending'),
      ...PageQuery,
    }),
    responses: {
      200: {
        description: 'A page of recommendations',
        schema: pageOf(RecommendationViewSchema, 'SuspensionRecommendationPage'),
      },
    },
  }),
  act: route({
    operationId: 'actOnSuspensionRecommendation',
    method: 'post',
    path: '/v1/licensing/suspension-recommendations/{actionId}/act',
    action: 'license.manage',
    summary: "Act on a recommendation: suspend the office's license, the suspension naming it",
    tags: ['licensing'],
    params: Params,
    body: z.strictObject({
      reason: text(1000)
        .optional()
        .describe("The suspension's reason; the recommendation's when absent"),
      until: z.iso.datetime({ offset: true }).optional(),
    }),
    responses: {
      200: {
        description:
          'The license, suspended. The same act again (same regulator, reason and end) is a replay with `Idempotent-Replayed: true`, and writes the suspension if a stopped node left it missing',
        schema: LicenseViewSchema,
      },
      ...refusals,
    },
  }),
  dismiss: route({
    operationId: 'dismissSuspensionRecommendation',
    method: 'post',
    path: '/v1/licensing/suspension-recommendations/{actionId}/dismiss',
    action: 'license.manage',
    summary: 'Dismiss a recommendation, with a reason',
    tags: ['licensing'],
    params: Params,
    body: z.strictObject({ reason: text(1000) }),
    responses: {
      200: {
        description:
          'The recommendation, dismissed; the same dismissal again (same regulator and reason) is a replay with `Idempotent-Replayed: true`',
        schema: RecommendationViewSchema,
      },
      ...refusals,
    },
  }),
};
