import { stat } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import { Gauge, type Registry } from 'prom-client';
import type { EventStore } from '../../src/shared/eventStore';
import { startWorker } from '../../src/shared/workerThreads';
import type { ReadModelDb } from '../db';
import type { Projection } from '../projection';
import { lagReadiness, projectionRunner, type ProjectionRunner } from '../runner';
import type { Build } from '../registry';
import type { LedgerVerification } from '../seals/verifyLedger';
import type { Call, ThreadConfig, Told } from './protocol';

type Pending = Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
type CallOf<Op> = Op extends Call['op'] ? Omit<Extract<Call, { op: Op }>, 'id'> : never;

function spawn(config: ThreadConfig): Worker {
  return startWorker(__dirname, 'worker', { workerData: config });
}

/**
 * The runner as the HTTP thread sees it when the folding happens in a projection thread
 * (`worker.ts`): waits and rebuilds are asked of that thread, whose runner holds the builds'
 * leases; what only reads the registry (status, live prefixes, readiness) is answered here
 * from this thread's own connection. A thread that dies is started again; calls in flight
 * fail and the next ones go to the new thread.
 */
export function threadedRunner(options: {
  config: ThreadConfig;
  store: EventStore;
  db: ReadModelDb;
  projections: readonly Projection[];
  registry?: Registry;
  onError?: (error: unknown) => void;
  /** Before a dead thread is started again. */
  restartMs?: number;
}): ProjectionRunner & {
  /** The ledger's own day count (`ledgerDayCount`) brought to `target` by the projection thread. */
  countLedgerTo(target: number): Promise<void>;
  /** A scheduled ledger verification round (`scheduledVerification`) run by the projection thread. */
  verifyLedger(scrub: number, signal?: AbortSignal): Promise<LedgerVerification>;
} {
  const local = projectionRunner({
    store: options.store,
    db: options.db,
    projections: options.projections,
  });
  const pending: Pending = new Map();
  let nextId = 0;
  let stopping = false;
  let worker: Worker | undefined;
  let started: Promise<void> | undefined;
  let running = false;

  async function launch(): Promise<void> {
    // A niced thread's children inherit its priority: libuv's shared pool (file system, DNS,
    // crypto) is started here first, so it runs at the process's priority, not the fold's.
    await stat(__filename);
    const w = spawn(options.config);
    worker = w;
    return new Promise<void>((resolve, reject) => {
      w.on('message', (m: Told) => {
        if (m.kind === 'started') resolve();
        else if (m.kind === 'roundFailed') options.onError?.(new Error(m.error));
        else {
          const call = pending.get(m.id);
          pending.delete(m.id);
          if (m.ok) call?.resolve(m.value);
          else call?.reject(new Error(m.error));
        }
      });
      w.on('error', (error) => {
        options.onError?.(error);
        reject(error);
      });
      w.on('exit', (code) => {
        for (const call of pending.values())
          call.reject(new Error(`projection thread exited with ${code}`));
        pending.clear();
        reject(new Error(`projection thread exited with ${code} before it started`));
        if (stopping || worker !== w) return;
        worker = undefined;
        started = undefined;
        running = false;
        setTimeout(() => void start().catch(options.onError), options.restartMs ?? 1000).unref();
      });
    });
  }

  function start(): Promise<void> {
    started ??= launch()
      .then(() => local.start())
      .then(() => {
        running = true;
      });
    return started;
  }

  async function ask<Op extends Call['op']>(call: CallOf<Op>): Promise<unknown> {
    await start();
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker!.postMessage({ ...call, id });
    });
  }

  if (options.registry)
    new Gauge({
      name: 'projection_lag_events',
      help: 'Events in the log after a live projection checkpoint, up to the head',
      labelNames: ['projection'] as const,
      registers: [options.registry],
      async collect() {
        for (const s of await local.status())
          if (s.state === 'live') this.set({ projection: s.name }, s.lag);
      },
    });

  return {
    ...local,
    start,
    run: start,
    catchUp: async () => {
      await ask<'catchUp'>({ op: 'catchUp' });
    },
    waitFor: async (name, target) => {
      await ask<'waitFor'>({ op: 'waitFor', name, ...(target === undefined ? {} : { target }) });
    },
    reach: async (name, target, timeoutMs) =>
      (await ask<'reach'>({ op: 'reach', name, target, timeoutMs })) as {
        reached: boolean;
        position: number;
      },
    rebuild: async (name) => (await ask<'rebuild'>({ op: 'rebuild', name })) as Build,
    countLedgerTo: async (target) => {
      await ask<'countLedgerTo'>({ op: 'countLedgerTo', target });
    },
    verifyLedger: async (scrub, signal) => {
      if (signal?.aborted) return { days: 0, events: 0 };
      const abort = () => void ask<'abortVerify'>({ op: 'abortVerify' }).catch(() => undefined);
      signal?.addEventListener('abort', abort, { once: true });
      try {
        return (await ask<'verifyLedger'>({ op: 'verifyLedger', scrub })) as LedgerVerification;
      } finally {
        signal?.removeEventListener('abort', abort);
      }
    },
    status: async () => {
      await start();
      return local.status();
    },
    livePrefix: async (name) => {
      await start();
      return local.livePrefix(name);
    },
    readiness(maxLag: number) {
      const lagging = lagReadiness(local.status, maxLag);
      return async () => (running ? lagging() : 'projection thread not started');
    },
    lastLag: () => undefined,
    async stop() {
      if (worker && started) await ask<'stop'>({ op: 'stop' }).catch(() => undefined);
      stopping = true;
      await worker?.terminate();
      worker = undefined;
    },
  };
}
