/** The only source of "now" for domain code; tests pass a controlled one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(
  start: Date | string,
): Clock & { set(t: Date | string): void; advance(ms: number): void } {
  let t = new Date(start);
  return {
    now: () => new Date(t),
    set: (next) => (t = new Date(next)),
    advance: (ms) => (t = new Date(t.getTime() + ms)),
  };
}
