import type { Role } from './policy';

/**
 * What a role should get from a route, for the authorization matrix test
 * (`test/security/authorization.test.ts`), which walks every route of `allRoutes` ×
 * every role × the caller's own tenant and another tenant:
 * - `deny`: the function lies outside the role: 403 for both tenants;
 * - `any`: allowed whichever tenant the object belongs to (national roles, or the route has no tenant object);
 * - `own`: allowed on its own tenant's object; another tenant's object does not exist for it: 404;
 * - `ownCreate`: creating something in its own tenant is allowed; in another tenant's it is
 *   refused (403 or 404: there is no object to hide), and nothing is recorded;
 * - `filtered`: a list: allowed, and it never shows another tenant's objects (asking for them
 *   by filter answers 404 or an answer without them).
 * A role missing from a row is `deny`. `public` routes need no credential at all.
 */
export type Expectation = 'deny' | 'any' | 'own' | 'ownCreate' | 'filtered';
export type MatrixRow = Partial<Record<Role, Expectation>> | 'public';

const everyone = (e: Expectation = 'any'): MatrixRow => ({
  regulator: e,
  commission: e,
  areo: e,
  provincial_mpo: e,
  working_group: e,
  agency: e,
  office: e,
  gateway: e,
  psp: e,
  applicant: e,
});
const regulatorOnly: MatrixRow = { regulator: 'any' };

