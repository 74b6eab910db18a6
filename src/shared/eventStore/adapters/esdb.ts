/**
 * EventStoreDB / KurrentDB adapter: the port mapped one to one onto `@eventstore/db-client` 6.x,
 * the path for availability (a 3+ node cluster).
 *
 * Positions: the port's number is the commit position of the event in $all; reading from
 * it passes `{ commit, prepare }` both equal to it, which holds because the server gives
 * every event its own log position (commit = prepare since v20).
 *
 * Where this differs from the other adapters, honestly:
 * - `readAll` filters on the client: the 6.x client's read of $all takes no server-side
 *   filter. Subscriptions do filter on the server (`streamNameFilter` or `eventTypeFilter`
 *   prefixes, else `excludeSystemEvents`), and both re-check the exact filter locally,
 *   since server filters match prefixes.
 * - Idempotent retry is the server's: it recognises re-sent event ids at the same
 *   expected revision, but it does not refuse an id already used in another stream.
 * - `caughtUp` resolves when the server says so (22.10+), or once the subscription has
 *   passed the head position read when it started.
 * It cannot run against a server in this repository's CI; test/contract/esdb.test.ts runs
 * the contract when ESDB_CONNECTION_STRING is set.
 */
import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
} from '@eventstore/db-client';
import type {
  AllStreamRecordedEvent,
  AppendExpectedRevision,
  Filter,
  JSONType,
  Position,
  RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import { ConcurrencyError, StoreUnavailableError } from '../../errors';
import { matchesFilter } from '../expectedRevision';
import type {
  EventFilter,
  EventStore,
  ExpectedRevision,
  RecordedEvent,
  Subscription,
} from '../port';

const PAGE = 512;
const unavailableTypes = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader']);
/** gRPC UNAVAILABLE and DEADLINE_EXCEEDED, which the client passes through before a connection exists. */
const grpcUnavailableCodes = new Set<unknown>([14, 4]);

function translate(error: unknown, stream?: string, expected?: ExpectedRevision): unknown {
  if (error instanceof WrongExpectedVersionError) {
    const actual =
      typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : 'no_stream';
    return new ConcurrencyError(stream ?? error.streamName, String(expected), actual);
  }
  const { type, code } = (error ?? {}) as { type?: unknown; code?: unknown };
  if ((typeof type === 'string' && unavailableTypes.has(type)) || grpcUnavailableCodes.has(code)) {
    return new StoreUnavailableError(`EventStoreDB unavailable: ${(error as Error).message}`);
  }
  return error;
}

function toExpected(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  if (expected === 'no_stream' || expected === -1) return NO_STREAM;
  return BigInt(expected);
}

const toPosition = (p: number): Position => ({ commit: BigInt(p), prepare: BigInt(p) });
const isSystem = (e: { streamId: string; type: string }) =>
  e.streamId.startsWith('$') || e.type.startsWith('$');
const isEmpty = (f?: EventFilter) => f?.eventTypes?.length === 0 || f?.streamPrefixes?.length === 0;

function toRecorded(e: EsdbRecordedEvent): RecordedEvent {
  return {
    stream: e.streamId,
    revision: Number(e.revision),
    position: Number(e.position?.commit ?? 0n),
    id: e.id,
    type: e.type,
    data: e.data,
    metadata: (e.metadata ?? {}) as Record<string, unknown>,
    recordedAt: e.created,
  };
}

function serverFilter(
  filter: EventFilter | undefined,
  onCheckpoint: (p: Position) => void,
): Filter {
  const checkpointReached = (_: unknown, p: Position) => onCheckpoint(p);
  if (filter?.streamPrefixes?.length) {
    return streamNameFilter({ prefixes: [...filter.streamPrefixes], checkpointReached });
  }
  if (filter?.eventTypes?.length)
    return eventTypeFilter({ prefixes: [...filter.eventTypes], checkpointReached });
  return excludeSystemEvents({ checkpointReached });
}

export function esdbEventStore(connectionString: string): EventStore {
  const client = EventStoreDBClient.connectionString(connectionString);
  const subscriptions = new Set<Subscription>();

  async function currentRevision(stream: string): Promise<number> {
    try {
      for await (const r of client.readStream(stream, {
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

  async function headPosition(): Promise<number> {
    let from: Position | typeof END = END;
    for (;;) {
      let n = 0;
      for await (const r of client.readAll({
        direction: BACKWARDS,
        fromPosition: from,
        maxCount: PAGE,
      })) {
        n++;
        const e: AllStreamRecordedEvent | undefined = r.event;
        if (!e) continue;
        if (!isSystem(e)) return Number(e.position.commit);
        from = e.position;
      }
      if (n < PAGE) return 0;
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
          expectedRevision: toExpected(expected),
        });
        return {
          nextRevision: Number(r.nextExpectedRevision),
          position: Number(r.position?.commit ?? 0n),
        };
      } catch (error) {
        throw translate(error, stream, expected);
      }
    },

    async readStream(stream, options) {
      const out: RecordedEvent[] = [];
      try {
        const fromRevision = BigInt(options?.fromRevision ?? 0);
        for await (const r of client.readStream(stream, { fromRevision }))
          if (r.event) out.push(toRecorded(r.event));
        return out;
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw translate(error);
      }
    },

    async readAll(options = {}) {
      const limit = options.limit ?? 1000;
      const out: RecordedEvent[] = [];
      if (isEmpty(options.filter)) return out;
      let from = options.after ?? 0;
      try {
        for (;;) {
          let n = 0;
          const fromPosition = from === 0 ? START : toPosition(from);
          for await (const r of client.readAll({ fromPosition, maxCount: PAGE })) {
            n++;
            const e = r.event;
            if (!e || Number(e.position.commit) <= from) continue;
            from = Number(e.position.commit);
            if (isSystem(e) || !matchesFilter({ type: e.type, stream: e.streamId }, options.filter))
              continue;
            out.push(toRecorded(e));
            if (out.length === limit) return out;
          }
          if (n < PAGE) return out;
        }
      } catch (error) {
        throw translate(error);
      }
    },

    subscribe(options, handler) {
      const after = options.after ?? 0;
      let stopped = false;
      let head: number | undefined;
      let markCaughtUp!: () => void;
      let failCaughtUp!: (e: unknown) => void;
      const caughtUp = new Promise<void>((resolve, reject) => {
        markCaughtUp = resolve;
        failCaughtUp = reject;
      });
      caughtUp.catch(() => undefined);
      const passed = (position: number) => {
        if (head !== undefined && position >= head) markCaughtUp();
      };

      const sub = client.subscribeToAll({
        fromPosition: after === 0 ? START : toPosition(after),
        filter: serverFilter(options.filter, (p) => passed(Number(p.commit))),
      });
      sub.on('caughtUp', () => markCaughtUp());

      const done = (async () => {
        head = await headPosition();
        passed(after);
        for await (const r of sub) {
          if (stopped) return;
          const e = r.event;
          if (!e || Number(e.position.commit) <= after) continue;
          if (!isSystem(e) && matchesFilter({ type: e.type, stream: e.streamId }, options.filter)) {
            await handler(toRecorded(e));
          }
          passed(Number(e.position.commit));
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
      const finished = done.finally(() => sub.unsubscribe().catch(() => undefined));
      finished.catch(() => undefined);

      const subscription: Subscription = {
        caughtUp,
        done: finished,
        async stop() {
          stopped = true;
          await sub.unsubscribe().catch(() => undefined);
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

    async close() {
      await Promise.all([...subscriptions].map((s) => s.stop()));
      await client.dispose();
    },
  };
}
