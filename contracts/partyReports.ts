import { z } from 'zod';
import type { Action } from './permissions';
import { ProvinceSchema } from './provinces';
import { problems, Sealed, TotalsShape } from './reports';
import { InstantSchema, route, type RouteContract } from './route';

/** A Jalali month, `1405/09` (or `1405-09`). */
const JalaliMonth = z
  .string()
  .regex(/^1[34]\d\d[/-](0[1-9]|1[0-2])$/, 'a Jalali month, e.g. 1405/09')
  .transform((s) => s.replace('-', '/'))
  .meta({ description: 'Jalali (شمسی) month', example: '1405/09' });
const Lang = z
  .enum(['en', 'fa'])
  .default('en')
  .describe('Column headers (CSV, XLSX): English keys, or Persian with `fa`');
const MonthRange = { from: JalaliMonth, to: JalaliMonth, lang: Lang };
const Id = z.string().min(1).max(64);

const Period = z.object({
  from: z.string(),
  to: z.string(),
  start: InstantSchema,
  end: InstantSchema,
});
const Volume = z.object({ ...TotalsShape, officeFees: z.string(), vat: z.string() });
const files =
  'The same report as the JSON one, every table in it: CSV (UTF-8 with BOM, a `section` column naming the table, identifiers as ="…") or XLSX (a sheet per table and an `about` sheet with the period, ledger position and the JSON report\'s SHA-256). Headers X-Ledger-Position and X-Content-SHA256 (of the bytes); `?lang=fa` gives Persian headers.';

/**
 * A report in its three formats: the JSON body, and the same tables as CSV and as XLSX at the
 * same path with `.csv` and `.xlsx`.
 */
