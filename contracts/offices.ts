import { z } from 'zod';
import { licenseStatuses } from './vocabulary';
import { OfficeKindSchema, PageQuery, PhoneSchema } from './licensing';
import { ProvinceSchema } from './provinces';
import { InstantSchema, ProblemSchema, route } from './route';

const text = (max: number) => z.string().trim().min(1).max(max);
const OfficeId = z.string().regex(/^[A-Za-z0-9-]{2,32}$/, '2–32 letters, digits or dashes');
const TerminalId = z.string().regex(/^[A-Za-z0-9]{8}$/, '8 letters or digits');
const ServiceCode = z.string().min(1).max(64);

const Locality = z
  .strictObject({ kind: z.enum(['city', 'village']), name: text(100) })
  .meta({ id: 'Locality' });
const details = {
  nameFa: text(200).describe('Persian name'),
  nameEn: text(200),
  locality: Locality,
  address: text(300),
  postalCode: z.string().max(20).describe('10 digits (کد پستی)'),
  phone: PhoneSchema,
  iban: z.string().max(40).describe('Sheba (شبا) for the office fee share: IR + 24 digits'),
};

export const RegisterOfficeBody = z
  .strictObject({ officeId: OfficeId, licenseId: z.uuid(), ...details })
  .meta({
    id: 'RegisterOffice',
    example: {
      officeId: 'OF-07-0001',
      licenseId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
      nameFa: 'دفتر پیشخوان آزادی',
      nameEn: 'Azadi Pishkhan Office',
      locality: { kind: 'city', name: 'Tehran' },
      address: 'Azadi St. 1',
      postalCode: '1345678901',
      phone: '02112345678',
      iban: 'IR820540102680020817909002',
    },
  });

const OfficeViewSchema = z
  .object({
    officeId: z.string(),
    licenseId: z.uuid(),
    license: z.object({
      licenseNumber: z.string().optional(),
      status: z.enum(licenseStatuses),
      validUntil: InstantSchema.optional(),
    }),
    province: ProvinceSchema,
    kind: OfficeKindSchema,
    nameFa: z.string(),
    nameEn: z.string(),
    locality: Locality,
    address: z.string(),
    postalCode: z.string(),
    phone: z.string(),
    iban: z.string(),
    services: z.array(z.string()).describe('Assigned now'),
    revision: z.number().int(),
  })
  .meta({ id: 'Office' });

