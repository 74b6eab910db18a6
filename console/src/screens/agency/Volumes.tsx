import { useI18n } from '../../i18n';
import { LocalTable } from '../../ui/LocalTable';
import { Rials } from '../../ui/Money';
import { VolumeChart } from '../../ui/VolumeChart';
import { VolumeTable } from '../../ui/VolumeTable';
import { AgencyReportScreen, type Settled } from './report';

const rials = ['gross', 'reversals', 'refunds', 'net'] as const;

/** What settlement credits the agency's treasury (واریز به خزانه), month by month and in all. */
function Treasury(props: { totals: Settled; byMonth: Array<Settled & { month: string }> }) {
  const { t, digits } = useI18n();
  return (
    <LocalTable
      caption={t('parties.treasury')}
      captionHidden
      headers={[
        t('parties.month'),
        t('statement.payments'),
        ...rials.map((k) => t(`statement.${k}`)),
      ]}
      rows={props.byMonth.length === 0 ? [] : [...props.byMonth, { month: '', ...props.totals }]}
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
 * settlement month by month, payments by province in a chart beside its table, and by office;
 * the agency report as CSV and XLSX (the day-by-day settlement file is on the settlement screen).
 */
export function AgencyVolumes() {
  const { t } = useI18n();
  return (
    <AgencyReportScreen title="agency.volumes">
      {({ settlement, volumes }) => (
        <>
          <h2>{t('parties.treasury')}</h2>
          <Treasury totals={settlement.totals} byMonth={settlement.byMonth} />
          <h2>{t('parties.byProvince')}</h2>
          <VolumeChart
            title={t('parties.byProvince')}
            label={(r) => r.province}
            keys={[[t('license.province'), (r) => r.province]]}
            rows={volumes.byProvince}
          />
          <h2>{t('parties.byOffice')}</h2>
          <VolumeTable
            caption={t('parties.byOffice')}
            keys={[
              [t('compliance.office'), (r) => r.officeId, 'id'],
              [t('license.province'), (r) => r.province],
            ]}
            rows={volumes.byOffice}
          />
        </>
      )}
    </AgencyReportScreen>
  );
}
