import { z } from 'zod';
import { licenseStatuses, memberBodies } from './vocabulary';
import { ProvinceSchema } from './provinces';
import { InstantSchema, ProblemSchema, route } from './route';

const text = (max: number) => z.string().trim().min(1).max(max);

export const HolderSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('legal'),
      legalId: text(20).describe('11-digit legal id (شناسه ملی)'),
      name: text(200),
    }),
    z.strictObject({
      kind: z.literal('natural'),
      nationalId: text(20).describe('10-digit national id (کد ملی); rural offices only'),
      name: text(200),
    }),
  ])
  .meta({ id: 'LicenseHolder', description: 'License holder (دارنده پروانه)' });

export const OfficeKindSchema = z.enum(['urban', 'rural']).meta({ id: 'OfficeKind' });
export const PhoneSchema = z
  .string()
  .regex(/^0\d{10}$/, 'an 11-digit phone number starting with 0');

export const LocationSchema = z
  .strictObject({
    localityKind: z.enum(['city', 'village']),
    locality: text(100),
    address: text(300),
  })
  .meta({ id: 'OfficeLocation' });
export const ContactSchema = z
  .strictObject({ phone: PhoneSchema, email: z.email().optional() })
  .meta({ id: 'Contact' });

export const ApplyForLicenseBody = z
  .strictObject({
    applicant: HolderSchema,
    province: ProvinceSchema,
    officeKind: OfficeKindSchema,
    location: LocationSchema,
    contact: ContactSchema,
  })
  .meta({
    id: 'LicenseApplication',
    example: {
      applicant: { kind: 'legal', legalId: '10380284790', name: 'Pishgaman Co.' },
      province: 'IR-23',
      officeKind: 'urban',
      location: { localityKind: 'city', locality: 'Tehran', address: 'Azadi St. 1' },
      contact: { phone: '02112345678' },
    },
  });

const Reason = z.strictObject({ reason: text(1000) });
const ValidityYears = z.number().int().min(1).max(10).describe('Validity period in Jalali years');

export const LicenseViewSchema = z
  .object({
    licenseId: z.uuid(),
    status: z.enum(licenseStatuses),
    province: ProvinceSchema,
    officeKind: OfficeKindSchema,
    applicant: HolderSchema,
    location: LocationSchema,
    contact: ContactSchema,
    appliedAt: InstantSchema,
    votes: z.array(
      z.object({
        memberBody: z.enum(memberBodies),
        vote: z.enum(['approve', 'reject']),
        reason: z.string(),
        votedAt: InstantSchema,
      }),
    ),
    refusalReason: z.string().optional(),
    licenseNumber: z.string().optional(),
    holder: HolderSchema.optional(),
    validFrom: InstantSchema.optional(),
    validUntil: InstantSchema.optional().describe(
      'Exclusive: expired from this instant unless renewed before',
    ),
    suspendedUntil: InstantSchema.optional(),
    cancelledAt: InstantSchema.optional(),
    revision: z.number().int(),
  })
  .meta({ id: 'License' });

export const PageQuery = {
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};
export const pageOf = (schema: z.ZodType, id: string) =>
  z
    .object({
      items: z.array(schema),
      nextCursor: z.string().optional(),
      position: z.number().int().describe('Log position the page reflects'),
    })
    .meta({ id });
const LicensePage = pageOf(LicenseViewSchema, 'LicensePage');

const IdParams = z.strictObject({ licenseId: z.uuid() });
const illegal = {
  409: {
    description: 'Not allowed in the current state; `currentState` names it',
    schema: ProblemSchema,
  },
};
const one = {
  200: { description: 'The license after the change', schema: LicenseViewSchema },
  ...illegal,
};

const command = <B extends z.ZodType>(
  name: string,
  path: string,
  action: 'license.vote' | 'license.issue' | 'license.manage',
  summary: string,
  body: B,
) =>
  route({
    operationId: name,
    method: 'post',
    path: `/v1/licenses/{licenseId}/${path}`,
    action,
    summary,
    tags: ['licensing'],
    params: IdParams,
    body,
    responses: one,
  });