const OfficeChangeSchema = z
  .object({
    type: z.string(),
    at: InstantSchema,
    by: z.string(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'OfficeChange' });

const AssignmentSchema = z
  .object({
    officeId: z.string(),
    serviceCode: z.string(),
    agencyId: z.string().optional(),
    province: ProvinceSchema,
    from: InstantSchema,
    until: InstantSchema.optional(),
  })
  .meta({ id: 'Assignment', description: 'The service was assigned over [from, until)' });

const TerminalSchema = z
  .object({
    terminalId: z.string(),
    merchantId: z.string(),
    psp: z.string(),
    pspId: z.string().optional().describe('The registered PSP (پرداخت‌یار) that runs the terminal'),
    officeId: z.string(),
    credentialId: z
      .uuid()
      .optional()
      .describe("The terminal's own gateway credential, if it has one"),
    status: z.enum(['active', 'deactivated']),
    registeredAt: InstantSchema,
    deactivatedAt: InstantSchema.optional(),
  })
  .meta({ id: 'Terminal' });

const page = (schema: z.ZodType, id: string) =>
  z
    .object({
      items: z.array(schema),
      nextCursor: z.string().optional(),
      position: z.number().int().describe('Log position the page reflects'),
    })
    .meta({ id });

const OfficeParams = z.strictObject({ officeId: OfficeId });
const TerminalParams = z.strictObject({ terminalId: TerminalId });
const conflict = {
  409: {
    description: 'Not allowed in the current state; `currentState` names it',
    schema: ProblemSchema,
  },
};
const tags = ['offices'];

export const officeRoutes = {
  register: route({
    operationId: 'registerOffice',
    method: 'post',
    path: '/v1/offices',
    action: 'office.register',
    summary: 'Register the office of an active license; province and kind come from the license',
    tags,
    body: RegisterOfficeBody,
    responses: { 201: { description: 'Registered', schema: OfficeViewSchema }, ...conflict },
  }),
  list: route({
    operationId: 'listOffices',
    method: 'get',
    path: '/v1/offices',
    action: 'office.read',
    summary:
      'Offices by province and kind; an office sees itself, an agency the offices delivering its services',
    tags,
    query: z.strictObject({
      province: ProvinceSchema.optional(),
      kind: OfficeKindSchema.optional(),
      ...PageQuery,
    }),
    responses: {
      200: {
        description: 'One page, ordered by office id',
        schema: page(OfficeViewSchema, 'OfficePage'),
      },
    },
  }),
  get: route({
    operationId: 'getOffice',
    method: 'get',
    path: '/v1/offices/{officeId}',
    action: 'office.read',
    summary: 'An office: its current data and its history of changes',
    tags,
    params: OfficeParams,
    responses: {
      200: {
        description: 'The office',
        schema: OfficeViewSchema.extend({ history: z.array(OfficeChangeSchema) }).meta({
          id: 'OfficeWithHistory',
        }),
      },
    },
  }),
  update: route({
    operationId: 'changeOfficeDetails',
    method: 'patch',
    path: '/v1/offices/{officeId}',
    action: 'office.update',
    summary: 'Change names, address, postal code, phone or IBAN (recorded as a change event)',
    tags,
    params: OfficeParams,
    body: z.strictObject(details).partial().meta({ id: 'ChangeOfficeDetails' }),
    responses: {
      200: { description: 'The office after the change', schema: OfficeViewSchema },
      ...conflict,
    },
  }),
  assign: route({
    operationId: 'assignService',
    method: 'post',
    path: '/v1/offices/{officeId}/assignments',
    action: 'assignment.manage',
    summary:
      "Assign a service; only under an active license and while it is outsourceable in the office's province",
    tags,
    params: OfficeParams,
    body: z.strictObject({ serviceCode: ServiceCode }).meta({ id: 'AssignService' }),
    responses: { 201: { description: 'Assigned', schema: AssignmentSchema }, ...conflict },
  }),
  withdraw: route({
    operationId: 'withdrawService',
    method: 'post',
    path: '/v1/offices/{officeId}/assignments/{serviceCode}/withdraw',
    action: 'assignment.manage',
    summary: 'Withdraw an assigned service',
    tags,
    params: z.strictObject({ officeId: OfficeId, serviceCode: ServiceCode }),
    body: z.strictObject({ reason: text(1000) }),
    responses: { 200: { description: 'Withdrawn', schema: AssignmentSchema }, ...conflict },
  }),
  assignments: route({
    operationId: 'listAssignments',
    method: 'get',
    path: '/v1/assignments',
    action: 'assignment.read',
    summary: 'Assignments by office or by service; with `at`, only those in force at that instant',
    tags,
    query: z.strictObject({
      officeId: OfficeId.optional(),
      serviceCode: ServiceCode.optional(),
      at: z.iso.datetime({ offset: true }).optional(),
      ...PageQuery,
    }),
    responses: {
      200: { description: 'One page', schema: page(AssignmentSchema, 'AssignmentPage') },
    },
  }),
  registerTerminal: route({
    operationId: 'registerTerminal',
    method: 'post',
    path: '/v1/terminals',
    action: 'terminal.register',
    summary:
      "Register a payment terminal to one office. The regulator's registration returns the terminal's own gateway token and signing secret, shown once; a PSP registers a terminal of its own for an office that chose it, and posts for it with its PSP key",
    tags,
    body: z
      .strictObject({
        terminalId: TerminalId,
        merchantId: z.string().regex(/^[A-Za-z0-9]{15}$/, '15 letters or digits'),
        psp: text(100),
        officeId: OfficeId,
        pspId: z
          .string()
          .max(32)
          .optional()
          .describe(
            'Regulator only: the registered PSP that runs the terminal (the office must have chosen it); a PSP registers in its own name',
          ),
      })
      .meta({
        id: 'RegisterTerminal',
        example: {
          terminalId: 'T0000001',
          merchantId: '000000012345678',
          psp: 'Behpardakht',
          officeId: 'OF-07-0001',
        },
      }),
    responses: {
      201: {
        description: 'Registered; the credential is shown once',
        schema: z
          .object({
            terminal: TerminalSchema,
            token: z.string().optional().describe("The terminal's gateway token (regulator only)"),
            signingSecret: z.string().optional(),
            expiresAt: InstantSchema.optional(),
          })
          .meta({ id: 'RegisteredTerminal' }),
      },
      ...conflict,
    },
  }),
  listTerminals: route({
    operationId: 'listTerminals',
    method: 'get',
    path: '/v1/terminals',
    action: 'terminal.read',
    summary: 'Terminals; an office sees its own, a PSP those registered to it',
    tags,
    query: z.strictObject({
      officeId: OfficeId.optional(),
      status: z.enum(['active', 'deactivated']).optional(),
      ...PageQuery,
    }),
    responses: { 200: { description: 'One page', schema: page(TerminalSchema, 'TerminalPage') } },
  }),
  rotateSecret: route({
    operationId: 'rotateTerminalSecret',
    method: 'post',
    path: '/v1/terminals/{terminalId}/rotate-secret',
    action: 'terminal.manage',
    summary: 'A new signing secret, shown once; the old one stays valid for `graceHours`',
    tags,
    params: TerminalParams,
    body: z
      .strictObject({ graceHours: z.number().min(0).max(720).default(24) })
      .meta({ id: 'RotateTerminalSecret' }),
    responses: {
      200: {
        description: 'Rotated',
        schema: z
          .object({ signingSecret: z.string(), previousValidUntil: InstantSchema })
          .meta({ id: 'RotatedSecret' }),
      },
      ...conflict,
    },
  }),
  deactivate: route({
    operationId: 'deactivateTerminal',
    method: 'post',
    path: '/v1/terminals/{terminalId}/deactivate',
    action: 'terminal.manage',
    summary: 'Deactivate a terminal; its credential is revoked at once',
    tags,
    params: TerminalParams,
    body: z.strictObject({ reason: text(1000) }),
    responses: { 200: { description: 'Deactivated', schema: TerminalSchema }, ...conflict },
  }),
};
