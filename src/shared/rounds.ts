import type { Logger } from './logger';

/**
 * A background job run in rounds that never overlap: `runOnce` joins a round in flight,
 * `start` runs one now and then every `everyMs` (a failed round is logged and the next one
 * tries again), `stop` aborts the round in flight (a long round watches the signal and ends
 * early, so a node stops within its shutdown grace) and waits for it.
 */
export function rounds<T>(
  round: (signal: AbortSignal) => Promise<T>,
  onFailure: { logger: Pick<Logger, 'error'>; message: string },
) {
  let running: Promise<T> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const stopping = new AbortController();
  function runOnce(): Promise<T> {
    running ??= round(stopping.signal).finally(() => (running = undefined));
    return running;
  }
  return {
    runOnce,
    start(everyMs: number): void {
      const tick = () =>
        void runOnce().catch((err: unknown) => onFailure.logger.error({ err }, onFailure.message));
      tick();
      timer = setInterval(tick, everyMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      stopping.abort();
      await running?.catch(() => undefined);
    },
  };
}
