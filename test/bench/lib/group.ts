import type { Figures } from './figures';

export interface BenchContext {
  /** Measured seconds per figure (BENCH_SECONDS), after `warmupSeconds`. */
  seconds: number;
  warmupSeconds: number;
  log(message: string): void;
}

/**
 * One named unit of `npm run bench -- NAME`. `needs` lists the groups whose
 * figures are its floors or peers: they always run in the same process run,
 * since a ratio against another run's floor would mean nothing here.
 */
export interface BenchGroup {
  name: string;
  needs?: readonly string[];
  run(ctx: BenchContext): Promise<Figures>;
}
