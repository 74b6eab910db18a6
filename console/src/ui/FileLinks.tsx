import { useI18n } from '../i18n';

/**
 * One-click CSV (and XLSX where the API has it) of a report whose routes take no `lang`
 * for the CSV: plain links, so the browser sends the session cookie.
 */
export function FileLinks({ csv, xlsx }: { csv: string; xlsx?: string }) {
  const { t } = useI18n();
  return (
    <p class="downloads">
      <a class="button" href={csv} download>
        {t('download.csv')}
      </a>
      {xlsx ? (
        <a class="button" href={xlsx} download>
          {t('download.xlsx')}
        </a>
      ) : null}
    </p>
  );
}
