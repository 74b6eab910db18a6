import { useI18n } from '../../i18n';
import { Bars } from '../../ui/Bars';
import { Figures } from '../../ui/Figures';
import { LocalTable } from '../../ui/LocalTable';
import { Rials } from '../../ui/Money';
import { Empty } from '../../ui/States';
import { AgencyReportScreen, type ComplianceFigures } from './report';

const amounts = ['excessCollected', 'refunded', 'stillHeld'] as const;

/** The figures of one grouping (by type, service or office) with its key column, a page at a time. */
function Grouped(props: {
  title: string;
  keyTitle: string;
  rows: ReadonlyArray<ComplianceFigures & { key: string }>;
}) {
  const { t, digits } = useI18n();
  return (
    <>
      <h2>{props.title}</h2>
      <LocalTable
        caption={props.title}
        captionHidden
        headers={[
          props.keyTitle,
          t('parties.flaggedPayments'),
          t('compliance.violations'),
          ...amounts.map((k) => t(`compliance.${k}`)),
        ]}
        rows={props.rows}
        keyOf={(r) => r.key}
        cells={(r) => [
          <bdi>{r.key}</bdi>,
          digits(r.payments),
          digits(r.violations),
          ...amounts.map((k) => <Rials value={r[k]} />),
        ]}
      />
    </>
  );
}

/**
 * Tariff compliance on the agency's own services (رعایت تعرفه در خدمات دستگاه): payments charged
 * above the tariff, what was collected above it, refunded and still held, by month in a chart,
 * by violation type, service and office; the agency report as CSV and XLSX.
 */
export function AgencyCompliance() {
  const { t, digits } = useI18n();
  return (
    <AgencyReportScreen title="agency.compliance">
      {({ compliance: c }) => (
        <>
          {c.totals ? (
            <Figures
              rows={[
                [t('parties.flaggedPayments'), digits(c.totals.payments)],
                [t('compliance.violations'), digits(c.totals.violations)],
                ...amounts.map(
                  (k) => [t(`compliance.${k}`), <Rials value={c.totals![k]} />] as const,
                ),
              ]}
            />
          ) : (
            <Empty />
          )}
          <h2>{t('compliance.byMonth')}</h2>
          <Bars
            title={t('compliance.byMonth')}
            bars={c.byMonth.map((m) => ({ label: m.month, value: m.violations }))}
          />
          <Grouped
            title={t('compliance.byType')}
            keyTitle={t('compliance.type')}
            rows={c.byType.map((r) => ({ ...r, key: r.type }))}
          />
          <Grouped
            title={t('parties.byService')}
            keyTitle={t('payments.service')}
            rows={c.byService.map((r) => ({ ...r, key: r.serviceCode }))}
          />
          <Grouped
            title={t('parties.byOffice')}
            keyTitle={t('compliance.office')}
            rows={c.byOffice.map((r) => ({ ...r, key: r.officeId }))}
          />
        </>
      )}
    </AgencyReportScreen>
  );
}
