import { z } from 'zod';
import { mobile } from './primitives';
import { complaintKinds, complaintStatuses, complaintTopics } from './vocabulary';
import { PageQuery } from './licensing';
import { InstantSchema, ProblemSchema, route } from './route';

const Id = z.string().min(1).max(64);
const Reason = z.string().trim().min(1).max(2000);

const SubjectSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('office'), officeId: Id, serviceCode: Id.optional() }),
    z.strictObject({ kind: z.literal('service'), serviceCode: Id }),
    z.strictObject({ kind: z.literal('agency'), agencyId: Id }),
  ])
  .meta({
    id: 'ComplaintSubject',
    description: 'An office (optionally the service it delivered), a service, or an agency',
  });

const ContactSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    mobile: z
      .string()
      .refine((m) => mobile(m) !== undefined, 'not an Iranian mobile number')
      .transform((m) => mobile(m)!)
      .optional(),
    email: z.email().max(200).optional(),
  })
  .meta({
    id: 'ComplaintContact',
    description: 'Personal data: stored encrypted, shown only to the handling desk, never logged',
  });

export const FileComplaintBody = z
  .strictObject({
    kind: z
      .enum(complaintKinds)
      .describe('شکایت complaint · انتقاد criticism · پیشنهاد suggestion'),
    topic: z.enum(complaintTopics).default('other'),
    subject: SubjectSchema,
    receiptCode: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .optional()
      .describe("Tracking code of the payment's receipt, if any"),
    description: z.string().trim().min(10).max(4000),
    contact: ContactSchema.optional(),
  })
  .meta({
    id: 'FileComplaintRequest',
    example: {
      kind: 'complaint',
      topic: 'overcharge',
      subject: { kind: 'office', officeId: 'OF-1', serviceCode: 'S-101' },
      description: 'I was charged 200,000 rials instead of 150,000',
      contact: { mobile: '09121234567' },
    },
  });

const Provisional = z
  .boolean()
  .describe(
    'The deadline crosses a year whose official calendar is not published: weekends only were skipped there; it is counted again once the calendar is published',
  );

export const PublicStatusSchema = z
  .object({
    trackingCode: z.string(),
    kind: z.enum(complaintKinds),
    status: z.enum(complaintStatuses),
    outcome: z.enum(['upheld', 'not_upheld']).optional(),
    filedAt: InstantSchema,
    lastChangedAt: InstantSchema,
    dueBy: InstantSchema,
    provisional: Provisional,
  })
  .meta({
    id: 'ComplaintPublicStatus',
    description: 'What a citizen with the tracking code sees: no personal data, no office response',
  });

const StepSchema = z.object({
  type: z.string(),
  at: InstantSchema,
  by: z.string(),
  reason: z.string().optional(),
});

export const ComplaintViewSchema = z
  .object({
    complaintId: z.uuid(),
    trackingCode: z.string(),
    kind: z.enum(complaintKinds),
    topic: z.enum(complaintTopics),
    status: z.enum(complaintStatuses),
    subject: SubjectSchema,
    desk: z.object({
      kind: z.enum(['province', 'agency']),
      province: z.string().optional(),
      agencyId: z.string().optional(),
    }),
    receiptCode: z.string().optional(),
    description: z.string(),
    contact: ContactSchema.optional().describe('Only for the handling desk'),
    filedAt: InstantSchema,
    dueBy: InstantSchema,
    provisional: Provisional,
    overdue: z.boolean(),
    outcome: z.enum(['upheld', 'not_upheld']).optional(),
    refunds: z
      .array(
        z.object({
          refundId: z.string(),
          paymentId: z.string(),
          amount: z.string(),
          recordedInLedger: z.boolean(),
        }),
      )
      .optional(),
    history: z.array(StepSchema),
  })
  .meta({ id: 'Complaint' });

const ComplaintIdParams = z.strictObject({ complaintId: z.uuid() });
const step = (
  operationId: string,
  path: string,
  summary: string,
  body: z.ZodType,
  action: 'complaint.handle' | 'complaint.respond' = 'complaint.handle',
) =>
  route({
    operationId,
    method: 'post',
    path: `/v1/complaints/{complaintId}/${path}`,
    action,
    summary,
    tags: ['complaints'],
    params: ComplaintIdParams,
    body,
    responses: {
      200: { description: 'The case after the step', schema: ComplaintViewSchema },
      409: { description: 'Not allowed in the current state', schema: ProblemSchema },
    },
  });

