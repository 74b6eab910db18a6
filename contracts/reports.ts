import { z } from 'zod';
import { ProvinceSchema } from './provinces';
import { parseJalaliDate } from './primitives';
import { pageOf } from './licensing';
import { InstantSchema, ProblemSchema, route } from './route';

const JalaliDay = z
  .string()
  .max(12)
  .refine((s) => parseJalaliDate(s) !== undefined, 'a Jalali date, e.g. 1403/07/01')
  .meta({ description: 'Jalali (شمسی) calendar day', example: '1403/07/01' });
const DayParam = z.strictObject({
  day: z.string().regex(/^1[34]\d{6}$/, 'a Jalali day as 8 digits, e.g. 14030701'),
});
const Range = { from: JalaliDay, to: JalaliDay };
export const Sealed = {
  ledgerPosition: z.number().int().describe('The log position the report reflects'),
  sha256: z.string().describe('SHA-256 of the rest of the body, as canonical JSON'),
};
export const problems = {
  400: { description: 'Invalid query', schema: ProblemSchema },
  404: { description: 'Not found or outside your scope', schema: ProblemSchema },
};
const Day = z.object({ jalali: z.string(), start: InstantSchema });
export const TotalsShape = {
  payments: z.number().int(),
  gross: z.string(),
  reversalCount: z.number().int(),
  reversals: z.string(),
  refundCount: z.number().int(),
  refunds: z.string(),
  net: z.string().describe('gross − reversals − refunds, rials'),
};
const csvHeaders =
  'Headers X-Ledger-Position and X-Content-SHA256 state the position and the digest of the bytes; Content-Disposition names the file for the report, party and Jalali period. Identifier columns (iban, deposit_id) are written as ="…" so spreadsheets keep them as text.';

const SettlementReport = z
  .object({
    ...Sealed,
    from: Day,
    to: Day,
    cutoff: z.string(),
    totals: z.object(TotalsShape),
    lines: z.array(
      z.object({
        day: Day,
        beneficiary: z.object({
          kind: z.string(),
          id: z.string(),
          iban: z.string(),
          depositId: z.string(),
        }),
        ...TotalsShape,
        byService: z.array(z.object({ serviceCode: z.string(), ...TotalsShape })),
        byOffice: z.array(z.object({ officeId: z.string(), ...TotalsShape })),
      }),
    ),
    expectedTreasuryCredits: z.array(
      z.object({
        day: Day,
        agencyId: z.string(),
        iban: z.string(),
        depositId: z.string(),
        amount: z.string(),
      }),
    ),
  })
  .meta({ id: 'SettlementReport' });

const SettlementQuery = z.strictObject({
  ...Range,
  agencyId: z
    .string()
    .max(64)
    .optional()
    .describe("An agency's own treasury lines; an agency credential always reads only its own"),
});

const Batch = z
  .object({
    batchId: z.string(),
    day: z.string(),
    ledgerPosition: z.number().int(),
    total: z.string(),
    contentSha256: z.string(),
    instructions: z.array(
      z.object({
        endToEndId: z.string(),
        kind: z.string(),
        beneficiaryId: z.string(),
        iban: z.string(),
        depositId: z.string(),
        amount: z.string(),
        payments: z.number().int(),
      }),
    ),
    notPaidOut: z.array(
      z.object({
        kind: z.string(),
        beneficiaryId: z.string(),
        iban: z.string(),
        depositId: z.string(),
        net: z.string(),
        reason: z.string(),
      }),
    ),
    closedAt: z.string(),
    agencyId: z
      .string()
      .optional()
      .describe(
        "Present when an agency reads the batch: its lines only, and `total` is theirs; `contentSha256` stays the closed batch's",
      ),
  })
  .meta({ id: 'SettlementBatch' });

