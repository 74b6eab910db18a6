import type { EventStore } from '../src/shared/eventStore';
import type { ReadModelDb, SqlTx } from './db';
import type { Projection } from './projection';
import { readPage } from './readPage';
import { createBuild, ensureRegistry, liveBuild } from './registry';
import { foldPage } from './runner';

/** Every row of a build's tables as sorted text lines, table by table. */
export type BuildRows = Record<string, string[]>;

/** The first row where a live build and its rebuild part: present in one, absent or other in the other. */
export interface RowDifference {
  table: string;
  live?: string;
  rebuilt?: string;
}

export interface Verification {
  name: string;
  /** The live build compared. */
  prefix: string;
  /** The log position both sides reflect. */
  position: number;
  rows: number;
  difference?: RowDifference;
}

/** A build's rows in the caller's transaction, so that they and its checkpoint are one snapshot. */
export async function buildRows(tx: SqlTx, projection: Projection, prefix: string) {
  const out: BuildRows = {};
  for (const table of projection.tables) {
    const rows = await tx.all(`SELECT * FROM ${prefix}_${table}`);
    out[table] = rows
      .map((r) =>
        JSON.stringify(
          Object.values(r).map((v) => (v === null ? null : String(v as string | number | bigint))),
        ),
      )
      .sort();
  }
  return out;
}

/** Every row of a build's tables, read in one snapshot. */
export const dumpBuild = (db: ReadModelDb, projection: Projection, prefix: string) =>
  db.read((tx) => buildRows(tx, projection, prefix));

/** The first row, table by table in sorted order, that only one side has. */
export function firstDifference(live: BuildRows, rebuilt: BuildRows): RowDifference | undefined {
  for (const table of Object.keys(live)) {
    const a = live[table] ?? [];
    const b = rebuilt[table] ?? [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i] === b[i]) continue;
      return {
        table,
        ...(a[i] !== undefined && { live: a[i] }),
        ...(b[i] !== undefined && { rebuilt: b[i] }),
      };
    }
  }
  return undefined;
}

/**
 * Folds `projection` from the log into a fresh build in `scratch`, up to exactly `position`,
 * page by page through the store port (the path every adapter shares).
 */
export async function rebuildTo(
  store: EventStore,
  scratch: ReadModelDb,
  projection: Projection,
  position: number,
): Promise<BuildRows> {
  await ensureRegistry(scratch);
  let build = await scratch.write(async (tx) => {
    const b = await createBuild(tx, projection.name, projection.version, new Date());
    for (const statement of projection.schema(b.prefix)) await tx.run(statement);
    return b;
  });
  const ctx = { readStream: (s: string) => store.readStream(s) };
  while (build.position < position) {
    const page = await readPage(store, projection.eventTypes, build.position, 5000, position);
    if (page.upTo <= build.position) throw new Error(`the log ends before position ${position}`);
    build = await foldPage(scratch, projection, build, page, new Date(), ctx);
  }
  return dumpBuild(scratch, projection, build.prefix);
}

/**
 * Compares a projection's live build with a rebuild from the log into `scratch` at the live
 * build's own checkpoint, so that a node folding on meanwhile does not make them differ.
 */
export async function verifyProjection(options: {
  store: EventStore;
  db: ReadModelDb;
  scratch: ReadModelDb;
  projection: Projection;
}): Promise<Verification> {
  const { store, db, scratch, projection } = options;
  const snapshot = await db.read(async (tx) => {
    const live = await liveBuild(tx, projection.name);
    return live && { live, rows: await buildRows(tx, projection, live.prefix) };
  });
  if (!snapshot) throw new Error(`projection ${projection.name} has no live build yet`);
  const { live, rows } = snapshot;
  const rebuilt = await rebuildTo(store, scratch, projection, live.position);
  const difference = firstDifference(rows, rebuilt);
  return {
    name: projection.name,
    prefix: live.prefix,
    position: live.position,
    rows: Object.values(rows).reduce((n, r) => n + r.length, 0),
    ...(difference && { difference }),
  };
}
