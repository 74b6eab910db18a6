import { normaliseDigits } from './digits';

/** The most digits a rial amount may have: 10^18 rials is far beyond any single fee. */
export const MAX_RIAL_DIGITS = 18;

/**
 * The whole-rial (ریال) digits of a decimal string (`"125000"`, `"۱۲۵۰۰۰"`, `"125000.00"` all
 * give `125000`), or why it is not one: negatives, fractions, exponents, separators and
 * anything but a string are refused.
 */
export function rialDigitsOrProblem(input: unknown): { digits: string } | { problem: string } {
  if (typeof input !== 'string') return { problem: 'must be a decimal string of whole rials' };
  const text = normaliseDigits(input.trim());
  if (text.startsWith('-')) return { problem: 'must not be negative' };
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return { problem: 'must be a decimal string of whole rials, e.g. "125000"' };
  if (match[2] !== undefined && /[1-9]/.test(match[2]))
    return { problem: 'must be whole rials (no fraction of a rial)' };
  const digits = match[1]!.replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_RIAL_DIGITS)
    return { problem: `must have at most ${MAX_RIAL_DIGITS} digits` };
  return { digits };
}

/** Whether a string is a valid rial amount, for schema refinements. */
export function isRialString(input: string): boolean {
  return 'digits' in rialDigitsOrProblem(input);
}
