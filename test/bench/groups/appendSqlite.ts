import { join } from 'node:path';
import { sqliteEventStore } from '../../../src/shared/eventStore';
import { measureAppends } from '../lib/appendLoad';
import type { Figures } from '../lib/figures';
import type { BenchGroup } from '../lib/group';
import { withTempDir } from '../lib/scratch';

const concurrencies = [1, 16, 256] as const;

/**
 * Our SQLite adapter through the port, the way request handlers call it: each
 * caller appends one event to a new stream and waits until it is durable.
 * Compared with the raw batch floor it shows what group commit recovers.
 */
export const appendSqlite: BenchGroup = {
  name: 'append.sqlite',
  needs: ['sqlite'],
  async run(ctx) {
    const figures: Figures = {};
    for (const c of concurrencies) {
      const result = await withTempDir(`append-c${c}`, async (dir) => {
        const store = sqliteEventStore(join(dir, 'events.db'));
        return measureAppends(
          store,
          { concurrency: c, seconds: ctx.seconds, warmupSeconds: ctx.warmupSeconds },
          () => store.headPosition(),
        );
      });
      ctx.log(`append.sqlite c${c}: ${result.count} appends in ${result.seconds.toFixed(2)} s`);
      figures[`append.sqlite.c${c}.per_s`] = {
        value: result.perS,
        unit: '1/s',
        floor: 'sqlite.raw_batch_insert.per_s',
        conditions: `sqliteEventStore via the port, 1 event (~500 B) per append to a new stream, expected no_stream, ${c} concurrent callers in one process, WAL, synchronous=FULL, ${ctx.seconds} s`,
      };
    }
    return figures;
  },
};
