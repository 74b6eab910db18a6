import type { ReadModelDb } from '../db';
import type { EventStore } from '../../src/shared/eventStore';
import { verifyLedger, type LedgerVerification } from './verifyLedger';

/** A sealed day the scheduled verification recomputed and found equal to its seal. */
export interface VerifiedDay {
  sealHash: string;
  verifiedAt: string;
}

const table = 'ledger_verified_days';

/**
 * Which sealed days (روزهای مهرشده) the scheduled verification has already recomputed, kept in
 * the read-model database so a restart resumes instead of hashing the whole log again. Keyed by
 * the seal's hash as well as its day: a seal that is not the one verified counts as unverified.
 */
export function verifiedDays(db: ReadModelDb) {
  let created: Promise<void> | undefined;
  const ready = () =>
    (created ??= db.write(async (tx) => {
      await tx.run(
        `CREATE TABLE IF NOT EXISTS ${table} (day TEXT PRIMARY KEY, seal_hash TEXT NOT NULL, verified_at TEXT NOT NULL)`,
      );
    }));
  return {
    async load(): Promise<Map<string, VerifiedDay>> {
      await ready();
      const rows = await db.read((tx) =>
        tx.all<{ day: string; seal_hash: string; verified_at: string }>(
          `SELECT day, seal_hash, verified_at FROM ${table}`,
        ),
      );
      return new Map(
        rows.map((r) => [r.day, { sealHash: r.seal_hash, verifiedAt: r.verified_at }]),
      );
    },
    async forget(day: string): Promise<void> {
      await ready();
      await db.write((tx) => tx.run(`DELETE FROM ${table} WHERE day = ?`, [day]));
    },
    async mark(day: string, sealHash: string, at: Date): Promise<void> {
      await ready();
      await db.write((tx) =>
        tx.run(
          `INSERT INTO ${table} (day, seal_hash, verified_at) VALUES (?, ?, ?)
           ON CONFLICT (day) DO UPDATE SET seal_hash = excluded.seal_hash, verified_at = excluded.verified_at`,
          [day, sealHash, at.toISOString()],
        ),
      );
    },
  };
}

export type VerifiedDays = ReturnType<typeof verifiedDays>;

/**
 * The days a scheduled round recomputes: every sealed day not yet verified under its current
 * seal, and the `scrub` days verified longest ago, so that over rounds every day is hashed
 * again and a change behind an old seal is still found.
 */
export function daysToRecompute(
  seals: ReadonlyArray<{ day: string; sealHash: string }>,
  verified: ReadonlyMap<string, VerifiedDay>,
  scrub: number,
): Set<string> {
  const fresh = seals.filter((s) => verified.get(s.day)?.sealHash !== s.sealHash);
  const again = seals
    .filter((s) => verified.get(s.day)?.sealHash === s.sealHash)
    .sort((a, b) => verified.get(a.day)!.verifiedAt.localeCompare(verified.get(b.day)!.verifiedAt))
    .slice(0, scrub);
  return new Set([...fresh, ...again].map((s) => s.day));
}

/**
 * The check a node runs on a schedule: the whole chain link by link, the trees of the days not
 * verified yet and of `scrub` days verified longest ago, each agreeing day remembered. A day
 * that differs is forgotten, so every later round recomputes it and reports it again.
 */
export function scheduledVerification(deps: {
  store: EventStore;
  db: ReadModelDb;
  /** The live prefix of the seals projection, whose leaves name a changed event. */
  sealsPrefix: () => Promise<string>;
  scrub: number;
  now: () => Date;
}): (signal?: AbortSignal) => Promise<LedgerVerification> {
  const verified = verifiedDays(deps.db);
  return async (signal) => {
    const result = await verifyLedger({
      ...(signal ? { signal } : {}),
      store: deps.store,
      leaves: { db: deps.db, prefix: await deps.sealsPrefix() },
      recompute: async (seals) => daysToRecompute(seals, await verified.load(), deps.scrub),
      onVerified: (seal) => verified.mark(seal.day, seal.sealHash, deps.now()),
    });
    if (result.discrepancy) await verified.forget(result.discrepancy.day);
    return result;
  };
}
