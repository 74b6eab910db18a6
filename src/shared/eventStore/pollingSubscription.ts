import { StoreUnavailableError } from '../errors';
import type {
  EventHandler,
  ReadAllOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from './port';

/** Wakes waiting subscribers when an append commits; a timeout covers writers in other processes. */
export interface AppendSignal {
  wait(timeoutMs: number): Promise<void>;
  notify(): void;
}

/**
 * Every subscriber of a store waits on the same signal; one timer per round (not one per
 * waiter) bounds the wait, so a commit wakes all of them without arming a timer each.
 */
export function createAppendSignal(): AppendSignal {
  let waiters: Array<() => void> = [];
  let timer: NodeJS.Timeout | undefined;
  let timerDue = Infinity;
  function notify() {
    if (timer) clearTimeout(timer);
    timer = undefined;
    timerDue = Infinity;
    const current = waiters;
    waiters = [];
    for (const w of current) w();
  }
  return {
    wait(timeoutMs) {
      const due = Date.now() + timeoutMs;
      if (due < timerDue) {
        if (timer) clearTimeout(timer);
        timer = setTimeout(notify, timeoutMs);
        timerDue = due;
      }
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    notify,
  };
}

/**
 * Catch-up-then-live subscription over any adapter whose positions are assigned in
 * commit order: it reads pages after the last handled position, and when a page comes
 * back short it waits for the next append. Because a position is never visible before
 * every lower position is, reading "after the last handled" can neither skip nor repeat.
 */
/**
 * One page of a filtered read, and how far the scan got: with a filter, the last event
 * returned can lie far behind the last event examined, and a subscriber that restarted
 * from it would examine the same unmatched events again after every append.
 */
export interface ScannedPage {
  events: RecordedEvent[];
  /** Every event up to this position has been examined. */
  scannedTo: number;
}

export function pollingSubscription(
  readPage: (options: ReadAllOptions) => Promise<ScannedPage>,
  signal: AppendSignal,
  options: SubscribeOptions,
  handler: EventHandler,
  tuning: { pageSize?: number; pollMs?: number } = {},
): Subscription {
  const pageSize = tuning.pageSize ?? 500;
  const pollMs = tuning.pollMs ?? 250;
  let position = options.after ?? 0;
  let stopped = false;
  let markCaughtUp!: () => void;
  let failCaughtUp!: (e: unknown) => void;
  const caughtUp = new Promise<void>((resolve, reject) => {
    markCaughtUp = resolve;
    failCaughtUp = reject;
  });
  caughtUp.catch(() => undefined);

  let caughtUpOnce = false;

  /**
   * Once caught up, a store that is unreachable only delays the subscription: it waits for the
   * next append or poll and reads again, so the read models resume by themselves when the store
   * comes back. Before the first catch-up, the error fails `caughtUp` (a start against an
   * unreachable store fails).
   */
  async function read(): Promise<ScannedPage | undefined> {
    try {
      return await readPage({ after: position, filter: options.filter, limit: pageSize });
    } catch (error) {
      if (!caughtUpOnce || !(error instanceof StoreUnavailableError)) throw error;
      if (!stopped) await signal.wait(pollMs);
      return undefined;
    }
  }

  async function run(): Promise<void> {
    while (!stopped) {
      const page = await read();
      if (!page) continue;
      for (const event of page.events) {
        if (stopped) return;
        const handled = handler(event);
        if (handled instanceof Promise) await handled;
        position = event.position;
      }
      if (!stopped) position = Math.max(position, page.scannedTo);
      if (page.events.length < pageSize) {
        markCaughtUp();
        caughtUpOnce = true;
        if (!stopped) await signal.wait(pollMs);
      }
    }
  }

  const done = run().then(
    () => markCaughtUp(),
    (error: unknown) => {
      failCaughtUp(error);
      throw error;
    },
  );
  done.catch(() => undefined);

  return {
    caughtUp,
    done,
    async stop() {
      stopped = true;
      signal.notify();
      await done.catch(() => undefined);
    },
  };
}