export const licensingRoutes = {
  apply: route({
    operationId: 'applyForLicense',
    method: 'post',
    path: '/v1/licenses',
    action: 'license.apply',
    summary: 'Record a license application (درخواست پروانه) for the province working group',
    tags: ['licensing'],
    body: ApplyForLicenseBody,
    responses: { 201: { description: 'Under review', schema: LicenseViewSchema } },
  }),
  list: route({
    operationId: 'listLicenses',
    method: 'get',
    path: '/v1/licenses',
    action: 'license.read',
    summary: 'Applications and licenses with status and expiry; a working group sees its province',
    tags: ['licensing'],
    query: z.strictObject({
      status: z.enum(licenseStatuses).optional(),
      province: ProvinceSchema.optional(),
      ...PageQuery,
    }),
    responses: { 200: { description: 'One page, ordered by id', schema: LicensePage } },
  }),
  expiring: route({
    operationId: 'listExpiringLicenses',
    method: 'get',
    path: '/v1/licenses/expiring',
    action: 'license.read',
    summary: 'Licenses not yet expired whose validity ends within `withinDays`, soonest first',
    tags: ['licensing'],
    query: z.strictObject({
      withinDays: z.coerce.number().int().min(1).max(3650).default(90),
      province: ProvinceSchema.optional(),
      ...PageQuery,
    }),
    responses: { 200: { description: 'One page', schema: LicensePage } },
  }),
  get: route({
    operationId: 'getLicense',
    method: 'get',
    path: '/v1/licenses/{licenseId}',
    action: 'license.read',
    summary: 'One application or license',
    tags: ['licensing'],
    params: IdParams,
    responses: { 200: { description: 'The license', schema: LicenseViewSchema } },
  }),
  vote: command(
    'voteOnApplication',
    'votes',
    'license.vote',
    "Record the caller's member-body vote; the third vote decides by majority",
    z
      .strictObject({ vote: z.enum(['approve', 'reject']), reason: text(1000) })
      .meta({ id: 'WorkingGroupVote' }),
  ),
  issue: command(
    'issueLicense',
    'issue',
    'license.issue',
    'Issue an approved application (صدور پروانه)',
    z
      .strictObject({
        licenseNumber: z.string().regex(/^[A-Z0-9-]{3,32}$/),
        validityYears: ValidityYears.default(5),
      })
      .meta({ id: 'IssueLicense' }),
  ),
  refuse: command(
    'refuseLicense',
    'refuse',
    'license.issue',
    'Refuse an approved application',
    Reason,
  ),
  amend: command(
    'amendLicense',
    'amend',
    'license.manage',
    'Amend address or contact',
    z
      .strictObject({
        address: text(300).optional(),
        phone: PhoneSchema.optional(),
        email: z.email().optional(),
      })
      .meta({ id: 'AmendLicense' }),
  ),
  transfer: command(
    'transferLicense',
    'transfer',
    'license.manage',
    'Transfer to another holder (regulator approval)',
    z.strictObject({ to: HolderSchema, reason: text(1000) }).meta({ id: 'TransferLicense' }),
  ),
  renew: command(
    'renewLicense',
    'renew',
    'license.manage',
    'Renew before expiry; validity extends from its current end',
    z.strictObject({ validityYears: ValidityYears }).meta({ id: 'RenewLicense' }),
  ),
  suspend: command(
    'suspendLicense',
    'suspend',
    'license.manage',
    'Suspend, optionally until a date',
    z
      .strictObject({ reason: text(1000), until: z.iso.datetime({ offset: true }).optional() })
      .meta({ id: 'SuspendLicense' }),
  ),
  reinstate: command('reinstateLicense', 'reinstate', 'license.manage', 'End a suspension', Reason),
  cancel: command('cancelLicense', 'cancel', 'license.manage', 'Cancel (final)', Reason),
};
