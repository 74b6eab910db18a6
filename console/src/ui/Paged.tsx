import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { LoadedView } from './LoadedView';
import { Pager, firstPage, type CursorPages } from './Pager';
import { Table } from './Table';
import { useLoad, type Loaded } from './useLoad';

export interface CursorPage<T> {
  items: T[];
  nextCursor?: string;
}

export interface PageQuery<S extends string> {
  limit: number;
  status?: S;
  cursor?: string;
}

/** A cursor list filtered by status: the filter, the pages seen, and the page loaded. */
export interface Paged<S extends string, T> {
  status: S | '';
  /** A new status starts again from the first page. */
  setStatus: (s: S | '') => void;
  pages: CursorPages;
  setPages: (p: CursorPages) => void;
  loaded: Loaded<CursorPage<T>>;
  reload: () => void;
}

const pageSize = 20;

/** Loads a status-filtered cursor list a page at a time, again whenever the filter or page changes. */
export function usePaged<S extends string, T>(
  load: (query: PageQuery<S>) => Promise<CursorPage<T>>,
  initialStatus: S | '',
): Paged<S, T> {
  const [status, setStatus] = useState<S | ''>(initialStatus);
  const [pages, setPages] = useState<CursorPages>(firstPage);
  const [loaded, reload] = useLoad(
    () =>
      load({
        limit: pageSize,
        ...(status ? { status } : {}),
        ...(pages.current ? { cursor: pages.current } : {}),
      }),
    [status, pages.current],
  );
  return {
    status,
    setStatus: (s) => {
      setStatus(s);
      setPages(firstPage);
    },
    pages,
    setPages,
    loaded,
    reload,
  };
}

/** The loaded page as a table with the pager under it (or loading, the failure, empty). */
export function PagedTable<S extends string, T>(props: {
  list: Paged<S, T>;
  caption: string;
  headers: string[];
  keyOf: (item: T) => string;
  cells: (item: T) => ComponentChildren[];
}) {
  const { list } = props;
  return (
    <LoadedView
      loaded={list.loaded}
      retry={list.reload}
      isEmpty={(data) => data.items.length === 0}
    >
      {(data) => (
        <>
          <Table
            caption={props.caption}
            headers={props.headers}
            items={data.items}
            keyOf={props.keyOf}
            cells={props.cells}
          />
          <Pager pages={list.pages} nextCursor={data.nextCursor} onPages={list.setPages} />
        </>
      )}
    </LoadedView>
  );
}
