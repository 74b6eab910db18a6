import { useState } from 'preact/hooks';
import { parseJalaliMonth } from '../format/dates';
import { useI18n } from '../i18n';
import { lastMonths } from './DayRange';
import { Field } from './Field';

export type Months = { from: string; to: string };

/** The last `count` Jalali months as `YYYY/MM`, this one included, in Tehran. */
export function lastMonthRange(count: number, now = new Date()): Months {
  const days = lastMonths(count, now);
  return { from: days.from.slice(0, 7), to: days.to.slice(0, 7) };
}

/**
 * Two Jalali months typed in any digits: `months` is the range shown, `form` the two inputs with
 * a show button whose submit makes what is typed the range shown (when both read as months).
 */
export function useMonthRange(initial: Months, onShow?: () => void) {
  const { t, digits } = useI18n();
  const [months, setMonths] = useState<Months>(initial);
  const [fromTyped, setFromTyped] = useState(() => digits(initial.from));
  const [toTyped, setToTyped] = useState(() => digits(initial.to));
  const parsed = { from: parseJalaliMonth(fromTyped), to: parseJalaliMonth(toTyped) };
  const form = (
    <form
      class="filters"
      onSubmit={(e) => {
        e.preventDefault();
        if (!parsed.from || !parsed.to) return;
        setMonths({ from: parsed.from, to: parsed.to });
        onShow?.();
      }}
    >
      <Field
        label={t('months.from')}
        value={fromTyped}
        onValue={(_ascii, typed) => setFromTyped(typed)}
        inputMode="numeric"
        error={parsed.from ? undefined : t('input.invalidMonth')}
      />
      <Field
        label={t('months.to')}
        value={toTyped}
        onValue={(_ascii, typed) => setToTyped(typed)}
        inputMode="numeric"
        error={parsed.to ? undefined : t('input.invalidMonth')}
      />
      <button type="submit">{t('range.show')}</button>
    </form>
  );
  return { months, form };
}
