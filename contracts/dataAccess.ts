import { z } from 'zod';
import { DataItem } from './events/dataAccess';
import { PageQuery } from './licensing';
import { nationalId, parseInstant, parseJalaliDate } from './primitives';
import { ProvinceSchema } from './provinces';
import { InstantSchema, ProblemSchema, route } from './route';
import {
  dataAccessLevels,
  dataAccessOutcomes,
  dataChannels,
  supervisionActions,
} from './vocabulary';

const Id = z.string().min(1).max(64);
const Instant = z
  .string()
  .max(40)
  .refine((s) => parseInstant(s) !== undefined, 'an ISO instant or a Jalali date and time');
const JalaliDay = z
  .string()
  .max(12)
  .refine((s) => parseJalaliDate(s) !== undefined, 'a Jalali date, e.g. 1405/09/01');
const NationalId = z
  .string()
  .max(20)
  .refine((s) => nationalId(s) !== undefined, 'not a valid national id (کد ملی)')
  .transform((s) => nationalId(s)!)
  .describe('Never stored: the ledger keeps only its keyed hash');
const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

const ServiceAccessBody = z.strictObject({
  serviceCode: Id,
  items: z.array(DataItem).min(1).max(30),
  level: z.enum(dataAccessLevels),
  customerPresent: z.boolean(),
  consent: z.boolean(),
  maxLookupsPerDelivery: z.number().int().min(1).max(100),
  officeHours: z.strictObject({ from: Hhmm, to: Hhmm }).optional(),
});

const InstructionVersionSchema = z
  .object({
    agencyId: z.string(),
    version: z.number().int(),
    services: z.array(ServiceAccessBody),
    channel: z.enum(dataChannels),
    effectiveFrom: InstantSchema,
    recordedAt: InstantSchema,
    acknowledgedAt: InstantSchema.optional(),
  })
  .meta({ id: 'DataInstructionVersion' });

const AttemptSchema = z
  .object({
    accessId: z.string(),
    at: InstantSchema,
    outcome: z.enum(dataAccessOutcomes),
    rule: z.string().optional().describe('The rule a refusal broke, or why the provider failed'),
    agencyId: z.string().optional(),
    officeId: z.string(),
    province: z.string().optional(),
    serviceCode: z.string(),
    items: z.array(z.string()),
    instructionVersion: z.number().int().optional(),
    channel: z.enum(dataChannels).optional(),
    providerReference: z.string().optional(),
    digest: z
      .string()
      .optional()
      .describe('SHA-256 of the data handed over; the data is never kept'),
    credentialId: z.string(),
    operator: z.string(),
    outsideHours: z.boolean(),
  })
  .meta({ id: 'DataAccessAttempt' });

const AuditQuery = z.strictObject({
  officeId: Id.optional(),
  province: ProvinceSchema.optional(),
  serviceCode: Id.optional(),
  outcome: z.enum(dataAccessOutcomes).optional(),
  from: JalaliDay.optional(),
  to: JalaliDay.optional(),
  ...PageQuery,
});

const AnomalySchema = z
  .object({
    kind: z.enum(['lookups-exceed-payments', 'outside-hours', 'consent-failures']),
    officeId: z.string(),
    serviceCode: z.string().optional(),
    count: z.number().int(),
    payments: z.number().int().optional(),
  })
  .meta({ id: 'DataAccessAnomaly' });

const Refused = {
  description: 'Refused by a rule (`rule`); the attempt is recorded',
  schema: ProblemSchema,
};
const Unavailable = {
  description: 'The provider is unavailable (Retry-After); the failed attempt is recorded',
  schema: ProblemSchema,
};

