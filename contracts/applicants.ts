import { z } from 'zod';
import {
  ContactSchema,
  HolderSchema,
  LocationSchema,
  OfficeKindSchema,
  PageQuery,
  pageOf,
} from './licensing';
import { nationalId } from './primitives';
import { normaliseDigits } from './primitives/digits';
import { ProvinceSchema } from './provinces';
import { InstantSchema, ProblemSchema, route } from './route';
import {
  applicationStatuses,
  documentContentTypes,
  documentKinds,
  licenseStatuses,
} from './vocabulary';

const text = (max: number) => z.string().trim().min(1).max(max);

export const NationalId = z
  .string()
  .max(20)
  .refine((s) => nationalId(s) !== undefined, 'not a valid national id (کد ملی)')
  .transform((s) => nationalId(s)!)
  .describe('Never stored in clear: events keep only its keyed hash');

/** An Iranian mobile number (شماره همراه): 09 and nine digits; Persian digits accepted. */
const Mobile = z
  .string()
  .max(20)
  .transform((s) => normaliseDigits(s.trim()))
  .pipe(z.string().regex(/^09\d{9}$/, 'a mobile number like 09121234567'));

const Code = z
  .string()
  .max(12)
  .transform((s) => normaliseDigits(s.trim()))
  .pipe(z.string().regex(/^\d{6}$/, 'six digits'));

export const ApplicationViewSchema = z
  .object({
    applicationId: z.uuid(),
    status: z.enum(applicationStatuses),
    province: ProvinceSchema,
    officeKind: OfficeKindSchema,
    holder: HolderSchema,
    location: LocationSchema,
    contact: ContactSchema,
    documents: z.array(
      z.object({
        documentKind: z.enum(documentKinds),
        contentType: z.enum(documentContentTypes),
        bytes: z.number().int(),
        sha256: z.string(),
        attachedAt: InstantSchema,
      }),
    ),
    requiredDocuments: z.array(z.enum(documentKinds)),
    returnReason: z.string().optional(),
    licenseId: z.uuid().optional().describe('Set once forwarded to the working group'),
    licenseStatus: z.enum(licenseStatuses).optional(),
    notified: z.array(z.object({ outcome: z.string(), at: InstantSchema })),
    draftedAt: InstantSchema,
    revision: z.number().int(),
  })
  .meta({ id: 'Application' });

const ApplicationPage = pageOf(ApplicationViewSchema, 'ApplicationPage');
const IdParams = z.strictObject({ applicationId: z.uuid() });
const DocParams = z.strictObject({
  applicationId: z.uuid(),
  documentKind: z.enum(documentKinds),
});
const one = {
  200: { description: 'The application after the change', schema: ApplicationViewSchema },
  400: { description: 'Invalid input; nothing was stored', schema: ProblemSchema },
  409: { description: 'Not allowed in the current state', schema: ProblemSchema },
};

export const DraftApplicationBody = z
  .strictObject({
    holder: HolderSchema.describe(
      'A natural person must be the applicant (same national id); a company by its legal id',
    ),
    province: ProvinceSchema,
    officeKind: OfficeKindSchema,
    location: LocationSchema,
    contact: ContactSchema,
  })
  .meta({ id: 'ApplicationDraft' });

