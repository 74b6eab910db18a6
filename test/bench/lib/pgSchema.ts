import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const benchPostgresUrl =
  process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Gives each figure an empty schema of its own and drops it afterwards, so runs
 * neither see each other's rows nor leave anything behind in the shared database.
 */
export async function withFreshSchema<T>(
  label: string,
  body: (schema: string) => Promise<T>,
): Promise<T> {
  const schema = `bench_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: benchPostgresUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA "${schema}"`);
    try {
      return await body(schema);
    } finally {
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
    }
  } finally {
    await admin.end();
  }
}

/** Rows actually stored, to refuse a figure whose acknowledged appends were lost. */
export async function countRows(table: string): Promise<number> {
  const client = new Client({ connectionString: benchPostgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}
