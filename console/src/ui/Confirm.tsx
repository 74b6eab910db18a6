import { useI18n } from '../i18n';

/**
 * The question asked before a decision is sent, in the reader's language: yes sends it, no
 * goes back to the form.
 */
export function Confirm(props: {
  label: string;
  busy: boolean;
  onYes: () => void;
  onNo: () => void;
}) {
  const { t } = useI18n();
  return (
    <div role="alertdialog" aria-label={props.label} class="confirm">
      <p>{t('decide.ask')}</p>
      <button type="button" disabled={props.busy} onClick={props.onYes}>
        {t('decide.yes')}
      </button>{' '}
      <button type="button" onClick={props.onNo}>
        {t('decide.no')}
      </button>
    </div>
  );
}