export const complaintRoutes = {
  file: route({
    operationId: 'fileComplaint',
    method: 'post',
    path: '/v1/public/complaints',
    action: 'public',
    summary:
      'File a complaint, criticism or suggestion (no login; rate-limited per client; small bodies only)',
    tags: ['complaints'],
    body: FileComplaintBody,
    responses: {
      201: {
        description: 'Filed; keep the tracking code',
        schema: z
          .object({
            trackingCode: z.string(),
            status: z.enum(complaintStatuses),
            dueBy: InstantSchema,
            provisional: Provisional,
          })
          .meta({ id: 'ComplaintFiled' }),
      },
      413: { description: 'Body too large', schema: ProblemSchema },
      429: {
        description: 'Too many requests from this client; see Retry-After',
        schema: ProblemSchema,
      },
    },
  }),
  status: route({
    operationId: 'complaintStatus',
    method: 'get',
    path: '/v1/public/complaints/{trackingCode}',
    action: 'public',
    summary: "A case's public status by its tracking code (no login)",
    tags: ['complaints'],
    params: z.strictObject({ trackingCode: z.string().min(1).max(40) }),
    responses: {
      200: { description: 'Status', schema: PublicStatusSchema },
      404: { description: 'No such code', schema: ProblemSchema },
    },
  }),
  overdue: route({
    operationId: 'overdueComplaints',
    method: 'get',
    path: '/v1/complaints/overdue',
    action: 'complaint.handle',
    summary:
      'Open cases past their SLA (working days, Iranian weekends and holidays), for the caller’s desks',
    tags: ['complaints'],
    responses: {
      200: {
        description: 'Overdue cases, oldest deadline first',
        schema: z.object({ items: z.array(ComplaintViewSchema) }),
      },
    },
  }),
  statistics: route({
    operationId: 'complaintStatistics',
    method: 'get',
    path: '/v1/complaints/statistics',
    action: 'complaint.aggregate',
    summary: 'Counts by kind, status and province; no personal data',
    tags: ['complaints'],
    responses: {
      200: {
        description: 'Aggregates',
        schema: z
          .object({
            total: z.number().int(),
            byKind: z.record(z.string(), z.number().int()),
            byStatus: z.record(z.string(), z.number().int()),
            byProvince: z.record(z.string(), z.number().int()),
            overdue: z.number().int(),
          })
          .meta({ id: 'ComplaintStatistics' }),
      },
    },
  }),
  statisticsCsv: route({
    operationId: 'complaintStatisticsCsv',
    method: 'get',
    path: '/v1/complaints/statistics.csv',
    action: 'complaint.aggregate',
    summary:
      'The complaint statistics as CSV (UTF-8 with BOM): one row per dimension and key, with its count',
    tags: ['complaints'],
    responses: { 200: { description: 'CSV', contentType: 'text/csv' } },
  }),
  list: route({
    operationId: 'listComplaints',
    method: 'get',
    path: '/v1/complaints',
    action: 'complaint.read',
    summary:
      'Cases in the caller’s scope: an office its own, an agency those about its services, the regulator all',
    tags: ['complaints'],
    query: z.strictObject({ status: z.enum(complaintStatuses).optional(), ...PageQuery }),
    responses: {
      200: {
        description: 'One page of cases in filing order; `nextCursor` is absent on the last page',
        schema: z
          .object({ items: z.array(ComplaintViewSchema), nextCursor: z.string().optional() })
          .meta({ id: 'ComplaintPage' }),
      },
    },
  }),
  get: route({
    operationId: 'getComplaint',
    method: 'get',
    path: '/v1/complaints/{complaintId}',
    action: 'complaint.read',
    summary: 'One case with its history; contact details only for the handling desk',
    tags: ['complaints'],
    params: ComplaintIdParams,
    responses: {
      200: { description: 'The case', schema: ComplaintViewSchema },
      404: { description: 'Not found or out of scope', schema: ProblemSchema },
    },
  }),
  review: step(
    'startComplaintReview',
    'review',
    'Start reviewing a received case',
    z.strictObject({ reason: Reason }),
  ),
  requestOfficeResponse: step(
    'requestOfficeResponse',
    'request-office-response',
    "Ask the office for its account (due in the office SLA's working days)",
    z.strictObject({ reason: Reason }),
  ),
  officeResponse: step(
    'respondToComplaint',
    'office-response',
    'The office concerned answers a request',
    z.strictObject({ response: z.string().trim().min(1).max(4000) }),
    'complaint.respond',
  ),
  resolve: step(
    'resolveComplaint',
    'resolve',
    'Resolve: upheld or not upheld, with remedies (refund ordered, warning)',
    z
      .strictObject({
        outcome: z.enum(['upheld', 'not_upheld']),
        remedies: z
          .array(
            z.discriminatedUnion('kind', [
              z.strictObject({
                kind: z.literal('refund'),
                paymentId: Id,
                amount: z.string().regex(/^\d{1,18}$/),
              }),
              z.strictObject({ kind: z.literal('warning') }),
            ]),
          )
          .max(10)
          .default([]),
        reason: Reason,
      })
      .meta({
        id: 'ResolveComplaintRequest',
        example: {
          outcome: 'upheld',
          remedies: [{ kind: 'refund', paymentId: 'p-…', amount: '50000' }, { kind: 'warning' }],
          reason: 'charged above the approved tariff',
        },
      }),
  ),
  close: step(
    'closeComplaint',
    'close',
    'Close a case without a ruling (duplicate, withdrawn, suggestion noted)',
    z.strictObject({ reason: Reason }),
  ),
};