export const dataAccessRoutes = {
  recordInstruction: route({
    operationId: 'recordDataInstruction',
    method: 'post',
    path: '/v1/data-instructions',
    action: 'dataInstruction.record',
    summary:
      'An agency records a new version of its customer-data instruction for its own services (clause 5)',
    tags: ['data access'],
    body: z
      .strictObject({
        services: z.array(ServiceAccessBody).min(1).max(200),
        channel: z.enum(dataChannels),
        effectiveFrom: Instant,
      })
      .meta({ id: 'RecordDataInstructionRequest' }),
    responses: {
      201: {
        description: 'Recorded; it takes effect once the regulator acknowledges it',
        schema: z.object({ agencyId: z.string(), version: z.number().int() }),
      },
      404: { description: 'A service that is not this agency’s', schema: ProblemSchema },
    },
  }),
  acknowledgeInstruction: route({
    operationId: 'acknowledgeDataInstruction',
    method: 'post',
    path: '/v1/data-instructions/{agencyId}/versions/{version}/acknowledge',
    action: 'dataInstruction.acknowledge',
    summary: 'The regulator acknowledges an instruction version, so it may take effect',
    tags: ['data access'],
    params: z.strictObject({
      agencyId: Id,
      version: z.coerce.number().int().min(1).max(1_000_000),
    }),
    responses: { 200: { description: 'Acknowledged', schema: InstructionVersionSchema } },
  }),
  instruction: route({
    operationId: 'dataInstructionInForce',
    method: 'get',
    path: '/v1/data-instructions/{agencyId}',
    action: 'dataInstruction.read',
    summary: "The agency's instruction in force at `at` (default now), with every version recorded",
    tags: ['data access'],
    params: z.strictObject({ agencyId: Id }),
    query: z.strictObject({ at: Instant.optional() }),
    responses: {
      200: {
        description: 'In force and history',
        schema: z.object({
          at: InstantSchema,
          exchangeCenterOnly: z.boolean(),
          inForce: InstructionVersionSchema.optional(),
          versions: z.array(InstructionVersionSchema),
        }),
      },
    },
  }),
  switchExchangeCenter: route({
    operationId: 'switchExchangeCenter',
    method: 'post',
    path: '/v1/data-access/exchange-center',
    action: 'dataExchange.switch',
    summary:
      'Switch the National Information Exchange Center on (direct agency channels are then refused) or off',
    tags: ['data access'],
    body: z.strictObject({ on: z.boolean(), reason: z.string().trim().min(1).max(2000) }),
    responses: {
      200: {
        description: 'The switch as it now stands',
        schema: z.object({ on: z.boolean(), byConfiguration: z.boolean() }),
      },
    },
  }),
  openDelivery: route({
    operationId: 'openDataDelivery',
    method: 'post',
    path: '/v1/data-access/consents',
    action: 'dataAccess.lookup',
    summary:
      "Open a service delivery for a customer; when the instruction asks for consent, a one-time code goes to the customer's registered mobile",
    tags: ['data access'],
    body: z
      .strictObject({
        nationalId: NationalId,
        serviceCode: Id,
        operator: z.string().trim().min(1).max(100),
        customerPresent: z.boolean(),
      })
      .meta({ id: 'OpenDataDeliveryRequest' }),
    responses: {
      201: {
        description: 'Opened',
        schema: z.object({
          consentId: z.string(),
          expiresAt: InstantSchema,
          codeSent: z.boolean(),
        }),
      },
      422: Refused,
      503: Unavailable,
    },
  }),
  lookup: route({
    operationId: 'lookUpCustomerData',
    method: 'post',
    path: '/v1/data-access/lookups',
    action: 'dataAccess.lookup',
    summary:
      'Fetch customer data from the agency or the exchange center; it is handed over, never kept',
    tags: ['data access'],
    body: z
      .strictObject({
        nationalId: NationalId,
        serviceCode: Id,
        items: z.array(DataItem).min(1).max(30),
        operator: z.string().trim().min(1).max(100),
        customerPresent: z.boolean(),
        consentId: z.uuid().optional(),
        consentCode: z
          .string()
          .regex(/^\d{6}$/)
          .optional(),
      })
      .meta({ id: 'CustomerDataLookupRequest' }),
    responses: {
      200: {
        description: 'The data (Cache-Control: no-store)',
        schema: z.object({
          accessId: z.string(),
          data: z.record(z.string(), z.unknown()),
          digest: z.string(),
          providerReference: z.string(),
          instructionVersion: z.number().int(),
          channel: z.enum(dataChannels),
        }),
      },
      422: Refused,
      503: Unavailable,
    },
  }),
  audit: route({
    operationId: 'dataAccessAudit',
    method: 'get',
    path: '/v1/data-access/audit',
    action: 'dataAccess.audit',
    summary: 'Every access attempt: an agency sees those at its own data, the regulator all',
    tags: ['data access'],
    query: AuditQuery,
    responses: {
      200: {
        description: 'A page of attempts',
        schema: z.object({ items: z.array(AttemptSchema), nextCursor: z.string().optional() }),
      },
    },
  }),
  auditCsv: route({
    operationId: 'dataAccessAuditCsv',
    method: 'get',
    path: '/v1/data-access/audit.csv',
    action: 'dataAccess.audit',
    summary: 'The same attempts as a spreadsheet-safe CSV (UTF-8 with BOM, at most 50,000 rows)',
    tags: ['data access'],
    query: AuditQuery.omit({ cursor: true, limit: true }),
    responses: { 200: { description: 'CSV', contentType: 'text/csv' } },
  }),
  anomalies: route({
    operationId: 'dataAccessAnomalies',
    method: 'get',
    path: '/v1/data-access/anomalies',
    action: 'dataAccess.anomalies',
    summary:
      'Offices whose look-ups far exceed their payments for the same services, that looked up outside hours, or whose codes failed repeatedly',
    tags: ['data access'],
    query: z.strictObject({ from: JalaliDay, to: JalaliDay }),
    responses: {
      200: { description: 'Anomalies', schema: z.object({ items: z.array(AnomalySchema) }) },
    },
  }),
  superviseAnomaly: route({
    operationId: 'superviseDataAccessAnomaly',
    method: 'post',
    path: '/v1/data-access/anomalies/actions',
    action: 'dataAccess.supervise',
    summary:
      'Record a supervision action (warning, inspection, suspension recommended) about an anomaly',
    tags: ['data access'],
    body: z.strictObject({
      officeId: Id,
      kind: AnomalySchema.shape.kind,
      action: z.enum(supervisionActions),
      reason: z.string().trim().min(1).max(2000),
    }),
    responses: {
      201: { description: 'Recorded', schema: z.object({ actionId: z.string() }) },
      404: { description: 'No such office', schema: ProblemSchema },
    },
  }),
  historyCode: route({
    operationId: 'requestDataHistoryCode',
    method: 'post',
    path: '/v1/public/data-access/codes',
    action: 'public',
    summary:
      'A citizen asks for a one-time code (sent to their registered mobile through the exchange center) to see who read their data',
    tags: ['data access'],
    body: z.strictObject({ nationalId: NationalId }),
    responses: {
      202: {
        description: 'A code was sent if the national id has a registered mobile',
        schema: z.object({ requestId: z.string(), expiresAt: InstantSchema }),
      },
      503: Unavailable,
    },
  }),
  history: route({
    operationId: 'readDataHistory',
    method: 'post',
    path: '/v1/public/data-access/history',
    action: 'public',
    summary: 'With the national id and the one-time code, which offices read which data and when',
    tags: ['data access'],
    body: z.strictObject({
      requestId: z.uuid(),
      nationalId: NationalId,
      code: z.string().regex(/^\d{6}$/),
    }),
    responses: {
      200: {
        description: 'Every look-up of the citizen’s data that was handed over',
        schema: z.object({
          items: z.array(
            z.object({
              at: InstantSchema,
              officeId: z.string(),
              province: z.string().optional(),
              agencyId: z.string().optional(),
              serviceCode: z.string(),
              items: z.array(z.string()),
            }),
          ),
        }),
      },
      422: Refused,
    },
  }),
};
