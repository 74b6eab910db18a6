import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/**
 * The heap in use after `collections` full collections: what the process holds, not garbage
 * waiting. Exposes V8's `gc` at run time, so no `--expose-gc` flag is needed.
 */
export function heapAfterGc(collections = 1): number {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  for (let i = 0; i < collections; i++) gc();
  return process.memoryUsage().heapUsed;
}
