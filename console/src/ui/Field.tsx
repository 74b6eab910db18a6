import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { asciiDigits } from '../format/digits';

/** What a form control needs from its frame: its id, and what describes an error in it. */
export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** A form field's frame: its label, the control (told its id), and the error under it. */
export function Labelled(props: {
  label: string;
  error?: string | undefined;
  children: (control: ControlProps) => ComponentChildren;
}) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.children({
        id,
        'aria-invalid': props.error ? true : undefined,
        'aria-describedby': props.error ? `${id}-error` : undefined,
      })}
      {props.error ? (
        <p id={`${id}-error`} class="field-error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

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
  return (
    <Labelled label={props.label} error={props.error}>
      {(control) => (
        <input
          {...control}
          {...(props.type === 'password'
            ? { type: 'password' as const }
            : { type: 'text' as const, list: props.list })}
          value={props.value}
          inputMode={props.inputMode ?? 'text'}
          dir={props.dir ?? 'auto'}
          autoComplete={props.autoComplete ?? 'off'}
          required={props.required}
          onInput={(e) => {
            const typed = e.currentTarget.value;
            props.onValue(asciiDigits(typed), typed);
          }}
        />
      )}
    </Labelled>
  );
}
