import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n';

/**
 * The question asked before an irreversible step is sent (a decision, a cancellation, a
 * transfer): the question, what it is about, yes and no, in the reader's language.
 */
export function Confirm(props: {
  label: string;
  question: string;
  busy: boolean;
  children?: ComponentChildren;
  onYes: () => void;
  onNo: () => void;
}) {
  const { t } = useI18n();
  return (
    <div role="alertdialog" aria-label={props.label} class="confirm">
      {props.children}
      <p>{props.question}</p>
      <button type="button" disabled={props.busy} onClick={props.onYes}>
        {t('decide.yes')}
      </button>{' '}
      <button type="button" onClick={props.onNo}>
        {t('decide.no')}
      </button>
    </div>
  );
}
