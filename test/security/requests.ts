import { sha256 } from '../../projections/digest';
import { pspRunIdOf } from '../../src/reconciliation';
import type { TestApp } from '../support/app';
import { ids } from '../support/licensing';
import { onlinePdf, paymentBody, type Tenant, type World } from '../support/tenants';

/** A concrete request for one route, aimed at one tenant's objects. */
export interface RouteRequest {
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

type Build = (w: World, x: Tenant, t: TestApp) => RouteRequest;

const reason = { reason: 'authorization matrix' };

/**
 * A PSP settlement file of one credit for tenant `x`'s payment to its agency's treasury, of the
 * wrong amount: its run touches `x`'s agency only (an amount mismatch on its fee, the rest missing).
 */
export const pspUpload = (x: Tenant) => ({
  from: '1405/09/01',
  to: '1405/09/30',
  content: `terminal_id,rrn,iban,amount,settlement_date\n${x.terminalId},${x.paymentId.split('-').at(-1)!},${ids.iban},1,1405/09/08\n`,
});
export const pspRunOf = (x: Tenant) => {
  const { from, to, content } = pspUpload(x);
  return pspRunIdOf({ from, to, fileSha256: sha256(content) });
};
/**
 * The webhooks tenant A's agency and PSP each register before the matrix runs (see
 * `matrixWebhooks`): a webhook id names one within the caller's own feed, so tenant B's id
 * is a webhook the caller does not have.
 */
export const matrixWebhook = (use: 'del' | 'hook', x: Tenant) => `mx-${use}-${x.key.toLowerCase()}`;
export const matrixWebhooks = (w: World) =>
  [w.A.auth.agency, w.A.auth.psp].flatMap((as) =>
    (['del', 'hook'] as const).map((use) => ({
      as,
      body: { webhookId: matrixWebhook(use, w.A), url: 'https://hooks.example/pishkhan' },
    })),
  );
const q = (path: string, query: Record<string, string>): RouteRequest => ({ path, query });

/**
 * For every route, a valid request at tenant `x`'s object (or, for routes without one, a
 * valid request that creates or reads nothing tenant-specific). Kept beside the matrix test;
 * a route without a builder fails it like a route without a row.
 */
export const requests: Record<string, Build> = {
  'POST /v1/credentials': () => ({
    path: '/v1/credentials',
    body: { role: 'areo', label: 'matrix', expiresInDays: 1 },
  }),
  'GET /v1/credentials': () => ({ path: '/v1/credentials' }),
  'POST /v1/credentials/{credentialId}/revoke': (w) => ({
    path: `/v1/credentials/${w.spareCredentialId}/revoke`,
    body: reason,
  }),
  'GET /v1/me': () => ({ path: '/v1/me' }),
  'POST /v1/session': (w) => ({
    path: '/v1/session',
    body: { token: w.A.auth.office.authorization.replace(/^Bearer /, '') },
  }),
  'GET /v1/session': () => ({ path: '/v1/session' }),
  'DELETE /v1/session': () => ({ path: '/v1/session' }),

  'POST /v1/licenses': (_w, x) => ({
    path: '/v1/licenses',
    body: {
      applicant: { kind: 'legal', legalId: ids.legalA, name: 'Matrix Co.' },
      province: x.province,
      officeKind: 'urban',
      location: { localityKind: 'city', locality: 'Somewhere', address: 'Main St. 3' },
      contact: { phone: '02112345678' },
    },
  }),
  'GET /v1/licenses': (_w, x) => q('/v1/licenses', { province: x.province }),
  'GET /v1/licenses/expiring': (_w, x) =>
    q('/v1/licenses/expiring', { province: x.province, withinDays: '3650' }),
  'GET /v1/licenses/{licenseId}': (_w, x) => ({ path: `/v1/licenses/${x.license}` }),
  'POST /v1/licenses/{licenseId}/votes': (_w, x) => ({
    path: `/v1/licenses/${x.application}/votes`,
    body: { vote: 'approve', reason: 'matrix' },
  }),
  'POST /v1/licenses/{licenseId}/issue': (_w, x) => ({
    path: `/v1/licenses/${x.application}/issue`,
    body: { licenseNumber: 'PK-MATRIX-1' },
  }),
  'POST /v1/licenses/{licenseId}/refuse': (_w, x) => ({
    path: `/v1/licenses/${x.application}/refuse`,
    body: reason,
  }),
  'POST /v1/licenses/{licenseId}/amend': (_w, x) => ({
    path: `/v1/licenses/${x.spareLicense}/amend`,
    body: { address: 'Matrix St. 9' },
  }),
  'POST /v1/licenses/{licenseId}/transfer': (_w, x) => ({
    path: `/v1/licenses/${x.spareLicense}/transfer`,
    body: { to: { kind: 'legal', legalId: ids.legalB, name: 'New Holder Co.' }, reason: 'sold' },
  }),
  'POST /v1/licenses/{licenseId}/renew': (_w, x) => ({
    path: `/v1/licenses/${x.spareLicense}/renew`,
    body: { validityYears: 1 },
  }),
  'POST /v1/licenses/{licenseId}/suspend': (_w, x) => ({
    path: `/v1/licenses/${x.spareLicense}/suspend`,
    body: reason,
  }),
  'POST /v1/licenses/{licenseId}/reinstate': (_w, x) => ({
    path: `/v1/licenses/${x.spareLicense}/reinstate`,
    body: reason,
  }),
  'POST /v1/licenses/{licenseId}/cancel': (_w, x) => ({
    path: `/v1/licenses/${x.spareLicense}/cancel`,
    body: reason,
  }),

  'POST /v1/offices': (_w, x) => ({
    path: '/v1/offices',
    body: {
      officeId: `OF-${x.key}-2`,
      licenseId: x.spareLicense,
      nameFa: 'دفتر',
      nameEn: 'Office',
      locality: { kind: 'city', name: 'Tehran' },
      address: 'Azadi St. 1',
      postalCode: ids.postalCode,
      phone: '02112345678',
      iban: ids.iban,
    },
  }),
  'GET /v1/offices': (_w, x) => q('/v1/offices', { province: x.province }),
  'GET /v1/offices/{officeId}': (_w, x) => ({ path: `/v1/offices/${x.officeId}` }),
  'PATCH /v1/offices/{officeId}': (_w, x) => ({
    path: `/v1/offices/${x.officeId}`,
    body: { address: 'Azadi St. 1' },
  }),
  'POST /v1/offices/{officeId}/assignments': (_w, x) => ({
    path: `/v1/offices/${x.officeId}/assignments`,
    body: { serviceCode: x.serviceCode },
  }),
  'POST /v1/offices/{officeId}/assignments/{serviceCode}/withdraw': (_w, x) => ({
    path: `/v1/offices/${x.officeId}/assignments/not-assigned/withdraw`,
    body: reason,
  }),
  'GET /v1/assignments': (_w, x) => q('/v1/assignments', { officeId: x.officeId }),
  'POST /v1/terminals': (_w, x) => ({
    path: '/v1/terminals',
    body: {
      terminalId: `T${x.key}000009`,
      merchantId: '000000000000099',
      psp: 'Sep',
      officeId: x.officeId,
    },
  }),
  'GET /v1/terminals': (_w, x) => q('/v1/terminals', { officeId: x.officeId }),
  'POST /v1/terminals/{terminalId}/rotate-secret': (_w, x) => ({
    path: `/v1/terminals/${x.spareTerminalId}/rotate-secret`,
    body: { graceHours: 0 },
  }),
  'POST /v1/terminals/{terminalId}/deactivate': (_w, x) => ({
    path: `/v1/terminals/${x.spareTerminalId}/deactivate`,
    body: reason,
  }),

  'POST /v1/psps': () => ({
    path: '/v1/psps',
    body: { pspId: 'PSP-MATRIX', nameFa: 'پرداخت‌یار', nameEn: 'Matrix PSP' },
  }),
  'GET /v1/psps': () => ({ path: '/v1/psps' }),
  // A long overlap: the tenants' PSPs keep signing with the key they were issued.
  'POST /v1/psps/{pspId}/rotate-key': (_w, x) => ({
    path: `/v1/psps/${x.pspId}/rotate-key`,
    body: { graceHours: 720 },
  }),
  'GET /v1/feed': () => q('/v1/feed', { limit: '500' }),
  'POST /v1/webhooks': (_w, x) => ({
    path: '/v1/webhooks',
    body: { webhookId: `mx-new-${x.key.toLowerCase()}`, url: 'https://hooks.example/pishkhan' },
  }),
  'GET /v1/webhooks': () => ({ path: '/v1/webhooks' }),
  'DELETE /v1/webhooks/{webhookId}': (_w, x) => ({
    path: `/v1/webhooks/${matrixWebhook('del', x)}`,
  }),
  'GET /v1/webhooks/{webhookId}/dead-letters': (_w, x) => ({
    path: `/v1/webhooks/${matrixWebhook('hook', x)}/dead-letters`,
  }),
  'POST /v1/webhooks/{webhookId}/redrive': (_w, x) => ({
    path: `/v1/webhooks/${matrixWebhook('hook', x)}/redrive`,
  }),
  'POST /v1/offices/{officeId}/psps': (_w, x) => ({
    path: `/v1/offices/${x.officeId}/psps`,
    body: { pspId: x.pspId, writtenConsent: 'matrix letter' },
  }),

  'POST /v1/agencies': () => ({
    path: '/v1/agencies',
    body: {
      agencyId: 'matrix-agency',
      nameFa: 'دستگاه',
      nameEn: 'Matrix',
      legalId: ids.legalA,
      treasuryIban: ids.iban,
      fees: [],
    },
  }),
  'POST /v1/services': (_w, x) => ({
    path: '/v1/services',
    body: {
      serviceCode: `matrix-${x.key.toLowerCase()}`,
      agencyId: x.agencyId,
      nameFa: 'خدمت',
      nameEn: 'matrix',
      conditions: '',
      customerData: 'none',
    },
  }),
  'POST /v1/catalogues': (_w, x) => ({
    path: '/v1/catalogues',
    body: {
      scope: 'provincial',
      province: x.province,
      period: '1405-H2',
      entries: [{ serviceCode: x.serviceCode, conditions: '', offerBy: '1407/06/31' }],
    },
  }),
  'GET /v1/catalogues/{scope}/{period}': () => ({ path: '/v1/catalogues/national/1405-H2' }),
  'GET /v1/provinces': () => ({ path: '/v1/provinces' }),
  'GET /v1/outsourceable': (_w, x) => q('/v1/outsourceable', { province: x.province }),
  'GET /v1/agencies/behind-timetable': () => ({ path: '/v1/agencies/behind-timetable' }),
  'POST /v1/tariffs/{serviceCode}/approvals': (_w, x) => ({
    path: `/v1/tariffs/${x.serviceCode}/approvals`,
    body: { resolution: { number: 'x' } },
  }),
  'GET /v1/tariffs/{serviceCode}': (_w, x) => ({ path: `/v1/tariffs/${x.serviceCode}` }),
  'POST /v1/tariffs/{serviceCode}/proposals': (_w, x) => ({
    path: `/v1/tariffs/${x.serviceCode}/proposals`,
    body: { effectiveFrom: '1411/01/01', components: [], justification: 'matrix' },
  }),
  'GET /v1/tariff-proposals': () => q('/v1/tariff-proposals', { status: 'pending' }),
  'GET /v1/tariffs/{serviceCode}/proposals/{proposalId}': (_w, x) => ({
    path: `/v1/tariffs/${x.serviceCode}/proposals/${x.tariffProposal}`,
  }),
  'POST /v1/tariffs/{serviceCode}/proposals/{proposalId}/approve': (_w, x) => ({
    path: `/v1/tariffs/${x.serviceCode}/proposals/${x.tariffProposal}/approve`,
    body: { resolution: { number: '' } },
  }),
  'POST /v1/tariffs/{serviceCode}/proposals/{proposalId}/reject': (_w, x) => ({
    path: `/v1/tariffs/${x.serviceCode}/proposals/${x.tariffProposal}/reject`,
    body: { reason: '' },
  }),
  'POST /v1/tariffs/{serviceCode}/proposals/{proposalId}/withdraw': (_w, x) => ({
    path: `/v1/tariffs/${x.serviceCode}/proposals/${x.tariffProposal}/withdraw`,
    body: { reason: 5 },
  }),
  'GET /v1/tariffs/{serviceCode}/price': (_w, x) =>
    q(`/v1/tariffs/${x.serviceCode}/price`, { province: x.province, officeKind: 'urban' }),
  'POST /v1/calendar/{jalaliYear}': (_w, x) => ({
    path: '/v1/calendar/1410',
    body: {
      holidays: [
        { date: '1410/01/01', nameFa: 'نوروز' },
        { date: '1410/05/05', nameFa: 'تعطیلی استانی', provinces: [x.province] },
      ],
    },
  }),
  'GET /v1/calendar/{jalaliYear}': () => ({ path: '/v1/calendar/1404' }),
  'POST /v1/quotes': (_w, x) => ({
    path: '/v1/quotes',
    body: { serviceCode: x.serviceCode, officeId: x.officeId, quantity: 1, occurrence: 1 },
  }),

  'POST /v1/payments': (_w, x, t) => ({
    path: '/v1/payments',
    body: { terminalId: x.terminalId, ...paymentBody(t, x.serviceCode) },
  }),
  'POST /v1/payments/batches': (_w, x, t) => ({
    path: '/v1/payments/batches',
    body: { terminalId: x.terminalId, items: [paymentBody(t, x.serviceCode)] },
  }),
  'POST /v1/payments/reversals': (_w, x) => ({
    path: '/v1/payments/reversals',
    body: { terminalId: x.terminalId, ...x.reversal, reason: 'customer cancelled' },
  }),
  'POST /v1/payments/verifications': (_w, x) => ({
    path: '/v1/payments/verifications',
    body: { trackingCode: x.receiptCode },
  }),
  'POST /v1/payments/{paymentId}/consumptions': (_w, x) => ({
    path: `/v1/payments/${x.paymentId}/consumptions`,
    body: { deliveryReference: 'matrix-delivery-1' },
  }),
  'POST /v1/payments/{paymentId}/refunds': (_w, x) => ({
    path: `/v1/payments/${x.paymentId}/refunds`,
    body: { amount: '1', reason: 'matrix' },
  }),
  'GET /v1/payments/{paymentId}': (_w, x) => ({ path: `/v1/payments/${x.paymentId}` }),
  'GET /v1/payments': (_w, x) => q('/v1/payments', { officeId: x.officeId }),
  'GET /v1/receipts/{trackingCode}': (_w, x) => ({ path: `/v1/receipts/${x.receiptCode}` }),
  'GET /v1/public/tariffs/{serviceCode}': (_w, x) =>
    q(`/v1/public/tariffs/${x.serviceCode}`, { province: x.province }),
  'GET /v1/public/offices': (_w, x) =>
    q('/v1/public/offices', { province: x.province, serviceCode: x.serviceCode }),
  'GET /v1/receipts/{trackingCode}/proof': (_w, x) => ({
    path: `/v1/receipts/${x.receiptCode}/proof`,
  }),
  'GET /v1/ledger/seals/{day}': (w) => ({ path: `/v1/ledger/seals/${w.sealedDay}` }),

  'POST /v1/public/complaints': (_w, x) => ({
    path: '/v1/public/complaints',
    body: {
      kind: 'suggestion',
      subject: { kind: 'office', officeId: x.officeId },
      description: 'a suggestion from the matrix',
    },
  }),
  'GET /v1/public/complaints/{trackingCode}': (_w, x) => ({
    path: `/v1/public/complaints/${x.complaintCode}`,
  }),
  'GET /v1/complaints/overdue': () => ({ path: '/v1/complaints/overdue' }),
  'GET /v1/complaints/statistics': () => ({ path: '/v1/complaints/statistics' }),
  'GET /v1/complaints/statistics.csv': () => ({ path: '/v1/complaints/statistics.csv' }),
  'GET /v1/complaints': () => ({ path: '/v1/complaints' }),
  'GET /v1/complaints/{complaintId}': (_w, x) => ({ path: `/v1/complaints/${x.complaintId}` }),
  'POST /v1/complaints/{complaintId}/review': (_w, x) => ({
    path: `/v1/complaints/${x.serviceComplaintId}/review`,
    body: reason,
  }),
  'POST /v1/complaints/{complaintId}/request-office-response': (_w, x) => ({
    path: `/v1/complaints/${x.serviceComplaintId}/request-office-response`,
    body: reason,
  }),
  'POST /v1/complaints/{complaintId}/office-response': (_w, x) => ({
    path: `/v1/complaints/${x.complaintId}/office-response`,
    body: { response: 'matrix' },
  }),
  'POST /v1/complaints/{complaintId}/resolve': (_w, x) => ({
    path: `/v1/complaints/${x.serviceComplaintId}/resolve`,
    body: { outcome: 'not_upheld', reason: 'matrix' },
  }),
  'POST /v1/complaints/{complaintId}/close': (_w, x) => ({
    path: `/v1/complaints/${x.serviceComplaintId}/close`,
    body: reason,
  }),

  'GET /v1/supervision/rankings': () => q('/v1/supervision/rankings', { period: '1405-H2' }),
  'GET /v1/supervision/offices/{officeId}': (_w, x) =>
    q(`/v1/supervision/offices/${x.officeId}`, { period: '1405-H2' }),
  'POST /v1/supervision/offices/{officeId}/actions': (_w, x) => ({
    path: `/v1/supervision/offices/${x.officeId}/actions`,
    body: { action: 'inspection', reason: 'matrix' },
  }),
  'GET /v1/supervision/offices/{officeId}/actions': (_w, x) => ({
    path: `/v1/supervision/offices/${x.officeId}/actions`,
  }),

  'GET /v1/reports/settlement': (_w, x) =>
    q('/v1/reports/settlement', { from: '1405/09/01', to: '1405/09/30', agencyId: x.agencyId }),
  'GET /v1/reports/settlement.csv': (_w, x) =>
    q('/v1/reports/settlement.csv', { from: '1405/09/01', to: '1405/09/30', agencyId: x.agencyId }),
  'GET /v1/reports/settlement.xlsx': (_w, x) =>
    q('/v1/reports/settlement.xlsx', {
      from: '1405/09/01',
      to: '1405/09/30',
      agencyId: x.agencyId,
    }),
  'POST /v1/settlement/batches': () => ({
    path: '/v1/settlement/batches',
    body: { day: '1405/09/01' },
  }),
  'GET /v1/settlement/batches': () => ({ path: '/v1/settlement/batches' }),
  'GET /v1/settlement/batches/{day}': () => ({ path: '/v1/settlement/batches/14050907' }),
  'GET /v1/settlement/batches/{day}/payouts.csv': () => ({
    path: '/v1/settlement/batches/14050907/payouts.csv',
  }),
  'GET /v1/settlement/batches/{day}/pain.001.xml': () => ({
    path: '/v1/settlement/batches/14050907/pain.001.xml',
  }),
  'GET /v1/reports/compliance': (_w, x) =>
    q('/v1/reports/compliance', { from: '1405/09/01', to: '1405/09/30', province: x.province }),
  'GET /v1/reports/compliance.csv': (_w, x) =>
    q('/v1/reports/compliance.csv', { from: '1405/09/01', to: '1405/09/30', province: x.province }),
  'GET /v1/reports/compliance/payments': (_w, x) =>
    q('/v1/reports/compliance/payments', {
      from: '1405/09/01',
      to: '1405/09/30',
      officeId: x.officeId,
    }),
  'GET /v1/reports/catalogue-deadlines': () => ({ path: '/v1/reports/catalogue-deadlines' }),
  'POST /v1/reconciliations': () => ({
    path: '/v1/reconciliations',
    body: {
      from: '1405/09/01',
      to: '1405/09/30',
      format: 'csv',
      content:
        'date,amount,reference,bank_reference,description\r\n2026-11-29,1500000,300000000000123,B1,x\r\n',
    },
  }),
  'GET /v1/projections': () => ({ path: '/v1/projections' }),
  'GET /v1/reports/national': (_w, x) =>
    q('/v1/reports/national', { from: '1405/08', to: '1405/09', province: x.province }),
  'GET /v1/reports/agencies/{agencyId}': (_w, x) =>
    q(`/v1/reports/agencies/${x.agencyId}`, { from: '1405/09', to: '1405/09' }),
  'GET /v1/reports/agencies/{agencyId}/reconciliations': (_w, x) => ({
    path: `/v1/reports/agencies/${x.agencyId}/reconciliations`,
  }),
  'GET /v1/reports/offices/{officeId}/statement': (_w, x) =>
    q(`/v1/reports/offices/${x.officeId}/statement`, { month: '1405/09', lang: 'fa' }),
  'GET /v1/reports/provinces/{province}/licensing': (_w, x) => ({
    path: `/v1/reports/provinces/${x.province}/licensing`,
  }),
  'GET /v1/reports/national.csv': (_w, x) =>
    q('/v1/reports/national.csv', { from: '1405/08', to: '1405/09', province: x.province }),
  'GET /v1/reports/agencies/{agencyId}.csv': (_w, x) =>
    q(`/v1/reports/agencies/${x.agencyId}.csv`, { from: '1405/09', to: '1405/09' }),
  'GET /v1/reports/agencies/{agencyId}/reconciliations.csv': (_w, x) => ({
    path: `/v1/reports/agencies/${x.agencyId}/reconciliations.csv`,
  }),
  'GET /v1/reports/offices/{officeId}/statement.csv': (_w, x) =>
    q(`/v1/reports/offices/${x.officeId}/statement.csv`, { month: '1405/09', lang: 'fa' }),
  'GET /v1/reports/provinces/{province}/licensing.csv': (_w, x) => ({
    path: `/v1/reports/provinces/${x.province}/licensing.csv`,
  }),
  'GET /v1/reports/national.xlsx': (_w, x) =>
    q('/v1/reports/national.xlsx', { from: '1405/08', to: '1405/09', province: x.province }),
  'GET /v1/reports/agencies/{agencyId}.xlsx': (_w, x) =>
    q(`/v1/reports/agencies/${x.agencyId}.xlsx`, { from: '1405/09', to: '1405/09' }),
  'GET /v1/reports/agencies/{agencyId}/reconciliations.xlsx': (_w, x) => ({
    path: `/v1/reports/agencies/${x.agencyId}/reconciliations.xlsx`,
  }),
  'GET /v1/reports/offices/{officeId}/statement.xlsx': (_w, x) =>
    q(`/v1/reports/offices/${x.officeId}/statement.xlsx`, { month: '1405/09', lang: 'fa' }),
  'GET /v1/reports/provinces/{province}/licensing.xlsx': (_w, x) => ({
    path: `/v1/reports/provinces/${x.province}/licensing.xlsx`,
  }),
  'POST /v1/psp-settlements': (_w, x) => ({ path: '/v1/psp-settlements', body: pspUpload(x) }),
  'GET /v1/psp-settlements': () => ({ path: '/v1/psp-settlements' }),
  'GET /v1/psp-settlements/{runId}': (_w, x) => ({ path: `/v1/psp-settlements/${pspRunOf(x)}` }),
  'GET /v1/psp-settlements/{runId}/outcomes': (_w, x) => ({
    path: `/v1/psp-settlements/${pspRunOf(x)}/outcomes`,
  }),

  'POST /v1/data-instructions': (_w, x) => ({
    path: '/v1/data-instructions',
    body: {
      services: [
        {
          serviceCode: x.serviceCode,
          items: ['identity'],
          level: 'identity',
          customerPresent: true,
          consent: true,
          maxLookupsPerDelivery: 2,
        },
      ],
      channel: 'nix',
      effectiveFrom: '2026-11-01T00:00:00Z',
    },
  }),
  // Only tenant A's agency records an instruction here, so both calls acknowledge A's (the second changes nothing).
  'POST /v1/data-instructions/{agencyId}/versions/{version}/acknowledge': (w) => ({
    path: `/v1/data-instructions/${w.A.agencyId}/versions/1/acknowledge`,
  }),
  'GET /v1/data-instructions/{agencyId}': (_w, x) => ({
    path: `/v1/data-instructions/${x.agencyId}`,
  }),
  'POST /v1/data-access/exchange-center': () => ({
    path: '/v1/data-access/exchange-center',
    body: { on: false, reason: 'authorization matrix' },
  }),
  'POST /v1/data-access/consents': (_w, x) => ({
    path: '/v1/data-access/consents',
    body: {
      nationalId: ids.nationalId,
      serviceCode: x.serviceCode,
      operator: 'Matrix',
      customerPresent: true,
    },
  }),
  'POST /v1/data-access/lookups': (_w, x) => ({
    path: '/v1/data-access/lookups',
    body: {
      nationalId: ids.nationalId,
      serviceCode: x.serviceCode,
      items: ['identity'],
      operator: 'Matrix',
      customerPresent: true,
    },
  }),
  'GET /v1/data-access/audit': (_w, x) => q('/v1/data-access/audit', { officeId: x.officeId }),
  'GET /v1/data-access/audit.csv': (_w, x) =>
    q('/v1/data-access/audit.csv', { officeId: x.officeId }),
  'GET /v1/data-access/anomalies': () =>
    q('/v1/data-access/anomalies', { from: '1405/09/01', to: '1405/09/30' }),
  'POST /v1/data-access/anomalies/actions': (_w, x) => ({
    path: '/v1/data-access/anomalies/actions',
    body: { officeId: x.officeId, kind: 'outside-hours', action: 'warning', reason: 'matrix' },
  }),
  'POST /v1/public/data-access/codes': () => ({
    path: '/v1/public/data-access/codes',
    body: { nationalId: ids.nationalId },
  }),
  'POST /v1/public/data-access/history': () => ({
    path: '/v1/public/data-access/history',
    body: {
      requestId: '00000000-0000-4000-8000-000000000001',
      nationalId: ids.nationalId,
      code: '123456',
    },
  }),

  'POST /v1/public/applicants/codes': () => ({
    path: '/v1/public/applicants/codes',
    body: { nationalId: ids.nationalId, mobile: '09121234567' },
  }),
  'POST /v1/public/applicants/sessions': () => ({
    path: '/v1/public/applicants/sessions',
    body: {
      requestId: '00000000-0000-4000-8000-000000000002',
      nationalId: ids.nationalId,
      code: '123456',
    },
  }),
  'POST /v1/applications': (_w, x) => ({
    path: '/v1/applications',
    body: {
      holder: { kind: 'legal', legalId: ids.legalA, name: 'Matrix Co.' },
      province: x.province,
      officeKind: 'urban',
      location: { localityKind: 'city', locality: 'Somewhere', address: 'Main St. 3' },
      contact: { phone: '02112345678' },
    },
  }),
  'GET /v1/applications': (_w, x) => q('/v1/applications', { province: x.province }),
  'GET /v1/applications/{applicationId}': (_w, x) => ({
    path: `/v1/applications/${x.onlineApplication}`,
  }),
  'PUT /v1/applications/{applicationId}/documents/{documentKind}': (_w, x) => ({
    path: `/v1/applications/${x.onlineApplication}/documents/identity`,
    body: { contentType: 'application/pdf', contentBase64: onlinePdf },
  }),
  'GET /v1/applications/{applicationId}/documents/{documentKind}': (_w, x) => ({
    path: `/v1/applications/${x.onlineApplication}/documents/identity`,
  }),
  'POST /v1/applications/{applicationId}/submit': (_w, x) => ({
    path: `/v1/applications/${x.onlineApplication}/submit`,
  }),
  'POST /v1/applications/{applicationId}/return': (_w, x) => ({
    path: `/v1/applications/${x.spareOnlineApplication}/return`,
    body: reason,
  }),
  'POST /v1/applications/{applicationId}/forward': (_w, x) => ({
    path: `/v1/applications/${x.spareOnlineApplication}/forward`,
  }),

  'GET /v1/holder/licenses': () => ({ path: '/v1/holder/licenses' }),
  'GET /v1/holder/licenses/{licenseId}': (_w, x) => ({
    path: `/v1/holder/licenses/${x.heldLicense}`,
  }),
  'POST /v1/holder/licenses/{licenseId}/requests': (_w, x) => ({
    path: `/v1/holder/licenses/${x.heldLicense}/requests`,
    body: { kind: 'cancellation', reason: 'authorization matrix' },
  }),
  'GET /v1/holder-requests': () => q('/v1/holder-requests', { status: 'pending' }),
  'GET /v1/holder-requests/{requestId}': (_w, x) => ({
    path: `/v1/holder-requests/${x.holderRequest}`,
  }),
  'POST /v1/holder-requests/{requestId}/accept': (_w, x) => ({
    path: `/v1/holder-requests/${x.transferRequest}/accept`,
  }),
  'POST /v1/holder-requests/{requestId}/approve': (_w, x) => ({
    path: `/v1/holder-requests/${x.holderRequest}/approve`,
    body: reason,
  }),
  'POST /v1/holder-requests/{requestId}/reject': (_w, x) => ({
    path: `/v1/holder-requests/${x.holderRequest}/reject`,
    body: reason,
  }),
  'GET /v1/licensing/suspension-recommendations': () => ({
    path: '/v1/licensing/suspension-recommendations',
  }),
  'POST /v1/licensing/suspension-recommendations/{actionId}/act': (_w, x) => ({
    path: `/v1/licensing/suspension-recommendations/${x.recommendation}/act`,
    body: {},
  }),
  'POST /v1/licensing/suspension-recommendations/{actionId}/dismiss': (_w, x) => ({
    path: `/v1/licensing/suspension-recommendations/${x.recommendation}/dismiss`,
    body: reason,
  }),
};
