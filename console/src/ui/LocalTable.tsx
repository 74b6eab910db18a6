import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Pager, firstPage, type CursorPages } from './Pager';
import { Empty } from './States';
import { localPage } from './localPages';
import { Table } from './Table';

const pageSize = 20;

/** A report's table the API sends whole, a page at a time with the same pager as cursor lists (or empty). */
export function LocalTable<T>(props: {
  caption: string;
  captionHidden?: boolean;
  headers: string[];
  rows: readonly T[];
  keyOf: (row: T) => string;
  cells: (row: T) => ComponentChildren[];
}) {
  const [pages, setPages] = useState<CursorPages>(firstPage);
  if (props.rows.length === 0) return <Empty />;
  const page = localPage(props.rows, pages, pageSize);
  return (
    <div>
      <Table
        caption={props.caption}
        {...(props.captionHidden ? { captionHidden: true } : {})}
        headers={props.headers}
        items={page.items}
        keyOf={props.keyOf}
        cells={props.cells}
      />
      <Pager pages={pages} nextCursor={page.nextCursor} onPages={setPages} />
    </div>
  );
}
