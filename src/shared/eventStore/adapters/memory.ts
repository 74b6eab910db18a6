import { randomUUID } from 'node:crypto';
import { checkExpectedRevision, classifyRetry, matchesFilter } from '../expectedRevision';
import { createAppendSignal, pollingSubscription } from '../pollingSubscription';
import type { EventStore, ReadAllOptions, RecordedEvent } from '../port';

/**
 * In-memory store for fast unit tests only: nothing survives the process. `now` stamps
 * `recordedAt`, so a test can lay events on the days it needs.
 */
export function memoryEventStore(options: { now?: () => Date } = {}): EventStore {
  const now = options.now ?? (() => new Date());
  const log: RecordedEvent[] = [];
  const streams = new Map<string, RecordedEvent[]>();
  const byId = new Map<string, RecordedEvent>();
  const signal = createAppendSignal();
  const clone = (e: RecordedEvent): RecordedEvent => structuredClone(e);

  return {
    kind: 'memory',
    async append(stream, events, expected) {
      const ids = events.map((e) => e.id ?? randomUUID());
      const stored = ids.flatMap((id) => byId.get(id) ?? []);
      if (classifyRetry(stream, ids, stored) === 'retry') {
        const last = stored[stored.length - 1]!;
        return { nextRevision: last.revision, position: last.position, written: false };
      }
      const existing = streams.get(stream) ?? [];
      checkExpectedRevision(stream, expected, existing.length - 1);
      const recordedAt = now();
      const recorded = events.map((e, i) => ({
        stream,
        revision: existing.length + i,
        position: log.length + i + 1,
        id: ids[i]!,
        type: e.type,
        data: structuredClone(e.data),
        metadata: structuredClone(e.metadata ?? {}),
        recordedAt,
      }));
      for (const r of recorded) {
        log.push(r);
        byId.set(r.id, r);
      }
      streams.set(stream, existing.concat(recorded));
      signal.notify();
      const last = recorded[recorded.length - 1]!;
      return { nextRevision: last.revision, position: last.position, written: true };
    },
    async readStream(stream, options) {
      const from = options?.fromRevision ?? 0;
      return (streams.get(stream) ?? []).slice(from).map(clone);
    },
    async readAll(options = {}) {
      const limit = options.limit ?? 1000;
      const out: RecordedEvent[] = [];
      for (let i = options.after ?? 0; i < log.length && out.length < limit; i++) {
        const e = log[i]!;
        if (matchesFilter(e, options.filter)) out.push(clone(e));
      }
      return out;
    },
    subscribe(options, handler) {
      const readPage = async (o: ReadAllOptions) => {
        const events = await this.readAll(o);
        const full = events.length >= (o.limit ?? 1000);
        return {
          events,
          scannedTo: full
            ? events[events.length - 1]!.position
            : Math.max(o.after ?? 0, log.length),
        };
      };
      return pollingSubscription(readPage, signal, options, handler);
    },
    async headPosition() {
      return log.length;
    },
    async close() {
      signal.notify();
    },
  };
}
