import { join } from 'node:path';
import Database from 'better-sqlite3';
import { closedLoop } from '../lib/closedLoop';
import { eventType, paymentData, streamName } from '../lib/eventShape';
import type { BenchGroup } from '../lib/group';
import { peerRequire } from '../lib/peers';
import { withTempDir } from '../lib/scratch';

/**
 * Even one caller at a time sometimes gets SQLITE_BUSY ("SQL statements in
 * progress") from Emmett's per-operation connections; Emmett rolls the append
 * back, so retrying is what a caller would do and keeps the peer's figure.
 */
const maxAttempts = 5;

interface EmmettSqliteStore {
  appendToStream(stream: string, events: Array<{ type: string; data: unknown }>): Promise<unknown>;
}

interface EmmettSqliteModule {
  getSQLiteEventStore(options: {
    fileName: string;
    schema?: { autoMigration?: string };
  }): EmmettSqliteStore;
}

/**
 * Emmett 0.38.5's SQLite store, the peer our c1 figure is compared with. It is
 * sequential only: under concurrency it answers SQLITE_BUSY or acknowledges
 * appends it never stored (BENCH.md), so the count is checked against the file.
 */
export const emmettSqlite: BenchGroup = {
  name: 'peer.emmett.sqlite',
  async run(ctx) {
    let busyRetries = 0;
    const emmett = peerRequire(
      'sqlite',
      ctx.log,
    )('@event-driven-io/emmett-sqlite') as EmmettSqliteModule;
    const result = await withTempDir('emmett-sqlite', async (dir) => {
      const fileName = join(dir, 'emmett.db');
      const store = emmett.getSQLiteEventStore({
        fileName,
        schema: { autoMigration: 'CreateOrUpdate' },
      });
      const append = async (attempt: number): Promise<void> => {
        try {
          await store.appendToStream(streamName(), [{ type: eventType, data: paymentData() }]);
        } catch (error) {
          if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || attempt >= maxAttempts)
            throw error;
          busyRetries += 1;
          await append(attempt + 1);
        }
      };
      const loop = await closedLoop({
        concurrency: 1,
        seconds: ctx.seconds,
        warmupSeconds: ctx.warmupSeconds,
        op: () => append(1),
      });
      const db = new Database(fileName, { readonly: true });
      try {
        const stored =
          db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM emt_messages').get()?.n ?? 0;
        if (stored < loop.count)
          throw new Error(`Emmett acknowledged ${loop.count} appends, stored ${stored}`);
      } finally {
        db.close();
      }
      return loop;
    });
    ctx.log(`peer.emmett.sqlite: ${result.count} appends in ${result.seconds.toFixed(2)} s`);
    return {
      'peer.emmett.sqlite.c1.per_s': {
        value: result.perS,
        unit: '1/s',
        conditions: `@event-driven-io/emmett-sqlite 0.38.5 (sqlite3, WAL, default synchronous=FULL), 1 event (~500 B) per append to a new stream, sequential, SQLITE_BUSY retries: ${busyRetries}, ${ctx.seconds} s`,
      },
    };
  },
};
