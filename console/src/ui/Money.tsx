import { formatRials, formatTomans } from '../format/money';
import { useI18n } from '../i18n';

/** An amount in whole rials with thousands separators, and tomans beside it. */
export function Rials({ value }: { value: string }) {
  const { lang, t } = useI18n();
  const rials = formatRials(value, lang);
  if (rials === undefined) return <span dir="ltr">{value}</span>;
  return (
    <span class="money">
      <span class="rials">
        {rials} {t('money.rial')}
      </span>{' '}
      <span class="tomans">
        ({formatTomans(value, lang)} {t('money.toman')})
      </span>
    </span>
  );
}
