import { useState } from 'preact/hooks';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { Bars } from '../../ui/Bars';
import { Downloads } from '../../ui/Download';
import { Pager, firstPage, type CursorPages } from '../../ui/Pager';
import { Empty } from '../../ui/States';
import { When } from '../../ui/When';
import { localPage } from '../../ui/localPages';
import { lastMonthRange, useMonthRange } from '../../ui/MonthRange';
import { Table } from '../../ui/Table';
import { LoadedView } from '../../ui/LoadedView';
import { useLoad } from '../../ui/useLoad';

const pageSize = 20;

/** A coverage row and a late listing as the national report computes them (typed loosely in the OpenAPI). */
interface Covered {
  agencyId: string;
  serviceCode: string;
  province: string;
  period: string;
  officesAssigned: number;
  officesDelivered: number;
}
type DeadlineStatus = 'delivered_on_time' | 'delivered_late' | 'overdue' | 'pending';
interface Late {
  agencyId: string;
  serviceCode: string;
  status: DeadlineStatus;
  offerBy: { iso: string; jalali: string };
}

function Coverage({ rows }: { rows: readonly Covered[] }) {
  const { t, digits } = useI18n();
  const [pages, setPages] = useState<CursorPages>(firstPage);
  if (rows.length === 0) return <Empty />;
  const page = localPage(rows, pages, pageSize);
  return (
    <>
      <Table
        caption={t('national.coverage')}
        headers={[
          t('payments.service'),
          t('national.agency'),
          t('license.province'),
          t('national.assigned'),
          t('national.delivered'),
        ]}
        items={page.items}
        keyOf={(c) => `${c.period}|${c.serviceCode}|${c.province}`}
        cells={(c) => [
          <bdi>{c.serviceCode}</bdi>,
          <bdi>{c.agencyId}</bdi>,
          digits(c.province),
          digits(c.officesAssigned),
          digits(c.officesDelivered),
        ]}
      />
      <Pager pages={pages} nextCursor={page.nextCursor} onPages={setPages} />
    </>
  );
}

function Deadlines({ title, rows }: { title: string; rows: readonly Late[] }) {
  const { t } = useI18n();
  const [pages, setPages] = useState<CursorPages>(firstPage);
  if (rows.length === 0) return <Empty />;
  const page = localPage(rows, pages, pageSize);
  return (
    <>
      <Table
        caption={title}
        headers={[
          t('national.agency'),
          t('payments.service'),
          t('national.offerBy'),
          t('license.status'),
        ]}
        items={page.items}
        keyOf={(l) => `${l.agencyId}|${l.serviceCode}|${l.offerBy.iso}`}
        cells={(l) => [
          <bdi>{l.agencyId}</bdi>,
          <bdi>{l.serviceCode}</bdi>,
          <When at={l.offerBy} />,
          t(`deadline.${l.status}`),
        ]}
      />
      <Pager pages={pages} nextCursor={page.nextCursor} onPages={setPages} />
    </>
  );
}

/**
 * AREO's and a provincial MPO's view of the outsourceable-services catalogue (فهرست خدمات
 * قابل برون‌سپاری): payments month by month, coverage of each service in each province (offices
 * assigned, offices delivering), agencies behind their deadlines and every deadline's state;
 * a provincial MPO's report is its province's. CSV and XLSX of the national report.
 */
export function AreoCoverage() {
  const { t } = useI18n();
  const { months, form } = useMonthRange(lastMonthRange(6));

  const [report, retry] = useLoad(
    () => unwrap(api.GET('/v1/reports/national', { params: { query: months } })),
    [months.from, months.to],
  );
  const [deadlines, retryDeadlines] = useLoad(
    () => unwrap(api.GET('/v1/reports/catalogue-deadlines', {})),
    [],
  );

  return (
    <section>
      <h1>{t('areo.coverage')}</h1>
      {form}
      <LoadedView loaded={report} retry={retry}>
        {(data) => (
          <>
            <Downloads path="/v1/reports/national" query={months} />
            <h2>{t('national.trend')}</h2>
            {data.trends.length === 0 ? (
              <Empty />
            ) : (
              <Bars
                title={t('national.trend')}
                bars={data.trends.map((m) => ({
                  label: m.month,
                  value: Number(m['payments'] ?? 0),
                }))}
              />
            )}
            <h2>{t('national.coverage')}</h2>
            <Coverage rows={data.coverage as unknown as Covered[]} />
            <h2>{t('national.late')}</h2>
            <Deadlines title={t('national.late')} rows={data.lateAgencies as unknown as Late[]} />
          </>
        )}
      </LoadedView>
      <h2>{t('national.deadlines')}</h2>
      <LoadedView loaded={deadlines} retry={retryDeadlines}>
        {(data) => <Deadlines title={t('national.deadlines')} rows={data.items} />}
      </LoadedView>
    </section>
  );
}
