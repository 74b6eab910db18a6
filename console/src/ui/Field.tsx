import { useId } from 'preact/hooks';
import { asciiDigits } from '../format/digits';

/**
 * A labelled text input that takes Persian, Arabic-Indic or ASCII digits alike: `onValue`
 * always gets ASCII digits; what the person typed stays as typed.
 */
export function Field(props: {
  label: string;
  value: string;
  onValue: (ascii: string, typed: string) => void;
  error?: string | undefined;
  inputMode?: 'numeric' | 'text';
  dir?: 'ltr' | 'rtl' | 'auto';
  type?: 'text' | 'password';
  autoComplete?: string;
  required?: boolean;
  /** The id of a <datalist> of suggestions. */
  list?: string;
}) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        {...(props.type === 'password'
          ? { type: 'password' as const }
          : { type: 'text' as const, list: props.list })}
        value={props.value}
        inputMode={props.inputMode ?? 'text'}
        dir={props.dir ?? 'auto'}
        autoComplete={props.autoComplete ?? 'off'}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onInput={(e) => {
          const typed = e.currentTarget.value;
          props.onValue(asciiDigits(typed), typed);
        }}
      />
      {props.error ? (
        <p id={`${id}-error`} class="field-error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
