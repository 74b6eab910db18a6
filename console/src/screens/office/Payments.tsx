import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { parseJalaliDay } from '../../format/dates';
import { useI18n, type TextKey } from '../../i18n';
import { useSignedIn } from '../../session';
import { Field } from '../../ui/Field';
import { Rials } from '../../ui/Money';
import { Pager, firstPage, type CursorPages } from '../../ui/Pager';
import { Empty, ErrorView, Loading } from '../../ui/States';
import { Table } from '../../ui/Table';
import { When } from '../../ui/When';
import { useLoad } from '../../ui/useLoad';

type Status = Schemas['Payment']['status'];
const statuses: Status[] = ['recorded', 'flagged', 'reversed', 'refunded', 'partially-refunded'];
const pageSize = 20;

/** The office's payments (پرداخت‌های دفتر), oldest first, a page at a time, by day and status. */
export function OfficePayments() {
  const { t, digits } = useI18n();
  const { scope } = useSignedIn();
  const [dayTyped, setDayTyped] = useState('');
  const [status, setStatus] = useState<Status | ''>('');
  const [filter, setFilter] = useState<{ day?: string; status?: Status }>({});
  const [pages, setPages] = useState<CursorPages>(firstPage);
  const dayValue = dayTyped.trim() ? parseJalaliDay(dayTyped) : undefined;
  const dayError = dayTyped.trim() && !dayValue ? t('input.invalidDay') : undefined;

  const [loaded, retry] = useLoad(
    () =>
      unwrap(
        api.GET('/v1/payments', {
          params: {
            query: {
              officeId: scope.officeId,
              limit: pageSize,
              ...(filter.day ? { day: filter.day } : {}),
              ...(filter.status ? { status: filter.status } : {}),
              ...(pages.current ? { cursor: pages.current } : {}),
            },
          },
        }),
      ),
    [filter.day, filter.status, pages.current],
  );

  return (
    <section>
      <h1>{t('office.payments')}</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (dayError) return;
          setFilter({ ...(dayValue ? { day: dayValue } : {}), ...(status ? { status } : {}) });
          setPages(firstPage);
        }}
      >
        <Field
          label={t('payments.day')}
          value={dayTyped}
          onValue={(_ascii, typed) => setDayTyped(typed)}
          inputMode="numeric"
          error={dayError}
        />
        <div class="field">
          <label for="payment-status">{t('payments.status')}</label>
          <select
            id="payment-status"
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as Status | '')}
          >
            <option value="">{t('payments.any')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}` as TextKey)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('payments.filter')}</button>
      </form>
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'failed' ? <ErrorView failure={loaded.failure} onRetry={retry} /> : null}
      {loaded.state === 'ready' && loaded.data.items.length === 0 ? <Empty /> : null}
      {loaded.state === 'ready' && loaded.data.items.length > 0 ? (
        <>
          <Table
            caption={t('payments.caption')}
            headers={[
              t('payments.time'),
              t('payments.tracking'),
              t('payments.service'),
              t('payments.terminal'),
              t('payments.amount'),
              t('payments.status'),
            ]}
            items={loaded.data.items}
            keyOf={(p) => p.paymentId}
            cells={(p) => [
              <When at={p.transactionTime} />,
              <code dir="ltr">{p.trackingCode}</code>,
              digits(p.serviceCode),
              <code dir="ltr">{p.terminalId}</code>,
              <Rials value={p.amount} />,
              t(`status.${p.status}` as TextKey),
            ]}
          />
          <Pager pages={pages} nextCursor={loaded.data.nextCursor} onPages={setPages} />
        </>
      ) : null}
    </section>
  );
}
