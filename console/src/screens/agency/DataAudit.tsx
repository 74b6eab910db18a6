import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { lastMonths, useDayRange, type Days } from '../../ui/DayRange';
import { FileLinks } from '../../ui/FileLinks';
import { PagedTable, usePaged } from '../../ui/Paged';
import { StatusSelect } from '../../ui/StatusSelect';
import { When } from '../../ui/When';

type Attempt = Schemas['DataAccessAttempt'];
type Outcome = Attempt['outcome'];
const outcomes: Outcome[] = ['granted', 'refused', 'failed'];

/** The attempts over the days chosen, filtered by outcome, a page at a time, with their CSV. */
function Attempts({ days }: { days: Days }) {
  const { t } = useI18n();
  const list = usePaged<Outcome, Attempt>(
    ({ status, ...page }) =>
      unwrap(
        api.GET('/v1/data-access/audit', {
          params: { query: { ...days, ...page, ...(status ? { outcome: status } : {}) } },
        }),
      ),
    '',
  );
  const csv = new URLSearchParams({
    ...days,
    ...(list.status ? { outcome: list.status } : {}),
  }).toString();
  return (
    <>
      <StatusSelect
        value={list.status}
        statuses={outcomes}
        any
        name={(o) => t(`access.${o}`)}
        onValue={list.setStatus}
      />
      <FileLinks csv={`/v1/data-access/audit.csv?${csv}`} />
      <PagedTable
        list={list}
        caption={t('agency.dataAccess')}
        headers={[
          t('access.at'),
          t('access.outcome'),
          t('compliance.office'),
          t('license.province'),
          t('payments.service'),
          t('access.items'),
          t('access.rule'),
          t('access.outsideHours'),
        ]}
        keyOf={(a) => a.accessId}
        cells={(a) => [
          <When at={a.at} />,
          t(`access.${a.outcome}`),
          <bdi>{a.officeId}</bdi>,
          a.province ?? '',
          <bdi>{a.serviceCode}</bdi>,
          <bdi>{a.items.join('، ')}</bdi>,
          a.rule ? <bdi>{a.rule}</bdi> : '',
          a.outsideHours ? t('access.yes') : t('access.no'),
        ]}
      />
    </>
  );
}

/**
 * The audit of access to the agency's customer data (ممیزی دسترسی به اطلاعات مشتریان, clause
 * 5): every attempt an office made at its data — granted, refused by a rule of its instruction,
 * or failed at the provider — over Jalali days, by outcome, with the CSV a click away.
 */
export function AgencyDataAudit() {
  const { t } = useI18n();
  const range = useDayRange(lastMonths(1));
  return (
    <section>
      <h1>{t('agency.dataAccess')}</h1>
      {range.form}
      <Attempts key={`${range.days.from}|${range.days.to}`} days={range.days} />
    </section>
  );
}
