import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { lastMonths, useDayRange, type Days } from '../../ui/DayRange';
import { Decision } from '../../ui/Decision';
import { LoadedView } from '../../ui/LoadedView';
import { CloseButton, OpenButton, useOpened } from '../../ui/Opened';
import { PagedTable, usePaged } from '../../ui/Paged';
import { Pager, firstPage, type CursorPages } from '../../ui/Pager';
import { Table } from '../../ui/Table';
import { When } from '../../ui/When';
import { localPage } from '../../ui/localPages';
import { useLoad } from '../../ui/useLoad';
import { Choice } from '../public/parts';
import { ActionChoice, type Action } from './OfficeSupervision';

type Anomaly = Schemas['DataAccessAnomaly'];
type Attempt = Schemas['DataAccessAttempt'];
type Outcome = Attempt['outcome'];
const outcomes: Outcome[] = ['granted', 'refused', 'failed'];
const pageSize = 20;

const keyOf = (a: Anomaly) => `${a.officeId}|${a.kind}|${a.serviceCode ?? ''}`;

/** The accesses behind an anomaly: the office's attempts (for the service) over the days, paged, with the CSV. */
function Accesses({ anomaly, days }: { anomaly: Anomaly; days: Days }) {
  const { t } = useI18n();
  const filter = {
    officeId: anomaly.officeId,
    ...(anomaly.serviceCode ? { serviceCode: anomaly.serviceCode } : {}),
    ...days,
  };
  const list = usePaged<Outcome, Attempt>(
    ({ status, ...page }) =>
      unwrap(
        api.GET('/v1/data-access/audit', {
          params: { query: { ...page, ...(status ? { outcome: status } : {}), ...filter } },
        }),
      ),
    '',
  );
  const csv = new URLSearchParams(filter).toString();
  return (
    <>
      <h3>{t('anomaly.accesses')}</h3>
      <Choice
        label={t('anomaly.outcome')}
        value={list.status}
        none={t('payments.any')}
        options={outcomes.map((o) => ({ value: o, text: t(`anomaly.outcome.${o}`) }))}
        onValue={list.setStatus}
      />
      <PagedTable
        list={list}
        caption={t('anomaly.accesses')}
        headers={[
          t('anomaly.at'),
          t('anomaly.outcome'),
          t('anomaly.rule'),
          t('officeFile.service'),
          t('anomaly.items'),
          t('anomaly.operator'),
          t('anomaly.outsideHours'),
        ]}
        keyOf={(a) => a.accessId}
        cells={(a) => [
          <When at={a.at} />,
          t(`anomaly.outcome.${a.outcome}`),
          a.rule ? <code dir="ltr">{a.rule}</code> : '—',
          <code dir="ltr">{a.serviceCode}</code>,
          <code dir="ltr">{a.items.join(', ')}</code>,
          <bdi>{a.operator}</bdi>,
          a.outsideHours ? t('anomaly.yes') : t('anomaly.no'),
        ]}
      />
      <p class="downloads">
        <a class="button" href={`/v1/data-access/audit.csv?${csv}`} download>
          {t('download.csv')}
        </a>
      </p>
    </>
  );
}

/** A supervision action recorded about the anomaly: a warning, an inspection or a suspension recommended. */
function Supervise({ anomaly }: { anomaly: Anomaly }) {
  const { t } = useI18n();
  const [action, setAction] = useState<Action>('warning');
  return (
    <Decision
      title={t('anomaly.supervise')}
      submit={t('anomaly.supervise')}
      extra={<ActionChoice value={action} onValue={setAction} />}
      act={(reason) =>
        unwrap(
          api.POST('/v1/data-access/anomalies/actions', {
            body: { officeId: anomaly.officeId, kind: anomaly.kind, action, reason: reason ?? '' },
          }),
        )
      }
      onDone={() => undefined}
    />
  );
}

/**
 * Customer-data access anomalies (ناهنجاری‌های دسترسی به داده‌های مشتری) over Jalali days: look-ups
 * far above the office's payments, look-ups outside hours, repeated wrong consent codes. One opens
 * to its accesses and takes a supervision action.
 */
export function RegulatorDataAccess() {
  const { t, digits } = useI18n();
  const opened = useOpened<Anomaly>();
  const [pages, setPages] = useState<CursorPages>(firstPage);
  const [asked, setAsked] = useState(0);
  const range = useDayRange(lastMonths(3), () => {
    setPages(firstPage);
    setAsked((n) => n + 1);
    opened.close();
  });
  const { days } = range;
  const [loaded, retry] = useLoad(
    () => unwrap(api.GET('/v1/data-access/anomalies', { params: { query: days } })),
    [days.from, days.to, asked],
  );
  const { open } = opened;
  return (
    <section>
      <h1>{t('regulator.dataAccess')}</h1>
      {range.form}
      <p class="downloads">
        <a
          class="button"
          href={`/v1/data-access/audit.csv?${new URLSearchParams({ ...days }).toString()}`}
          download
        >
          {t('anomaly.auditCsv')}
        </a>
      </p>
      <LoadedView loaded={loaded} retry={retry} isEmpty={(d) => d.items.length === 0}>
        {(d) => {
          const page = localPage(d.items, pages, pageSize);
          return (
            <>
              <Table
                caption={t('anomaly.caption')}
                headers={[
                  t('registry.office'),
                  t('anomaly.kind'),
                  t('officeFile.service'),
                  t('anomaly.count'),
                  t('anomaly.payments'),
                  t('queue.open'),
                ]}
                items={page.items}
                keyOf={keyOf}
                cells={(a) => [
                  <code dir="ltr">{a.officeId}</code>,
                  t(`anomaly.kind.${a.kind}`),
                  a.serviceCode ? <code dir="ltr">{a.serviceCode}</code> : '—',
                  digits(a.count),
                  a.payments === undefined ? '—' : digits(a.payments),
                  <OpenButton
                    item={`${a.officeId} ${t(`anomaly.kind.${a.kind}`)}`}
                    onOpen={() => opened.show(a)}
                  />,
                ]}
              />
              <Pager pages={pages} nextCursor={page.nextCursor} onPages={setPages} />
            </>
          );
        }}
      </LoadedView>
      {open ? (
        <article class="file" key={keyOf(open)} aria-labelledby="anomaly-file">
          <h2 id="anomaly-file">
            {t(`anomaly.kind.${open.kind}`)} — <code dir="ltr">{open.officeId}</code>
          </h2>
          <Accesses anomaly={open} days={days} />
          <Supervise anomaly={open} />
          <CloseButton onClose={opened.close} />
        </article>
      ) : null}
    </section>
  );
}
