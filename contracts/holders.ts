import { z } from 'zod';
import { NationalId } from './applicants';
import { HolderSchema, LicenseViewSchema, PageQuery, pageOf } from './licensing';
import { InstantSchema, ProblemSchema, route } from './route';
import { holderRequestKinds, holderRequestStatuses } from './vocabulary';

const text = (max: number) => z.string().trim().min(1).max(max);

export const FileHolderRequestBody = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('renewal'),
      validityYears: z.number().int().min(1).max(10).describe('Jalali years asked for'),
      reason: text(1000).optional(),
    }),
    z.strictObject({
      kind: z.literal('transfer'),
      receiverNationalId: NationalId.describe(
        'The receiving applicant (signed up with this national id); kept only as its keyed hash',
      ),
      to: HolderSchema.describe('The holder the license passes to'),
      reason: text(1000),
    }),
    z.strictObject({ kind: z.literal('cancellation'), reason: text(1000) }),
    z.strictObject({ kind: z.literal('address_change'), address: text(300) }),
  ])
  .meta({ id: 'HolderRequestBody' });

export const HolderRequestViewSchema = z
  .object({
    requestId: z.uuid(),
    licenseId: z.uuid(),
    kind: z.enum(holderRequestKinds),
    status: z.enum(holderRequestStatuses),
    reason: z.string().optional(),
    validityYears: z.number().int().optional(),
    address: z.string().optional(),
    to: HolderSchema.optional(),
    filedAt: InstantSchema,
    acceptedAt: InstantSchema.optional(),
    decision: z
      .object({ outcome: z.enum(['approved', 'rejected']), reason: z.string(), at: InstantSchema })
      .optional(),
    revision: z.number().int(),
  })
  .meta({ id: 'HolderRequest' });

const RequestParams = z.strictObject({ requestId: z.uuid() });
const LicenseParams = z.strictObject({ licenseId: z.uuid() });
const one = {
  200: { description: 'The request after the change', schema: HolderRequestViewSchema },
  400: { description: 'Invalid input; nothing was stored', schema: ProblemSchema },
  404: { description: "Not the caller's request", schema: ProblemSchema },
  409: { description: 'Not allowed in the current state', schema: ProblemSchema },
};
const decide = (outcome: 'approve' | 'reject') =>
  route({
    operationId: `${outcome}HolderRequest`,
    method: 'post',
    path: `/v1/holder-requests/{requestId}/${outcome}`,
    action: 'holder.decide',
    summary:
      outcome === 'approve'
        ? "Approve a pending holder's request, with a reason: it takes effect on the license"
        : "Reject a pending holder's request, with a reason",
    tags: ['holders'],
    params: RequestParams,
    body: z.strictObject({ reason: text(1000) }),
    responses: {
      ...one,
      200: {
        description:
          outcome === 'approve'
            ? 'The request, approved. The same approval again (same regulator and reason) is a replay with `Idempotent-Replayed: true`, and writes the effect on the license if a stopped node left it missing; another decision is 409'
            : 'The request, rejected. The same rejection again (same regulator and reason) is a replay with `Idempotent-Replayed: true`; another decision is 409',
        schema: HolderRequestViewSchema,
      },
    },
  });

export const holderRoutes = {
  licenses: route({
    operationId: 'listHeldLicenses',
    method: 'get',
    path: '/v1/holder/licenses',
    action: 'holder.request',
    summary: 'The licenses the signed-in applicant holds',
    tags: ['holders'],
    query: z.strictObject(PageQuery),
    responses: {
      200: {
        description: 'A page of licenses',
        schema: pageOf(LicenseViewSchema, 'HeldLicensePage'),
      },
    },
  }),
  license: route({
    operationId: 'getHeldLicense',
    method: 'get',
    path: '/v1/holder/licenses/{licenseId}',
    action: 'holder.request',
    summary: 'One license the signed-in applicant holds; any other is 404',
    tags: ['holders'],
    params: LicenseParams,
    responses: {
      200: { description: 'The license', schema: LicenseViewSchema },
      404: { description: 'Not held by the caller', schema: ProblemSchema },
    },
  }),
  file: route({
    operationId: 'fileHolderRequest',
    method: 'post',
    path: '/v1/holder/licenses/{licenseId}/requests',
    action: 'holder.request',
    summary:
      'Ask for renewal, transfer, voluntary cancellation or change of address of a held license',
    description:
      'Renewal may be asked for from 90 days before expiry (earlier is 409). A transfer names the receiving applicant by national id; they accept it before the regulator can decide. One request of each kind may be open per license, across every node (409).',
    tags: ['holders'],
    params: LicenseParams,
    body: FileHolderRequestBody,
    responses: {
      201: { description: 'The request', schema: HolderRequestViewSchema },
      400: one[400],
      404: one[404],
      409: one[409],
    },
  }),
  list: route({
    operationId: 'listHolderRequests',
    method: 'get',
    path: '/v1/holder-requests',
    action: 'holder.read',
    summary:
      "Holders' requests: the regulator's queue (filter `status=pending`), or an applicant's own (filed or to accept)",
    tags: ['holders'],
    query: z.strictObject({
      status: z.enum(holderRequestStatuses).optional(),
      kind: z.enum(holderRequestKinds).optional(),
      ...PageQuery,
    }),
    responses: {
      200: {
        description: 'A page of requests',
        schema: pageOf(HolderRequestViewSchema, 'HolderRequestPage'),
      },
    },
  }),
  get: route({
    operationId: 'getHolderRequest',
    method: 'get',
    path: '/v1/holder-requests/{requestId}',
    action: 'holder.read',
    summary: "One holder's request; an applicant sees only those they filed or receive",
    tags: ['holders'],
    params: RequestParams,
    responses: { 200: one[200], 404: one[404] },
  }),
  accept: route({
    operationId: 'acceptTransfer',
    method: 'post',
    path: '/v1/holder-requests/{requestId}/accept',
    action: 'holder.request',
    summary: 'The receiving applicant accepts a transfer named to them',
    tags: ['holders'],
    params: RequestParams,
    responses: one,
  }),
  approve: decide('approve'),
  reject: decide('reject'),
};
