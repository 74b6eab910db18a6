import { checkExpectedRevision, classifyRetry } from '../expectedRevision';
import type { AppendResult, ExpectedRevision } from '../port';

/** An event as stored: its payloads already encoded when the append was queued. */
export interface EncodedEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
}

/** One caller's append waiting for the next group commit. */
export interface PendingAppend {
  stream: string;
  events: readonly EncodedEvent[];
  ids: readonly string[];
  bytes: number;
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** What the database already holds for the ids and streams of a batch, read under the write lock. */
export interface BatchState {
  stored: ReadonlyArray<{ id: string; stream: string; revision: number; position: number }>;
  revisions: Readonly<Record<string, number>>;
}

export interface PlannedRow extends EncodedEvent {
  stream: string;
  revision: number;
}

/** A caller's answer once the batch's first position is known, or its refusal. */
export type Outcome =
  { ok: true; answer: (firstPosition: number) => AppendResult } | { ok: false; error: unknown };

/**
 * Validates every append of a batch on its own, in arrival order, against the stored
 * state plus the rows planned by earlier appends of the same batch. A refused append
 * plans no row, so it cannot sink the others; an id already planned or stored is
 * answered as an idempotent retry.
 */
export function planBatch(
  batch: readonly PendingAppend[],
  state: BatchState,
): { rows: PlannedRow[]; outcomes: Outcome[] } {
  const rows: PlannedRow[] = [];
  const known = new Map<
    string,
    { id: string; stream: string; revision: number; at: (first: number) => number }
  >();
  for (const s of state.stored) known.set(s.id, { ...s, at: () => s.position });
  const revisions = new Map(Object.entries(state.revisions));

  const outcomes = batch.map((p): Outcome => {
    try {
      const seen = p.ids.flatMap((id) => known.get(id) ?? []);
      if (classifyRetry(p.stream, p.ids, seen) === 'retry') {
        const last = seen[seen.length - 1]!;
        return {
          ok: true,
          answer: (first) => ({ nextRevision: last.revision, position: last.at(first) }),
        };
      }
      const current = revisions.get(p.stream) ?? -1;
      checkExpectedRevision(p.stream, p.expected, current);
      p.events.forEach((e, i) => {
        const offset = rows.length;
        const row = { ...e, stream: p.stream, revision: current + 1 + i };
        rows.push(row);
        known.set(row.id, { ...row, at: (first) => first + offset });
      });
      const lastOffset = rows.length - 1;
      const nextRevision = current + p.events.length;
      revisions.set(p.stream, nextRevision);
      return { ok: true, answer: (first) => ({ nextRevision, position: first + lastOffset }) };
    } catch (error) {
      return { ok: false, error };
    }
  });
  return { rows, outcomes };
}
