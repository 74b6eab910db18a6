import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { LoadedView } from '../../ui/LoadedView';
import { Rials } from '../../ui/Money';
import { PagedTable, usePaged } from '../../ui/Paged';
import { StatusSelect } from '../../ui/StatusSelect';
import { Table } from '../../ui/Table';
import { useLoad } from '../../ui/useLoad';

type Outcome = Schemas['PspSettlementOutcome'];
type Account = Schemas['PspSettlementRun']['beneficiaries'][number];
type PspOutcomeKind = Outcome['kind'];
const pspOutcomeKinds: readonly PspOutcomeKind[] = [
  'matched',
  'amount_mismatch',
  'iban_mismatch',
  'missing_in_file',
  'unexpected_in_file',
];

/**
 * One PSP settlement run as the agency reads it: the totals of each of its accounts the run
 * touched, then its outcomes (matched, wrong amount, wrong Sheba, missing from the file,
 * unexpected in it) a page at a time, filtered by kind.
 */
export function PspRun({ runId }: { runId: string }) {
  const { t, digits } = useI18n();
  const path = { runId };
  const [summary, retry] = useLoad(
    () => unwrap(api.GET('/v1/psp-settlements/{runId}', { params: { path } })),
    [runId],
  );
  const outcomes = usePaged<PspOutcomeKind, Outcome>(
    ({ status, ...page }) =>
      unwrap(
        api.GET('/v1/psp-settlements/{runId}/outcomes', {
          params: { path, query: { ...page, ...(status ? { kind: status } : {}) } },
        }),
      ),
    '',
  );
  const kindName = (k: PspOutcomeKind) => t(`pspOutcome.${k}`);

  return (
    <article class="file" aria-labelledby={`psp-${runId}`}>
      <h2 id={`psp-${runId}`}>{t('psp.run')}</h2>
      <p class="muted">
        {t('recon.run')}: <code dir="ltr">{runId}</code>
      </p>
      <LoadedView loaded={summary} retry={retry}>
        {(run) => (
          <Table
            caption={t('psp.accounts')}
            headers={[
              t('settlement.iban'),
              t('psp.beneficiary'),
              t('psp.expected'),
              t('psp.credited'),
              t('recon.difference'),
              ...pspOutcomeKinds.map(kindName),
            ]}
            items={run.beneficiaries}
            keyOf={(b: Account) => b.iban}
            cells={(b: Account) => [
              <code dir="ltr">{b.iban}</code>,
              b.beneficiaryId ?? '—',
              <Rials value={b.expected} />,
              <Rials value={b.credited} />,
              <Rials value={b.difference} />,
              ...pspOutcomeKinds.map((k) => digits(b.outcomes[k])),
            ]}
          />
        )}
      </LoadedView>
      <h3>{t('recon.outcomes')}</h3>
      <StatusSelect
        value={outcomes.status}
        statuses={pspOutcomeKinds}
        name={kindName}
        any
        onValue={outcomes.setStatus}
      />
      <PagedTable
        list={outcomes}
        caption={t('recon.outcomes')}
        headers={[
          t('recon.kind'),
          t('payments.terminal'),
          t('psp.rrn'),
          t('psp.fileAmount'),
          t('recon.expected'),
          t('recon.difference'),
        ]}
        keyOf={(o) =>
          `${o.kind}|${o.terminalId}|${o.rrn}|${o.file?.line ?? ''}|${o.expected?.iban ?? ''}`
        }
        cells={(o) => [
          kindName(o.kind),
          <code dir="ltr">{o.terminalId}</code>,
          <code dir="ltr">{o.rrn}</code>,
          o.file ? <Rials value={o.file.amount} /> : '—',
          o.expected ? <Rials value={o.expected.amount} /> : '—',
          <Rials value={o.difference} />,
        ]}
      />
    </article>
  );
}
