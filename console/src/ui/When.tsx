import { showJalali } from '../format/dates';
import { useI18n } from '../i18n';

/** A moment as the API gives it: the Jalali reading (Tehran) shown, ISO 8601 on hover. */
export function When({ at }: { at: { iso: string; jalali: string } }) {
  const { lang } = useI18n();
  return (
    <time dateTime={at.iso} title={at.iso}>
      {showJalali(at.jalali, lang)}
    </time>
  );
}
