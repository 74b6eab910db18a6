import type { Pool } from 'pg';
import type { ArchivedRange } from '../port';

/**
 * A stream read would come back without its first events, which were archived with their
 * month. A decision taken on such a stream would be wrong, so the read is refused; the month
 * comes back with `pishkhan log restore`.
 */
export class ArchivedEventsError extends Error {
  constructor(
    readonly stream: string,
    readonly fromRevision: number,
    /** The first revision still in the database. */
    readonly availableFrom: number,
  ) {
    super(
      `stream ${stream}: revisions ${fromRevision}..${availableFrom - 1} are in an archived month`,
    );
    this.name = 'ArchivedEventsError';
  }
}

interface ArchiveRow {
  month: string;
  first_position: string;
  last_position: string;
  count: string;
  sha256: string;
  file: string;
  dropped: boolean;
}

export async function readArchivedRanges(
  db: Pick<Pool, 'query'>,
  schema: string,
): Promise<ArchivedRange[]> {
  const result = await db.query<ArchiveRow>(
    `SELECT * FROM "${schema}".event_archives ORDER BY first_position`,
  );
  return result.rows.map((r) => ({
    month: r.month,
    first: Number(r.first_position),
    last: Number(r.last_position),
    count: Number(r.count),
    sha256: r.sha256,
    file: r.file,
    dropped: r.dropped,
  }));
}
