import type { EventFilter, EventStore, RecordedEvent } from './eventStore';

/** The page size a catch-up read asks the store for. */
const page = 1000;

/**
 * An in-memory read model's connection to the log (مدل خواندنی درون‌حافظه): one subscription
 * keeps it current, and `ensure` reads what the subscription has not delivered yet.
 */
export interface Following {
  /** Resolves once everything committed before the start has been applied. */
  readonly ready: Promise<void>;
  /** True once `ready` has resolved: the model has caught up with the log as it was at start. */
  readonly caughtUp: boolean;
  /** Every matching event up to this log position has been applied. */
  readonly position: number;
  /**
   * Makes sure everything up to `target` is applied, reading the log for what the subscription
   * has not delivered yet (read-your-writes after an append, or an event appended by another
   * node). Without a target, everything up to the head as it is now.
   */
  ensure(target?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Applies the matching events of the log in order, each once, from the subscription or from a
 * catch-up read, whichever delivers it first; an event at or below the position already held
 * is not applied again. A model started from a snapshot follows from the snapshot's position.
 */
export function follow(
  store: EventStore,
  filter: EventFilter,
  apply: (event: RecordedEvent) => void,
  from = 0,
): Following {
  let position = from;
  let caughtUp = false;
  const take = (event: RecordedEvent) => {
    if (event.position <= position) return;
    position = event.position;
    apply(event);
  };
  /** The catch-up read in flight, which every caller arriving meanwhile joins. */
  let running: Promise<void> | undefined;
  /**
   * The head is taken first: positions follow commit order, so once the pages run short every
   * matching event up to that head is applied, and the next read starts there instead of
   * re-examining every unmatched event (every payment) since the last match.
   */
  async function read(): Promise<void> {
    const head = await store.headPosition();
    for (;;) {
      const events = await store.readAll({ after: position, filter, limit: page });
      events.forEach(take);
      if (events.length < page) {
        position = Math.max(position, head);
        return;
      }
    }
  }
  function refresh(): Promise<void> {
    running ??= read().finally(() => (running = undefined));
    return running;
  }
  const subscription = store.subscribe({ filter, after: from }, take);
  async function ensure(target?: number): Promise<void> {
    const done = () => target !== undefined && position >= target;
    if (done()) return;
    if (running) {
      await running;
      if (done()) return;
    }
    await refresh();
  }
  void subscription.caughtUp.then(
    () => (caughtUp = true),
    () => undefined,
  );
  return {
    ready: subscription.caughtUp,
    get caughtUp() {
      return caughtUp;
    },
    get position() {
      return position;
    },
    ensure,
    stop: () => subscription.stop(),
  };
}

/**
 * A fold that knows the log position it holds (تا کجای دفتر را دیده): what another part of
 * the node stamps on an answer it derived from the fold.
 */
export interface Fold {
  readonly position: number;
  apply(event: Pick<RecordedEvent, 'position' | 'data'>): void;
}

/** Wraps a fold so it ignores any event at or below the position it holds: a replay is a no-op. */
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