function formats<P extends z.ZodType, Q extends z.ZodType>(r: {
  operationId: string;
  path: string;
  action: Action;
  summary: string;
  params?: P;
  query: Q;
  schema: z.ZodType;
}) {
  const base = {
    method: 'get' as const,
    action: r.action,
    tags: ['reports'],
    query: r.query,
    ...(r.params ? { params: r.params } : {}),
  };
  const file = (ext: 'csv' | 'xlsx', contentType: string): RouteContract<P, Q> =>
    route({
      ...base,
      operationId: `${r.operationId}${ext === 'csv' ? 'Csv' : 'Xlsx'}`,
      path: `${r.path}.${ext}`,
      summary: `${r.summary} (${ext.toUpperCase()})`,
      description: files,
      responses: { 200: { description: ext.toUpperCase(), contentType }, ...problems },
    });
  return {
    json: route<P, Q, z.ZodType>({
      ...base,
      operationId: r.operationId,
      path: r.path,
      summary: r.summary,
      responses: { 200: { description: 'The report', schema: r.schema }, ...problems },
    }),
    csv: file('csv', 'text/csv'),
    xlsx: file('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  };
}

const keyed = (key: string) => z.object({ [key]: z.string() }).extend(Volume.shape);

export const nationalReport = formats({
  operationId: 'nationalReport',
  path: '/v1/reports/national',
  action: 'reports.national',
  summary:
    'AREO and provincial MPOs (clause 4 note): volumes and rials by agency, service, province, office kind and Jalali month, month-over-month trends, catalogue coverage, agencies late against their deadlines; a provincial MPO sees its province',
  query: z.strictObject({ ...MonthRange, province: ProvinceSchema.optional() }),
  schema: z
    .object({
      ...Sealed,
      period: Period,
      province: z.string().optional(),
      totals: Volume,
      byAgency: z.array(keyed('agencyId')),
      byService: z.array(keyed('serviceCode').extend({ agencyId: z.string() })),
      byProvince: z.array(keyed('province')),
      byOfficeKind: z.array(keyed('officeKind')),
      byAgencyProvince: z.array(keyed('agencyId').extend({ province: z.string() })),
      trends: z.array(z.object({ month: z.string() }).loose()),
      coverage: z.array(z.object({ serviceCode: z.string(), province: z.string() }).loose()),
      lateAgencies: z.array(z.object({ agencyId: z.string() }).loose()),
    })
    .meta({ id: 'NationalReport' }),
});

export const agencyReport = formats({
  operationId: 'agencyReport',
  path: '/v1/reports/agencies/{agencyId}',
  action: 'reports.agency',
  summary:
    "An agency's own services: settlement of its treasury fees, tariff compliance (overcharges, refunds, still held), volumes by office, province, service and month, payments consumed for service deliveries, and its reconciliation runs",
  params: z.strictObject({ agencyId: Id }),
  query: z.strictObject(MonthRange),
  schema: z
    .object({
      ...Sealed,
      period: Period,
      agencyId: z.string(),
      settlement: z.object({}).loose(),
      compliance: z.object({}).loose(),
      volumes: z.object({ totals: Volume }).loose(),
      consumptions: z
        .object({
          totals: z.object({ payments: z.number(), amount: z.string() }),
          byMonth: z.array(
            z.object({ month: z.string(), payments: z.number(), amount: z.string() }),
          ),
          byService: z.array(
            z.object({ serviceCode: z.string(), payments: z.number(), amount: z.string() }),
          ),
        })
        .describe(
          'Payments the agency consumed for service deliveries (مصرف پرداخت), by the Jalali day of consumption',
        ),
      reconciliations: z.object({}).loose(),
    })
    .meta({ id: 'AgencyReport' }),
});

export const reconciliationHistory = formats({
  operationId: 'reconciliationHistory',
  path: '/v1/reports/agencies/{agencyId}/reconciliations',
  action: 'reports.agency',
  summary:
    "An agency's reconciliation runs, newest first, each with its outcomes (one with `runId`); `before` pages back by ledger position",
  params: z.strictObject({ agencyId: Id }),
  query: z.strictObject({
    runId: Id.optional(),
    before: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    lang: Lang,
  }),
  schema: z
    .object({
      ...Sealed,
      agencyId: z.string(),
      runs: z.array(z.object({ runId: z.string(), outcomes: z.array(z.unknown()) }).loose()),
      nextBefore: z.number().int().optional(),
    })
    .meta({ id: 'ReconciliationHistory' }),
});

export const officeStatement = formats({
  operationId: 'officeStatement',
  path: '/v1/reports/offices/{officeId}/statement',
  action: 'reports.office',
  summary:
    "An office's statement for a Jalali month: payments, reversals, refunds, office fees earned, VAT, what settlement paid out and when, what is still owed; its compliance record and supervision score",
  params: z.strictObject({ officeId: Id }),
  query: z.strictObject({ month: JalaliMonth, lang: Lang }),
  schema: z
    .object({
      ...Sealed,
      period: Period,
      officeId: z.string(),
      totals: Volume,
      byService: z.array(keyed('serviceCode')),
      payouts: z.array(z.object({ day: z.string(), amount: z.string() }).loose()),
      paidOut: z.string(),
      stillOwed: z.string(),
      owedToDate: z.string(),
      compliance: z.object({}).loose(),
      supervision: z.object({ period: z.string(), score: z.string() }).loose(),
    })
    .meta({ id: 'OfficeStatement' }),
});

export const provinceLicensing = formats({
  operationId: 'provinceLicensing',
  path: '/v1/reports/provinces/{province}/licensing',
  action: 'reports.province',
  summary:
    "A provincial working group's province: license applications by state with their age, licensed offices with their supervision scores",
  params: z.strictObject({ province: ProvinceSchema }),
  query: z.strictObject({ lang: Lang }),
  schema: z
    .object({
      ...Sealed,
      province: z.string(),
      at: InstantSchema,
      byState: z.array(z.object({ state: z.string(), applications: z.number().int() }).loose()),
      applications: z.array(z.object({ licenseId: z.string(), state: z.string() }).loose()),
      offices: z.array(z.object({ officeId: z.string(), score: z.string() }).loose()),
    })
    .meta({ id: 'ProvinceLicensing' }),
});

/** Every party report route, for `allRoutes`. */
export const partyReportRoutes = Object.fromEntries(
  Object.entries({
    nationalReport,
    agencyReport,
    reconciliationHistory,
    officeStatement,
    provinceLicensing,
  }).flatMap(([name, f]) => [
    [name, f.json],
    [`${name}Csv`, f.csv],
    [`${name}Xlsx`, f.xlsx],
  ]),
) as Record<string, RouteContract>;
