import { useState } from 'preact/hooks';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { Bars } from '../../ui/Bars';
import { lastMonths, useDayRange, type Days } from '../../ui/DayRange';
import { FileLinks } from '../../ui/FileLinks';
import { Rials } from '../../ui/Money';
import { Pager, firstPage, type CursorPages } from '../../ui/Pager';
import { Empty } from '../../ui/States';
import { Table } from '../../ui/Table';
import { LoadedView } from '../../ui/LoadedView';
import { useLoad } from '../../ui/useLoad';

const amounts = ['excessCollected', 'refunded', 'stillHeld'] as const;
const pageSize = 20;

/** Which figure's payments are drilled into: an office's, or a violation type's. */
type Drill = { officeId: string } | { type: string };

/** The flagged payments behind a compliance figure, a page at a time. */
function FlaggedPayments({ days, drill }: { days: Days; drill: Drill }) {
  const { t } = useI18n();
  const [pages, setPages] = useState<CursorPages>(firstPage);
  const key = 'officeId' in drill ? drill.officeId : drill.type;
  const [loaded, retry] = useLoad(
    () =>
      unwrap(
        api.GET('/v1/reports/compliance/payments', {
          params: {
            query: {
              ...days,
              ...drill,
              limit: pageSize,
              ...(pages.current ? { cursor: pages.current } : {}),
            },
          },
        }),
      ),
    [days.from, days.to, key, pages.current],
  );
  return (
    <article class="file" aria-labelledby="flagged">
      <h2 id="flagged">
        {t('compliance.flagged')}: <bdi>{key}</bdi>
      </h2>
      <LoadedView loaded={loaded} retry={retry} isEmpty={(data) => data.items.length === 0}>
        {(data) => (
          <>
            <Table
              caption={t('compliance.flagged')}
              headers={[
                t('compliance.payment'),
                t('compliance.office'),
                t('compliance.type'),
                ...amounts.map((k) => t(`compliance.${k}`)),
                t('compliance.tariff'),
              ]}
              items={data.items}
              keyOf={(p) => p.paymentId}
              cells={(p) => [
                <code dir="ltr">{p.paymentId}</code>,
                <code dir="ltr">{p.officeId}</code>,
                p.violations.join('، '),
                ...amounts.map((k) => <Rials value={p[k]} />),
                p.tariff ? (
                  <code dir="ltr">{`${p.tariff.tariffId} v${p.tariff.version}`}</code>
                ) : null,
              ]}
            />
            <Pager pages={pages} nextCursor={data.nextCursor} onPages={setPages} />
          </>
        )}
      </LoadedView>
    </article>
  );
}

/**
 * Tariff compliance (رعایت تعرفه) for the regulator: violations and the rials collected above
 * the tariff, refunded and still held, month by month in a chart, by type and by the most
 * offending offices, each drilling down to its payments; the CSV a click away.
 */
export function RegulatorCompliance() {
  const { t, digits } = useI18n();
  const [drill, setDrill] = useState<Drill | undefined>();
  const range = useDayRange(lastMonths(6), () => setDrill(undefined));
  const days = range.days;
  const [loaded, retry] = useLoad(
    () => unwrap(api.GET('/v1/reports/compliance', { params: { query: days } })),
    [days.from, days.to],
  );
  const query = new URLSearchParams({ from: days.from, to: days.to }).toString();

  return (
    <section>
      <h1>{t('regulator.compliance')}</h1>
      {range.form}
      <LoadedView loaded={loaded} retry={retry}>
        {(data) => (
          <>
            <FileLinks csv={`/v1/reports/compliance.csv?${query}`} />
            <dl class="figures">
              <div>
                <dt>{t('compliance.payments')}</dt>
                <dd>{digits(data.totals.payments)}</dd>
              </div>
              <div>
                <dt>{t('compliance.violations')}</dt>
                <dd>{digits(data.totals.violations)}</dd>
              </div>
              {amounts.map((k) => (
                <div key={k}>
                  <dt>{t(`compliance.${k}`)}</dt>
                  <dd>
                    <Rials value={data.totals[k]} />
                  </dd>
                </div>
              ))}
            </dl>
            <h2>{t('compliance.byMonth')}</h2>
            {data.byMonth.length === 0 ? (
              <Empty />
            ) : (
              <Bars
                title={t('compliance.byMonth')}
                bars={data.byMonth.map((m) => ({ label: m.month, value: m.violations }))}
              />
            )}
            <Figures
              title={t('compliance.byType')}
              keyTitle={t('compliance.type')}
              rows={data.byType.map((r) => ({ key: r.type, drill: { type: r.type }, ...r }))}
              onDrill={setDrill}
            />
            <Figures
              title={t('compliance.offices')}
              keyTitle={t('compliance.office')}
              rows={data.mostOffendingOffices.map((r) => ({
                key: r.officeId,
                drill: { officeId: r.officeId },
                ...r,
              }))}
              onDrill={setDrill}
            />
            {drill ? (
              <FlaggedPayments key={JSON.stringify(drill)} days={days} drill={drill} />
            ) : null}
          </>
        )}
      </LoadedView>
    </section>
  );
}

function Figures(props: {
  title: string;
  keyTitle: string;
  rows: Array<{
    key: string;
    drill: Drill;
    violations: number;
    excessCollected: string;
    stillHeld: string;
  }>;
  onDrill: (d: Drill) => void;
}) {
  const { t, digits } = useI18n();
  return (
    <>
      <h2>{props.title}</h2>
      {props.rows.length === 0 ? (
        <Empty />
      ) : (
        <Table
          caption={props.title}
          headers={[
            props.keyTitle,
            t('compliance.violations'),
            t('compliance.excessCollected'),
            t('compliance.stillHeld'),
            t('compliance.drill'),
          ]}
          items={props.rows}
          keyOf={(r) => r.key}
          cells={(r) => [
            <bdi>{r.key}</bdi>,
            digits(r.violations),
            <Rials value={r.excessCollected} />,
            <Rials value={r.stillHeld} />,
            <button
              type="button"
              aria-label={`${t('compliance.drill')}: ${r.key}`}
              onClick={() => props.onDrill(r.drill)}
            >
              {t('compliance.drill')}
            </button>,
          ]}
        />
      )}
    </>
  );
}
