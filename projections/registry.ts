import type { ReadModelDb, SqlTx } from './db';

/** One build of a projection's tables: live (answers queries), building (catching up), or retired. */
export interface Build {
  name: string;
  build: number;
  codeVersion: number;
  prefix: string;
  state: 'live' | 'building' | 'retired';
  /** Log position of the last event folded into this build. */
  position: number;
}

const ddl = [
  `CREATE TABLE IF NOT EXISTS projection_builds (
     name TEXT NOT NULL, build BIGINT NOT NULL, code_version BIGINT NOT NULL, prefix TEXT NOT NULL UNIQUE,
     state TEXT NOT NULL, position BIGINT NOT NULL, created_at TEXT NOT NULL, switched_at TEXT,
     lease_owner TEXT, lease_until BIGINT NOT NULL DEFAULT 0,
     PRIMARY KEY (name, build))`,
];

interface Row {
  name: string;
  build: unknown;
  code_version: unknown;
  prefix: string;
  state: Build['state'];
  position: unknown;
}

const toBuild = (r: Row): Build => ({
  name: r.name,
  build: Number(r.build),
  codeVersion: Number(r.code_version),
  prefix: r.prefix,
  state: r.state,
  position: Number(r.position),
});

export const prefixOf = (name: string, build: number) => `${name}_v${build}`;

export async function ensureRegistry(db: ReadModelDb): Promise<void> {
  await db.write(async (tx) => {
    for (const s of ddl) await tx.run(s);
  });
}

export async function listBuilds(tx: SqlTx, name?: string): Promise<Build[]> {
  const rows = await tx.all<Row>(
    `SELECT * FROM projection_builds ${name ? 'WHERE name = ?' : ''} ORDER BY name, build`,
    name ? [name] : [],
  );
  return rows.map(toBuild);
}

export async function liveBuild(tx: SqlTx, name: string): Promise<Build | undefined> {
  const rows = await tx.all<Row>(
    `SELECT * FROM projection_builds WHERE name = ? AND state = 'live'`,
    [name],
  );
  return rows[0] ? toBuild(rows[0]) : undefined;
}

/** Registers a new build; the first build of a name is live at once, later ones build beside it. */
export async function createBuild(
  tx: SqlTx,
  name: string,
  codeVersion: number,
  now: Date,
): Promise<Build> {
  const existing = await listBuilds(tx, name);
  const build = Math.max(0, ...existing.map((b) => b.build)) + 1;
  const state = existing.some((b) => b.state === 'live') ? 'building' : 'live';
  const prefix = prefixOf(name, build);
  await tx.run(
    `INSERT INTO projection_builds (name, build, code_version, prefix, state, position, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)`,
    [name, build, codeVersion, prefix, state, now.toISOString()],
  );
  return { name, build, codeVersion, prefix, state, position: 0 };
}

/**
 * Moves the checkpoint from `from` to `to` in the caller's transaction. Zero rows changed
 * means another worker moved it first: the caller must roll back.
 */
export async function advance(
  tx: SqlTx,
  prefix: string,
  from: number,
  to: number,
): Promise<boolean> {
  const changed = await tx.run(
    `UPDATE projection_builds SET position = ? WHERE prefix = ? AND position = ?`,
    [to, prefix, from],
  );
  return changed === 1;
}

/** The caught-up build becomes live and the previous live build is retired, in one transaction. */
export async function switchOver(tx: SqlTx, build: Build, now: Date): Promise<void> {
  await tx.run(`UPDATE projection_builds SET state = 'retired' WHERE name = ? AND state = 'live'`, [
    build.name,
  ]);
  await tx.run(`UPDATE projection_builds SET state = 'live', switched_at = ? WHERE prefix = ?`, [
    now.toISOString(),
    build.prefix,
  ]);
}

/**
 * Takes or renews the lease on one build for `ttlMs`: only one worker folds a build at a
 * time, across processes and nodes sharing the read-model database.
 */
export async function takeLease(
  db: ReadModelDb,
  prefix: string,
  owner: string,
  nowMs: number,
  ttlMs: number,
): Promise<boolean> {
  return db.write(async (tx) => {
    const changed = await tx.run(
      `UPDATE projection_builds SET lease_owner = ?, lease_until = ? WHERE prefix = ? AND (lease_owner = ? OR lease_owner IS NULL OR lease_until < ?)`,
      [owner, nowMs + ttlMs, prefix, owner, nowMs],
    );
    return changed === 1;
  });
}

export async function releaseLease(db: ReadModelDb, prefix: string, owner: string): Promise<void> {
  await db.write(async (tx) => {
    await tx.run(
      `UPDATE projection_builds SET lease_owner = NULL, lease_until = 0 WHERE prefix = ? AND lease_owner = ?`,
      [prefix, owner],
    );
  });
}
