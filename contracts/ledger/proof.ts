import { z } from 'zod';
import { leafHash, verifyInclusion } from './merkle';

const Hex256 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * A receipt's inclusion proof (اثبات شمول) as `GET /v1/receipts/{code}/proof` gives it: the
 * payment event's leaf bytes, its place in its day's tree, the audit path and the day's seal.
 * Checking it needs only this document, a root published by the regulator and SHA-256.
 */
export const ReceiptProofSchema = z
  .object({
    trackingCode: z.string(),
    leaf: z.object({
      /** The canonical JSON (RFC 8785) of the event, base64: the leaf hashed is 0x00 || these bytes. */
      canonical: z.string(),
      position: z.number().int().positive(),
    }),
    leafIndex: z.number().int().nonnegative(),
    treeSize: z.number().int().positive(),
    auditPath: z.array(Hex256),
    seal: z.object({
      day: z.string(),
      jalaliDay: z.string(),
      from: z.number().int(),
      to: z.number().int(),
      count: z.number().int(),
      root: Hex256,
      previous: Hex256,
      sealHash: Hex256,
    }),
    algorithm: z.literal('RFC9162-SHA256'),
  })
  .meta({ id: 'ReceiptProof', description: 'Inclusion proof of a payment in its sealed day' });
export type ReceiptProof = z.infer<typeof ReceiptProofSchema>;

export type ProofCheck = { ok: true } | { ok: false; reason: string };

/** Whether a proof shows its leaf in the tree whose root is `rootHex` (the published one). */
export function checkProof(proof: unknown, rootHex: string): ProofCheck {
  const parsed = ReceiptProofSchema.safeParse(proof);
  if (!parsed.success) return { ok: false, reason: `not a receipt proof: ${parsed.error.message}` };
  const p = parsed.data;
  const root = rootHex.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(root)) return { ok: false, reason: 'the root is not 64 hex digits' };
  if (p.seal.root !== root)
    return { ok: false, reason: `the proof's seal root ${p.seal.root} is not the root given` };
  if (p.treeSize !== p.seal.count)
    return { ok: false, reason: `tree size ${p.treeSize} is not the seal's count ${p.seal.count}` };
  const bytes = Buffer.from(p.leaf.canonical, 'base64');
  let event: unknown;
  try {
    event = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false, reason: 'the leaf is not JSON' };
  }
  if ((event as { position?: unknown }).position !== p.leaf.position)
    return { ok: false, reason: 'the leaf bytes name another position' };
  const fine = verifyInclusion(
    leafHash(bytes),
    p.leafIndex,
    p.treeSize,
    p.auditPath.map((h) => Buffer.from(h, 'hex')),
    Buffer.from(root, 'hex'),
  );
  return fine
    ? { ok: true }
    : { ok: false, reason: 'the leaf and audit path do not lead to the root: refused' };
}
