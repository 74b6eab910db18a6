import { useState } from 'preact/hooks';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { useSignedIn } from '../../session';
import { Pager, firstPage, type CursorPages } from '../../ui/Pager';
import { When } from '../../ui/When';
import { Table } from '../../ui/Table';
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
            <Table
              caption={t('agency.runs')}
              headers={[
                t('recon.completed'),
                t('recon.period'),
                t('recon.format'),
                ...outcomeKinds.map((k) => t(`outcome.${k}`)),
                t('recon.view'),
              ]}
              items={data.runs as unknown as RecordedRun[]}
              keyOf={(r) => r.runId}
              cells={(r) => [
                <When at={r.completed} />,
                digits(`${r.from} – ${r.to}`),
                r.format,
                ...outcomeKinds.map((k) => digits(r.totals[k].count)),
                <button type="button" onClick={() => setOpen(r)}>
                  {t('recon.view')}
                </button>,
              ]}
            />
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
