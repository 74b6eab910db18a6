import { useState } from 'preact/hooks';
import { api, unwrap } from '../../api/client';
import { parseJalaliMonth } from '../../format/dates';
import { useI18n } from '../../i18n';
import { Bars } from '../../ui/Bars';
import { lastMonths } from '../../ui/DayRange';
import { Downloads } from '../../ui/Download';
import { Field } from '../../ui/Field';
import { Pager, firstPage, type CursorPages } from '../../ui/Pager';
import { Empty } from '../../ui/States';
import { When } from '../../ui/When';
import { localPage } from '../../ui/localPages';
import { TableFrame } from '../../ui/TableFrame';
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
      <TableFrame caption={t('national.coverage')}>
        <thead>
          <tr>
            <th scope="col">{t('payments.service')}</th>
            <th scope="col">{t('national.agency')}</th>
            <th scope="col">{t('license.province')}</th>
            <th scope="col">{t('national.assigned')}</th>
            <th scope="col">{t('national.delivered')}</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((c) => (
            <tr key={`${c.period}|${c.serviceCode}|${c.province}`}>
              <td>
                <bdi>{c.serviceCode}</bdi>
              </td>
              <td>
                <bdi>{c.agencyId}</bdi>
              </td>
              <td>{digits(c.province)}</td>
              <td>{digits(c.officesAssigned)}</td>
              <td>{digits(c.officesDelivered)}</td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
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
      <TableFrame caption={title}>
        <thead>
          <tr>
            <th scope="col">{t('national.agency')}</th>
            <th scope="col">{t('payments.service')}</th>
            <th scope="col">{t('national.offerBy')}</th>
            <th scope="col">{t('license.status')}</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((l) => (
            <tr key={`${l.agencyId}|${l.serviceCode}|${l.offerBy.iso}`}>
              <td>
                <bdi>{l.agencyId}</bdi>
              </td>
              <td>
                <bdi>{l.serviceCode}</bdi>
              </td>
              <td>
                <When at={l.offerBy} />
              </td>
              <td>{t(`deadline.${l.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
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
  const { t, digits } = useI18n();
  const initial = lastMonths(6);
  const [fromTyped, setFromTyped] = useState(() => digits(initial.from.slice(0, 7)));
  const [toTyped, setToTyped] = useState(() => digits(initial.to.slice(0, 7)));
  const [months, setMonths] = useState({
    from: initial.from.slice(0, 7),
    to: initial.to.slice(0, 7),
  });
  const parsed = { from: parseJalaliMonth(fromTyped), to: parseJalaliMonth(toTyped) };

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
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (parsed.from && parsed.to) setMonths({ from: parsed.from, to: parsed.to });
        }}
      >
        <Field
          label={t('months.from')}
          value={fromTyped}
          onValue={(_ascii, typed) => setFromTyped(typed)}
          inputMode="numeric"
          error={parsed.from ? undefined : t('input.invalidMonth')}
        />
        <Field
          label={t('months.to')}
          value={toTyped}
          onValue={(_ascii, typed) => setToTyped(typed)}
          inputMode="numeric"
          error={parsed.to ? undefined : t('input.invalidMonth')}
        />
        <button type="submit">{t('range.show')}</button>
      </form>
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
