import { z } from 'zod';

/**
 * Primitives as events store them (already normalised at the edge): whole rials as decimal
 * strings (ریال), ISO instants. The HTTP contracts accept looser input (Persian digits, Jalali
 * dates) and normalise it before anything is recorded.
 */

/** Whole rials, not negative, as a decimal string without exponent: `"1500000"`. */
export const StoredRial = z.string().regex(/^(0|[1-9]\d*)$/, 'whole rials as decimal digits');

/** The text of signed whole rials: no sign on zero, no leading zeros. */
export const signedRialPattern = /^(0|-?[1-9]\d*)$/;

/** Whole rials, negative in corrections: `"-150000"`. */
export const StoredSignedRial = z.string().regex(signedRialPattern, 'signed whole rials');

/** An ISO 8601 instant with its zone, as recorded: `2026-11-29T07:00:00.000Z`. */
export const StoredInstant = z.iso.datetime({ offset: true });

/**
 * A province (استان) as recorded: an ISO 3166-2:IR code. Events keep the code they were
 * recorded with, so a retired code (`IR-31`) still reads back; it is refused only at the edge.
 */
export const StoredProvince = z.string().regex(/^IR-\d{2}$/, 'an ISO 3166-2:IR code like IR-23');

/** A Jalali half-year (نیمسال), the period of a catalogue: `1405-H2`. */
export const StoredHalfYear = z.string().regex(/^1[34]\d\d-H[12]$/, 'a half-year like 1405-H2');

/** A Jalali day (تاریخ شمسی) as recorded: `1405/01/01`. */
export const StoredJalaliDate = z
  .string()
  .regex(/^1[34]\d\d\/\d{2}\/\d{2}$/, 'a Jalali day like 1405/01/01');

/** Sheba (شبا), Iran's IBAN, in its canonical form: `IR` and 24 digits. */
export const StoredSheba = z.string().regex(/^IR\d{24}$/, 'IR and 24 digits');

/** Legal id (شناسه ملی اشخاص حقوقی), 11 digits. */
export const StoredLegalId = z.string().regex(/^\d{11}$/, '11 digits');

/** National id (کد ملی), 10 digits. */
export const StoredNationalId = z.string().regex(/^\d{10}$/, '10 digits');

/** Postal code (کد پستی), 10 digits. */
export const StoredPostalCode = z.string().regex(/^\d{10}$/, '10 digits');

/** A secret encrypted at rest (AES-256-GCM): base64 of its nonce, tag and ciphertext. */
export const StoredSealedSecret = z.object({
  iv: z.string(),
  tag: z.string(),
  ciphertext: z.string(),
});

export * from './primitives/digits';
export * from './primitives/iranianIds';
export * from './primitives/jalali';
export * from './primitives/jalaliPeriod';
export * from './primitives/provinces';
export * from './primitives/rials';
