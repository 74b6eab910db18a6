import { useI18n } from '../../i18n';
import { Bars } from '../../ui/Bars';
import { Downloads } from '../../ui/Download';
import { LocalTable } from '../../ui/LocalTable';
import { Rials } from '../../ui/Money';
import { Empty } from '../../ui/States';
import { LoadedView } from '../../ui/LoadedView';
import { useAgencyReport, type ComplianceFigures } from './report';

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
  const { range, loaded, retry, path } = useAgencyReport();
  return (
    <section>
      <h1>{t('agency.compliance')}</h1>
      {range.form}
      <LoadedView loaded={loaded} retry={retry}>
        {(data) => {
          const c = data.compliance;
          return (
            <>
              <Downloads path={path} query={range.months} />
              {c.totals ? (
                <dl class="figures">
                  <div>
                    <dt>{t('parties.flaggedPayments')}</dt>
                    <dd>{digits(c.totals.payments)}</dd>
                  </div>
                  <div>
                    <dt>{t('compliance.violations')}</dt>
                    <dd>{digits(c.totals.violations)}</dd>
                  </div>
                  {amounts.map((k) => (
                    <div key={k}>
                      <dt>{t(`compliance.${k}`)}</dt>
                      <dd>
                        <Rials value={c.totals![k]} />
                      </dd>
                    </div>
                  ))}
                </dl>
              ) : (
                <Empty />
              )}
              <h2>{t('compliance.byMonth')}</h2>
              {c.byMonth.length === 0 ? (
                <Empty />
              ) : (
                <Bars
                  title={t('compliance.byMonth')}
                  bars={c.byMonth.map((m) => ({ label: m.month, value: m.violations }))}
                />
              )}
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
              <p class="muted">
                {t('statement.position')} {digits(data.ledgerPosition)}
              </p>
            </>
          );
        }}
      </LoadedView>
    </section>
  );
}
