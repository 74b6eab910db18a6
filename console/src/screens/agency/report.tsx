import type { ComponentChildren } from 'preact';
import { api, unwrap } from '../../api/client';
import { useI18n, type TextKey } from '../../i18n';
import { useSignedIn } from '../../session';
import { Downloads } from '../../ui/Download';
import { LedgerPosition } from '../../ui/Figures';
import { LoadedView } from '../../ui/LoadedView';
import { lastMonthRange, useMonthRange } from '../../ui/MonthRange';
import { useLoad } from '../../ui/useLoad';
import type { VolumeFigures } from '../../ui/VolumeTable';

/** Tariff compliance figures (رعایت تعرفه) of a group of flagged payments, rials as strings. */
export interface ComplianceFigures {
  payments: number;
  violations: number;
  excessCollected: string;
  refunded: string;
  stillHeld: string;
}

/** A volume (حجم) of payments and their corrections, rials as strings. */
export type Volume = VolumeFigures & { vat: string };

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
function useAgencyReport() {
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

/**
 * A screen of the agency's report: its title, the months, then (once loaded) the CSV and XLSX
 * of the whole report, what `children` shows of it, and the ledger position it reflects.
 */
export function AgencyReportScreen(props: {
  title: TextKey;
  children: (report: AgencyReport) => ComponentChildren;
}) {
  const { t } = useI18n();
  const { range, loaded, retry, path } = useAgencyReport();
  return (
    <section>
      <h1>{t(props.title)}</h1>
      {range.form}
      <LoadedView loaded={loaded} retry={retry}>
        {(data) => (
          <>
            <Downloads path={path} query={range.months} />
            {props.children(data)}
            <LedgerPosition position={data.ledgerPosition} />
          </>
        )}
      </LoadedView>
    </section>
  );
}
