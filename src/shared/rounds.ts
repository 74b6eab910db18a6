import type { Logger } from './logger';

/**
 * A background job run in rounds that never overlap: `runOnce` joins a round in flight,
 * `start` runs one now and then every `everyMs` (a failed round is logged and the next one
 * tries again), `stop` waits for the round in flight.
 */
export function rounds<T>(
  round: () => Promise<T>,
  onFailure: { logger: Pick<Logger, 'error'>; message: string },
) {
  let running: Promise<T> | undefined;
  let timer: NodeJS.Timeout | undefined;
  function runOnce(): Promise<T> {
    running ??= round().finally(() => (running = undefined));
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
      await running?.catch(() => undefined);
    },
  };
}
