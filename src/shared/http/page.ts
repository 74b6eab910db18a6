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
  let after: string | undefined;
  if (cursor !== undefined) {
    after = Buffer.from(cursor, 'base64url').toString('utf8');
    if (!after || Buffer.from(after, 'utf8').toString('base64url') !== cursor) {
      throw new ValidationError('Invalid cursor', [
        { path: 'cursor', message: 'not a cursor this API returned' },
      ]);
    }
  }
  const sorted = rows
    .map((row) => ({ row, k: key(row) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  const rest = after === undefined ? sorted : sorted.filter((r) => r.k > after);
  const items = rest.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map((r) => r.row),
    ...(rest.length > limit && last
      ? { nextCursor: Buffer.from(last.k, 'utf8').toString('base64url') }
      : {}),
  };
}
