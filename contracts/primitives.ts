import { z } from 'zod';

/**
 * Primitives as events store them (already normalised at the edge): whole rials as decimal
 * strings (ریال), ISO instants. The HTTP contracts accept looser input (Persian digits, Jalali
 * dates) and normalise it before anything is recorded.
 */

/** Whole rials, not negative, as a decimal string without exponent: `"1500000"`. */
export const StoredRial = z.string().regex(/^(0|[1-9]\d*)$/, 'whole rials as decimal digits');

/** Whole rials, negative in corrections: `"-150000"`. */
export const StoredSignedRial = z.string().regex(/^(0|-?[1-9]\d*)$/, 'signed whole rials');

/** An ISO 8601 instant with its zone, as recorded: `2026-11-29T07:00:00.000Z`. */
export const StoredInstant = z.iso.datetime({ offset: true });

export * from './primitives/digits';
export * from './primitives/iranianIds';
export * from './primitives/jalali';
export * from './primitives/jalaliPeriod';
export * from './primitives/provinces';
export * from './primitives/rials';
