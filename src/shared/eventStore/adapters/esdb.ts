/**
 * KurrentDB / EventStoreDB adapter: the port on `@kurrent/kurrentdb-client`, which speaks to
 * KurrentDB and to EventStoreDB 20.10+ servers, for availability (a three-node cluster; see
 * ops/kurrentdb.md). `kurrentdb://`, `kurrentdb+discover://`, `esdb://` and `esdb+discover://`
 * connection strings are accepted.
 *
 * What a position is here: the byte offset of the event's record in the server's transaction
 * log, the commit position of its place in `$all`. Since 20.10 every appended event is its own
 * implicitly committed record, so its commit and prepare positions are equal and no two events
 * share one; positions grow in commit order and are never reused, but they are not dense: the
 * distance between two positions is bytes, not events. So the adapter counts events for the
 * projections' lag (`eventsBetween`) instead of letting the runner subtract positions. A
 * position handed back to the adapter must be one it returned (or 0): the server seeks to it in
 * the log.
 *
 * How it keeps the store contract:
 * - Every call asks for the leader (`requiresLeader`), whatever the connection string's
 *   `nodePreference`: the leader acknowledges an append only once a quorum has it and it is
 *   indexed, so a read after an acknowledged append sees it, and the head never goes back.
 * - `readAll` and `subscribe` filter on the server (exact event types as an anchored regular
 *   expression, else stream-name prefixes, else no system events) and re-check the whole filter
 *   here, since the server applies one kind of filter at a time.
 * - `subscribe` catches up with `readAll` pages until a short one (everything committed before
 *   it started), marks `caughtUp`, and only then follows live from the last event it handled.
 * - An idempotent retry answers the first result: the server recognises the same event ids at
 *   the same expected revision, and the position is read back when it does not send one.
 *
 * One guarantee it does not give, stated in test/contract/esdb.test.ts: the server does not
 * refuse an event id already used in another stream.
 */
import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  END,
  KurrentDBClient,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
} from '@kurrent/kurrentdb-client';
import type {
  AllStreamSubscription,
  AppendStreamState,
  Filter,
  JSONType,
  Position,
  ReadPosition,
  RecordedEvent as KurrentRecordedEvent,
} from '@kurrent/kurrentdb-client';
import { ConcurrencyError, StoreUnavailableError } from '../../errors';
import { matchesFilter } from '../expectedRevision';
import type {
  EventFilter,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  RecordedEvent,
  Subscription,
} from '../port';

const PAGE = 512;
/** Lag is counted event by event up to this many; past it, estimated from the bytes per event counted. */
export const exactLagEvents = 10_000;
const leader = { requiresLeader: true } as const;
const unavailableTypes = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader']);
/** gRPC UNAVAILABLE and DEADLINE_EXCEEDED, which the client passes through before a connection exists. */
const grpcUnavailableCodes = new Set<unknown>([14, 4]);

function translate(error: unknown, stream?: string, expected?: ExpectedRevision): unknown {
  if (error instanceof WrongExpectedVersionError) {
    const actual = typeof error.actualState === 'bigint' ? Number(error.actualState) : 'no_stream';
    return new ConcurrencyError(stream ?? error.streamName, String(expected), actual);
  }
  const { type, code } = (error ?? {}) as { type?: unknown; code?: unknown };
  if ((typeof type === 'string' && unavailableTypes.has(type)) || grpcUnavailableCodes.has(code)) {
    return new StoreUnavailableError(`KurrentDB unavailable: ${(error as Error).message}`);
  }
  return error;
}

function toStreamState(expected: ExpectedRevision): AppendStreamState {
  if (expected === 'any') return ANY;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  if (expected === 'no_stream' || expected === -1) return NO_STREAM;
  return BigInt(expected);
}

const toReadPosition = (p: number): ReadPosition =>
  p === 0 ? START : { commit: BigInt(p), prepare: BigInt(p) };
const positionOf = (e: { position?: Position }) => Number(e.position?.commit ?? 0n);
const isSystem = (e: { streamId: string; type: string }) =>
  e.streamId.startsWith('$') || e.type.startsWith('$');
