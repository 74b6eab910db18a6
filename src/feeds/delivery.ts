import type { ReadModelDb, SqlTx } from '../../projections/db';

/**
 * Where each webhook's delivery stands, in the read-model database beside the feeds it reads,
 * so it survives a restart and moves with the dispatcher's lease to another node. Not a
 * projection: it records what receivers answered, which the log does not hold.
 */
const ddl = [
  `CREATE TABLE IF NOT EXISTS webhook_progress (
     hook_key TEXT PRIMARY KEY, generation BIGINT NOT NULL, delivered_seq BIGINT NOT NULL,
     attempts INTEGER NOT NULL, next_at BIGINT NOT NULL, last_error TEXT)`,
  `CREATE TABLE IF NOT EXISTS webhook_dead_letters (
     hook_key TEXT NOT NULL, generation BIGINT NOT NULL, seq BIGINT NOT NULL, type TEXT NOT NULL,
     attempts INTEGER NOT NULL, last_error TEXT NOT NULL, dead_at BIGINT NOT NULL,
     redrive INTEGER NOT NULL, PRIMARY KEY (hook_key, generation, seq))`,
  `CREATE TABLE IF NOT EXISTS webhook_lease (id TEXT PRIMARY KEY, owner TEXT, until BIGINT NOT NULL)`,
];

export async function ensureDeliveryTables(db: ReadModelDb): Promise<void> {
  await db.write(async (tx) => {
    for (const s of ddl) await tx.run(s);
  });
}

/** A webhook's progress through its feed: every item up to `deliveredSeq` was delivered or dead-lettered. */
export interface Progress {
  generation: number;
  deliveredSeq: number;
  /** Failed attempts at the next item. */
  attempts: number;
  /** Not before this instant (ms) is the next item tried again. */
  nextAt: number;
  lastError?: string;
}

export interface DeadLetter {
  seq: number;
  type: string;
  attempts: number;
  lastError: string;
  deadAt: number;
  redriving: boolean;
}

/** The progress of a webhook of this generation, or where a fresh one starts. */
export async function progressOf(
  tx: SqlTx,
  hook: { hookKey: string; generation: number; startSeq: number },
): Promise<Progress> {
  const rows = await tx.all<{
    generation: unknown;
    delivered_seq: unknown;
    attempts: unknown;
    next_at: unknown;
    last_error: string | null;
  }>(`SELECT * FROM webhook_progress WHERE hook_key = ?`, [hook.hookKey]);
  const r = rows[0];
  if (!r || Number(r.generation) !== hook.generation)
    return { generation: hook.generation, deliveredSeq: hook.startSeq, attempts: 0, nextAt: 0 };
  return {
    generation: hook.generation,
    deliveredSeq: Number(r.delivered_seq),
    attempts: Number(r.attempts),
    nextAt: Number(r.next_at),
    ...(r.last_error ? { lastError: r.last_error } : {}),
  };
}

export async function saveProgress(tx: SqlTx, hookKey: string, p: Progress): Promise<void> {
  await tx.run(
    `INSERT INTO webhook_progress VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (hook_key) DO UPDATE SET
       generation = excluded.generation, delivered_seq = excluded.delivered_seq,
       attempts = excluded.attempts, next_at = excluded.next_at, last_error = excluded.last_error`,
    [hookKey, p.generation, p.deliveredSeq, p.attempts, p.nextAt, p.lastError ?? null],
  );
}

export async function addDeadLetter(
  tx: SqlTx,
  hook: { hookKey: string; generation: number },
  letter: Omit<DeadLetter, 'redriving'>,
): Promise<void> {
  await tx.run(
    `INSERT INTO webhook_dead_letters VALUES (?, ?, ?, ?, ?, ?, ?, 0)
     ON CONFLICT (hook_key, generation, seq) DO UPDATE SET attempts = excluded.attempts,
       last_error = excluded.last_error, dead_at = excluded.dead_at, redrive = 0`,
    [
      hook.hookKey,
      hook.generation,
      letter.seq,
      letter.type,
      letter.attempts,
      letter.lastError,
      letter.deadAt,
    ],
  );
}

type LetterRow = {
  seq: unknown;
  type: string;
  attempts: unknown;
  last_error: string;
  dead_at: unknown;
  redrive: unknown;
};
const toLetter = (r: LetterRow): DeadLetter => ({
  seq: Number(r.seq),
  type: r.type,
  attempts: Number(r.attempts),
  lastError: r.last_error,
  deadAt: Number(r.dead_at),
  redriving: Number(r.redrive) === 1,
});

export async function deadLetters(
  tx: SqlTx,
  hook: { hookKey: string; generation: number },
  only: { redriving?: boolean; limit?: number } = {},
): Promise<DeadLetter[]> {
  const rows = await tx.all<LetterRow>(
    `SELECT seq, type, attempts, last_error, dead_at, redrive FROM webhook_dead_letters
     WHERE hook_key = ? AND generation = ? ${only.redriving ? 'AND redrive = 1' : ''}
     ORDER BY seq LIMIT ?`,
    [hook.hookKey, hook.generation, only.limit ?? 1000],
  );
  return rows.map(toLetter);
}

/** Queues every dead letter of the webhook for delivery again; how many were queued. */
export function queueRedrive(
  tx: SqlTx,
  hook: { hookKey: string; generation: number },
): Promise<number> {
  return tx.run(
    `UPDATE webhook_dead_letters SET redrive = 1 WHERE hook_key = ? AND generation = ? AND redrive = 0`,
    [hook.hookKey, hook.generation],
  );
}

export async function removeDeadLetter(
  tx: SqlTx,
  hook: { hookKey: string; generation: number },
  seq: number,
): Promise<void> {
  await tx.run(
    `DELETE FROM webhook_dead_letters WHERE hook_key = ? AND generation = ? AND seq = ?`,
    [hook.hookKey, hook.generation, seq],
  );
}

/**
 * Takes or renews the dispatcher's lease for `ttlMs`: one node delivers at a time, so two
 * nodes never send one subscriber's items side by side (which would break their order).
 */
export async function takeDispatchLease(
  db: ReadModelDb,
  owner: string,
  nowMs: number,
  ttlMs: number,
): Promise<boolean> {
  return db.write(async (tx) => {
    await tx.run(
      `INSERT INTO webhook_lease VALUES ('dispatcher', NULL, 0) ON CONFLICT (id) DO NOTHING`,
    );
    const changed = await tx.run(
      `UPDATE webhook_lease SET owner = ?, until = ? WHERE id = 'dispatcher' AND (owner = ? OR owner IS NULL OR until < ?)`,
      [owner, nowMs + ttlMs, owner, nowMs],
    );
    return changed === 1;
  });
}

export async function releaseDispatchLease(db: ReadModelDb, owner: string): Promise<void> {
  await db.write(async (tx) => {
    await tx.run(
      `UPDATE webhook_lease SET owner = NULL, until = 0 WHERE id = 'dispatcher' AND owner = ?`,
      [owner],
    );
  });
}
