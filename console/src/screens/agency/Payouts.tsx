import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { Rials } from '../../ui/Money';
import { PagedTable, usePaged } from '../../ui/Paged';
import { When } from '../../ui/When';

type Batch = Schemas['SettlementBatchSummary'];

/**
 * The agency's payout files (پرونده‌های پرداخت): each closed settlement day (دسته تسویه) that pays
 * it, newest first, with the total of the instructions crediting its accounts and their CSV a
 * click away on the session cookie (the API gives an agency its own lines only).
 */
export function AgencyPayouts() {
  const { t, digits } = useI18n();
  const batches = usePaged<never, Batch>(
    ({ limit, cursor }) =>
      unwrap(
        api.GET('/v1/settlement/batches', {
          params: { query: { limit, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    '',
  );

  return (
    <section>
      <h1>{t('agency.payouts')}</h1>
      <p class="muted">{t('payouts.intro')}</p>
      <PagedTable
        list={batches}
        caption={t('payouts.caption')}
        headers={[
          t('settlement.day'),
          t('payouts.batch'),
          t('payouts.instructions'),
          t('statement.payments'),
          t('payouts.total'),
          t('payouts.file'),
        ]}
        keyOf={(b) => b.batchId}
        cells={(b) => [
          <When at={{ iso: b.dayStart.iso, jalali: b.day }} />,
          <code dir="ltr">{b.batchId}</code>,
          digits(b.instructions),
          digits(b.payments),
          <Rials value={b.total} />,
          <a
            class="button"
            href={`/v1/settlement/batches/${b.day.replace(/\//g, '')}/payouts.csv`}
            download
            aria-label={`${t('download.csv')}: ${digits(b.day)}`}
          >
            {t('download.csv')}
          </a>,
        ]}
      />
    </section>
  );
}
