import * as crypto from 'node:crypto';

/**
 * The Merkle tree of Certificate Transparency (RFC 6962 §2.1, restated in RFC 9162 §2.1):
 * SHA-256, leaves prefixed 0x00, interior nodes 0x01, a tree of n leaves split at the largest
 * power of two below n. Written out here, with nothing but `node:crypto`, so the offline
 * verifier needs no package and can be read against the RFC line by line.
 */

/** SHA-256 as a 32-character latin1 (`binary`) string, one character per byte. */
const sha256Latin1: (data: Uint8Array | string) => string =
  typeof crypto.hash === 'function'
    ? (data) => crypto.hash('sha256', data, 'binary')
    : (data) => crypto.createHash('sha256').update(data).digest('binary');

/**
 * SHA-256 in one call: `crypto.hash` (Node 20.12 and later) is about 3× faster than a
 * `createHash` object on the short inputs of a tree; older Nodes fall back to the object. The
 * digest comes back as a string and is copied into Node's shared buffer pool: a Buffer of its
 * own per digest (what `'buffer'` output gives) costs each hash an ArrayBuffer, which made a
 * day's leaf hashes 1.4× slower.
 */
const sha256 = (data: Uint8Array | string): Buffer => Buffer.from(sha256Latin1(data), 'latin1');

/** MTH of the empty tree: SHA-256 of the empty string. */
export const emptyRoot = (): Buffer => sha256('');

/**
 * Where a leaf given as text is written, after its 0x00, before it is hashed: UTF-8 written
 * into one reused buffer costs a third less than hashing the string, which makes a joined copy
 * of it and encodes it on the way. A text that might not fit is hashed the plain way.
 */
const leafScratch = Buffer.allocUnsafe(64 * 1024);

/** `leafHash` as a 32-character latin1 string. */
function leafHashLatin1(leaf: Uint8Array | string): string {
  if (typeof leaf === 'string') {
    if (leaf.length * 3 >= leafScratch.length) return sha256Latin1(`\u0000${leaf}`);
    leafScratch[0] = 0x00;
    const written = leafScratch.write(leaf, 1, 'utf8');
    return sha256Latin1(leafScratch.subarray(0, written + 1));
  }
  const prefixed = Buffer.allocUnsafe(leaf.length + 1);
  prefixed[0] = 0x00;
  prefixed.set(leaf, 1);
  return sha256Latin1(prefixed);
}

/** A leaf's hash from its bytes, or from its text (hashed as UTF-8, as `leafBytes` encodes it). */
export const leafHash = (leaf: Uint8Array | string): Buffer =>
  Buffer.from(leafHashLatin1(leaf), 'latin1');

export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => {
  const prefixed = Buffer.allocUnsafe(1 + left.length + right.length);
  prefixed[0] = 0x01;
  prefixed.set(left, 1);
  prefixed.set(right, 1 + left.length);
  return sha256(prefixed);
};

/** The largest power of two strictly below n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * MTH(D[a:b]) from a source of subtree hashes: `leaf(i)` for one leaf, and `known(a, b)` for any
 * range the caller already holds (an aligned chunk), else undefined to recurse.
 */
export function subtreeHash(
  a: number,
  b: number,
  leaf: (i: number) => Buffer,
  known: (a: number, b: number) => Buffer | undefined = () => undefined,
): Buffer {
  if (b - a === 0) return emptyRoot();
  if (b - a === 1) return leaf(a);
  const held = known(a, b);
  if (held) return held;
  const k = splitPoint(b - a);
  return nodeHash(subtreeHash(a, a + k, leaf, known), subtreeHash(a + k, b, leaf, known));
}

/**
 * MTH of a list of leaf hashes, bottom-up: one pass, no recursion, n − 1 node hashes. Each
 * node is hashed from one reused 65-byte buffer and kept as a 32-character latin1 string, not a
 * Buffer of its own: a day of 200,000 leaves would otherwise leave 200,000 small ArrayBuffers
 * for the collector, which cost the seal more than the hashing of the nodes.
 */
export function rootOf(leaves: readonly Uint8Array[]): Buffer {
  const n = leaves.length;
  if (n === 0) return emptyRoot();
  if (n === 1) return Buffer.from(leaves[0]!);
  // Pairing left to right and carrying an odd last node up unchanged builds the same tree
  // as RFC 6962's split at the largest power of two below n.
  const node = Buffer.allocUnsafe(65);
  node[0] = 0x01;
  const level: string[] = new Array<string>((n + 1) >>> 1);
  let size = 0;
  for (let i = 0; i + 1 < n; i += 2) {
    node.set(leaves[i]!, 1);
    node.set(leaves[i + 1]!, 33);
    level[size++] = sha256Latin1(node);
  }
  if (n % 2 === 1) level[size++] = Buffer.from(leaves[n - 1]!).toString('latin1');
  while (size > 1) {
    let next = 0;
    for (let i = 0; i + 1 < size; i += 2) {
      node.write(level[i]!, 1, 'latin1');
      node.write(level[i + 1]!, 33, 'latin1');
      level[next++] = sha256Latin1(node);
    }
    if (size % 2 === 1) level[next++] = level[size - 1]!;
    size = next;
  }
  return Buffer.from(level[0]!, 'latin1');
}

