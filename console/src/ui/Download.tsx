import { useI18n } from '../i18n';

/**
 * One-click CSV and XLSX of a report: plain links, so the browser sends the session cookie
 * and saves what the server names in Content-Disposition.
 */
export function Downloads({ path, query }: { path: string; query: Record<string, string> }) {
  const { t, lang } = useI18n();
  const search = new URLSearchParams({ ...query, lang }).toString();
  return (
    <p class="downloads">
      <a class="button" href={`${path}.csv?${search}`} download>
        {t('download.csv')}
      </a>
      <a class="button" href={`${path}.xlsx?${search}`} download>
        {t('download.xlsx')}
      </a>
    </p>
  );
}
