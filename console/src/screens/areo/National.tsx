import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { Bars } from '../../ui/Bars';
import { Downloads } from '../../ui/Download';
import { Rials } from '../../ui/Money';
import { lastMonthRange, useMonthRange } from '../../ui/MonthRange';
import { Empty } from '../../ui/States';
import { LoadedView } from '../../ui/LoadedView';
import { useLoad } from '../../ui/useLoad';
import { VolumeTable } from '../../ui/VolumeTable';

type Row = Schemas['NationalReport']['byProvince'][number];

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
        {(data) => {
          const trends = data.trends as unknown as Array<Omit<Row, 'province'> & { month: string }>;
          return (
            <>
              <Downloads path="/v1/reports/national" query={months} />
              <dl class="figures">
                <div>
                  <dt>{t('statement.payments')}</dt>
                  <dd>{digits(data.totals.payments)}</dd>
                </div>
                <div>
                  <dt>{t('statement.gross')}</dt>
                  <dd>
                    <Rials value={data.totals.gross} />
                  </dd>
                </div>
                <div>
                  <dt>{t('statement.net')}</dt>
                  <dd>
                    <Rials value={data.totals.net} />
                  </dd>
                </div>
              </dl>
              <h2>{t('national.trend')}</h2>
              <div class="beside">
                {trends.length === 0 ? (
                  <Empty />
                ) : (
                  <Bars
                    title={t('national.trend')}
                    bars={trends.map((m) => ({ label: m.month, value: m.payments }))}
                  />
                )}
                <VolumeTable
                  caption={t('national.trend')}
                  keys={[[t('parties.month'), (r) => r.month]]}
                  rows={trends}
                />
              </div>
              <h2>{t('parties.byProvince')}</h2>
              <div class="beside">
                {data.byProvince.length === 0 ? (
                  <Empty />
                ) : (
                  <Bars
                    title={t('parties.byProvince')}
                    bars={data.byProvince.map((p) => ({ label: p.province, value: p.payments }))}
                  />
                )}
                <VolumeTable
                  caption={t('parties.byProvince')}
                  keys={[[t('license.province'), (r) => r.province]]}
                  rows={data.byProvince}
                />
              </div>
              <h2>{t('parties.byAgencyProvince')}</h2>
              <VolumeTable
                caption={t('parties.byAgencyProvince')}
                keys={[
                  [t('national.agency'), (r) => r.agencyId, 'id'],
                  [t('license.province'), (r) => r.province],
                ]}
                rows={data.byAgencyProvince}
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
