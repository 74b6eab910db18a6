import { useState } from 'preact/hooks';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { FileLinks } from '../../ui/FileLinks';
import { Rials } from '../../ui/Money';
import { Pager, firstPage, type CursorPages } from '../../ui/Pager';
import { Empty } from '../../ui/States';
import { localPage } from '../../ui/localPages';
import { Table } from '../../ui/Table';
import { LoadedView } from '../../ui/LoadedView';
import { useLoad } from '../../ui/useLoad';
import { thisMonthSoFar, useDayRange } from '../../ui/DayRange';

const pageSize = 20;
const amounts = ['gross', 'reversals', 'refunds', 'net'] as const;

/**
 * The agency's settlement report (گزارش تسویه): its treasury fees over Jalali days and the
 * credits the treasury should receive, with the CSV and XLSX a click away on the session cookie
 * (the API scopes an agency to its own lines).
 */
export function AgencySettlement() {
  const { t, digits, lang } = useI18n();
  const [pages, setPages] = useState<CursorPages>(firstPage);
  const range = useDayRange(thisMonthSoFar(), () => setPages(firstPage));
  const days = range.days;
  const [loaded, retry] = useLoad(
    () => unwrap(api.GET('/v1/reports/settlement', { params: { query: days } })),
    [days.from, days.to],
  );
  const query = new URLSearchParams({ from: days.from, to: days.to }).toString();

  return (
    <section>
      <h1>{t('agency.settlement')}</h1>
      {range.form}
      <LoadedView loaded={loaded} retry={retry}>
        {(data) => (
          <>
            <FileLinks
              csv={`/v1/reports/settlement.csv?${query}`}
              xlsx={`/v1/reports/settlement.xlsx?${query}&lang=${lang}`}
            />
            <h2>
              {t('settlement.totals')} {digits(data.from.jalali)} – {digits(data.to.jalali)}
            </h2>
            <dl class="figures">
              <div>
                <dt>{t('statement.payments')}</dt>
                <dd>{digits(data.totals.payments)}</dd>
              </div>
              {amounts.map((k) => (
                <div key={k}>
                  <dt>{t(`statement.${k}`)}</dt>
                  <dd>
                    <Rials value={data.totals[k]} />
                  </dd>
                </div>
              ))}
            </dl>
            <h2>{t('settlement.credits')}</h2>
            <Credits credits={data.expectedTreasuryCredits} pages={pages} onPages={setPages} />
            <p class="muted">
              {t('statement.position')} {digits(data.ledgerPosition)}
            </p>
          </>
        )}
      </LoadedView>
    </section>
  );
}

function Credits(props: {
  credits: Array<{
    day: { jalali: string };
    iban: string;
    depositId: string;
    amount: string;
  }>;
  pages: CursorPages;
  onPages: (p: CursorPages) => void;
}) {
  const { t, digits } = useI18n();
  if (props.credits.length === 0) return <Empty />;
  const page = localPage(props.credits, props.pages, pageSize);
  return (
    <>
      <Table
        caption={t('settlement.credits')}
        headers={[
          t('settlement.day'),
          t('settlement.iban'),
          t('settlement.deposit'),
          t('payments.amount'),
        ]}
        items={page.items}
        keyOf={(c) => `${c.day.jalali}|${c.depositId}`}
        cells={(c) => [
          digits(c.day.jalali),
          <code dir="ltr">{c.iban}</code>,
          <code dir="ltr">{c.depositId}</code>,
          <Rials value={c.amount} />,
        ]}
      />
      <Pager pages={props.pages} nextCursor={page.nextCursor} onPages={props.onPages} />
    </>
  );
}
