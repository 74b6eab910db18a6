import { useI18n } from '../i18n';

/**
 * Pages of a cursor list: the API gives only the next page's cursor, so the cursors of the
 * pages seen are kept to go back.
 */
export interface CursorPages {
  /** Cursors of the pages before the current one, the first page's being undefined. */
  trail: Array<string | undefined>;
  current: string | undefined;
}

export const firstPage: CursorPages = { trail: [], current: undefined };

export function Pager(props: {
  pages: CursorPages;
  nextCursor: string | undefined;
  onPages: (pages: CursorPages) => void;
}) {
  const { t, digits } = useI18n();
  const { pages, nextCursor, onPages } = props;
  const page = pages.trail.length + 1;
  return (
    <nav class="pager" aria-label={t('pager.label')}>
      <button type="button" disabled={page === 1} onClick={() => onPages(firstPage)}>
        {t('pager.first')}
      </button>
      <button
        type="button"
        disabled={page === 1}
        onClick={() =>
          onPages({ trail: pages.trail.slice(0, -1), current: pages.trail[pages.trail.length - 1] })
        }
      >
        {t('pager.previous')}
      </button>
      <span aria-live="polite">
        {t('pager.page')} {digits(page)}
      </span>
      <button
        type="button"
        disabled={!nextCursor}
        onClick={() =>
          nextCursor && onPages({ trail: [...pages.trail, pages.current], current: nextCursor })
        }
      >
        {t('pager.next')}
      </button>
    </nav>
  );
}
