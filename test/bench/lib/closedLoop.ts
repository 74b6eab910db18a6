/**
 * Closed-loop load: `concurrency` callers each await one operation before
 * starting the next, which is how request handlers use the store. Throughput
 * counts only operations acknowledged inside the measured window.
 */
export interface LoopResult {
  count: number;
  seconds: number;
  perS: number;
}

export interface LoopOptions {
  concurrency: number;
  seconds: number;
  /** Run and discard this long first so JIT, caches and schema set-up settle. */
  warmupSeconds?: number;
  op: (caller: number) => Promise<void>;
}

async function phase(
  concurrency: number,
  seconds: number,
  op: LoopOptions['op'],
): Promise<LoopResult> {
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  let count = 0;
  const caller = async (i: number): Promise<void> => {
    while (process.hrtime.bigint() < deadline) {
      await op(i);
      count += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => caller(i)));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return { count, seconds: elapsed, perS: count / elapsed };
}

export async function closedLoop(options: LoopOptions): Promise<LoopResult> {
  if (options.warmupSeconds) await phase(options.concurrency, options.warmupSeconds, options.op);
  return phase(options.concurrency, options.seconds, options.op);
}