const isEmpty = (f?: EventFilter) => f?.eventTypes?.length === 0 || f?.streamPrefixes?.length === 0;
const wanted = (e: KurrentRecordedEvent, filter?: EventFilter) =>
  !isSystem(e) && matchesFilter({ type: e.type, stream: e.streamId }, filter);
const escapeRegex = (s: string) => s.replace(/[\\^$.|?*+()[\]{}#\s-]/g, '\\$&');

/** The narrowest filter the server can apply for `filter`; the caller re-checks all of it. */
export function serverFilter(filter?: EventFilter): Filter {
  if (filter?.eventTypes?.length) {
    const alternatives = filter.eventTypes.map(escapeRegex).join('|');
    return eventTypeFilter({ regex: `^(?:${alternatives})$` });
  }
  if (filter?.streamPrefixes?.length) {
    return streamNameFilter({ prefixes: [...filter.streamPrefixes] });
  }
  return excludeSystemEvents();
}

function toRecorded(e: KurrentRecordedEvent): RecordedEvent {
  return {
    stream: e.streamId,
    revision: Number(e.revision),
    position: positionOf(e),
    id: e.id,
    type: e.type,
    data: e.data,
    metadata: (e.metadata ?? {}) as Record<string, unknown>,
    recordedAt: e.created,
  };
}

export function esdbEventStore(connectionString: string): EventStore {
  const client = KurrentDBClient.connectionString(connectionString);
  const subscriptions = new Set<Subscription>();

  /**
   * Visits the events after `after` in `$all` order that pass the server filter for `filter`,
   * a server page at a time, until `visit` answers false or the log ends.
   */
  async function scan(
    after: number,
    filter: EventFilter | undefined,
    visit: (e: KurrentRecordedEvent) => boolean,
  ): Promise<void> {
    let from = after;
    for (;;) {
      const start = from;
      let n = 0;
      for await (const r of client.readAll({
        ...leader,
        fromPosition: toReadPosition(start),
        maxCount: PAGE,
        filter: serverFilter(filter),
      })) {
        n++;
        const e = r.event;
        if (!e || positionOf(e) <= start) continue;
        from = positionOf(e);
        if (!visit(e)) return;
      }
      if (n < PAGE) return;
    }
  }

  async function readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.limit ?? 1000;
    const out: RecordedEvent[] = [];
    if (isEmpty(options.filter)) return out;
    await scan(options.after ?? 0, options.filter, (e) => {
      if (wanted(e, options.filter)) out.push(toRecorded(e));
      return out.length < limit;
    });
    return out;
  }

  async function headPosition(): Promise<number> {
    let from: ReadPosition = END;
    for (;;) {
      let n = 0;
      for await (const r of client.readAll({
        ...leader,
        direction: BACKWARDS,
        fromPosition: from,
        maxCount: PAGE,
        filter: excludeSystemEvents(),
      })) {
        n++;
        const e: KurrentRecordedEvent | undefined = r.event;
        if (!e) continue;
        if (!isSystem(e)) return positionOf(e);
        from = e.position ?? from;
      }
      if (n < PAGE) return 0;
    }
  }

  async function revisionPosition(stream: string, revision: bigint): Promise<number> {
    for await (const r of client.readStream(stream, {
      ...leader,
      fromRevision: revision,
      maxCount: 1,
    })) {
      if (r.event) return positionOf(r.event);
    }
    throw new Error(`${stream} has no event at revision ${revision} after appending it`);
  }

  async function currentRevision(stream: string): Promise<number> {
    try {
      for await (const r of client.readStream(stream, {
        ...leader,
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      })) {
        if (r.event) return Number(r.event.revision);
      }
      return -1;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return -1;
      throw translate(error);
    }
  }

  return {
    kind: 'esdb',
    async append(stream, events, expected) {
      if (events.length === 0) throw new Error('append needs at least one event');
      if (typeof expected === 'number' && expected < -1) {
        throw new ConcurrencyError(stream, String(expected), await currentRevision(stream));
      }
      const data = events.map((e) =>
        jsonEvent({
          id: e.id ?? randomUUID(),
          type: e.type,
          data: e.data as JSONType,
          metadata: e.metadata ?? {},
        }),
      );
      try {
        const r = await client.appendToStream(stream, data, {
          ...leader,
          streamState: toStreamState(expected),
        });
        // One event is its own record: the answer's position is that event's. A batch's answer
        // may name its first record, and an idempotent retry may name none; both are read back.
        const position =
          events.length === 1 && r.position
            ? positionOf(r)
            : await revisionPosition(stream, r.nextExpectedRevision);
        return { nextRevision: Number(r.nextExpectedRevision), position };
      } catch (error) {
        throw translate(error, stream, expected);
      }
    },

    async readStream(stream, options) {
      const out: RecordedEvent[] = [];
      try {
        const fromRevision = BigInt(options?.fromRevision ?? 0);
        for await (const r of client.readStream(stream, { ...leader, fromRevision }))
          if (r.event) out.push(toRecorded(r.event));
        return out;
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw translate(error);
      }
    },

    async readAll(options) {
      try {
        return await readAll(options);
      } catch (error) {
        throw translate(error);
      }
    },

    subscribe(options, handler) {
      const filter = options.filter;
      let stopped = false;
      let live: AllStreamSubscription | undefined;
      let markCaughtUp!: () => void;
      let failCaughtUp!: (e: unknown) => void;
      const caughtUp = new Promise<void>((resolve, reject) => {
        markCaughtUp = resolve;
        failCaughtUp = reject;
      });
      caughtUp.catch(() => undefined);

      const done = (async () => {
        let last = options.after ?? 0;
        for (;;) {
          const page = await readAll({ after: last, ...(filter ? { filter } : {}), limit: PAGE });
          for (const e of page) {
            if (stopped) return;
            await handler(e);
            last = e.position;
          }
          if (page.length < PAGE) break;
        }
        markCaughtUp();
        if (stopped) return;
        live = client.subscribeToAll({
          ...leader,
          fromPosition: toReadPosition(last),
          filter: serverFilter(filter),
        });
        for await (const r of live) {
          if (stopped) return;
          const e = r.event;
          if (!e || positionOf(e) <= last || !wanted(e, filter)) continue;
          await handler(toRecorded(e));
          last = positionOf(e);
        }
      })().then(
        () => markCaughtUp(),
        (error: unknown) => {
          if (stopped) return markCaughtUp();
          const failure = translate(error);
          failCaughtUp(failure);
          throw failure;
        },
      );
      done.catch(() => undefined);
      const finished = done.finally(() => live?.unsubscribe().catch(() => undefined));
      finished.catch(() => undefined);

      const subscription: Subscription = {
        caughtUp,
        done: finished,
        async stop() {
          stopped = true;
          await live?.unsubscribe().catch(() => undefined);
          await finished.catch(() => undefined);
        },
      };
      subscriptions.add(subscription);
      void finished.catch(() => undefined).finally(() => subscriptions.delete(subscription));
      return subscription;
    },

    headPosition: async () => {
      try {
        return await headPosition();
      } catch (error) {
        throw translate(error);
      }
    },

    /**
     * Counts the events after `after` up to `head`, one by one up to `exactLagEvents`; past
     * that, the rest is estimated from the bytes per event of those counted, so that a
     * projection far behind costs one bounded read to measure.
     */
    async eventsBetween(after, head) {
      let counted = 0;
      let last = after;
      try {
        await scan(after, undefined, (e) => {
          if (positionOf(e) > head) return false;
          if (isSystem(e)) return true;
          counted++;
          last = positionOf(e);
          return counted < exactLagEvents;
        });
      } catch (error) {
        throw translate(error);
      }
      if (counted < exactLagEvents || last >= head) return counted;
      return counted + Math.ceil(((head - last) * counted) / (last - after));
    },

    async close() {
      await Promise.all([...subscriptions].map((s) => s.stop()));
      await client.dispose();
    },
  };
}
