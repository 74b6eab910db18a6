import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../workerThreads';
import { StoreUnavailableError } from '../../errors';
import type { FromWriter, ToWriter, WriteRequest, WriteResult, WriterData } from './sqliteWriter';

/**
 * The SQLite writer on its own thread: batches go in order and come back in order, each
 * answered only after its transaction is on disk. If the thread dies, every batch it held
 * fails with StoreUnavailableError and the next batch starts a new thread. The thread keeps
 * the process alive only while a batch is outstanding, as a plain connection would.
 */
export function sqliteWriterThread(filename: string) {
  let worker: Worker | undefined;
  let seq = 0;
  const pending = new Map<number, { resolve(r: WriteResult): void; reject(e: unknown): void }>();
  let closing: Promise<void> | undefined;

  function failAll(reason: string): void {
    const error = new StoreUnavailableError(`sqlite writer: ${reason}`);
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  }

  function start(): Worker {
    const data: WriterData = { sqliteWriter: { filename } };
    const w = startWorker(__dirname, 'sqliteWriter', { workerData: data });
    w.unref();
    w.on('message', (m: FromWriter) => {
      if ('closed' in m) return;
      const p = pending.get(m.seq);
      pending.delete(m.seq);
      if (pending.size === 0) w.unref();
      if (!p) return;
      if ('failed' in m) p.reject(new StoreUnavailableError(`sqlite commit failed: ${m.failed}`));
      else p.resolve(m.result);
    });
    w.on('error', (error) => failAll(error.message));
    w.on('exit', (code) => {
      if (worker === w) worker = undefined;
      failAll(`thread exited with code ${code}`);
    });
    return w;
  }

  return {
    write(batch: WriteRequest[]): Promise<WriteResult> {
      if (closing) return Promise.reject(new StoreUnavailableError('event store is closed'));
      worker ??= start();
      const id = ++seq;
      const message: ToWriter = { seq: id, batch };
      return new Promise<WriteResult>((resolve, reject) => {
        if (pending.size === 0) worker!.ref();
        pending.set(id, { resolve, reject });
        worker!.postMessage(message);
      });
    },
    /** Waits for the batches already sent, then closes the writer's connection. */
    close(): Promise<void> {
      closing ??= (async () => {
        const w = worker;
        if (!w) return;
        await new Promise<void>((resolve) => {
          w.ref();
          w.once('exit', () => resolve());
          w.postMessage({ close: true } satisfies ToWriter);
        });
      })();
      return closing;
    },
  };
}
