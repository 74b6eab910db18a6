import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { PagedTable, usePaged } from '../../ui/Paged';
import { StatusSelect } from '../../ui/StatusSelect';
import { When } from '../../ui/When';

type Terminal = Schemas['Terminal'];
type Status = Terminal['status'];
const statuses: Status[] = ['active', 'deactivated'];

/** The office's POS terminals (پایانه‌ها) with their PSP and status, the API scoping them to it. */
export function OfficeTerminals() {
  const { t } = useI18n();
  const list = usePaged<Status, Terminal>(
    (query) => unwrap(api.GET('/v1/terminals', { params: { query } })),
    '',
  );
  return (
    <section>
      <h1>{t('office.terminals')}</h1>
      <StatusSelect
        value={list.status}
        statuses={statuses}
        any
        name={(s) => t(`tstatus.${s}`)}
        onValue={list.setStatus}
      />
      <PagedTable
        list={list}
        caption={t('terminal.caption')}
        headers={[
          t('terminal.id'),
          t('terminal.merchant'),
          t('terminal.psp'),
          t('queue.status'),
          t('terminal.registeredAt'),
          t('terminal.deactivatedAt'),
        ]}
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
    </section>
  );
}
