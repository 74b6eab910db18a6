import { z } from 'zod';
import { pspOutcomeKinds } from './events/pspSettlement';
import { parseJalaliDate } from './primitives';
import { PageQuery, pageOf } from './licensing';
import { ProblemSchema, route } from './route';

const JalaliDay = z
  .string()
  .max(12)
  .refine((s) => parseJalaliDate(s) !== undefined, 'a Jalali date, e.g. 1405/09/08')
  .meta({ description: 'Jalali (شمسی) calendar day', example: '1405/09/08' });

const RunId = z.strictObject({ runId: z.string().regex(/^[0-9a-f]{32}$/, 'a run id') });

export const PspUploadBody = z
  .strictObject({
    psp: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe(
        'The PSP (پرداخت‌یار) as terminals are registered with it: every payment of its terminals in the range is expected in the file. Without it, only the terminals the file names are.',
      ),
    from: JalaliDay.describe('First payment day (Jalali, Tehran) the file settles'),
    to: JalaliDay.describe('Last payment day the file settles'),
    content: z
      .string()
      .min(1)
      .max(900_000)
      .describe(
        'The file itself, CSV with header terminal_id,rrn,iban,amount,settlement_date (see docs/psp-settlement.md)',
      ),
  })
  .meta({
    id: 'PspSettlementUpload',
    example: {
      psp: 'Sep',
      from: '1405/09/08',
      to: '1405/09/08',
      content:
        'terminal_id,rrn,iban,amount,settlement_date\nT0000001,123456789012,IR820540102680020817909002,1500000,1405/09/09\n',
    },
  });

const Counts = z.object(
  Object.fromEntries(pspOutcomeKinds.map((k) => [k, z.number().int()])) as Record<
    (typeof pspOutcomeKinds)[number],
    z.ZodNumber
  >,
);
const Totals = {
  expected: z.string().describe('Rials the ledger expected credited'),
  credited: z.string().describe('Rials the file credited'),
  difference: z.string().describe('credited − expected'),
  outcomes: Counts,
};
const Beneficiary = z.object({
  iban: z.string(),
  kind: z.string().optional(),
  beneficiaryId: z.string().optional(),
  ...Totals,
});

export const PspRunSummary = z
  .object({
    runId: z.string(),
    psp: z.string().optional(),
    from: z.string(),
    to: z.string(),
    fileSha256: z.string(),
    settledOn: z.array(z.string()),
    ledgerPosition: z.number().int(),
    rows: z.number().int(),
    totals: z.object(Totals),
    beneficiaries: z.array(Beneficiary),
    completedAt: z.string(),
  })
  .meta({
    id: 'PspSettlementRun',
    description: "A run's outcome summary; an agency sees only its own treasury accounts' totals",
  });

const Credit = z.object({
  line: z.number().int(),
  terminalId: z.string(),
  rrn: z.string(),
  iban: z.string(),
  amount: z.string(),
  settledOn: z.string(),
});
const PspOutcomeView = z
  .object({
    kind: z.enum(pspOutcomeKinds),
    terminalId: z.string(),
    rrn: z.string(),
    file: Credit.optional(),
    expected: z
      .object({
        paymentId: z.string(),
        kind: z.string(),
        beneficiaryId: z.string(),
        iban: z.string(),
        amount: z.string(),
      })
      .loose()
      .optional(),
    creditedAccount: z
      .object({ iban: z.string(), kind: z.string(), beneficiaryId: z.string() })
      .optional(),
    difference: z.string(),
  })
  .loose()
  .meta({ id: 'PspSettlementOutcome' });

const notFound = {
  404: { description: 'No such run, or outside your scope', schema: ProblemSchema },
};

export const pspSettlementRoutes = {
  upload: route({
    operationId: 'uploadPspSettlement',
    method: 'post',
    path: '/v1/psp-settlements',
    action: 'pspSettlement.run',
    summary:
      "Reconcile a PSP's daily settlement file (تسهیم) against the ledger's splits; the same file again returns the first run",
    tags: ['reports'],
    body: PspUploadBody,
    responses: {
      201: { description: 'A new run (event PspSettlementReconciled)', schema: PspRunSummary },
      200: { description: 'This file was reconciled before: the first run', schema: PspRunSummary },
      400: {
        description: 'The file cannot be read; `errors[0].path` names the line',
        schema: ProblemSchema,
      },
    },
  }),
  list: route({
    operationId: 'listPspSettlements',
    method: 'get',
    path: '/v1/psp-settlements',
    action: 'pspSettlement.read',
    summary: 'PSP settlement runs, newest first; an agency sees the runs that touch its accounts',
    tags: ['reports'],
    query: z.strictObject(PageQuery),
    responses: {
      200: {
        description: 'One page',
        schema: pageOf(PspRunSummary, 'PspSettlementRunPage'),
      },
    },
  }),
  get: route({
    operationId: 'getPspSettlement',
    method: 'get',
    path: '/v1/psp-settlements/{runId}',
    action: 'pspSettlement.read',
    summary: "A run's outcome summary with totals per beneficiary account",
    tags: ['reports'],
    params: RunId,
    responses: { 200: { description: 'The run', schema: PspRunSummary }, ...notFound },
  }),
  outcomes: route({
    operationId: 'pspSettlementOutcomes',
    method: 'get',
    path: '/v1/psp-settlements/{runId}/outcomes',
    action: 'pspSettlement.read',
    summary:
      "A run's outcomes, one per file credit and per expected credit the file lacks, in order; an agency sees those of its own fees and accounts",
    tags: ['reports'],
    params: RunId,
    query: z.strictObject({ kind: z.enum(pspOutcomeKinds).optional(), ...PageQuery }),
    responses: {
      200: {
        description: 'One page',
        schema: pageOf(PspOutcomeView, 'PspSettlementOutcomePage'),
      },
      ...notFound,
    },
  }),
};
