import { keyColumns, lineOf, sums, type Lines } from './lines';

/**
 * Summed lines packed for the trip from a worker thread: every line's key columns one after
 * the other, its sums' Number parts in a transferable array, and the rare bigint parts (of
 * sums past 2^53 − 1) beside them by index. Cloning one object per line cost more than the merge.
 */
export interface PackedLines {
  keys: string[];
  small: Float64Array<ArrayBuffer>;
  big: Array<[index: number, big: bigint]>;
}

export function packLines(lines: Lines): PackedLines {
  const keys: string[] = [];
  const small = new Float64Array(lines.size * sums.length);
  const big: Array<[number, bigint]> = [];
  let i = 0;
  for (const line of lines.values()) {
    for (const k of line.key) keys.push(k);
    for (const sum of line.sums) {
      small[i] = sum.small;
      if (sum.big !== 0n) big.push([i, sum.big]);
      i++;
    }
  }
  return { keys, small, big };
}

/** Adds packed lines into `into`: every column is a sum, so partial folds add up in any order. */
export function unpackInto(into: Lines, packed: PackedLines): void {
  const width = keyColumns.length;
  const count = packed.keys.length / width;
  const added = [];
  for (let n = 0; n < count; n++) {
    const key = packed.keys.slice(n * width, (n + 1) * width);
    const line = lineOf(into, key.join('\u0000'), () => key);
    for (let c = 0; c < sums.length; c++) line.sums[c]!.add(packed.small[n * sums.length + c]!);
    added.push(line);
  }
  for (const [index, big] of packed.big)
    added[Math.floor(index / sums.length)]!.sums[index % sums.length]!.add(big);
}
