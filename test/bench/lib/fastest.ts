/**
 * The seconds of the fastest of the passes of `work` made within `seconds`: at least one pass,
 * then more until the time is up, so a pass slowed by the machine does not count.
 */
export function fastestPass(seconds: number, work: () => unknown): number {
  let fastest = Infinity;
  const deadline = Date.now() + seconds * 1000;
  do {
    const started = process.hrtime.bigint();
    work();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - started) / 1e9);
  } while (Date.now() < deadline);
  return fastest;
}
