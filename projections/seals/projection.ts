import { LedgerDaySealed } from '../../contracts/events/ledger';
import { leafText } from '../../contracts/ledger/canonical';
import { dayOfNext } from '../../contracts/ledger/days';
import { leafHash, rootOf } from '../../contracts/ledger/merkle';
import type { RecordedEvent } from '../../src/shared/eventStore';
import type { SqlTx, SqlValue } from '../db';
import type { Projection } from '../projection';

/**
 * Leaves per aligned chunk. In an RFC 6962 tree every aligned run of 2^k leaves inside the
 * first largest-power-of-two split is a genuine subtree, so a chunk's hash is a node of the
 * day's tree and a proof needs the chunk hashes plus the leaves of at most two chunks.
 */
export const defaultChunkSize = 1024;

interface Cursor {
  day: string | undefined;
  count: number;
}

interface Leaf {
  position: number;
  day: string;
  idx: number;
  leaf: Buffer;
}

/** The leaf of every event in log order, cut into ledger days by the same rule as the seals. */
export function leavesOf(events: readonly RecordedEvent[], start: Cursor): Leaf[] {
  const out: Leaf[] = [];
  let { day, count } = start;
  for (const e of events) {
    const next = dayOfNext(day, e.recordedAt);
    if (next !== day) [day, count] = [next, 0];
    out.push({ position: e.position, day, idx: count++, leaf: leafHash(leafText(e)) });
  }
  return out;
}

/**
 * Seals (مهرهای دفتر): the leaf hash of every event of the log by position with its ledger day
 * and index in the day's tree, the hash of every full aligned chunk of leaves, and every seal
 * recorded. `ledger verify` names a changed event by comparing leaves recomputed from the log
 * with these; receipt proofs are built from them without reading a whole day.
 */
export function sealsProjection(options: { chunkSize?: number } = {}): Projection {
  const chunkSize = options.chunkSize ?? defaultChunkSize;
  return {
    name: 'seals',
    version: 1,
    eventTypes: [],
    tables: ['leaves', 'chunks', 'cursor', 'seals'],
    schema: (p) => [
      `CREATE TABLE ${p}_leaves (position BIGINT PRIMARY KEY, day TEXT NOT NULL, idx BIGINT NOT NULL, leaf TEXT NOT NULL)`,
      `CREATE UNIQUE INDEX ${p}_leaves_day ON ${p}_leaves (day, idx)`,
      `CREATE TABLE ${p}_chunks (day TEXT NOT NULL, chunk BIGINT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (day, chunk))`,
      `CREATE TABLE ${p}_cursor (id BIGINT PRIMARY KEY, day TEXT NOT NULL, count BIGINT NOT NULL)`,
      `CREATE TABLE ${p}_seals (day TEXT PRIMARY KEY, position BIGINT NOT NULL, seal TEXT NOT NULL)`,
    ],
    async applyBatch(tx, events, p) {
      if (events.length === 0) return;
      const [row] = await tx.all<{ day: string; count: unknown }>(
        `SELECT day, count FROM ${p}_cursor WHERE id = 1`,
      );
      const leaves = leavesOf(events, {
        day: row?.day,
        count: row ? Number(row.count) : 0,
      });
      await tx.runMany(
        `INSERT INTO ${p}_leaves (position, day, idx, leaf) VALUES (?, ?, ?, ?)`,
        leaves.map((l) => [l.position, l.day, l.idx, l.leaf.toString('hex')]),
      );
      await tx.runMany(
        `INSERT INTO ${p}_chunks (day, chunk, hash) VALUES (?, ?, ?)`,
        await completedChunks(tx, p, leaves, chunkSize),
      );
      const last = leaves[leaves.length - 1]!;
      await tx.run(
        `INSERT INTO ${p}_cursor (id, day, count) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET day = excluded.day, count = excluded.count`,
        [last.day, last.idx + 1],
      );
      const seals = events.filter((e) => e.type === LedgerDaySealed.type);
      await tx.runMany(
        `INSERT INTO ${p}_seals (day, position, seal) VALUES (?, ?, ?) ON CONFLICT (day) DO NOTHING`,
        seals.flatMap((e) => {
          const parsed = LedgerDaySealed.schema.safeParse(e.data);
          return parsed.success ? [[parsed.data.day, e.position, JSON.stringify(parsed.data)]] : [];
        }),
      );
    },
  };
}

/** Hash rows of the chunks these leaves complete; earlier leaves of a chunk come from the table. */
async function completedChunks(tx: SqlTx, p: string, leaves: readonly Leaf[], chunkSize: number) {
  const rows: SqlValue[][] = [];
  for (let i = 0; i < leaves.length; i++) {
    const l = leaves[i]!;
    if (l.idx % chunkSize !== chunkSize - 1) continue;
    const first = l.idx - (chunkSize - 1);
    const inBatch: Buffer[] = [];
    for (let j = i; j >= 0 && leaves[j]!.day === l.day && leaves[j]!.idx >= first; j--)
      inBatch.unshift(leaves[j]!.leaf);
    const stored =
      inBatch.length < chunkSize
        ? await tx.all<{ leaf: string }>(
            `SELECT leaf FROM ${p}_leaves WHERE day = ? AND idx >= ? AND idx < ? ORDER BY idx`,
            [l.day, first, l.idx + 1 - inBatch.length],
          )
        : [];
    const chunk = [...stored.map((r) => Buffer.from(r.leaf, 'hex')), ...inBatch];
    rows.push([l.day, first / chunkSize, rootOf(chunk).toString('hex')]);
  }
  return rows;
}