const BatchSummary = z
  .object({
    batchId: z.string(),
    day: z.string().describe('Jalali business day, `1405/09/07`'),
    dayStart: InstantSchema.describe("When the business day began (the batch's cut-off)"),
    closedAt: z.string(),
    ledgerPosition: z.number().int(),
    instructions: z.number().int().describe('Payout instructions (of the agency, for an agency)'),
    payments: z.number().int().describe('Payments whose postings make up those instructions'),
    total: z.string().describe('Rials the instructions pay'),
    notPaidOut: z.number().int().describe('Accounts of the day not paid out'),
  })
  .meta({ id: 'SettlementBatchSummary' });

const BatchPageQuery = z.strictObject({
  cursor: z
    .string()
    .regex(/^1[34]\d{6}$/, 'a day as 8 digits, from `nextCursor`')
    .optional()
    .describe('Days before this one (`nextCursor` of the previous page)'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
const agencyScoped =
  'An agency credential reads only the instructions crediting its own accounts (and its own accounts not paid out); a day with none of them is 404.';

const Amounts = {
  payments: z.number().int(),
  violations: z.number().int(),
  excessCollected: z.string(),
  refunded: z.string(),
  stillHeld: z.string(),
};

const Outcome = z.object({
  kind: z.enum(['matched', 'amount_mismatch', 'missing_in_bank', 'unexpected_in_bank']),
  by: z.enum(['reference', 'batch', 'amount-and-date']).optional(),
  bank: z.array(
    z.object({
      entryId: z.string(),
      day: z.string(),
      amount: z.string(),
      references: z.array(z.string()),
    }),
  ),
  expected: z.array(
    z.object({
      day: z.string(),
      iban: z.string(),
      depositId: z.string(),
      amount: z.string(),
      batchId: z.string().optional(),
    }),
  ),
  difference: z.string(),
});

export const ReconcileBody = z
  .strictObject({
    ...Range,
    format: z.enum(['csv', 'camt.053', 'camt.054']),
    content: z
      .string()
      .min(1)
      .max(900_000)
      .describe(
        'The statement itself: CSV with header date,amount,reference,bank_reference,description, or camt XML',
      ),
    amountToleranceRials: z
      .string()
      .regex(/^\d{1,12}$/)
      .default('0'),
    dateToleranceDays: z.number().int().min(0).max(10).default(2),
  })
  .meta({ id: 'ReconcileRequest' });

const ComplianceQuery = z.strictObject({
  ...Range,
  province: ProvinceSchema.optional(),
});

export const reportRoutes = {
  settlementReport: route({
    operationId: 'settlementReport',
    method: 'get',
    path: '/v1/reports/settlement',
    action: 'settlement.read',
    summary:
      'Settlement (تسویه) per business day and beneficiary, by service and office, with expected treasury credits',
    tags: ['reports'],
    query: SettlementQuery,
    responses: { 200: { description: 'The report', schema: SettlementReport }, ...problems },
  }),
  settlementReportCsv: route({
    operationId: 'settlementReportCsv',
    method: 'get',
    path: '/v1/reports/settlement.csv',
    action: 'settlement.read',
    summary:
      'The settlement report as CSV (UTF-8 with BOM), one row per day, beneficiary account and service',
    description: csvHeaders,
    tags: ['reports'],
    query: SettlementQuery,
    responses: { 200: { description: 'CSV', contentType: 'text/csv' }, ...problems },
  }),
  settlementReportXlsx: route({
    operationId: 'settlementReportXlsx',
    method: 'get',
    path: '/v1/reports/settlement.xlsx',
    action: 'settlement.read',
    summary:
      'The settlement report as XLSX: the rows of the CSV on one sheet, an `about` sheet with the period, ledger position and SHA-256 of the JSON report; `lang=fa` for Persian headers',
    description: csvHeaders,
    tags: ['reports'],
    query: SettlementQuery.extend({ lang: z.enum(['en', 'fa']).default('en') }),
    responses: {
      200: {
        description: 'XLSX',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      ...problems,
    },
  }),
  closeSettlementDay: route({
    operationId: 'closeSettlementDay',
    method: 'post',
    path: '/v1/settlement/batches',
    action: 'settlement.close',
    summary:
      'Close a business day into a settlement batch of payout instructions (an event in stream settlement-<day>)',
    tags: ['settlement'],
    body: z.strictObject({ day: JalaliDay }).meta({ id: 'CloseSettlementDayRequest' }),
    responses: {
      201: { description: 'The batch', schema: Batch },
      409: {
        description: 'Already closed, the day is not over, or no debtor account is configured',
        schema: ProblemSchema,
      },
      ...problems,
    },
  }),
  listSettlementBatches: route({
    operationId: 'listSettlementBatches',
    method: 'get',
    path: '/v1/settlement/batches',
    action: 'settlement.payouts',
    summary:
      'Closed settlement batches, newest day first, with their totals; an agency sees the days that pay it, with its own totals',
    description: agencyScoped,
    tags: ['settlement'],
    query: BatchPageQuery,
    responses: {
      200: { description: 'One page', schema: pageOf(BatchSummary, 'SettlementBatchPage') },
      400: problems[400],
    },
  }),
  settlementBatch: route({
    operationId: 'settlementBatch',
    method: 'get',
    path: '/v1/settlement/batches/{day}',
    action: 'settlement.payouts',
    summary: 'A closed settlement batch',
    description: agencyScoped,
    tags: ['settlement'],
    params: DayParam,
    responses: { 200: { description: 'The batch', schema: Batch }, ...problems },
  }),
  settlementBatchCsv: route({
    operationId: 'settlementBatchCsv',
    method: 'get',
    path: '/v1/settlement/batches/{day}/payouts.csv',
    action: 'settlement.payouts',
    summary: 'Payout instructions of a batch as CSV (UTF-8 with BOM)',
    description: `${csvHeaders} ${agencyScoped}`,
    tags: ['settlement'],
    params: DayParam,
    responses: { 200: { description: 'CSV', contentType: 'text/csv' }, ...problems },
  }),
  settlementBatchPain001: route({
    operationId: 'settlementBatchPain001',
    method: 'get',
    path: '/v1/settlement/batches/{day}/pain.001.xml',
    action: 'settlement.export',
    summary:
      'Payout instructions of a batch as ISO 20022 pain.001.001.03 (Paya credit transfers); byte-identical on every export. The payer initiates it, so it is not offered to an agency (a creditor)',
    description: csvHeaders,
    tags: ['settlement'],
    params: DayParam,
    responses: {
      200: { description: 'pain.001 XML', contentType: 'application/xml' },
      409: { description: 'The batch has no instruction to pay', schema: ProblemSchema },
      ...problems,
    },
  }),
  complianceReport: route({
    operationId: 'complianceReport',
    method: 'get',
    path: '/v1/reports/compliance',
    action: 'compliance.read',
    summary:
      'Tariff compliance: violations by type, office, province, service and month; excess collected, refunded, still held; most offending offices',
    tags: ['reports'],
    query: ComplianceQuery,
    responses: {
      200: {
        description: 'The report',
        schema: z
          .object({
            ...Sealed,
            from: Day,
            to: Day,
            totals: z.object(Amounts),
            byType: z.array(z.object({ type: z.string(), ...Amounts })),
            byOffice: z.array(z.object({ officeId: z.string(), ...Amounts })),
            byProvince: z.array(z.object({ province: z.string(), ...Amounts })),
            byService: z.array(z.object({ serviceCode: z.string(), ...Amounts })),
            byMonth: z.array(z.object({ month: z.string(), ...Amounts })),
            mostOffendingOffices: z.array(z.object({ officeId: z.string(), ...Amounts })),
          })
          .meta({ id: 'ComplianceReport' }),
      },
      ...problems,
    },
  }),
  complianceReportCsv: route({
    operationId: 'complianceReportCsv',
    method: 'get',
    path: '/v1/reports/compliance.csv',
    action: 'compliance.read',
    summary:
      'The tariff compliance report as CSV (UTF-8 with BOM): one row per section (totals, type, office, province, service, month, most offending) and key',
    description: csvHeaders,
    tags: ['reports'],
    query: ComplianceQuery,
    responses: { 200: { description: 'CSV', contentType: 'text/csv' }, ...problems },
  }),
  compliancePayments: route({
    operationId: 'compliancePayments',
    method: 'get',
    path: '/v1/reports/compliance/payments',
    action: 'compliance.read',
    summary: 'Drill-down: the flagged payments behind a compliance figure',
    tags: ['reports'],
    query: z.strictObject({
      ...Range,
      type: z.string().max(40).optional(),
      officeId: z.string().max(64).optional(),
      province: ProvinceSchema.optional(),
      serviceCode: z.string().max(64).optional(),
      cursor: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    responses: {
      200: {
        description: 'One page',
        schema: z
          .object({
            ledgerPosition: z.number().int(),
            items: z.array(
              z
                .object({
                  paymentId: z.string(),
                  officeId: z.string(),
                  violations: z.array(z.string()),
                  ...{ excessCollected: z.string(), refunded: z.string(), stillHeld: z.string() },
                  tariff: z
                    .object({ tariffId: z.string(), version: z.number().int() })
                    .optional()
                    .describe(
                      'The tariff version that judged the payment, last (a reassessment’s, if any)',
                    ),
                })
                .loose(),
            ),
            nextCursor: z.string().optional(),
          })
          .meta({ id: 'FlaggedPaymentsPage' }),
      },
      ...problems,
    },
  }),
  deadlinesReport: route({
    operationId: 'deadlinesReport',
    method: 'get',
    path: '/v1/reports/catalogue-deadlines',
    action: 'deadlines.read',
    summary:
      'Per agency and service, whether it is delivered through offices (assigned and paid for) by its timetable date; late ones listed',
    tags: ['reports'],
    query: z.strictObject({
      at: z
        .string()
        .max(40)
        .optional()
        .describe('As of (ISO instant or Jalali day); now by default'),
    }),
    responses: {
      200: {
        description: 'The report',
        schema: z
          .object({
            ...Sealed,
            at: InstantSchema,
            items: z.array(
              z
                .object({
                  agencyId: z.string(),
                  serviceCode: z.string(),
                  scope: z.string(),
                  period: z.string(),
                  offerBy: InstantSchema,
                  status: z.enum(['delivered_on_time', 'delivered_late', 'overdue', 'pending']),
                })
                .loose(),
            ),
            late: z.array(z.object({ agencyId: z.string(), serviceCode: z.string() }).loose()),
          })
          .meta({ id: 'DeadlinesReport' }),
      },
      ...problems,
    },
  }),
  reconcile: route({
    operationId: 'reconcile',
    method: 'post',
    path: '/v1/reconciliations',
    action: 'reconciliation.run',
    summary:
      "Reconcile the agency's bank statement against its expected treasury credits; the same statement again returns the first run",
    tags: ['reports'],
    body: ReconcileBody,
    responses: {
      201: {
        description: 'A new run (event ReconciliationCompleted)',
        schema: z
          .object({
            runId: z.string(),
            outcomes: z.array(Outcome),
            setAside: z
              .array(
                z.object({
                  entryId: z.string(),
                  reason: z.enum(['not-booked', 'currency']),
                  status: z.string().describe('camt Sts: BOOK, PDNG, INFO, FUTR'),
                  currency: z.string(),
                  amount: z.string(),
                  references: z.array(z.string()),
                }),
              )
              .optional()
              .describe(
                'camt credit entries reported, not matched: not booked (pending, information) or not in IRR',
              ),
          })
          .loose()
          .meta({ id: 'ReconciliationRun' }),
      },
      200: { description: 'This statement was reconciled before: the first run' },
      ...problems,
    },
  }),
  projectionStatus: route({
    operationId: 'projectionStatus',
    method: 'get',
    path: '/v1/projections',
    action: 'projection.read',
    summary: "Each projection build's checkpoint, the log head and the lag",
    tags: ['operations'],
    responses: {
      200: {
        description: 'Builds',
        schema: z.object({
          items: z.array(
            z
              .object({
                name: z.string(),
                prefix: z.string(),
                state: z.string(),
                position: z.number(),
                head: z.number(),
                lag: z.number(),
              })
              .loose(),
          ),
        }),
      },
    },
  }),
};
