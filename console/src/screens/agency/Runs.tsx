import { useState } from 'preact/hooks';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { useSignedIn } from '../../session';
import { Pager, firstPage, type CursorPages } from '../../ui/Pager';
import { When } from '../../ui/When';
import { TableFrame } from '../../ui/TableFrame';
import { LoadedView } from '../../ui/LoadedView';
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

  return (
    <section>
      <h1>{t('agency.runs')}</h1>
      <LoadedView loaded={loaded} retry={retry} isEmpty={(data) => data.runs.length === 0}>
        {(data) => (
          <>
            <TableFrame caption={t('agency.runs')}>
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
                {(data.runs as unknown as RecordedRun[]).map((r) => (
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
            </TableFrame>
            <Pager
              pages={pages}
              nextCursor={data.nextBefore !== undefined ? String(data.nextBefore) : undefined}
              onPages={setPages}
            />
          </>
        )}
      </LoadedView>
      {open ? <RunResult key={open.runId} runId={open.runId} outcomes={open.outcomes} /> : null}
    </section>
  );
}
