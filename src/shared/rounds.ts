/**
 * A background task done in rounds: `runOnce` starts a round unless one is running (rounds
 * never overlap) and answers its result; `start` runs one every `everyMs`, a failed round
 * told to `onError` and the next one trying again; `stop` ends the timer and waits for the
 * round in flight.
 */
export function rounds<T>(round: () => Promise<T>, onError: (err: unknown) => void) {
  let running: Promise<T> | undefined;
  let timer: NodeJS.Timeout | undefined;

  function runOnce(): Promise<T> {
    running ??= round().finally(() => (running = undefined));
    return running;
  }

  return {
    runOnce,
    start(everyMs: number): void {
      timer = setInterval(() => {
        runOnce().catch(onError);
      }, everyMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
