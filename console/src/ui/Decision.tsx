import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { Confirm } from './Confirm';
import { Field } from './Field';
import { ErrorView } from './States';
import { useAction } from './useAction';

/**
 * A decision a person records with a reason (approve, reject, dismiss, close…): the reason,
 * a confirmation asked in the reader's language before anything is sent, then the answer or the
 * failure. `extra` holds the decision's other controls; `optional` lets the reason be left out,
 * `noReason` is a decision the API takes without one (only the confirmation is asked);
 * `confirming` shows what is about to be recorded beside the question (e.g. a refund's amount).
 */
export function Decision<T>(props: {
  title: string;
  hint?: string;
  submit: string;
  reasonLabel?: string;
  optional?: boolean;
  noReason?: boolean;
  extra?: ComponentChildren;
  confirming?: ComponentChildren;
  /** False while `extra` holds something that cannot be sent (its own error is shown there). */
  ready?: boolean;
  act: (reason: string | undefined) => Promise<T>;
  onDone: (data: T) => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [asking, setAsking] = useState(false);
  const [acted, act] = useAction(props.act, props.onDone);
  const given = reason.trim();
  const optional = props.optional || props.noReason;
  const error = tried && !optional && !given ? t('decide.needReason') : undefined;
  if (acted.state === 'done') return <p role="status">{t('decide.done')}</p>;
  return (
    <form
      class="filters"
      aria-label={props.title}
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if ((optional || given) && props.ready !== false) setAsking(true);
      }}
    >
      <h3 class="form-title">{props.title}</h3>
      {props.hint ? <p class="form-hint">{props.hint}</p> : null}
      {props.extra}
      {props.noReason ? null : (
        <Field
          label={props.reasonLabel ?? t('decide.reason')}
          value={reason}
          onValue={(_ascii, typed) => setReason(typed)}
          error={error}
        />
      )}
      {asking ? (
        <Confirm
          label={props.title}
          question={t('decide.ask')}
          busy={acted.state === 'busy'}
          onYes={() => {
            setAsking(false);
            act(given || undefined);
          }}
          onNo={() => setAsking(false)}
        >
          {props.confirming}
        </Confirm>
      ) : (
        <button type="submit" disabled={acted.state === 'busy'}>
          {props.submit}
        </button>
      )}
      {acted.state === 'failed' ? <ErrorView failure={acted.failure} /> : null}
    </form>
  );
}
