import { useI18n } from '../../i18n';
import { Bars } from '../../ui/Bars';
import { Downloads } from '../../ui/Download';
import { Rials } from '../../ui/Money';
import { Empty } from '../../ui/States';
import { Table } from '../../ui/Table';
import { LoadedView } from '../../ui/LoadedView';
import { VolumeTable } from '../../ui/VolumeTable';
import { useAgencyReport, type Settled } from './report';

const rials = ['gross', 'reversals', 'refunds', 'net'] as const;

/** What settlement sent the agency's treasury (واریز به خزانه), month by month. */
function Treasury({
  totals,
  byMonth,
}: {
  totals: Settled;
  byMonth: Array<Settled & { month: string }>;
}) {
  const { t, digits } = useI18n();
  if (byMonth.length === 0) return <Empty />;
  return (
    <Table
      caption={t('parties.treasury')}
      captionHidden
      headers={[
        t('parties.month'),
        t('statement.payments'),
        ...rials.map((k) => t(`statement.${k}`)),
      ]}
      items={[...byMonth, { month: '', ...totals }]}
      keyOf={(r) => r.month || 'all'}
      cells={(r) => [
        r.month ? digits(r.month) : t('parties.all'),
        digits(r.payments),
        ...rials.map((k) => <Rials value={r[k]} />),
      ]}
    />
  );
}

/**
 * The agency's payments where they happen (حجم خدمات به تفکیک استان و دفتر): its treasury's
 * settlement month by month, payments by province in a chart and a table, and by office; the
 * agency report as CSV and XLSX (the day-by-day settlement file is on the settlement screen).
 */
export function AgencyVolumes() {
  const { t, digits } = useI18n();
  const { range, loaded, retry, path } = useAgencyReport();
  return (
    <section>
      <h1>{t('agency.volumes')}</h1>
      {range.form}
      <LoadedView loaded={loaded} retry={retry}>
        {(data) => {
          const v = data.volumes;
          return (
            <>
              <Downloads path={path} query={range.months} />
              <h2>{t('parties.treasury')}</h2>
              <Treasury totals={data.settlement.totals} byMonth={data.settlement.byMonth} />
              <h2>{t('parties.byProvince')}</h2>
              <div class="beside">
                {v.byProvince.length === 0 ? (
                  <Empty />
                ) : (
                  <Bars
                    title={t('parties.byProvince')}
                    bars={v.byProvince.map((p) => ({ label: p.province, value: p.payments }))}
                  />
                )}
                <VolumeTable
                  caption={t('parties.byProvince')}
                  keys={[[t('license.province'), (r) => r.province]]}
                  rows={v.byProvince}
                />
              </div>
              <h2>{t('parties.byOffice')}</h2>
              <VolumeTable
                caption={t('parties.byOffice')}
                keys={[
                  [t('compliance.office'), (r) => r.officeId, 'id'],
                  [t('license.province'), (r) => r.province],
                ]}
                rows={v.byOffice}
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