/** Subtree hashes a `treeHead` can hold: one per bit of a count of leaves below 2⁶⁴. */
const maxLevels = 64;

/**
 * MTH built as the leaves come, in order (رأس درخت): only the hashes of the complete subtrees
 * so far are kept, one per set bit of the count, side by side in one buffer, and each is folded
 * into its left neighbour as soon as the two are the same size. The same tree as `rootOf` (RFC
 * 6962's split at the largest power of two below n), without keeping n leaf hashes: a day's
 * leaf hashes each held as a Buffer until the tree was built were promoted by the collector
 * into an old generation holding the day's events, which cost a seal more than its hashing.
 */
export function treeHead() {
  // Slot i at 1 + 32·i; the byte before it (the last of slot i − 1) is set to 0x01 while
  // slots i and i + 1 are hashed as one node, so a node needs no copy.
  const slots = Buffer.alloc(1 + 32 * (maxLevels + 1));
  const nodes = Array.from({ length: maxLevels }, (_, i) => slots.subarray(32 * i, 32 * i + 65));
  let held = 0;
  let size = 0;
  const push = (hash: string) => {
    if (held === maxLevels) throw new RangeError('a tree head holds at most 2⁶⁴ − 1 leaves');
    slots.write(hash, 1 + 32 * held++, 'latin1');
    size++;
    for (let n = size; n % 2 === 0; n /= 2) {
      held--;
      const node = nodes[held - 1]!;
      const kept = node[0]!;
      node[0] = 0x01;
      const parent = sha256Latin1(node);
      node[0] = kept;
      slots.write(parent, 1 + 32 * (held - 1), 'latin1');
    }
  };
  return {
    /** Adds the next leaf from its bytes, or its text (hashed as UTF-8). */
    leaf(leaf: Uint8Array | string): void {
      push(leafHashLatin1(leaf));
    },
    /**
     * Adds the next leaf as `write` puts its bytes into the hashing buffer from `at` (after the
     * 0x00), returning where they end; when it returns -1 instead, nothing is added (false).
     */
    leafWritten<T>(item: T, write: (item: T, into: Buffer, at: number) => number): boolean {
      const end = write(item, leafScratch, 1);
      if (end < 0) return false;
      leafScratch[0] = 0x00;
      push(sha256Latin1(leafScratch.subarray(0, end)));
      return true;
    },
    /** Adds the next leaf's hash, already made. */
    leafHash(hash: Uint8Array): void {
      if (hash.length !== 32) throw new RangeError('a leaf hash is 32 bytes');
      push(Buffer.from(hash.buffer, hash.byteOffset, 32).toString('latin1'));
    },
    /** Leaves added so far. */
    get size(): number {
      return size;
    },
    /** MTH of the leaves added so far; more can be added after. */
    root(): Buffer {
      if (held === 0) return emptyRoot();
      let root: Buffer = Buffer.from(slots.subarray(1 + 32 * (held - 1), 1 + 32 * held));
      for (let i = held - 2; i >= 0; i--)
        root = nodeHash(slots.subarray(1 + 32 * i, 33 + 32 * i), root);
      return root;
    },
  };
}

export type TreeHead = ReturnType<typeof treeHead>;

/** PATH(m, D[a:b]) of RFC 6962 §2.1.1, siblings from the leaf upwards. */
export function auditPath(
  m: number,
  a: number,
  b: number,
  leaf: (i: number) => Buffer,
  known?: (a: number, b: number) => Buffer | undefined,
): Buffer[] {
  if (b - a <= 1) return [];
  const k = splitPoint(b - a);
  return m < k
    ? [...auditPath(m, a, a + k, leaf, known), subtreeHash(a + k, b, leaf, known)]
    : [...auditPath(m - k, a + k, b, leaf, known), subtreeHash(a, a + k, leaf, known)];
}

/**
 * RFC 9162 §2.1.3.2: whether `leaf` (a leaf hash) is leaf `index` of the tree of `size`
 * leaves whose root is `root`, given its inclusion proof `path`.
 */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  path: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size)
    return false;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(Buffer.from(root));
}
