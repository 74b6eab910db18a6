import {
  genesisHash,
  sealHashOf,
  type LedgerDaySealed as Seal,
} from '../../contracts/events/ledger';
import { endOfLedgerDay, ledgerDayOf, nextLedgerDay } from '../../contracts/ledger/days';
import type { ReadModelDb } from '../db';
import { storedLeaves } from './queries';
import { scanDay, type LogLeaf } from './scan';
import type { EventStore } from '../../src/shared/eventStore';
import { readChainPart } from './chain';

/** How an event differs from what was sealed. */
export type EventChange = 'changed' | 'missing' | 'extra' | 'outside-seal';

/** The first thing `ledger verify` found wrong. */
export interface Discrepancy {
  day: string;
  /** What failed: the chain link, the range, or the day's tree. */
  check: 'chain' | 'range' | 'root';
  detail: string;
  /** The first event that differs, when it can be named. */
  event?: { position: number; change: EventChange };
}

export interface LedgerVerification {
  /** Days whose seals were recomputed and agreed. */
  days: number;
  /**
   * Sealed days whose events were archived with their month (docs/log-archive.md): their links
   * are checked, their trees are not (the archive file's digest was checked when it was made).
   */
  archived?: number;
  events: number;
  /** The last day checked (agreeing or not). */
  lastDay?: string;
  discrepancy?: Discrepancy;
}

/**
 * The first event where the log's leaves and the leaves the seals projection folded when the
 * day was live differ: a changed leaf, a position the projection holds that the log lost, or
 * one the log holds that the projection never saw.
 */
export function firstDifference(
  log: readonly LogLeaf[],
  stored: readonly { position: number; leaf: string }[],
): { position: number; change: EventChange } | undefined {
  let i = 0;
  let j = 0;
  while (i < log.length || j < stored.length) {
    const a = log[i];
    const b = stored[j];
    if (!b || (a && a.position < b.position)) return { position: a!.position, change: 'extra' };
    if (!a || b.position < a.position) return { position: b.position, change: 'missing' };
    if (a.leaf.toString('hex') !== b.leaf) return { position: a.position, change: 'changed' };
    i++;
    j++;
  }
  return undefined;
}

/**
 * The first event of a seal's range whose leaf differs from the one the seals projection folded:
 * the range is read a second time keeping its leaf hashes, which only a day that differs needs.
 */
async function differingEvent(
  store: EventStore,
  seal: Seal,
  leaves: { db: ReadModelDb; prefix: string },
): Promise<{ position: number; change: EventChange } | undefined> {
  const scan = await scanDay(store, seal.from, seal.day, seal.to, true);
  const stored = await storedLeaves(leaves.db, leaves.prefix, seal.day);
  return firstDifference(scan.leaves ?? [], stored);
}

/**
 * Recomputes every seal from the stored events (from the first seal of day `from` or later,
 * trusting the chain before it) and checks the chain: each seal's hash, its link to the one
 * before, its range starting where the previous ended, its tree over the range's events, and
 * that no event after the last seal was recorded in a sealed day. Stops at the first
 * discrepancy; names the event by the seals projection's leaves when `leaves` is given.
 */
