import type { Rials } from '../rials';

/** Sums per line; see `sums` in `lines.ts`. */
const sumWidth = 6;

/** A line's key columns from its group and account. */
export type KeyOf = (group: string, account: string) => readonly string[];

/**
 * A line table packed for the trip from a worker thread: no object per line to clone, the
 * Numbers in a transferable array, and key columns only where `keyOf` cannot rebuild them.
 */
export interface PackedLines {
  groups: string[];
  accounts: string[];
  odd: Array<[line: number, key: readonly string[]]>;
  small: Float64Array<ArrayBuffer>;
  big: Array<[at: number, big: bigint]>;
}

type Trie = Map<string, Trie | string>;

function branch(trie: Trie, key: string): Trie {
  let next = trie.get(key) as Trie | undefined;
  if (!next) trie.set(key, (next = new Map()));
  return next;
}

/**
 * Settlement lines being summed: every line's group and account, and its sums at
 * `sumWidth × line`, each a Number while it is a safe integer, the part carried past that into
 * `big`. Two safe integers whose exact sum is beyond 2^53 − 1 never round back into the safe
 * range, so checking the rounded sum is enough to keep every total exact. A line's key columns
 * are rebuilt from its group and account by `keyOf`, or kept when they cannot be (a column
 * holding the NUL that joins them).
 */
export class LineTable {
  private readonly index = new Map<string, Map<string, number>>();
  private readonly groups: string[] = [];
  private readonly accounts: string[] = [];
  private readonly odd = new Map<number, readonly string[]>();
  private readonly small: number[] = [];
  private readonly big = new Map<number, bigint>();
  private readonly joined: Trie = new Map();

  constructor(private readonly keyOf: KeyOf) {}

  /**
   * Four parts joined with NUL, the same string each time for the same parts: a look-up key
   * whose hash is computed once, instead of a new ~40-character concatenation to flatten and
   * hash for every posting.
   */
  join(a: string, b: string, c: string, d: string): string {
    const last = branch(branch(branch(this.joined, a), b), c);
    let joined = last.get(d) as string | undefined;
    if (joined === undefined) last.set(d, (joined = `${a}\u0000${b}\u0000${c}\u0000${d}`));
    return joined;
  }

  get size(): number {
    return this.groups.length;
  }

  /**
   * The lines of one group (day, agency, service and office joined with NUL) by their account
   * (kind, beneficiary, Sheba and deposit id joined with NUL). Two short look-ups are cheaper
   * than one of the whole key, which every posting of a payment would repeat.
   */
  group(group: string): Map<string, number> {
    let accounts = this.index.get(group);
    if (!accounts) this.index.set(group, (accounts = new Map<string, number>()));
    return accounts;
  }

  /** Adds a zero line to a group, with its `key` where `keyOf` cannot rebuild it. */
  add(group: string, account: string, key?: readonly string[]): number {
    const line = this.groups.length;
    this.group(group).set(account, line);
    this.groups.push(group);
    this.accounts.push(account);
    if (key) this.odd.set(line, key);
    for (let c = 0; c < sumWidth; c++) this.small.push(0);
    return line;
  }

  /** Adds `amount` to sum `column` of `line`. */
  sum(line: number, column: number, amount: Rials): void {
    const at = line * sumWidth + column;
    if (typeof amount === 'bigint') {
      this.carry(at, amount);
      return;
    }
    const total = this.small[at]! + amount;
    if (Number.isSafeInteger(total)) {
      this.small[at] = total;
      return;
    }
    this.carry(at, BigInt(this.small[at]!));
    this.small[at] = amount;
  }

  private carry(at: number, amount: bigint) {
    this.big.set(at, (this.big.get(at) ?? 0n) + amount);
  }

  /** Appends a line's key columns and exact sums to `out`. */
  row(line: number, out: Array<string | number | bigint | null>): void {
    const key = this.odd.get(line) ?? this.keyOf(this.groups[line]!, this.accounts[line]!);
    for (const k of key) out.push(k);
    for (let at = line * sumWidth; at < (line + 1) * sumWidth; at++) {
      const big = this.big.get(at);
      out.push(big === undefined ? BigInt(this.small[at]!) : big + BigInt(this.small[at]!));
    }
  }

  pack(): PackedLines {
    return {
      groups: this.groups,
      accounts: this.accounts,
      odd: [...this.odd],
      small: Float64Array.from(this.small),
      big: [...this.big],
    };
  }

  /** Adds a packed table in: every column is a sum, so partial folds add up in any order. */
  merge(packed: PackedLines): void {
    const odd = new Map(packed.odd);
    const lines = packed.groups.map((group, n) => {
      const account = packed.accounts[n]!;
      return this.group(group).get(account) ?? this.add(group, account, odd.get(n));
    });
    for (let n = 0; n < lines.length; n++)
      for (let c = 0; c < sumWidth; c++) this.sum(lines[n]!, c, packed.small[n * sumWidth + c]!);
    for (const [at, big] of packed.big)
      this.sum(lines[Math.floor(at / sumWidth)]!, at % sumWidth, big);
  }
}
