import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Where the CPU went during a measurement: the server's busiest thread, the server process as
 * a whole, and this process, which generates the load on the same cores.
 */
export interface RunCpu {
  /** Percent of one core used by the process's busiest thread (the HTTP thread, for our servers). */
  busiestThreadPct: number;
  /** Percent of one core used by all its threads together (GC helpers, the SQLite writer…). */
  processPct: number;
  /**
   * Percent of the wall time the busiest thread was ready to run but waited for a core
   * (schedstat): high when the machine's cores, not the server's own waits, bound it.
   */
  busiestThreadWaitPct: number | undefined;
  /** Percent of one core used by this process: autocannon, the bodies and their signatures. */
  loadGeneratorPct: number;
}

/** One thread's CPU ticks (user + system) and nanoseconds waited on a run queue, where known. */
interface ThreadSample {
  ticks: number;
  waitNs: number | undefined;
}

let ticksPerSecond: number | undefined;

function runQueueWaitNs(path: string): number | undefined {
  try {
    const wait = Number(readFileSync(`${path}/schedstat`, 'utf8').split(' ')[1]);
    return Number.isFinite(wait) ? wait : undefined;
  } catch {
    return undefined;
  }
}

function threadSamples(pid: number): Map<string, ThreadSample> | undefined {
  try {
    const samples = new Map<string, ThreadSample>();
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const path = `/proc/${pid}/task/${tid}`;
      const stat = readFileSync(`${path}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      samples.set(tid, {
        ticks: Number(fields[11]) + Number(fields[12]),
        waitNs: runQueueWaitNs(path),
      });
    }
    return samples;
  } catch {
    return undefined;
  }
}

/**
 * Starts measuring a server process's CPU per thread from /proc (Linux only; elsewhere `stop`
 * answers undefined), and this process's own. It tells a server that is CPU-bound on one
 * thread from one that waits, which throughput alone cannot.
 */
export function cpuMeter(pid: number | undefined): { stop(): RunCpu | undefined } {
  const before = pid === undefined ? undefined : threadSamples(pid);
  const loadFrom = process.cpuUsage();
  const started = process.hrtime.bigint();
  return {
    stop() {
      const after = pid === undefined ? undefined : threadSamples(pid);
      const load = process.cpuUsage(loadFrom);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (!before || !after) return undefined;
      ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
      const pctOf = (s: number) => Math.round((s / seconds) * 1000) / 10;
      let busiest = 0;
      let busiestTid: string | undefined;
      let total = 0;
      for (const [tid, t] of after) {
        const used = t.ticks - (before.get(tid)?.ticks ?? 0);
        if (used > busiest) [busiest, busiestTid] = [used, tid];
        total += used;
      }
      const waitedFrom = busiestTid === undefined ? undefined : before.get(busiestTid)?.waitNs;
      const waitedTo = busiestTid === undefined ? undefined : after.get(busiestTid)?.waitNs;
      return {
        busiestThreadPct: pctOf(busiest / ticksPerSecond),
        processPct: pctOf(total / ticksPerSecond),
        busiestThreadWaitPct:
          waitedFrom === undefined || waitedTo === undefined
            ? undefined
            : pctOf((waitedTo - waitedFrom) / 1e9),
        loadGeneratorPct: pctOf((load.user + load.system) / 1e6),
      };
    },
  };
}
