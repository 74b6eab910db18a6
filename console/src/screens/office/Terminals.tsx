import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { usePaged } from '../../ui/Paged';
import { TerminalTable, type Terminal, type TerminalStatus } from './TerminalTable';

/** The office's POS terminals (پایانه‌ها) with their PSP and status, the API scoping them to it. */
export function OfficeTerminals() {
  const { t } = useI18n();
  const list = usePaged<TerminalStatus, Terminal>(
    (query) => unwrap(api.GET('/v1/terminals', { params: { query } })),
    '',
  );
  return (
    <section>
      <h1>{t('office.terminals')}</h1>
      <TerminalTable list={list} />
    </section>
  );
}
