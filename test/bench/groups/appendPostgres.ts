import { postgresEventStore } from '../../../src/shared/eventStore';
import { measureAppends } from '../lib/appendLoad';
import type { Figures } from '../lib/figures';
import type { BenchGroup } from '../lib/group';
import { benchPostgresUrl, countRows, withFreshSchema } from '../lib/pgSchema';

const concurrencies = [16, 256] as const;

/**
 * Our PostgreSQL adapter through the port, same load as append.sqlite, divided
 * by Emmett's PostgreSQL store at 16 callers measured in the same run.
 */
export const appendPostgres: BenchGroup = {
  name: 'append.postgres',
  needs: ['peer.emmett.postgres'],
  async run(ctx) {
    const figures: Figures = {};
    for (const c of concurrencies) {
      const result = await withFreshSchema(`append_c${c}`, async (schema) => {
        const store = await postgresEventStore({ connectionString: benchPostgresUrl, schema });
        return measureAppends(
          store,
          { concurrency: c, seconds: ctx.seconds, warmupSeconds: ctx.warmupSeconds },
          () => countRows(`"${schema}".events`),
        );
      });
      ctx.log(`append.postgres c${c}: ${result.count} appends in ${result.seconds.toFixed(2)} s`);
      figures[`append.postgres.c${c}.per_s`] = {
        value: result.perS,
        unit: '1/s',
        floor: 'peer.emmett.postgres.c16.per_s',
        conditions: `postgresEventStore via the port (default pool), 1 event (~500 B) per append to a new stream, expected no_stream, ${c} concurrent callers in one process, PostgreSQL 15 on 127.0.0.1, fresh schema, ${ctx.seconds} s`,
      };
    }
    return figures;
  },
};
