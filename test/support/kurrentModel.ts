import { randomUUID } from 'node:crypto';

/**
 * An in-process model of a KurrentDB leader as the KurrentDB client sees it, for running the
 * store contract against the adapter's own logic where no server can be installed. It keeps
 * what the server's source does and the adapter leans on: positions are byte offsets of each
 * event's record (not dense), system events sit between ours in `$all`, a forward read of
 * `$all` includes the event at its start position and a backward one excludes it, a read sees
 * what had committed when it began, the server filters `$all` by one event-type or stream-name
 * expression, an idempotent retry (same ids after the expected revision) answers with no
 * position, and event ids are checked within one stream only. It is a model, not the server.
 */

type Bigintish = bigint | number;
interface Position {
  commit: bigint;
  prepare: bigint;
}
interface Record {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  data: unknown;
  metadata: unknown;
  isJson: true;
  created: Date;
  position: Position;
}
interface Filter {
  filterOn: 'eventType' | 'streamName';
  regex?: string;
  prefixes?: string[];
}
type StreamState = 'any' | 'no_stream' | 'stream_exists' | bigint;
interface ProposedEvent {
  id: string;
  type: string;
  data: unknown;
  metadata?: unknown;
}
export interface ModelErrors {
  WrongExpectedVersionError: new (
    error: undefined,
    details: { streamName: string; current: 'no_stream' | bigint; expected: StreamState },
  ) => Error;
  StreamNotFoundError: new (error: undefined, streamName: string) => Error;
}

const tick = () => new Promise<void>((r) => setImmediate(r));

export function createKurrentModel(errors: ModelErrors) {
  const log: Record[] = [];
  const streams = new Map<string, Record[]>();
  const waiters = new Set<() => void>();
  let nextPosition = 4096;
  let appends = 0;

  function write(streamId: string, e: ProposedEvent): Record {
    const held = streams.get(streamId) ?? [];
    const data: unknown = JSON.parse(JSON.stringify(e.data));
    const at = BigInt(nextPosition);
    nextPosition += 120 + streamId.length + e.type.length + JSON.stringify(data).length;
    const record: Record = {
      streamId,
      id: e.id,
      type: e.type,
      revision: BigInt(held.length),
      data,
      metadata: e.metadata ?? {},
      isJson: true,
      created: new Date(),
      position: { commit: at, prepare: at },
    };
    held.push(record);
    streams.set(streamId, held);
    log.push(record);
    return record;
  }

  const matches = (filter: Filter | undefined, e: Record) => {
    if (!filter) return true;
    const subject = filter.filterOn === 'eventType' ? e.type : e.streamId;
    if (filter.regex !== undefined) return new RegExp(filter.regex).test(subject);
    return (filter.prefixes ?? []).some((p) => subject.startsWith(p));
  };

  const firstAtOrAfter = (position: 'start' | Position) =>
    position === 'start' ? 0 : log.findIndex((e) => e.position.commit >= position.commit);

  async function* deliver(records: Record[]) {
    for (let i = 0; i < records.length; i++) {
      if (i % 64 === 63) await tick();
      yield { event: records[i] };
    }
  }

  function client() {
    return {
      async appendToStream(
        streamName: string,
        events: ProposedEvent[],
        options: { streamState: StreamState },
      ) {
        await tick();
        const { streamState } = options;
        const held = streams.get(streamName) ?? [];
        const current = held.length - 1;
        const expected =
          streamState === 'no_stream'
            ? -1
            : typeof streamState === 'bigint'
              ? Number(streamState)
              : undefined;
        if (expected !== undefined) {
          const there = held.slice(expected + 1, expected + 1 + events.length);
          if (there.length === events.length && there.every((e, i) => e.id === events[i]!.id)) {
            return { success: true, nextExpectedRevision: there.at(-1)!.revision };
          }
        }
        const ok =
          streamState === 'any' ||
          (streamState === 'stream_exists' ? current >= 0 : expected === current);
        if (!ok) {
          throw new errors.WrongExpectedVersionError(undefined, {
            streamName,
            current: current < 0 ? 'no_stream' : BigInt(current),
            expected: streamState,
          });
        }
        const written = events.map((e) => write(streamName, e));
        if (++appends % 3 === 0) {
          write('$stats-127.0.0.1:2113', { id: randomUUID(), type: '$statsCollected', data: {} });
        }
        for (const wake of waiters) wake();
        waiters.clear();
        const last = written.at(-1)!;
        return {
          success: true,
          nextExpectedRevision: last.revision,
          position: { commit: written[0]!.position.commit, prepare: last.position.prepare },
        };
      },

      readStream(
        streamName: string,
        options: {
          fromRevision?: 'start' | 'end' | bigint;
          direction?: string;
          maxCount?: Bigintish;
        },
      ) {
        const held = streams.get(streamName);
        const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
        return (async function* () {
          await tick();
          if (!held) throw new errors.StreamNotFoundError(undefined, streamName);
          if (options.direction === 'backwards') {
            yield* deliver(held.slice().reverse().slice(0, max));
            return;
          }
          const from = typeof options.fromRevision === 'bigint' ? Number(options.fromRevision) : 0;
          yield* deliver(held.slice(from, from + max));
        })();
      },

      readAll(options: {
        fromPosition?: 'start' | 'end' | Position;
        direction?: string;
        maxCount?: Bigintish;
        filter?: Filter;
      }) {
        const snapshot = log.slice();
        const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
        const from = options.fromPosition ?? 'start';
        return (async function* () {
          await tick();
          let candidates: Record[];
          if (options.direction === 'backwards') {
            const below =
              from === 'end' || from === 'start'
                ? snapshot
                : snapshot.filter((e) => e.position.commit < from.commit);
            candidates = below.reverse();
          } else {
            candidates =
              from === 'start' || from === 'end'
                ? from === 'start'
                  ? snapshot
                  : []
                : snapshot.filter((e) => e.position.commit >= from.commit);
          }
          yield* deliver(candidates.filter((e) => matches(options.filter, e)).slice(0, max));
        })();
      },

      subscribeToAll(options: { fromPosition?: 'start' | Position; filter?: Filter }) {
        let closed = false;
        let wake: (() => void) | undefined;
        const events = (async function* () {
          const found = firstAtOrAfter(options.fromPosition ?? 'start');
          let i = found === -1 ? log.length : found;
          for (;;) {
            while (i < log.length) {
              const e = log[i++]!;
              if (matches(options.filter, e)) yield { event: e };
              if (closed) return;
            }
            if (closed) return;
            await new Promise<void>((resolve) => {
              wake = resolve;
              waiters.add(resolve);
            });
            if (closed) return;
          }
        })();
        return {
          [Symbol.asyncIterator]: () => events,
          async unsubscribe() {
            closed = true;
            wake?.();
          },
        };
      },

      async dispose() {},
    };
  }

  return { client, log };
}
