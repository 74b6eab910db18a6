import { leafText } from '../../contracts/ledger/canonical';
import { eventTree } from '../../contracts/ledger/dayTree';
import { endOfLedgerDay, type LedgerDay } from '../../contracts/ledger/days';
import { leafHash } from '../../contracts/ledger/merkle';
import type { EventStore } from '../../src/shared/eventStore';

/** One event's leaf, recomputed from the log. */
export interface LogLeaf {
  position: number;
  leaf: Buffer;
}

/** Where and when an event of the log was recorded: all a scan says of the events around a range. */
export interface LogInstant {
  position: number;
  recordedAt: Date;
}

export interface DayScan {
  /** Last position of the day's range; `from` when the day is empty. */
  to: number;
  /** Events in the range. */
  count: number;
  /** MTH over the range's events, in log order. */
  root: Buffer;
  /** Every event's leaf hash, only when asked for (`keepLeaves`): to name the event that differs. */
  leaves?: LogLeaf[];
  /** The first event after the range; recorded at or after the day's end when the range is right. */
  next: LogInstant | undefined;
  /** With `upTo`: the first event of the range recorded at or after the day's end. */
  late?: LogInstant;
}

const pageSize = 2000;

/**
 * Day D's range read from the log and its tree head: the events after `from` in log order up to
 * (not including) the first one recorded at or after D's end in Tehran, or up to `upTo` when it
 * is given (a seal's own range, for checking it). Each event is folded into the tree as it is
 * read, so a day of millions of events keeps no leaf hash unless `keepLeaves` asks for them;
 * a store that can hand out its stored bytes unparsed (`readLeafPage`) is read that way.
 */
export async function scanDay(
  store: EventStore,
  from: number,
  day: LedgerDay,
  upTo = Infinity,
  keepLeaves = false,
): Promise<DayScan> {
  const end = endOfLedgerDay(day).getTime();
  const tree = eventTree();
  const leaves: LogLeaf[] | undefined = keepLeaves ? [] : undefined;
  let to = from;
  let late: LogInstant | undefined;
  let after = from;
  const scanned = (next: LogInstant | undefined): DayScan => ({
    to,
    count: tree.size,
    root: tree.root(),
    ...(leaves ? { leaves } : {}),
    next,
    ...(late ? { late } : {}),
  });
  for (;;) {
    const page = store.readLeafPage
      ? await store.readLeafPage(after, pageSize)
      : await store.readAll({ after, limit: pageSize });
    for (const e of page) {
      const afterEnd = e.recordedAt.getTime() >= end;
      if (e.position > upTo || (upTo === Infinity && afterEnd)) return scanned(e);
      if (afterEnd) late ??= e;
      if (leaves) leaves.push({ position: e.position, leaf: leafHash(leafText(e)) });
      tree.add(e);
      to = e.position;
    }
    if (page.length < pageSize) return scanned(undefined);
    after = page[page.length - 1]!.position;
  }
}
