import type { ComponentChildren } from 'preact';
import { provinces } from '../../../../contracts/primitives/provinces';
import type { Failure } from '../../api/client';
import { useI18n, type TextKey } from '../../i18n';
import { Labelled } from '../../ui/Field';
import { ErrorView } from '../../ui/States';

/** A labelled drop-down of fixed choices, each shown by its dictionary key. */
export function Choice<T extends string>(props: {
  label: string;
  value: T | '';
  options: ReadonlyArray<{ value: T; text: string }>;
  onValue: (value: T | '') => void;
  /** The text of an empty first choice, when none is a choice. */
  none?: string;
  error?: string | undefined;
}) {
  return (
    <Labelled label={props.label} error={props.error}>
      {(control) => (
        <select
          {...control}
          value={props.value}
          onChange={(e) => props.onValue(e.currentTarget.value as T | '')}
        >
          {props.none !== undefined ? <option value="">{props.none}</option> : null}
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.text}
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
}

/** A labelled text area, free text kept as typed. */
export function TextArea(props: {
  label: string;
  value: string;
  onValue: (typed: string) => void;
  error?: string | undefined;
}) {
  return (
    <Labelled label={props.label} error={props.error}>
      {(control) => (
        <textarea
          {...control}
          rows={5}
          value={props.value}
          dir="auto"
          onInput={(e) => props.onValue(e.currentTarget.value)}
        />
      )}
    </Labelled>
  );
}

/** The 31 provinces by name in the reader's language, sent as their ISO code. */
export function ProvinceSelect(props: {
  value: string;
  onValue: (code: string) => void;
  error?: string | undefined;
}) {
  const { t, lang } = useI18n();
  const options = provinces
    .map((p) => ({ value: p.code, text: lang === 'fa' ? p.nameFa : p.nameEn }))
    .sort((a, b) => a.text.localeCompare(b.text, lang));
  return (
    <Choice
      label={t('public.province')}
      value={props.value}
      options={options}
      none={t('public.choose')}
      onValue={props.onValue}
      error={props.error}
    />
  );
}

/** A failed public look-up: a 404 says what was not found and what to do; the rest as everywhere. */
export function LookupFailure(props: {
  failure: Failure;
  notFound: TextKey;
  onRetry?: () => void;
}) {
  const { t } = useI18n();
  if (props.failure.status !== 404)
    return (
      <ErrorView failure={props.failure} {...(props.onRetry ? { onRetry: props.onRetry } : {})} />
    );
  return (
    <div class="error" role="alert">
      <p class="error-what">{t(props.notFound)}</p>
      <p>{t('public.notFound.do')}</p>
    </div>
  );
}

/** A figure of a result card: a term and its value. */
export function Fact(props: { term: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}
