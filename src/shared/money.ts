import Decimal from 'decimal.js';
import { rialDigitsOrProblem } from '../../contracts/primitives/rials';
import { ValidationError } from './errors';

export { isRialString } from '../../contracts/primitives/rials';

/**
 * Exact decimal arithmetic for money. The default decimal.js precision (20 significant
 * digits) could round a product of large amounts, so this clone keeps 60.
 */
export const Exact = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
export type Exact = Decimal;

/**
 * A rial (ریال) amount: whole, non-negative, exact. 1 Toman (تومان) = 10 rials; the
 * ledger never uses fractions of a rial nor JavaScript floats.
 */
export type Rial = Decimal;

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
