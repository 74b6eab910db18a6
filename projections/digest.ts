import { createHash } from 'node:crypto';

export const sha256 = (content: string | Buffer) =>
  createHash('sha256').update(content).digest('hex');

/** JSON with object keys sorted, so equal content always gives equal bytes and digest. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}

/** A report body with the ledger position it reflects and the SHA-256 of everything else in it. */
export function sealed<T extends object>(
  position: number,
  body: T,
): T & { ledgerPosition: number; sha256: string } {
  const content = { ...body, ledgerPosition: position };
  return { ...content, sha256: sha256(canonicalJson(content)) };
}
