import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Where a server's CPU went during a measurement: its busiest thread and the process as a whole. */
export interface ServerCpu {
  /** Percent of one core used by the process's busiest thread (the HTTP thread, for our servers). */
  busiestThreadPct: number;
  /** Percent of one core used by all its threads together (GC helpers, the SQLite writer…). */
  processPct: number;
  /**
   * Percent of the wall time the busiest thread was ready to run but waited for a core
   * (schedstat): high when the machine's cores, not the server's own waits, bound it.
   */
  busiestThreadWaitPct: number | undefined;
}

let ticksPerSecond: number | undefined;

function cpuTicks(pid: number): Map<string, number> | undefined {
  try {
    const ticks = new Map<string, number>();
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(tid, Number(fields[11]) + Number(fields[12]));
    }
    return ticks;
  } catch {
    return undefined;
  }
}

/** Nanoseconds a thread has waited on a run queue, from its schedstat; undefined where absent. */
function runQueueWaitNs(pid: number, tid: string): number | undefined {
  try {
    const wait = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[1]);
    return Number.isFinite(wait) ? wait : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts measuring a process's CPU per thread from /proc (Linux only; elsewhere `stop`
 * answers undefined). It tells a server that is CPU-bound on one thread from one that
 * waits, which throughput alone cannot.
 */
export function cpuMeter(pid: number | undefined): { stop(): ServerCpu | undefined } {
  const before = pid === undefined ? undefined : cpuTicks(pid);
  const waitedBefore = new Map<string, number | undefined>();
  if (pid !== undefined && before)
    for (const tid of before.keys()) waitedBefore.set(tid, runQueueWaitNs(pid, tid));
  const started = process.hrtime.bigint();
  return {
    stop() {
      const after = pid === undefined ? undefined : cpuTicks(pid);
      if (!before || !after) return undefined;
      ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const pct = (ticks: number) => Math.round((ticks / ticksPerSecond! / seconds) * 1000) / 10;
      let busiest = 0;
      let busiestTid: string | undefined;
      let total = 0;
      for (const [tid, t] of after) {
        const used = t - (before.get(tid) ?? 0);
        if (used > busiest) [busiest, busiestTid] = [used, tid];
        total += used;
      }
      const waitedFrom = busiestTid === undefined ? undefined : waitedBefore.get(busiestTid);
      const waitedTo = busiestTid === undefined ? undefined : runQueueWaitNs(pid!, busiestTid);
      const waitPct =
        waitedFrom === undefined || waitedTo === undefined
          ? undefined
          : Math.round(((waitedTo - waitedFrom) / 1e9 / seconds) * 1000) / 10;
      return {
        busiestThreadPct: pct(busiest),
        processPct: pct(total),
        busiestThreadWaitPct: waitPct,
      };
    },
  };
}
