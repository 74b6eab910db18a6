import { ValidationError } from '../errors';

/** One page of a list; `nextCursor` is absent on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * Cursor pagination over rows ordered by a unique string key. The cursor is the opaque
 * (base64url) key of the last row returned, so inserts between pages never repeat a row.
 */
export function paginate<T>(
  rows: readonly T[],
  key: (row: T) => string,
  cursor: string | undefined,
  limit: number,
): Page<T> {
  const after = cursor === undefined ? undefined : cursorKey(cursor);
  const sorted = rows
    .map((row) => ({ row, k: key(row) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  const rest = after === undefined ? sorted : sorted.filter((r) => r.k > after);
  const items = rest.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map((r) => r.row),
    ...(rest.length > limit && last ? { nextCursor: cursorOf(last.k) } : {}),
  };
}

const invalidCursor = () =>
  new ValidationError('Invalid cursor', [
    { path: 'cursor', message: 'not a cursor this API returned' },
  ]);

/** The opaque cursor of a row's key. */
export const cursorOf = (key: string) => Buffer.from(key, 'utf8').toString('base64url');

/** The key a cursor stands for; a cursor this API did not return is a ValidationError. */
export function cursorKey(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!key || cursorOf(key) !== cursor) throw invalidCursor();
  return key;
}

/** The whole-number key (a log position) a cursor stands for. */
export function cursorPosition(cursor: string): number {
  const key = cursorKey(cursor);
  if (!/^\d{1,15}$/.test(key)) throw invalidCursor();
  return Number(key);
}
