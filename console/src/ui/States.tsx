import type { ComponentChildren } from 'preact';
import type { Failure } from '../api/client';
import { useI18n, type TextKey } from '../i18n';

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="state" role="status" aria-live="polite">
      {t('state.loading')}
    </p>
  );
}

export function Empty({ children }: { children?: ComponentChildren }) {
  const { t } = useI18n();
  return <p class="state">{children ?? t('state.empty')}</p>;
}

const known = new Set([
  'unauthorized',
  'forbidden',
  'not-found',
  'validation',
  'illegal-state',
  'concurrency',
  'rate-limited',
  'store-unavailable',
  'network',
]);

/** A failed request in the reader's language: what happened and what to do about it. */
export function ErrorView({ failure, onRetry }: { failure: Failure; onRetry?: () => void }) {
  const { t, digits } = useI18n();
  const code = known.has(failure.code) ? failure.code : 'other';
  return (
    <div class="error" role="alert">
      <p class="error-what">{t(`problem.${code}` as TextKey)}</p>
      <p>{t(`problem.${code}.do` as TextKey)}</p>
      {failure.errors?.length ? (
        <ul>
          {failure.errors.map((e) => (
            <li key={e.path}>
              <code dir="ltr">{e.path}</code>: <span dir="ltr">{e.message}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {failure.requestId ? (
        <p class="muted">
          {t('problem.requestId')}: <code dir="ltr">{failure.requestId}</code>
        </p>
      ) : null}
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {t('state.retry')}
        </button>
      ) : null}
      {failure.status ? <span class="muted"> ({digits(failure.status)})</span> : null}
    </div>
  );
}
