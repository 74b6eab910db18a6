import type { EventFilter, EventStore, RecordedEvent } from './eventStore';

/**
 * An in-memory read model that folds events in log order and ignores any event at
 * or below the position it already holds, so a replay is a no-op.
 */
export interface Fold {
  readonly position: number;
  apply(event: Pick<RecordedEvent, 'position' | 'data'>): void;
}

export interface Following {
  /** Resolves once everything committed before the start has been folded. */
  readonly caughtUp: Promise<void>;
  /** Resolves once the fold holds `position` (read-your-writes after an append). */
  waitFor(position: number): Promise<void>;
  stop(): Promise<void>;
}

/** Keeps a fold current by subscription, so queries never read the log per request. */
export function follow(store: EventStore, filter: EventFilter, fold: Fold): Following {
  let waiters: Array<{ position: number; resolve: () => void }> = [];
  const subscription = store.subscribe({ after: fold.position, filter }, (event) => {
    fold.apply(event);
    const ready = waiters.filter((w) => w.position <= event.position);
    waiters = waiters.filter((w) => w.position > event.position);
    for (const w of ready) w.resolve();
  });
  return {
    caughtUp: subscription.caughtUp,
    async waitFor(position) {
      await subscription.caughtUp;
      if (fold.position >= position) return;
      await new Promise<void>((resolve) => waiters.push({ position, resolve }));
    },
    stop: () => subscription.stop(),
  };
}

/** Wraps a fold so it only advances past events it has not seen. */
export function positioned(apply: (data: unknown) => void): Fold {
  let position = 0;
  return {
    get position() {
      return position;
    },
    apply(event) {
      if (event.position <= position) return;
      apply(event.data);
      position = event.position;
    },
  };
}
