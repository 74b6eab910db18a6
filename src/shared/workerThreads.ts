import { extname, join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker of `dir/name`: source runs (tsx, jest) load its TypeScript through tsx, the build
 * runs the compiled `.js`. A process started with `--cpu-prof` profiles its workers too (each
 * writes its own profile), so a bench's profile shows every thread.
 */
export function startWorker(dir: string, name: string, options: WorkerOptions): Worker {
  const ext = extname(__filename);
  const profiling = process.execArgv.filter((a) => a.startsWith('--cpu-prof'));
  const loader = ext === '.ts' ? ['--require', require.resolve('tsx/cjs')] : [];
  return new Worker(join(dir, `${name}${ext}`), {
    ...options,
    ...(loader.length || profiling.length ? { execArgv: [...loader, ...profiling] } : {}),
  });
}
