import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/**
 * An archive file (پروندهٔ بایگانی) of one log month: gzip of JSON lines, a header line, one
 * line per event in position order, a footer line. The footer's digest is SHA-256 over the
 * event lines exactly as written (each with its newline), so the file can be checked with
 * nothing but itself; `data` and `metadata` are PostgreSQL's own jsonb text, never re-encoded.
 */
export const archiveFormat = 'pishkhan-log-archive';

export interface ArchiveHeader {
  format: typeof archiveFormat;
  version: 1;
  /** The Jalali log month, `1405-08`, and its bounds. */
  month: string;
  start: string;
  end: string;
  /** The schema the month was archived from. */
  schema: string;
  exportedAt: string;
}

export interface ArchiveFooter {
  footer: true;
  count: number;
  /** First and last position (0 for an empty month). */
  first: number;
  last: number;
  sha256: string;
}

/** One event as archived. */
export interface ArchivedEvent {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
  recordedAt: string;
}

/** The file is not a whole, unaltered archive: nothing was detached or restored on its word. */
export class ArchiveCorruptError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`archive ${file} refused: ${reason}`);
    this.name = 'ArchiveCorruptError';
  }
}

/** A running count and digest of the event lines, the same on writing and on reading back. */
export function archiveDigest() {
  const hash = createHash('sha256');
  let count = 0;
  let first = 0;
  let last = 0;
  return {
    add(line: string, position: number): void {
      hash.update(`${line}\n`);
      if (count === 0) first = position;
      last = position;
      count++;
    },
    footer(): ArchiveFooter {
      return { footer: true, count, first, last, sha256: hash.digest('hex') };
    },
  };
}

export interface ReadArchive {
  header: ArchiveHeader;
  footer: ArchiveFooter;
}

/**
 * Reads an archive through, recomputing count, range and digest, and checks them against its
 * footer; `onEvent` sees each event (restore inserts them). Throws ArchiveCorruptError.
 */
export async function readArchive(
  file: string,
  onEvent?: (event: ArchivedEvent, line: string) => Promise<void>,
): Promise<ReadArchive> {
  const lines = createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  const refuse = (reason: string) => new ArchiveCorruptError(file, reason);
  let header: ArchiveHeader | undefined;
  let footer: ArchiveFooter | undefined;
  const digest = archiveDigest();
  let previous = 0;
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (footer) throw refuse('lines after the footer');
      const value = JSON.parse(line) as Record<string, unknown>;
      if (!header) {
        if (value.format !== archiveFormat || value.version !== 1)
          throw refuse('not a pishkhan log archive (header)');
        header = value as unknown as ArchiveHeader;
        continue;
      }
      if (value.footer === true) {
        footer = value as unknown as ArchiveFooter;
        continue;
      }
      const event = value as unknown as ArchivedEvent;
      if (typeof event.position !== 'number' || event.position <= previous)
        throw refuse(`positions out of order at line ${lineNumber}`);
      previous = event.position;
      digest.add(line, event.position);
      await onEvent?.(event, line);
    }
  } catch (error) {
    if (error instanceof ArchiveCorruptError) throw error;
    throw refuse(error instanceof Error ? error.message : String(error));
  } finally {
    lines.close();
  }
  if (!header) throw refuse('empty file');
  if (!footer) throw refuse('no footer: the file is cut short');
  const found = digest.footer();
  if (found.count !== footer.count)
    throw refuse(`holds ${found.count} events; its footer says ${footer.count}`);
  if (found.first !== footer.first || found.last !== footer.last)
    throw refuse(
      `holds positions ${found.first}..${found.last}; its footer says ${footer.first}..${footer.last}`,
    );
  if (found.sha256 !== footer.sha256)
    throw refuse(`SHA-256 ${found.sha256} differs from its footer's ${footer.sha256}`);
  return { header, footer };
}
