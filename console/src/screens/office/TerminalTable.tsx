import type { ComponentChildren } from 'preact';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { PagedTable, type Paged } from '../../ui/Paged';
import { StatusSelect } from '../../ui/StatusSelect';
import { When } from '../../ui/When';

export type Terminal = Schemas['Terminal'];
export type TerminalStatus = Terminal['status'];
const statuses: TerminalStatus[] = ['active', 'deactivated'];

/**
 * Payment terminals (پایانه‌ها) by status with their PSP and dates, a page at a time; `action`
 * adds a last column of what the reader may do with each.
 */
export function TerminalTable(props: {
  list: Paged<TerminalStatus, Terminal>;
  action?: { header: string; cell: (x: Terminal) => ComponentChildren };
}) {
  const { t } = useI18n();
  const { list, action } = props;
  return (
    <>
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
          ...(action ? [action.header] : []),
        ]}
        keyOf={(x) => x.terminalId}
        cells={(x) => [
          <code dir="ltr">{x.terminalId}</code>,
          <code dir="ltr">{x.merchantId}</code>,
          <bdi>{x.psp}</bdi>,
          t(`tstatus.${x.status}`),
          <When at={x.registeredAt} />,
          x.deactivatedAt ? <When at={x.deactivatedAt} /> : '—',
          ...(action ? [action.cell(x)] : []),
        ]}
      />
    </>
  );
}
