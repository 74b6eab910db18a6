import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { PagedTable, usePaged, type CursorPage, type PageQuery } from './Paged';
import { StatusSelect } from './StatusSelect';

/**
 * The item of a list open to its file, and whether a decision on it was just recorded (the
 * confirmation stays shown until another item is opened).
 */
export function useOpened<T>() {
  const [open, setOpen] = useState<T | undefined>();
  const [notice, setNotice] = useState(false);
  return {
    open,
    notice,
    show: (item: T) => {
      setOpen(item);
      setNotice(false);
    },
    close: () => setOpen(undefined),
    /** A decision recorded: the item as it is now, or undefined when it left the list. */
    decided: (item?: T) => {
      setOpen(item);
      setNotice(true);
    },
  };
}

/**
 * A desk (میز رسیدگی): a status-filtered queue and the item open from it. A decision on the open
 * item shows the confirmation and reloads the queue, so a decided item leaves a filtered view.
 */
export function useDesk<S extends string, T>(
  load: (query: PageQuery<S>) => Promise<CursorPage<T>>,
  initialStatus: S | '',
) {
  const list = usePaged<S, T>(load, initialStatus);
  const opened = useOpened<T>();
  return {
    list,
    opened,
    /** The item as it is now, or undefined when it left the queue. */
    decided: (item?: T) => {
      opened.decided(item);
      list.reload();
    },
  };
}

/** The row's button that opens its item, named for screen readers by the item. */
export function OpenButton(props: { item: string; onOpen: () => void }) {
  const { t } = useI18n();
  return (
    <button type="button" aria-label={`${t('queue.open')}: ${props.item}`} onClick={props.onOpen}>
      {t('queue.open')}
    </button>
  );
}

export function Decided({ shown }: { shown: boolean }) {
  const { t } = useI18n();
  return shown ? <p role="status">{t('decide.done')}</p> : null;
}

export function CloseButton({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  return (
    <p>
      <button type="button" onClick={onClose}>
        {t('queue.close')}
      </button>
    </p>
  );
}

/**
 * A desk's queue: the confirmation of the last decision, the status filter (a new status closes
 * the open item) and the page of items with an open button in `cells`.
 */
export function DeskQueue<S extends string, T>(props: {
  desk: ReturnType<typeof useDesk<S, T>>;
  statuses: readonly S[];
  name: (s: S) => string;
  caption: string;
  headers: string[];
  keyOf: (item: T) => string;
  cells: (item: T) => ComponentChildren[];
}) {
  const { list, opened } = props.desk;
  return (
    <>
      <Decided shown={opened.notice} />
      <StatusSelect
        value={list.status}
        statuses={props.statuses}
        any
        name={props.name}
        onValue={(s) => {
          list.setStatus(s);
          opened.close();
        }}
      />
      <PagedTable
        list={list}
        caption={props.caption}
        headers={props.headers}
        keyOf={props.keyOf}
        cells={props.cells}
      />
    </>
  );
}
