import type { CursorPages } from './Pager';

/**
 * A page of a list the API sends whole (a report's table), for the same Pager as the API's
 * cursor lists: the cursor is the offset of the page.
 */
export function localPage<T>(items: readonly T[], pages: CursorPages, size: number) {
  const start = Number(pages.current ?? 0);
  const next = start + size;
  return {
    items: items.slice(start, next),
    nextCursor: next < items.length ? String(next) : undefined,
  };
}
