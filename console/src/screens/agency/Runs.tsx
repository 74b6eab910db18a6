import { useState } from 'preact/hooks';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { useSignedIn } from '../../session';
import { Pager, firstPage, type CursorPages } from '../../ui/Pager';
import { Empty, ErrorView, Loading } from '../../ui/States';
import { When } from '../../ui/When';
import { useLoad } from '../../ui/useLoad';
import { outcomeKinds, RunResult, type Outcome, type OutcomeKind } from './RunResult';

const pageSize = 20;

/**
 * A run as the history records it (the `ReconciliationCompleted` event with when it completed);
 * the OpenAPI types only `runId` and `outcomes` of it, so the rest is read as the event's contract.
 */
interface RecordedRun {
  runId: string;
  from: string;
  to: string;
  format: string;
  completed: { iso: string; jalali: string };
  totals: Record<OutcomeKind, { count: number }>;
  outcomes: Outcome[];
}

/** The agency's reconciliation runs (سابقهٔ تطبیق‌ها), newest first, each opening to its result. */
export function AgencyRuns() {
  const { t, digits } = useI18n();
  const { scope } = useSignedIn();
  const agencyId = scope.agencyId ?? '';
  const [pages, setPages] = useState<CursorPages>(firstPage);
  const [open, setOpen] = useState<RecordedRun | undefined>();
  const [loaded, retry] = useLoad(
    () =>
      unwrap(
        api.GET('/v1/reports/agencies/{agencyId}/reconciliations', {
          params: {
            path: { agencyId },
            query: {
              limit: pageSize,
              ...(pages.current ? { before: Number(pages.current) } : {}),
            },
          },
        }),
      ),
    [agencyId, pages.current],
  );
  const runs = loaded.state === 'ready' ? (loaded.data.runs as unknown as RecordedRun[]) : [];

  return (
    <section>
      <h1>{t('agency.runs')}</h1>
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'failed' ? <ErrorView failure={loaded.failure} onRetry={retry} /> : null}
      {loaded.state === 'ready' && runs.length === 0 ? <Empty /> : null}
      {loaded.state === 'ready' && runs.length > 0 ? (
        <>
          <div class="table-wrap" tabIndex={0} role="region" aria-label={t('agency.runs')}>
            <table>
              <caption>{t('agency.runs')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('recon.completed')}</th>
                  <th scope="col">{t('recon.period')}</th>
                  <th scope="col">{t('recon.format')}</th>
                  {outcomeKinds.map((k) => (
                    <th scope="col" key={k}>
                      {t(`outcome.${k}`)}
                    </th>
                  ))}
                  <th scope="col">
                    <span class="visually-hidden">{t('recon.view')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.runId}>
                    <td>
                      <When at={r.completed} />
                    </td>
                    <td>{digits(`${r.from} – ${r.to}`)}</td>
                    <td>{r.format}</td>
                    {outcomeKinds.map((k) => (
                      <td key={k}>{digits(r.totals[k].count)}</td>
                    ))}
                    <td>
                      <button type="button" onClick={() => setOpen(r)}>
                        {t('recon.view')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            pages={pages}
            nextCursor={
              loaded.data.nextBefore !== undefined ? String(loaded.data.nextBefore) : undefined
            }
            onPages={setPages}
          />
        </>
      ) : null}
      {open ? <RunResult key={open.runId} runId={open.runId} outcomes={open.outcomes} /> : null}
    </section>
  );
}