export const applicantRoutes = {
  requestCode: route({
    operationId: 'requestApplicantCode',
    method: 'post',
    path: '/v1/public/applicants/codes',
    action: 'public',
    summary: 'A person asks for a one-time sign-up code, sent by SMS to the mobile given',
    tags: ['applicants'],
    body: z.strictObject({ nationalId: NationalId, mobile: Mobile }),
    responses: {
      202: {
        description: 'The code was sent; it expires at `expiresAt` and opens one session',
        schema: z.object({ requestId: z.uuid(), expiresAt: InstantSchema }),
      },
      400: { description: 'Invalid national id or mobile', schema: ProblemSchema },
      429: { description: 'Too many codes asked for this national id', schema: ProblemSchema },
      503: { description: 'The SMS provider could not be reached', schema: ProblemSchema },
    },
  }),
  openSession: route({
    operationId: 'openApplicantSession',
    method: 'post',
    path: '/v1/public/applicants/sessions',
    action: 'public',
    summary: 'With the code, sign up (first time) or in, and receive a bearer token',
    tags: ['applicants'],
    body: z.strictObject({ requestId: z.uuid(), nationalId: NationalId, code: Code }),
    responses: {
      201: {
        description: 'The bearer token (shown once) and when it expires',
        schema: z.object({
          applicantId: z.string(),
          token: z.string(),
          expiresAt: InstantSchema,
        }),
      },
      400: {
        description: 'The code is wrong, used or expired (or tried too often); nothing is stored',
        schema: ProblemSchema,
      },
    },
  }),
  draft: route({
    operationId: 'draftApplication',
    method: 'post',
    path: '/v1/applications',
    action: 'application.draft',
    summary: 'An applicant drafts an application for an office kind in a province',
    tags: ['applicants'],
    body: DraftApplicationBody,
    responses: { 201: { description: 'The draft', schema: ApplicationViewSchema }, ...one },
  }),
  list: route({
    operationId: 'listApplications',
    method: 'get',
    path: '/v1/applications',
    action: 'application.read',
    summary: "Applications in the caller's scope (an applicant's own; a working group's province)",
    tags: ['applicants'],
    query: z.strictObject({
      status: z.enum(applicationStatuses).optional(),
      province: ProvinceSchema.optional(),
      ...PageQuery,
    }),
    responses: { 200: { description: 'A page of applications', schema: ApplicationPage } },
  }),
  get: route({
    operationId: 'getApplication',
    method: 'get',
    path: '/v1/applications/{applicationId}',
    action: 'application.read',
    summary: "One application; outside the caller's scope it does not exist (404)",
    tags: ['applicants'],
    params: IdParams,
    responses: {
      200: { description: 'The application', schema: ApplicationViewSchema },
      404: { description: 'Not found', schema: ProblemSchema },
    },
  }),
  attach: route({
    operationId: 'attachApplicationDocument',
    method: 'put',
    path: '/v1/applications/{applicationId}/documents/{documentKind}',
    action: 'application.draft',
    summary: 'Attach (or replace) one document of a draft or returned application',
    description:
      'The content is base64; its bytes must be of the declared type (checked by their magic numbers) and within DOCUMENT_MAX_BYTES.',
    tags: ['applicants'],
    params: DocParams,
    body: z.strictObject({
      contentType: z.enum(documentContentTypes),
      contentBase64: z
        .string()
        .min(1)
        .max(1_400_000)
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
    }),
    responses: one,
  }),
  readDocument: route({
    operationId: 'readApplicationDocument',
    method: 'get',
    path: '/v1/applications/{applicationId}/documents/{documentKind}',
    action: 'application.read',
    summary: "The document's bytes; every read is recorded (audit)",
    tags: ['applicants'],
    params: DocParams,
    responses: {
      200: { description: 'The document', contentType: 'application/octet-stream' },
      404: { description: 'Not found', schema: ProblemSchema },
    },
  }),
  submit: route({
    operationId: 'submitApplication',
    method: 'post',
    path: '/v1/applications/{applicationId}/submit',
    action: 'application.draft',
    summary: 'Submit (or resubmit after its return) an application with every required document',
    tags: ['applicants'],
    params: IdParams,
    responses: one,
  }),
  return: route({
    operationId: 'returnApplication',
    method: 'post',
    path: '/v1/applications/{applicationId}/return',
    action: 'application.review',
    summary: 'Return a submitted application for completion, with a reason',
    tags: ['applicants'],
    params: IdParams,
    body: z.strictObject({ reason: text(1000) }),
    responses: one,
  }),
  forward: route({
    operationId: 'forwardApplication',
    method: 'post',
    path: '/v1/applications/{applicationId}/forward',
    action: 'application.review',
    summary:
      "Find a submitted application complete: it becomes a license application for the working group's votes",
    tags: ['applicants'],
    params: IdParams,
    responses: one,
  }),
};
