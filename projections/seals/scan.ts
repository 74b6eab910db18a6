import { leafText } from '../../contracts/ledger/canonical';
import { endOfLedgerDay, type LedgerDay } from '../../contracts/ledger/days';
import { leafHash } from '../../contracts/ledger/merkle';
import type { EventStore, RecordedEvent } from '../../src/shared/eventStore';

/** One event's leaf, recomputed from the log. */
export interface LogLeaf {
  position: number;
  leaf: Buffer;
}

export interface DayScan {
  /** Last position of the day's range; `from` when the day is empty. */
  to: number;
  leaves: LogLeaf[];
  /** The first event after the range; recorded at or after the day's end when the range is right. */
  next: RecordedEvent | undefined;
  /** With `upTo`: the first event of the range recorded at or after the day's end. */
  late?: RecordedEvent;
}

const pageSize = 2000;

/**
 * Day D's range read from the log: the events after `from` in log order up to (not including)
 * the first one recorded at or after D's end in Tehran, or up to `upTo` when it is given
 * (a seal's own range, for checking it).
 */
export async function scanDay(
  store: EventStore,
  from: number,
  day: LedgerDay,
  upTo = Infinity,
): Promise<DayScan> {
  const end = endOfLedgerDay(day).getTime();
  const leaves: LogLeaf[] = [];
  let late: RecordedEvent | undefined;
  let after = from;
  for (;;) {
    const page = await store.readAll({ after, limit: pageSize });
    for (const e of page) {
      const afterEnd = e.recordedAt.getTime() >= end;
      if (e.position > upTo || (upTo === Infinity && afterEnd))
        return { to: leaves.at(-1)?.position ?? from, leaves, next: e, ...(late ? { late } : {}) };
      if (afterEnd) late ??= e;
      leaves.push({ position: e.position, leaf: leafHash(leafText(e)) });
    }
    if (page.length < pageSize)
      return {
        to: leaves.at(-1)?.position ?? from,
        leaves,
        next: undefined,
        ...(late ? { late } : {}),
      };
    after = page[page.length - 1]!.position;
  }
}
