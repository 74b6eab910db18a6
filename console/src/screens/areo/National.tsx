import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { Downloads } from '../../ui/Download';
import { Figures, LedgerPosition } from '../../ui/Figures';
import { Rials } from '../../ui/Money';
import { lastMonthRange, useMonthRange } from '../../ui/MonthRange';
import { LoadedView } from '../../ui/LoadedView';
import { useLoad } from '../../ui/useLoad';
import { VolumeChart } from '../../ui/VolumeChart';
import { VolumeTable } from '../../ui/VolumeTable';

/** A month of the report's trends: its volume (the OpenAPI types the rest of the row loosely). */
type Month = Omit<Schemas['NationalReport']['byProvince'][number], 'province'> & {
  month: string;
};

/**
 * The national report in charts (گزارش ملی): payments month by month and by province, each as
 * SVG columns with its table beside it, and the agency × province table; a provincial MPO's is
 * its province's. CSV and XLSX of the report.
 */
export function AreoNational() {
  const { t, digits } = useI18n();
  const { months, form } = useMonthRange(lastMonthRange(6));
  const [report, retry] = useLoad(
    () => unwrap(api.GET('/v1/reports/national', { params: { query: months } })),
    [months.from, months.to],
  );
  return (
    <section>
      <h1>{t('areo.national')}</h1>
      {form}
      <LoadedView loaded={report} retry={retry}>
        {(data) => (
          <>
            <Downloads path="/v1/reports/national" query={months} />
            <Figures
              rows={[
                [t('statement.payments'), digits(data.totals.payments)],
                [t('statement.gross'), <Rials value={data.totals.gross} />],
                [t('statement.net'), <Rials value={data.totals.net} />],
              ]}
            />
            <h2>{t('national.trend')}</h2>
            <VolumeChart
              title={t('national.trend')}
              label={(m) => m.month}
              keys={[[t('parties.month'), (m) => m.month]]}
              rows={data.trends as unknown as Month[]}
            />
            <h2>{t('parties.byProvince')}</h2>
            <VolumeChart
              title={t('parties.byProvince')}
              label={(p) => p.province}
              keys={[[t('license.province'), (p) => p.province]]}
              rows={data.byProvince}
            />
            <h2>{t('parties.byAgencyProvince')}</h2>
            <VolumeTable
              caption={t('parties.byAgencyProvince')}
              keys={[
                [t('national.agency'), (r) => r.agencyId, 'id'],
                [t('license.province'), (r) => r.province],
              ]}
              rows={data.byAgencyProvince}
            />
            <LedgerPosition position={data.ledgerPosition} />
          </>
        )}
      </LoadedView>
    </section>
  );
}
