import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { jalaliMonthOf, parseJalaliMonth } from '../../format/dates';
import { useI18n, type TextKey } from '../../i18n';
import { useSignedIn } from '../../session';
import { Downloads } from '../../ui/Download';
import { Field } from '../../ui/Field';
import { Rials } from '../../ui/Money';
import { Empty, ErrorView, Loading } from '../../ui/States';
import { Table } from '../../ui/Table';
import { useLoad } from '../../ui/useLoad';

type Statement = Schemas['OfficeStatement'];
const totals: Array<keyof Statement['totals']> = [
  'gross',
  'reversals',
  'refunds',
  'net',
  'officeFees',
  'vat',
];
const balances = ['paidOut', 'stillOwed', 'owedToDate'] as const;

/**
 * The office's monthly statement (صورت‌حساب ماهانهٔ دفتر): what it took, what was reversed or
 * refunded, its fees and VAT, what settlement paid it and what is still owed; CSV and XLSX
 * with one click.
 */
export function OfficeStatement() {
  const { t, digits } = useI18n();
  const { scope } = useSignedIn();
  const officeId = scope.officeId ?? '';
  const [typed, setTyped] = useState(() => digits(jalaliMonthOf(new Date())));
  const [month, setMonth] = useState(() => jalaliMonthOf(new Date()));
  const parsed = parseJalaliMonth(typed);
  const path = `/v1/reports/offices/${encodeURIComponent(officeId)}/statement`;

  const [loaded, retry] = useLoad(
    () =>
      unwrap(
        api.GET('/v1/reports/offices/{officeId}/statement', {
          params: { path: { officeId }, query: { month } },
        }),
      ),
    [officeId, month],
  );

  return (
    <section>
      <h1>{t('office.statement')}</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (parsed) setMonth(parsed);
        }}
      >
        <Field
          label={t('statement.month')}
          value={typed}
          onValue={(_ascii, value) => setTyped(value)}
          inputMode="numeric"
          error={parsed ? undefined : t('input.invalidMonth')}
        />
        <button type="submit">{t('statement.show')}</button>
      </form>
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'failed' ? <ErrorView failure={loaded.failure} onRetry={retry} /> : null}
      {loaded.state === 'ready' ? (
        <>
          <Downloads path={path} query={{ month }} />
          <h2>
            {t('statement.totals')} {digits(month)}
          </h2>
          <dl class="figures">
            <div>
              <dt>{t('statement.payments')}</dt>
              <dd>{digits(loaded.data.totals.payments)}</dd>
            </div>
            {totals.map((k) => (
              <div key={k}>
                <dt>{t(`statement.${k}` as TextKey)}</dt>
                <dd>
                  <Rials value={String(loaded.data.totals[k])} />
                </dd>
              </div>
            ))}
            {balances.map((k) => (
              <div key={k}>
                <dt>{t(`statement.${k}`)}</dt>
                <dd>
                  <Rials value={loaded.data[k]} />
                </dd>
              </div>
            ))}
          </dl>
          <h2>{t('statement.byService')}</h2>
          {loaded.data.byService.length === 0 ? (
            <Empty />
          ) : (
            <Table
              caption={t('statement.byService')}
              captionHidden
              headers={[
                t('payments.service'),
                t('statement.payments'),
                t('statement.net'),
                t('statement.officeFees'),
              ]}
              items={loaded.data.byService}
              keyOf={(s) => s.serviceCode}
              cells={(s) => [
                digits(s.serviceCode),
                digits(s.payments),
                <Rials value={s.net} />,
                <Rials value={s.officeFees} />,
              ]}
            />
          )}
          <h2>{t('statement.payouts')}</h2>
          {loaded.data.payouts.length === 0 ? (
            <Empty />
          ) : (
            <Table
              caption={t('statement.payouts')}
              captionHidden
              headers={[t('statement.payoutDay'), t('payments.amount')]}
              items={loaded.data.payouts}
              keyOf={(p) => p.day}
              cells={(p) => [digits(p.day), <Rials value={p.amount} />]}
            />
          )}
          <p class="muted">
            {t('statement.position')} {digits(loaded.data.ledgerPosition)}
          </p>
        </>
      ) : null}
    </section>
  );
}