export async function verifyLedger(deps: {
  store: EventStore;
  leaves?: { db: ReadModelDb; prefix: string };
  from?: string;
  /**
   * Of the seals from `from` on, the days whose trees are recomputed (the scheduled round's
   * choice); the chain is checked link by link for every seal whatever this says. All by default.
   */
  recompute?: (seals: readonly Seal[]) => Promise<ReadonlySet<string>>;
  /** Called for each day recomputed and found equal to its seal. */
  onVerified?: (seal: Seal) => Promise<void>;
  /** Ends the check before the next day once aborted (the node is stopping); what was checked is answered. */
  signal?: AbortSignal;
}): Promise<LedgerVerification> {
  const { seals: chain, startArchived } = await readChainPart(deps.store);
  const archivedRanges = (await deps.store.archivedRanges?.()) ?? [];
  const isArchived = (seal: Seal) =>
    seal.to > seal.from && archivedRanges.some((r) => r.first <= seal.to && seal.to <= r.last);
  const start = deps.from ? chain.findIndex((s) => s.day >= deps.from!) : 0;
  const result: LedgerVerification = { days: 0, events: 0 };
  if (start < 0) return result;
  const recompute = deps.recompute ? await deps.recompute(chain.slice(start)) : undefined;
  const fail = (d: Discrepancy): LedgerVerification => ({
    ...result,
    lastDay: d.day,
    discrepancy: d,
  });
  for (let i = start; i < chain.length; i++) {
    if (deps.signal?.aborted) return result;
    const seal = chain[i]!;
    const prev: Seal | undefined = chain[i - 1];
    const link = i === 0 && startArchived ? undefined : chainFault(seal, prev);
    if (link) return fail({ day: seal.day, check: 'chain', detail: link });
    if (isArchived(seal)) {
      result.archived = (result.archived ?? 0) + 1;
      continue;
    }
    if (recompute && !recompute.has(seal.day)) continue;
    const scan = await scanDay(deps.store, seal.from, seal.day, seal.to);
    const root = scan.root.toString('hex');
    if (root !== seal.root || scan.count !== seal.count) {
      const event = deps.leaves ? await differingEvent(deps.store, seal, deps.leaves) : undefined;
      return fail({
        day: seal.day,
        check: 'root',
        detail: `recomputed ${scan.count} events with root ${root}; the seal says ${seal.count} with root ${seal.root}${
          deps.leaves && !event
            ? ' (the projection agrees with the log: rebuilt since the change?)'
            : ''
        }`,
        ...(event ? { event } : {}),
      });
    }
    const end = endOfLedgerDay(seal.day).getTime();
    if (scan.late)
      return fail({
        day: seal.day,
        check: 'range',
        detail: `an event of the range was recorded at ${scan.late.recordedAt.toISOString()}, after the day's end`,
        event: { position: scan.late.position, change: 'changed' },
      });
    if (scan.next && scan.next.recordedAt.getTime() < end)
      return fail({
        day: seal.day,
        check: 'range',
        detail: `the event after the seal's range was recorded at ${scan.next.recordedAt.toISOString()}, within the day`,
        event: { position: scan.next.position, change: 'outside-seal' },
      });
    result.days++;
    result.events += seal.count;
    result.lastDay = seal.day;
    await deps.onVerified?.(seal);
  }
  const last = chain.at(-1);
  if (last && !deps.signal?.aborted) {
    const stray = await recordedBefore(deps.store, last.to, endOfLedgerDay(last.day).getTime());
    if (stray)
      return fail({
        day: ledgerDayOf(stray.recordedAt),
        check: 'range',
        detail: `event recorded at ${stray.recordedAt.toISOString()} in a sealed day lies after the last seal`,
        event: { position: stray.position, change: 'extra' },
      });
  }
  return result;
}

function chainFault(seal: Seal, prev: Seal | undefined): string | undefined {
  const { sealHash, type: _type, ...body } = seal;
  if (sealHashOf(body) !== sealHash) return `the seal's hash does not match its body`;
  if (seal.previous !== (prev?.sealHash ?? genesisHash))
    return `the seal links to ${seal.previous}, not to the previous seal ${prev?.sealHash ?? genesisHash}`;
  if (seal.from !== (prev?.to ?? 0))
    return `the range starts after ${seal.from}, the previous seal ended at ${prev?.to ?? 0}`;
  if (prev && seal.day !== nextLedgerDay(prev.day))
    return `the seal follows ${prev.day}; expected ${nextLedgerDay(prev.day)}`;
  return undefined;
}

/** The first event after `after` recorded before `end`: one inserted behind a seal. */
async function recordedBefore(store: EventStore, after: number, end: number) {
  for (;;) {
    const page = await store.readAll({ after, limit: 2000 });
    const hit = page.find((e) => e.recordedAt.getTime() < end);
    if (hit) return hit;
    if (page.length < 2000) return undefined;
    after = page[page.length - 1]!.position;
  }
}
