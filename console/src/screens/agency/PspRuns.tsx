import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { At } from '../../ui/At';
import { Rials } from '../../ui/Money';
import { PagedTable, usePaged } from '../../ui/Paged';
import { PspRun } from './PspRun';

type Run = Schemas['PspSettlementRun'];

/** Outcomes that are not a match: what the accountant has to look at. */
const problemsOf = (outcomes: Run['totals']['outcomes']) =>
  Object.entries(outcomes).reduce((n, [kind, count]) => (kind === 'matched' ? n : n + count), 0);

/**
 * PSP settlement runs (تطبیق تسهیم پرداخت‌یارها) that touch the agency's accounts, newest first:
 * the regulator reconciles each PSP's daily split file against the ledger, and the API gives an
 * agency the totals of its own accounts only. Each run opens to its outcomes.
 */
export function AgencyPspRuns() {
  const { t, digits } = useI18n();
  const [open, setOpen] = useState<string | undefined>();
  const runs = usePaged<never, Run>(
    ({ limit, cursor }) =>
      unwrap(
        api.GET('/v1/psp-settlements', {
          params: { query: { limit, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    '',
  );
  const period = (r: Run) => digits(`${r.from} – ${r.to}`);

  return (
    <section>
      <h1>{t('agency.pspRuns')}</h1>
      <p class="muted">{t('psp.intro')}</p>
      <PagedTable
        list={runs}
        caption={t('agency.pspRuns')}
        headers={[
          t('recon.completed'),
          t('psp.psp'),
          t('recon.period'),
          t('psp.expected'),
          t('psp.credited'),
          t('recon.difference'),
          t('psp.problems'),
          t('recon.view'),
        ]}
        keyOf={(r) => r.runId}
        cells={(r) => [
          <At iso={r.completedAt} />,
          r.psp ?? '—',
          period(r),
          <Rials value={r.totals.expected} />,
          <Rials value={r.totals.credited} />,
          <Rials value={r.totals.difference} />,
          digits(problemsOf(r.totals.outcomes)),
          <button
            type="button"
            aria-label={`${t('recon.view')}: ${period(r)} ${r.psp ?? ''}`}
            onClick={() => setOpen(r.runId)}
          >
            {t('recon.view')}
          </button>,
        ]}
      />
      {open ? <PspRun key={open} runId={open} /> : null}
    </section>
  );
}
