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
  /**
   * Resolves once the event this node appended at `target` is applied, waiting for the
   * subscription (the append wakes it at once) instead of reading the log again: the hot
   * path of read-your-writes. Only for the position of an event that matches the filter;
   * before the model has caught up it is `ensure(target)`.
   */
  delivered(target: number): Promise<void>;
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
  /** Waiters in ascending target order; `waiters[0..woken)` are already resolved. */
  let waiters: Array<{ target: number; resolve: () => void }> = [];
  let woken = 0;
  const wake = () => {
    while (woken < waiters.length && waiters[woken]!.target <= position)
      waiters[woken++]!.resolve();
    if (woken > 0 && woken * 2 >= waiters.length) {
      waiters = waiters.slice(woken);
      woken = 0;
    }
  };
  const take = (event: RecordedEvent) => {
    if (event.position <= position) return;
    position = event.position;
    apply(event);
    wake();
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
        wake();
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
    async delivered(target) {
      if (position >= target) return;
      if (!caughtUp) return ensure(target);
      await new Promise<void>((resolve) => {
        let i = waiters.length;
        while (i > woken && waiters[i - 1]!.target > target) i--;
        waiters.splice(i, 0, { target, resolve });
      });
    },
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
