import { useState } from 'preact/hooks';
import { jalaliDayOf, parseJalaliDay } from '../format/dates';
import { useI18n } from '../i18n';
import { Field } from './Field';

export interface Days {
  from: string;
  to: string;
}

/** This Jalali month so far, in Tehran. */
export function thisMonthSoFar(now = new Date()): Days {
  const to = jalaliDayOf(now);
  return { from: `${to.slice(0, 8)}01`, to };
}

/**
 * Two Jalali days typed in any digits: `value` is what is typed (undefined until both read as
 * days), `fields` their inputs; `form` is the two with a show button, whose submit makes `value`
 * the `days` shown and tells `onShow`.
 */
export function useDayRange(initial: Days, onShow?: () => void) {
  const { t, digits } = useI18n();
  const [days, setDays] = useState<Days>(initial);
  const [from, setFrom] = useState(() => digits(initial.from));
  const [to, setTo] = useState(() => digits(initial.to));
  const parsed = { from: parseJalaliDay(from), to: parseJalaliDay(to) };
  const value: Days | undefined =
    parsed.from && parsed.to ? { from: parsed.from, to: parsed.to } : undefined;
  const fields = (
    <>
      <Field
        label={t('range.from')}
        value={from}
        onValue={(_ascii, typed) => setFrom(typed)}
        inputMode="numeric"
        error={parsed.from ? undefined : t('input.invalidDay')}
      />
      <Field
        label={t('range.to')}
        value={to}
        onValue={(_ascii, typed) => setTo(typed)}
        inputMode="numeric"
        error={parsed.to ? undefined : t('input.invalidDay')}
      />
    </>
  );
  const form = (
    <form
      class="filters"
      onSubmit={(e) => {
        e.preventDefault();
        if (!value) return;
        setDays(value);
        onShow?.();
      }}
    >
      {fields}
      <button type="submit">{t('range.show')}</button>
    </form>
  );
  return { value, fields, days, form };
}

/** The last `months` Jalali months, this one so far included, in Tehran. */
export function lastMonths(months: number, now = new Date()): Days {
  const to = jalaliDayOf(now);
  const index = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - 1 - (months - 1);
  const from = `${Math.floor(index / 12)}/${String((index % 12) + 1).padStart(2, '0')}/01`;
  return { from, to };
}
