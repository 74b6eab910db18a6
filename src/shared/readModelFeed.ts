import type { EventFilter, EventStore, RecordedEvent } from './eventStore';

/** An in-memory read model's connection to the log. */
export interface Feed {
  /** Resolves once everything committed before the start has been applied. */
  readonly ready: Promise<void>;
  /** Position of the last applied event: every matching event up to it is in the model. */
  readonly position: number;
  /** Makes sure everything up to `position` is applied (read-your-writes after an append). */
  ensure(position: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Applies matching events in log order, each once, kept current by a subscription; `ensure`
 * catches up by reading when the subscription has not delivered a position yet.
 */
export function feed(
  store: EventStore,
  filter: EventFilter,
  apply: (event: RecordedEvent) => void,
): Feed {
  let position = 0;
  const take = (event: RecordedEvent) => {
    if (event.position <= position) return;
    position = event.position;
    apply(event);
  };
  /**
   * Reads what the subscription has not delivered yet. The head is taken first: positions
   * follow commit order, so once the pages run short every matching event up to that head
   * is applied, and the next refresh starts there instead of re-examining every unmatched
   * event (every payment) since the last match.
   */
  async function refresh(): Promise<void> {
    const head = await store.headPosition();
    for (;;) {
      const page = await store.readAll({ after: position, filter, limit: 1000 });
      page.forEach(take);
      if (page.length < 1000) {
        position = Math.max(position, head);
        return;
      }
    }
  }
  const subscription = store.subscribe({ filter }, take);
  return {
    ready: subscription.caughtUp,
    get position() {
      return position;
    },
    async ensure(target) {
      if (position < target) await refresh();
    },
    stop: () => subscription.stop(),
  };
}
