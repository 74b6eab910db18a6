import {
  isShebaValid,
  validateNationalIdChecksum,
  verifyIranianLegalId,
} from '@persian-tools/persian-tools';
import { normaliseDigits } from './digits';

/**
 * Iranian identifiers, each checked after trimming, removing spaces and dashes, and
 * normalising Persian/Arabic-Indic digits. Every check returns the canonical form or
 * `undefined`, so callers store one spelling.
 */
function canonical(input: string): string {
  return normaliseDigits(input)
    .replace(/[\s\u200c-]/g, '')
    .toUpperCase();
}

/**
 * National id (کد ملی): 10 digits, the last a check digit. Own code, not the library's
 * `verifyIranianNationalId`: that one left-pads 8- and 9-digit input and accepts an
 * 11-digit string with a leading zero, and by default rejects ids whose first three
 * digits are missing from its city list (which is incomplete). Here the id must have
 * exactly 10 digits, not all the same, and the checksum must hold.
 */
export function nationalId(input: string): string | undefined {
  const id = canonical(input);
  if (!/^\d{10}$/.test(id) || /^(\d)\1{9}$/.test(id)) return undefined;
  if (id.slice(3, 9) === '000000') return undefined;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(id[i]) * (10 - i);
  const r = sum % 11;
  const check = r < 2 ? r : 11 - r;
  return Number(id[9]) === check ? id : undefined;
}

/** The library's checksum, kept for the cross-check test only. */
export const libraryNationalIdChecksum = validateNationalIdChecksum;

/**
 * Legal id (شناسه ملی اشخاص حقوقی): 11 digits with a check digit. The library's
 * algorithm is right but it accepts longer strings and trailing non-digits
 * ("10380284790x"), so the shape is checked here first.
 */
export function legalId(input: string): string | undefined {
  const id = canonical(input);
  if (!/^\d{11}$/.test(id)) return undefined;
  return verifyIranianLegalId(id) === true ? id : undefined;
}

/**
 * Sheba (شبا), Iran's IBAN: `IR` + 24 digits, ISO 7064 mod-97 check. The library checks
 * mod-97 correctly but also accepts the 24 digits without `IR`; the shape is fixed here.
 */
export function sheba(input: string): string | undefined {
  const id = canonical(input);
  if (!/^IR\d{24}$/.test(id)) return undefined;
  return isShebaValid(id) ? id : undefined;
}

/**
 * Mobile number (شماره همراه), canonical `09xxxxxxxxx`. Own shape check: the library's
 * `isPhoneNumberValid` keeps a list of operator prefixes that goes stale (it rejects the
 * MCI prefix 0934, for one), so only the shape of an Iranian mobile number is checked.
 */
export function mobile(input: string): string | undefined {
  const id = canonical(input).replace(/^(?:\+98|0098|98|0)(?=9\d{9}$)/, '');
  return /^9\d{9}$/.test(id) ? `0${id}` : undefined;
}

/**
 * Postal code (کد پستی): 10 digits; the first five (the area part) never contain 0 or 2.
 * This is a shape check only; whether the code is assigned needs the postal service.
 */
export function postalCode(input: string): string | undefined {
  const id = canonical(input);
  return /^[13-9]{5}\d{5}$/.test(id) ? id : undefined;
}
