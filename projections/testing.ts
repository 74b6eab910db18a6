import type { ReadModelDb } from './db';
import type { Projection } from './projection';

/** Every row of a build's tables as sorted text lines, to compare two builds row for row. */
export async function dumpBuild(
  db: ReadModelDb,
  projection: Projection,
  prefix: string,
): Promise<Record<string, string[]>> {
  return db.read(async (tx) => {
    const out: Record<string, string[]> = {};
    for (const table of projection.tables) {
      const rows = await tx.all(`SELECT * FROM ${prefix}_${table}`);
      out[table] = rows
        .map((r) =>
          JSON.stringify(
            Object.values(r).map((v) =>
              v === null ? null : String(v as string | number | bigint),
            ),
          ),
        )
        .sort();
    }
    return out;
  });
}
