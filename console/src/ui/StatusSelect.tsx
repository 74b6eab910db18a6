import { useId } from 'preact/hooks';
import { useI18n } from '../i18n';

/** A list's status filter: the statuses in order, each named in the reader's language, "any" first when allowed. */
export function StatusSelect<S extends string>(props: {
  value: S | '';
  statuses: readonly S[];
  name: (s: S) => string;
  any?: boolean;
  onValue: (s: S | '') => void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div class="filters">
      <div class="field">
        <label for={id}>{t('queue.status')}</label>
        <select
          id={id}
          value={props.value}
          onChange={(e) => props.onValue(e.currentTarget.value as S | '')}
        >
          {props.any ? <option value="">{t('payments.any')}</option> : null}
          {props.statuses.map((s) => (
            <option key={s} value={s}>
              {props.name(s)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
