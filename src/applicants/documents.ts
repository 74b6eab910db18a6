import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentContentType } from '../../contracts/vocabulary';

/**
 * Where documents' bytes live, by their SHA-256 (content-addressed, نشانی‌دهی با محتوا): the
 * same bytes are stored once, and an event's digest names them for good.
 */
export interface DocumentStore {
  put(bytes: Buffer): Promise<string>;
  get(sha256: string): Promise<Buffer | undefined>;
}

export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A folder (`<DATA_DIR>/documents`), one file per digest, written by rename so a reader never sees half a file. */
export function folderDocuments(dir: string): DocumentStore {
  mkdirSync(dir, { recursive: true });
  const pathOf = (sha256: string) => join(dir, sha256);
  return {
    put(bytes) {
      const sha256 = sha256Of(bytes);
      if (!existsSync(pathOf(sha256))) {
        const temp = `${pathOf(sha256)}.${process.pid}.tmp`;
        writeFileSync(temp, bytes);
        renameSync(temp, pathOf(sha256));
      }
      return Promise.resolve(sha256);
    },
    get(sha256) {
      if (!/^[0-9a-f]{64}$/.test(sha256)) return Promise.resolve(undefined);
      return Promise.resolve(existsSync(pathOf(sha256)) ? readFileSync(pathOf(sha256)) : undefined);
    },
  };
}

/** In memory, for tests. */
export function memoryDocuments(): DocumentStore & { size(): number } {
  const byDigest = new Map<string, Buffer>();
  return {
    put(bytes) {
      const sha256 = sha256Of(bytes);
      byDigest.set(sha256, Buffer.from(bytes));
      return Promise.resolve(sha256);
    },
    get: (sha256) => Promise.resolve(byDigest.get(sha256)),
    size: () => byDigest.size,
  };
}

const magic: Record<DocumentContentType, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) =>
    b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
};

/** Whether the bytes begin as their declared type must (its magic numbers). */
export const contentIs = (type: DocumentContentType, bytes: Buffer) => magic[type](bytes);
