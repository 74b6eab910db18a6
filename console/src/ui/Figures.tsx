import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n';

/** A report's or a file's figures (ارقام): each term with its value, in a grid that wraps. */
export function Figures({
  rows,
}: {
  rows: ReadonlyArray<readonly [term: string, value: ComponentChildren]>;
}) {
  return (
    <dl class="figures">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The ledger position a report reflects (موقعیت دفتر), so a reader can reproduce it. */
export function LedgerPosition({ position }: { position: number }) {
  const { t, digits } = useI18n();
  return (
    <p class="muted">
      {t('statement.position')} {digits(position)}
    </p>
  );
}
