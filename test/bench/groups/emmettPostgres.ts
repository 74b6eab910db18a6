import { closedLoop } from '../lib/closedLoop';
import { eventType, paymentData, streamName } from '../lib/eventShape';
import type { BenchGroup } from '../lib/group';
import { peerRequire } from '../lib/peers';
import { benchPostgresUrl, countRows, withFreshSchema } from '../lib/pgSchema';

const concurrency = 16;

interface EmmettPostgresStore {
  appendToStream(stream: string, events: Array<{ type: string; data: unknown }>): Promise<unknown>;
  close(): Promise<void>;
}

interface EmmettPostgresModule {
  getPostgreSQLEventStore(
    connectionString: string,
    options?: { connectionOptions?: { pool: unknown } },
  ): EmmettPostgresStore;
}

interface PeerPool {
  end(): Promise<void>;
}

type PeerPg = { Pool: new (config: Record<string, unknown>) => PeerPool };

/**
 * Emmett 0.42.0's PostgreSQL store, the peer of append.postgres. It gets a pool
 * of 16 connections (pg's default is 10) so no caller waits for a connection:
 * the peer is measured at its best, not handicapped by our choice of load.
 */
export const emmettPostgres: BenchGroup = {
  name: 'peer.emmett.postgres',
  async run(ctx) {
    const require = peerRequire('postgres', ctx.log);
    const emmett = require('@event-driven-io/emmett-postgresql') as EmmettPostgresModule;
    const pg = require('pg') as PeerPg;
    const result = await withFreshSchema('emmett', async (schema) => {
      const searchPath = `-c search_path=${schema}`;
      const url = `${benchPostgresUrl}?options=${encodeURIComponent(searchPath)}`;
      const pool = new pg.Pool({ connectionString: url, options: searchPath, max: concurrency });
      const store = emmett.getPostgreSQLEventStore(url, { connectionOptions: { pool } });
      try {
        const loop = await closedLoop({
          concurrency,
          seconds: ctx.seconds,
          warmupSeconds: ctx.warmupSeconds,
          op: async () => {
            await store.appendToStream(streamName(), [{ type: eventType, data: paymentData() }]);
          },
        });
        const stored = await countRows(`"${schema}".emt_messages`);
        if (stored < loop.count)
          throw new Error(`Emmett acknowledged ${loop.count} appends, stored ${stored}`);
        return loop;
      } finally {
        await store.close();
        await pool.end().catch(() => undefined);
      }
    });
    ctx.log(`peer.emmett.postgres: ${result.count} appends in ${result.seconds.toFixed(2)} s`);
    return {
      'peer.emmett.postgres.c16.per_s': {
        value: result.perS,
        unit: '1/s',
        conditions: `@event-driven-io/emmett-postgresql 0.42.0, pool of ${concurrency}, 1 event (~500 B) per append to a new stream, ${concurrency} concurrent callers, PostgreSQL 15 on 127.0.0.1, fresh schema, ${ctx.seconds} s`,
      },
    };
  },
};
