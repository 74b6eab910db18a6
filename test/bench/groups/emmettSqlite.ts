import { join } from 'node:path';
import Database from 'better-sqlite3';
import { closedLoop } from '../lib/closedLoop';
import { eventType, paymentData, streamName } from '../lib/eventShape';
import type { BenchGroup } from '../lib/group';
import { peerRequire } from '../lib/peers';
import { withTempDir } from '../lib/scratch';

interface EmmettSqliteStore {
  appendToStream(stream: string, events: Array<{ type: string; data: unknown }>): Promise<unknown>;
}

interface EmmettSqliteModule {
  getSQLiteEventStore(options: { fileName: string; schema?: { autoMigration?: string } }): EmmettSqliteStore;
}

/**
 * Emmett 0.38.5's SQLite store, the peer our c1 figure is compared with. It is
 * sequential only: under concurrency it answers SQLITE_BUSY or acknowledges
 * appends it never stored (BENCH.md), so the count is checked against the file.
 */
export const emmettSqlite: BenchGroup = {
  name: 'peer.emmett.sqlite',
  async run(ctx) {
    const emmett = peerRequire('sqlite', ctx.log)('@event-driven-io/emmett-sqlite') as EmmettSqliteModule;
    const result = await withTempDir('emmett-sqlite', async (dir) => {
      const fileName = join(dir, 'emmett.db');
      const store = emmett.getSQLiteEventStore({ fileName, schema: { autoMigration: 'CreateOrUpdate' } });
      const loop = await closedLoop({
        concurrency: 1,
        seconds: ctx.seconds,
        warmupSeconds: ctx.warmupSeconds,
        op: async () => {
          await store.appendToStream(streamName(), [{ type: eventType, data: paymentData() }]);
        },
      });
      const db = new Database(fileName, { readonly: true });
      try {
        const stored = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM emt_messages').get()?.n ?? 0;
        if (stored < loop.count) throw new Error(`Emmett acknowledged ${loop.count} appends, stored ${stored}`);
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
        conditions: `@event-driven-io/emmett-sqlite 0.38.5 (sqlite3, WAL, default synchronous=FULL), 1 event (~500 B) per append to a new stream, sequential, ${ctx.seconds} s`,
      },
    };
  },
};
