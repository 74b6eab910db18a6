import Decimal from 'decimal.js';
import { ValidationError } from './errors';
import { normaliseDigits } from './digits';

/**
 * Exact decimal arithmetic for money. The default decimal.js precision (20 significant
 * digits) could round a product of large amounts, so this clone keeps 60.
 */
export const Exact = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
export type Exact = Decimal;

/** The most digits a rial amount may have: 10^18 rials is far beyond any single fee. */
const MAX_DIGITS = 18;

/**
 * A rial (ریال) amount: whole, non-negative, exact. 1 Toman (تومان) = 10 rials; the
 * ledger never uses fractions of a rial nor JavaScript floats.
 */
export type Rial = Decimal;

/**
 * The whole-rial digits of a decimal string (`"125000"`, `"۱۲۵۰۰۰"`, `"125000.00"` all give
 * `125000`), or why it is not one: negatives, fractions, exponents, separators and anything
 * but a string are refused.
 */
function rialDigitsOrProblem(input: unknown): { digits: string } | { problem: string } {
  if (typeof input !== 'string') return { problem: 'must be a decimal string of whole rials' };
  const text = normaliseDigits(input.trim());
  if (text.startsWith('-')) return { problem: 'must not be negative' };
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return { problem: 'must be a decimal string of whole rials, e.g. "125000"' };
  if (match[2] !== undefined && /[1-9]/.test(match[2]))
    return { problem: 'must be whole rials (no fraction of a rial)' };
  const digits = match[1]!.replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_DIGITS) return { problem: `must have at most ${MAX_DIGITS} digits` };
  return { digits };
}

/** Reads a whole rial amount into its plain digits; a bad one is a ValidationError at `path`. */
export function rialDigits(input: unknown, path = 'amount'): string {
  const r = rialDigitsOrProblem(input);
  if ('problem' in r)
    throw new ValidationError(`Invalid rial amount at ${path}`, [{ path, message: r.problem }]);
  return r.digits;
}

/**
 * Reads a rial amount from a decimal string (`"125000"`, `"۱۲۵۰۰۰"`, `"125000.00"`).
 * Rejects negatives, fractions, exponents, separators and anything but a string.
 */
export function parseRial(input: unknown, path = 'amount'): Rial {
  return new Exact(rialDigits(input, path));
}

/** Whether a string is a valid rial amount, for schema refinements. */
export function isRialString(input: string): boolean {
  return 'digits' in rialDigitsOrProblem(input);
}

/** The wire and event form of a whole rial amount: plain decimal digits, no exponent. */
export function formatRial(amount: Decimal): string {
  if (!amount.isInteger()) throw new RangeError(`not a whole rial amount: ${amount.toString()}`);
  if (amount.isNegative() && !amount.isZero())
    throw new RangeError(`negative rial amount: ${amount.toString()}`);
  return amount.toFixed(0);
}

export function rial(value: string | number | bigint): Rial {
  const d = new Exact(typeof value === 'bigint' ? value.toString() : value);
  if (!d.isInteger() || d.isNegative())
    throw new RangeError(`not a whole non-negative rial amount: ${String(value)}`);
  return d;
}
