/**
 * Whole rials read from an event: a Number while the amount is a safe integer (nearly always,
 * and far cheaper to add up), a bigint beyond that. Both are exact.
 */
export type Rials = number | bigint;

const integer = /^-?\d+$/;
const safe = BigInt(Number.MAX_SAFE_INTEGER);

/** Up to 15 characters, `-?\d+` is below 2^53, so `Number` reads it exactly. */
const shortEnough = 15;

/**
 * The rials a field of an event holds: an integer string (or a number that prints as one),
 * else 0 — the projections' tolerance of what they cannot read.
 */
export function rialsOf(v: unknown): Rials {
  const text = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
  if (!integer.test(text)) return 0;
  if (text.length <= shortEnough) return Number(text);
  const big = BigInt(text);
  return big >= -safe && big <= safe ? Number(big) : big;
}

export const negated = (r: Rials): Rials => (typeof r === 'number' ? -r : -r);
