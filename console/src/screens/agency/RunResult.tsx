import { useState } from 'preact/hooks';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { useSignedIn } from '../../session';
import { Downloads } from '../../ui/Download';
import { Rials } from '../../ui/Money';
import { Pager, firstPage, type CursorPages } from '../../ui/Pager';
import { Empty } from '../../ui/States';
import { localPage } from '../../ui/localPages';
import { Table } from '../../ui/Table';

export type Outcome = Schemas['ReconciliationRun']['outcomes'][number];
export type OutcomeKind = Outcome['kind'];
export const outcomeKinds: OutcomeKind[] = [
  'matched',
  'amount_mismatch',
  'missing_in_bank',
  'unexpected_in_bank',
];
const pageSize = 20;

const sum = (xs: ReadonlyArray<{ amount: string }>) =>
  xs.reduce((s, x) => s + BigInt(x.amount), 0n);

/** Per outcome kind: how many, what the bank credited and what was expected, in rials. */
export function outcomeTotals(outcomes: readonly Outcome[]) {
  return outcomeKinds.map((kind) => {
    const of = outcomes.filter((o) => o.kind === kind);
    return {
      kind,
      count: of.length,
      bank: of.reduce((s, o) => s + sum(o.bank), 0n).toString(),
      expected: of.reduce((s, o) => s + sum(o.expected), 0n).toString(),
    };
  });
}

/**
 * A reconciliation run's result (نتیجهٔ تطبیق): matched, amount mismatches, credits missing in
 * the bank and credits the bank shows unexpected, with their totals and each outcome; the run
 * as CSV or XLSX.
 */
export function RunResult({ runId, outcomes }: { runId: string; outcomes: readonly Outcome[] }) {
  const { t, digits } = useI18n();
  const { scope } = useSignedIn();
  const [pages, setPages] = useState<CursorPages>(firstPage);
  const page = localPage(outcomes, pages, pageSize);
  const agencyId = scope.agencyId ?? '';
  return (
    <article class="file" aria-labelledby={`run-${runId}`}>
      <h2 id={`run-${runId}`}>{t('recon.result')}</h2>
      <p class="muted">
        {t('recon.run')}: <code dir="ltr">{runId}</code>
      </p>
      <Downloads
        path={`/v1/reports/agencies/${encodeURIComponent(agencyId)}/reconciliations`}
        query={{ runId }}
      />
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('recon.result')}>
        <table>
          <caption>{t('recon.result')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('recon.kind')}</th>
              <th scope="col">{t('recon.count')}</th>
              <th scope="col">{t('recon.bank')}</th>
              <th scope="col">{t('recon.expected')}</th>
            </tr>
          </thead>
          <tbody>
            {outcomeTotals(outcomes).map((r) => (
              <tr key={r.kind} data-kind={r.kind}>
                <th scope="row">{t(`outcome.${r.kind}`)}</th>
                <td>{digits(r.count)}</td>
                <td>
                  <Rials value={r.bank} />
                </td>
                <td>
                  <Rials value={r.expected} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('recon.outcomes')}</h3>
      {outcomes.length === 0 ? (
        <Empty />
      ) : (
        <>
          <Table
            caption={t('recon.outcomes')}
            headers={[
              t('recon.kind'),
              t('settlement.day'),
              t('recon.bank'),
              t('recon.expected'),
              t('recon.difference'),
              t('recon.references'),
            ]}
            items={page.items}
            keyOf={(o) =>
              [
                o.kind,
                ...o.bank.map((b) => b.entryId),
                ...o.expected.map((e) => e.depositId + e.day),
              ].join('|')
            }
            cells={(o) => [
              t(`outcome.${o.kind}`),
              digits([...o.bank, ...o.expected].map((e) => e.day).join(' ')),
              <Rials value={sum(o.bank).toString()} />,
              <Rials value={sum(o.expected).toString()} />,
              <Rials value={o.difference} />,
              <code dir="ltr">
                {[
                  ...o.bank.flatMap((b) => b.references),
                  ...o.expected.map((e) => e.depositId),
                ].join(' ')}
              </code>,
            ]}
          />
          <Pager pages={pages} nextCursor={page.nextCursor} onPages={setPages} />
        </>
      )}
    </article>
  );
}
