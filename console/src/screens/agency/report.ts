import { api, unwrap } from '../../api/client';
import { useSignedIn } from '../../session';
import { lastMonthRange, useMonthRange } from '../../ui/MonthRange';
import { useLoad } from '../../ui/useLoad';

/** Tariff compliance figures (رعایت تعرفه) of a group of flagged payments, rials as strings. */
export interface ComplianceFigures {
  payments: number;
  violations: number;
  excessCollected: string;
  refunded: string;
  stillHeld: string;
}

/** A volume (حجم) of payments and their corrections, rials as strings. */
export interface Volume {
  payments: number;
  gross: string;
  reversals: string;
  refunds: string;
  net: string;
  officeFees: string;
  vat: string;
}

/** The treasury's side of settlement (واریز به خزانه) for a month. */
export interface Settled {
  payments: number;
  gross: string;
  reversals: string;
  refunds: string;
  net: string;
}

/**
 * The agency's own report (گزارش دستگاه اجرایی) as projections/parties/agency.ts writes it;
 * the OpenAPI types its sections loosely, so they are read here as that contract.
 */
export interface AgencyReport {
  ledgerPosition: number;
  period: { from: string; to: string };
  settlement: { totals: Settled; byMonth: Array<Settled & { month: string }> };
  compliance: {
    totals?: ComplianceFigures;
    byType: Array<ComplianceFigures & { type: string }>;
    byService: Array<ComplianceFigures & { serviceCode: string }>;
    byOffice: Array<ComplianceFigures & { officeId: string }>;
    byMonth: Array<ComplianceFigures & { month: string }>;
  };
  volumes: {
    totals: Volume;
    byOffice: Array<Volume & { officeId: string; province: string }>;
    byProvince: Array<Volume & { province: string }>;
    byMonth: Array<Volume & { month: string }>;
  };
}

/** The signed-in agency's report over Jalali months (the last six first), and where its files are. */
export function useAgencyReport() {
  const { scope } = useSignedIn();
  const agencyId = scope.agencyId ?? '';
  const range = useMonthRange(lastMonthRange(6));
  const { months } = range;
  const [loaded, retry] = useLoad(
    async () =>
      (await unwrap(
        api.GET('/v1/reports/agencies/{agencyId}', {
          params: { path: { agencyId }, query: months },
        }),
      )) as unknown as AgencyReport,
    [agencyId, months.from, months.to],
  );
  return {
    range,
    loaded,
    retry,
    path: `/v1/reports/agencies/${encodeURIComponent(agencyId)}`,
  };
}
