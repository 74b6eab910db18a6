import { jalaliDayOf, showJalali } from '../format/dates';
import { useI18n } from '../i18n';

/** An instant the API gives as ISO 8601 only: its Jalali day (Tehran) shown, ISO on hover. */
export function At({ iso }: { iso: string }) {
  const { lang } = useI18n();
  return (
    <time dateTime={iso} title={iso}>
      {showJalali(jalaliDayOf(new Date(iso)), lang)}
    </time>
  );
}