/** Keyed `METHOD /path` exactly as in the contracts. A new route without a row fails the matrix test. */
export const authorizationMatrix: Record<string, MatrixRow> = {
  'POST /v1/credentials': regulatorOnly,
  'GET /v1/credentials': regulatorOnly,
  'POST /v1/credentials/{credentialId}/revoke': regulatorOnly,
  'GET /v1/me': everyone(),
  'POST /v1/session': 'public',
  'GET /v1/session': everyone(),
  'DELETE /v1/session': everyone(),

  'POST /v1/licenses': { regulator: 'any', working_group: 'ownCreate' },
  'GET /v1/licenses': { regulator: 'any', areo: 'any', working_group: 'filtered' },
  'GET /v1/licenses/expiring': { regulator: 'any', areo: 'any', working_group: 'filtered' },
  'GET /v1/licenses/{licenseId}': { regulator: 'any', areo: 'any', working_group: 'own' },
  'POST /v1/licenses/{licenseId}/votes': { working_group: 'own' },
  'POST /v1/licenses/{licenseId}/issue': regulatorOnly,
  'POST /v1/licenses/{licenseId}/refuse': regulatorOnly,
  'POST /v1/licenses/{licenseId}/amend': regulatorOnly,
  'POST /v1/licenses/{licenseId}/transfer': regulatorOnly,
  'POST /v1/licenses/{licenseId}/renew': regulatorOnly,
  'POST /v1/licenses/{licenseId}/suspend': regulatorOnly,
  'POST /v1/licenses/{licenseId}/reinstate': regulatorOnly,
  'POST /v1/licenses/{licenseId}/cancel': regulatorOnly,

  'POST /v1/offices': regulatorOnly,
  'GET /v1/offices': { regulator: 'any', areo: 'any', agency: 'filtered', office: 'filtered' },
  'GET /v1/offices/{officeId}': { regulator: 'any', areo: 'any', agency: 'own', office: 'own' },
  'PATCH /v1/offices/{officeId}': { regulator: 'any', office: 'own' },
  'POST /v1/offices/{officeId}/assignments': regulatorOnly,
  'POST /v1/offices/{officeId}/assignments/{serviceCode}/withdraw': regulatorOnly,
  'GET /v1/assignments': { regulator: 'any', areo: 'any', agency: 'filtered', office: 'filtered' },
  'POST /v1/terminals': { regulator: 'any', psp: 'ownCreate' },
  'GET /v1/terminals': { regulator: 'any', office: 'filtered', psp: 'filtered' },
  'POST /v1/terminals/{terminalId}/rotate-secret': regulatorOnly,
  'POST /v1/terminals/{terminalId}/deactivate': regulatorOnly,

  'POST /v1/psps': regulatorOnly,
  'GET /v1/psps': { regulator: 'any', office: 'any', psp: 'filtered' },
  'POST /v1/psps/{pspId}/rotate-key': { regulator: 'any', psp: 'own' },
  'POST /v1/offices/{officeId}/psps': { regulator: 'any', office: 'own' },
  'GET /v1/feed': { agency: 'filtered', psp: 'filtered' },
  'POST /v1/webhooks': { agency: 'any', psp: 'any' },
  'GET /v1/webhooks': { agency: 'filtered', psp: 'filtered' },
  'DELETE /v1/webhooks/{webhookId}': { agency: 'own', psp: 'own' },
  'GET /v1/webhooks/{webhookId}/dead-letters': { agency: 'own', psp: 'own' },
  'POST /v1/webhooks/{webhookId}/redrive': { agency: 'own', psp: 'own' },

  'POST /v1/agencies': regulatorOnly,
  'POST /v1/services': { regulator: 'any', agency: 'own' },
  'POST /v1/catalogues': { areo: 'any', provincial_mpo: 'own' },
  'GET /v1/catalogues/{scope}/{period}': everyone(),
  'GET /v1/provinces': everyone(),
  'GET /v1/outsourceable': everyone(),
  'GET /v1/agencies/behind-timetable': everyone(),
  'POST /v1/tariffs/{serviceCode}/approvals': { commission: 'any' },
  'GET /v1/tariffs/{serviceCode}': everyone(),
  'GET /v1/tariffs/{serviceCode}/price': everyone(),
  'POST /v1/tariffs/{serviceCode}/proposals': regulatorOnly,
  'GET /v1/tariff-proposals': { regulator: 'any', commission: 'any' },
  'GET /v1/tariffs/{serviceCode}/proposals/{proposalId}': { regulator: 'any', commission: 'any' },
  'POST /v1/tariffs/{serviceCode}/proposals/{proposalId}/approve': { commission: 'any' },
  'POST /v1/tariffs/{serviceCode}/proposals/{proposalId}/reject': { commission: 'any' },
  'POST /v1/tariffs/{serviceCode}/proposals/{proposalId}/withdraw': regulatorOnly,
  'POST /v1/quotes': { regulator: 'any', office: 'own', gateway: 'own' },
  'POST /v1/calendar/{jalaliYear}': regulatorOnly,
  'GET /v1/calendar/{jalaliYear}': everyone(),

  'POST /v1/payments': { gateway: 'own', psp: 'own' },
  'POST /v1/payments/batches': { gateway: 'own', psp: 'own' },
  'POST /v1/payments/reversals': { gateway: 'own', psp: 'own' },
  'POST /v1/payments/{paymentId}/refunds': { regulator: 'any', office: 'own' },
  'GET /v1/payments/{paymentId}': {
    regulator: 'any',
    agency: 'own',
    office: 'own',
    gateway: 'own',
    psp: 'own',
  },
  'GET /v1/payments': {
    regulator: 'any',
    agency: 'filtered',
    office: 'filtered',
    gateway: 'filtered',
    psp: 'filtered',
  },
  'POST /v1/payments/verifications': { agency: 'own' },
  'POST /v1/payments/{paymentId}/consumptions': { agency: 'own' },
  'GET /v1/receipts/{trackingCode}': 'public',
  'GET /v1/public/tariffs/{serviceCode}': 'public',
  'GET /v1/public/offices': 'public',
  'GET /v1/receipts/{trackingCode}/proof': 'public',
  'GET /v1/ledger/seals/{day}': 'public',

  'POST /v1/public/complaints': 'public',
  'GET /v1/public/complaints/{trackingCode}': 'public',
  'GET /v1/complaints/overdue': { regulator: 'any', agency: 'filtered' },
  'GET /v1/complaints/statistics': { regulator: 'any', areo: 'any' },
  'GET /v1/complaints/statistics.csv': { regulator: 'any', areo: 'any' },
  'GET /v1/complaints': { regulator: 'any', agency: 'filtered', office: 'filtered' },
  'GET /v1/complaints/{complaintId}': { regulator: 'any', agency: 'own', office: 'own' },
  'POST /v1/complaints/{complaintId}/review': { regulator: 'any', agency: 'own' },
  'POST /v1/complaints/{complaintId}/request-office-response': { regulator: 'any', agency: 'own' },
  'POST /v1/complaints/{complaintId}/office-response': { office: 'own' },
  'POST /v1/complaints/{complaintId}/resolve': { regulator: 'any', agency: 'own' },
  'POST /v1/complaints/{complaintId}/close': { regulator: 'any', agency: 'own' },

  'GET /v1/supervision/rankings': { regulator: 'any', areo: 'any' },
  'GET /v1/supervision/offices/{officeId}': { regulator: 'any', areo: 'any', office: 'own' },
  'POST /v1/supervision/offices/{officeId}/actions': regulatorOnly,
  'GET /v1/supervision/offices/{officeId}/actions': {
    regulator: 'any',
    areo: 'any',
    office: 'own',
  },

  'GET /v1/reports/settlement': { regulator: 'any', agency: 'own' },
  'GET /v1/reports/settlement.csv': { regulator: 'any', agency: 'own' },
  'GET /v1/reports/settlement.xlsx': { regulator: 'any', agency: 'own' },
  'POST /v1/settlement/batches': regulatorOnly,
  'GET /v1/settlement/batches': { regulator: 'any', agency: 'filtered' },
  'GET /v1/settlement/batches/{day}': { regulator: 'any', agency: 'filtered' },
  'GET /v1/settlement/batches/{day}/payouts.csv': { regulator: 'any', agency: 'filtered' },
  'GET /v1/settlement/batches/{day}/pain.001.xml': regulatorOnly,
  'GET /v1/reports/compliance': regulatorOnly,
  'GET /v1/reports/compliance.csv': regulatorOnly,
  'GET /v1/reports/compliance/payments': regulatorOnly,
  'GET /v1/reports/catalogue-deadlines': {
    regulator: 'any',
    areo: 'any',
    provincial_mpo: 'filtered',
    agency: 'filtered',
  },
  'POST /v1/reconciliations': { agency: 'any' },
  'GET /v1/reports/national': { regulator: 'any', areo: 'any', provincial_mpo: 'own' },
  'GET /v1/reports/national.csv': { regulator: 'any', areo: 'any', provincial_mpo: 'own' },
  'GET /v1/reports/national.xlsx': { regulator: 'any', areo: 'any', provincial_mpo: 'own' },
  'GET /v1/reports/agencies/{agencyId}': { regulator: 'any', agency: 'own' },
  'GET /v1/reports/agencies/{agencyId}.csv': { regulator: 'any', agency: 'own' },
  'GET /v1/reports/agencies/{agencyId}.xlsx': { regulator: 'any', agency: 'own' },
  'GET /v1/reports/agencies/{agencyId}/reconciliations': { regulator: 'any', agency: 'own' },
  'GET /v1/reports/agencies/{agencyId}/reconciliations.csv': { regulator: 'any', agency: 'own' },
  'GET /v1/reports/agencies/{agencyId}/reconciliations.xlsx': { regulator: 'any', agency: 'own' },
  'GET /v1/reports/offices/{officeId}/statement': { regulator: 'any', office: 'own' },
  'GET /v1/reports/offices/{officeId}/statement.csv': { regulator: 'any', office: 'own' },
  'GET /v1/reports/offices/{officeId}/statement.xlsx': { regulator: 'any', office: 'own' },
  'GET /v1/reports/provinces/{province}/licensing': { regulator: 'any', working_group: 'own' },
  'GET /v1/reports/provinces/{province}/licensing.csv': { regulator: 'any', working_group: 'own' },
  'GET /v1/reports/provinces/{province}/licensing.xlsx': { regulator: 'any', working_group: 'own' },
  'POST /v1/psp-settlements': regulatorOnly,
  'GET /v1/psp-settlements': { regulator: 'any', agency: 'filtered' },
  'GET /v1/psp-settlements/{runId}': { regulator: 'any', agency: 'own' },
  'GET /v1/psp-settlements/{runId}/outcomes': { regulator: 'any', agency: 'own' },
  'GET /v1/projections': regulatorOnly,

  'POST /v1/data-instructions': { agency: 'ownCreate' },
  'POST /v1/data-instructions/{agencyId}/versions/{version}/acknowledge': regulatorOnly,
  'GET /v1/data-instructions/{agencyId}': {
    regulator: 'any',
    areo: 'any',
    agency: 'own',
    office: 'any',
  },
  'POST /v1/data-access/exchange-center': regulatorOnly,
  'POST /v1/data-access/consents': { office: 'any' },
  'POST /v1/data-access/lookups': { office: 'any' },
  'GET /v1/data-access/audit': { regulator: 'any', agency: 'filtered' },
  'GET /v1/data-access/audit.csv': { regulator: 'any', agency: 'filtered' },
  'GET /v1/data-access/anomalies': regulatorOnly,
  'POST /v1/data-access/anomalies/actions': regulatorOnly,
  'POST /v1/public/data-access/codes': 'public',
  'POST /v1/public/data-access/history': 'public',

  'POST /v1/public/applicants/codes': 'public',
  'POST /v1/public/applicants/sessions': 'public',
  'POST /v1/applications': { applicant: 'any' },
  'GET /v1/applications': { regulator: 'any', working_group: 'filtered', applicant: 'filtered' },
  'GET /v1/applications/{applicationId}': {
    regulator: 'any',
    working_group: 'own',
    applicant: 'own',
  },
  'PUT /v1/applications/{applicationId}/documents/{documentKind}': { applicant: 'own' },
  'GET /v1/applications/{applicationId}/documents/{documentKind}': {
    regulator: 'any',
    working_group: 'own',
    applicant: 'own',
  },
  'POST /v1/applications/{applicationId}/submit': { applicant: 'own' },
  'POST /v1/applications/{applicationId}/return': { regulator: 'any', working_group: 'own' },
  'POST /v1/applications/{applicationId}/forward': { regulator: 'any', working_group: 'own' },

  'GET /v1/holder/licenses': { applicant: 'filtered' },
  'GET /v1/holder/licenses/{licenseId}': { applicant: 'own' },
  'POST /v1/holder/licenses/{licenseId}/requests': { applicant: 'own' },
  'GET /v1/holder-requests': { regulator: 'any', applicant: 'filtered' },
  'GET /v1/holder-requests/{requestId}': { regulator: 'any', applicant: 'own' },
  'POST /v1/holder-requests/{requestId}/accept': { applicant: 'own' },
  'POST /v1/holder-requests/{requestId}/approve': regulatorOnly,
  'POST /v1/holder-requests/{requestId}/reject': regulatorOnly,
  'GET /v1/licensing/suspension-recommendations': regulatorOnly,
  'POST /v1/licensing/suspension-recommendations/{actionId}/act': regulatorOnly,
  'POST /v1/licensing/suspension-recommendations/{actionId}/dismiss': regulatorOnly,
};

export const matrixKey = (route: { method: string; path: string }) =>
  `${route.method.toUpperCase()} ${route.path}`;

/** The expectation for one role on one route; `undefined` when the route has no row. */
export function expectationFor(
  route: { method: string; path: string },
  role: Role,
): Expectation | 'public' | undefined {
  const row = authorizationMatrix[matrixKey(route)];
  if (row === undefined) return undefined;
  if (row === 'public') return 'public';
  return row[role] ?? 'deny';
}
