import { readsEvent, type KeyedFold, type Snapshot } from '../../contracts/keyedFold';
import type { ReadModelDb, SqlTx } from '../db';
import type { Projection } from '../projection';
import { liveBuild } from '../registry';

const table = 'records';

/**
 * A reference model's runner projection (پیش‌نگارهٔ دادهٔ مرجع): one row per key holding the
 * record the model's own fold gives, as JSON. Every node answers from the same rows, and a
 * node starting up loads them as its snapshot instead of reading the model's history.
 */
export function keyedProjection<R>(model: KeyedFold<R>): Projection {
  return {
    name: model.name,
    version: model.version,
    eventTypes: model.filter.eventTypes,
    tables: [table],
    schema: (p) => [`CREATE TABLE ${p}_${table} (key TEXT PRIMARY KEY, record TEXT NOT NULL)`],
    async applyBatch(tx, events, p) {
      const touched = new Map<string, R | undefined>();
      for (const event of events) {
        if (!readsEvent(model.filter, event)) continue;
        const key = model.keyOf(event);
        const previous = touched.has(key) ? touched.get(key) : await stored<R>(tx, p, key);
        const next = model.fold(previous, event);
        touched.set(key, next ?? previous);
      }
      const rows = [...touched].flatMap(([key, r]) =>
        r === undefined ? [] : [[key, JSON.stringify(r)] as const],
      );
      await tx.runMany(
        `INSERT INTO ${p}_${table} (key, record) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET record = excluded.record`,
        rows,
      );
    },
  };
}

async function stored<R>(tx: SqlTx, p: string, key: string): Promise<R | undefined> {
  const [row] = await tx.all<{ record: string }>(`SELECT record FROM ${p}_${table} WHERE key = ?`, [
    key,
  ]);
  return row ? (JSON.parse(row.record) as R) : undefined;
}

/**
 * The live build's rows and its checkpoint, read in one snapshot of the read-model database;
 * none while the model has no live build of this fold's version yet (a first start, or the
 * first after the fold changed, reads the model's events from the log).
 */
export async function loadSnapshot<R>(
  db: ReadModelDb,
  model: KeyedFold<R>,
): Promise<Snapshot<R> | undefined> {
  return db.read(async (tx) => {
    const live = await liveBuild(tx, model.name);
    if (live?.codeVersion !== model.version) return undefined;
    const rows = await tx.all<{ key: string; record: string }>(
      `SELECT key, record FROM ${live.prefix}_${table} ORDER BY key`,
    );
    return {
      position: live.position,
      records: rows.map((r) => [r.key, JSON.parse(r.record) as R] as const),
    };
  });
}
