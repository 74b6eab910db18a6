import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { LoadedView } from '../../ui/LoadedView';
import { Pager, firstPage, type CursorPages } from '../../ui/Pager';
import { StatusSelect } from '../../ui/StatusSelect';
import { Table } from '../../ui/Table';
import { When } from '../../ui/When';
import { useLoad } from '../../ui/useLoad';

type Status = Schemas['Terminal']['status'];
const statuses: Status[] = ['active', 'deactivated'];

/** The office's POS terminals (پایانه‌ها) with their PSP and status, the API scoping them to it. */
export function OfficeTerminals() {
  const { t } = useI18n();
  const [status, setStatus] = useState<Status | ''>('');
  const [pages, setPages] = useState<CursorPages>(firstPage);
  const [loaded, reload] = useLoad(
    () =>
      unwrap(
        api.GET('/v1/terminals', {
          params: {
            query: {
              limit: 20,
              ...(status ? { status } : {}),
              ...(pages.current ? { cursor: pages.current } : {}),
            },
          },
        }),
      ),
    [status, pages.current],
  );
  return (
    <section>
      <h1>{t('office.terminals')}</h1>
      <StatusSelect
        value={status}
        statuses={statuses}
        any
        name={(s) => t(`tstatus.${s}`)}
        onValue={(s) => {
          setStatus(s);
          setPages(firstPage);
        }}
      />
      <LoadedView loaded={loaded} retry={reload} isEmpty={(data) => data.items.length === 0}>
        {(data) => (
          <>
            <Table
              caption={t('terminal.caption')}
              headers={[
                t('terminal.id'),
                t('terminal.merchant'),
                t('terminal.psp'),
                t('queue.status'),
                t('terminal.registeredAt'),
                t('terminal.deactivatedAt'),
              ]}
              items={data.items}
              keyOf={(x) => x.terminalId}
              cells={(x) => [
                <code dir="ltr">{x.terminalId}</code>,
                <code dir="ltr">{x.merchantId}</code>,
                <bdi>{x.psp}</bdi>,
                t(`tstatus.${x.status}`),
                <When at={x.registeredAt} />,
                x.deactivatedAt ? <When at={x.deactivatedAt} /> : '—',
              ]}
            />
            <Pager pages={pages} nextCursor={data.nextCursor} onPages={setPages} />
          </>
        )}
      </LoadedView>
    </section>
  );
}
