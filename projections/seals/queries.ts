import { LedgerDaySealed } from '../../contracts/events/ledger';
import { auditPath } from '../../contracts/ledger/merkle';
import type { ReadModelDb, SqlTx } from '../db';
import { defaultChunkSize } from './projection';

type Seal = LedgerDaySealed;

/** A stored leaf: where an event sits in its day's tree. */
export interface StoredLeaf {
  position: number;
  day: string;
  idx: number;
  leaf: string;
}

interface LeafRow {
  position: unknown;
  day: string;
  idx: unknown;
  leaf: string;
}

const leafOf = (r: LeafRow): StoredLeaf => ({
  position: Number(r.position),
  day: r.day,
  idx: Number(r.idx),
  leaf: r.leaf,
});

/** The leaves the seals projection holds for one day, in tree order. */
export async function storedLeaves(
  db: ReadModelDb,
  prefix: string,
  day: string,
): Promise<StoredLeaf[]> {
  const rows = await db.read((tx) =>
    tx.all<LeafRow>(`SELECT * FROM ${prefix}_leaves WHERE day = ? ORDER BY idx`, [day]),
  );
  return rows.map(leafOf);
}

const sealIn = async (tx: SqlTx, prefix: string, day: string): Promise<Seal | undefined> => {
  const [row] = await tx.all<{ seal: string }>(`SELECT seal FROM ${prefix}_seals WHERE day = ?`, [
    day,
  ]);
  return row ? LedgerDaySealed.schema.parse(JSON.parse(row.seal)) : undefined;
};

/** The seal of a day, once the projection has folded it. */
export function sealOfDay(db: ReadModelDb, prefix: string, day: string): Promise<Seal | undefined> {
  return db.read((tx) => sealIn(tx, prefix, day));
}

/** An inclusion proof of one leaf in its sealed day's tree (RFC 9162 §2.1.3). */
export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  /** Sibling hashes, hex, from the leaf upwards. */
  auditPath: string[];
  /** The leaf hash the projection holds, hex. */
  leafHash: string;
  seal: Seal;
}

export type ProofAnswer =
  | { status: 'proved'; proof: InclusionProof }
  | { status: 'unsealed'; day: string }
  | { status: 'unknown' };

/**
 * The inclusion proof of the event at `position`, built from the day's chunk hashes and the
 * leaves of the event's chunk and of the day's last, partial chunk: two chunks' reads, not a day's.
 */
export function proofAt(
  db: ReadModelDb,
  prefix: string,
  position: number,
  chunkSize = defaultChunkSize,
): Promise<ProofAnswer> {
  return db.read(async (tx) => {
    const [row] = await tx.all<LeafRow>(`SELECT * FROM ${prefix}_leaves WHERE position = ?`, [
      position,
    ]);
    if (!row) return { status: 'unknown' };
    const at = leafOf(row);
    const seal = await sealIn(tx, prefix, at.day);
    if (!seal) return { status: 'unsealed', day: at.day };
    const n = seal.count;
    const chunks = new Map<number, Buffer>(
      (
        await tx.all<{ chunk: unknown; hash: string }>(
          `SELECT chunk, hash FROM ${prefix}_chunks WHERE day = ?`,
          [at.day],
        )
      ).map((c) => [Number(c.chunk), Buffer.from(c.hash, 'hex')]),
    );
    const ranges = [Math.floor(at.idx / chunkSize) * chunkSize];
    if (n % chunkSize !== 0) ranges.push(n - (n % chunkSize));
    const leaves = new Map<number, Buffer>();
    for (const start of ranges) {
      const rows = await tx.all<{ idx: unknown; leaf: string }>(
        `SELECT idx, leaf FROM ${prefix}_leaves WHERE day = ? AND idx >= ? AND idx < ?`,
        [at.day, start, Math.min(start + chunkSize, n)],
      );
      for (const r of rows) leaves.set(Number(r.idx), Buffer.from(r.leaf, 'hex'));
    }
    const leaf = (i: number) => {
      const l = leaves.get(i);
      if (!l) throw new Error(`seals projection lacks leaf ${i} of ${at.day}`);
      return l;
    };
    const known = (a: number, b: number) =>
      b - a === chunkSize && a % chunkSize === 0 && b <= n ? chunks.get(a / chunkSize) : undefined;
    return {
      status: 'proved',
      proof: {
        leafIndex: at.idx,
        treeSize: n,
        auditPath: auditPath(at.idx, 0, n, leaf, known).map((h) => h.toString('hex')),
        leafHash: at.leaf,
        seal,
      },
    };
  });
}
