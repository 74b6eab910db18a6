import { randomInt } from 'node:crypto';
import { normaliseDigits } from '../shared/digits';

/**
 * A case's tracking code (کد رهگیری): 12 digits, the last a Luhn check digit so a mistyped
 * code is caught before any look-up. Random, not sequential, so codes cannot be guessed
 * from one another.
 */
export type TrackingCode = string;

function luhnDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function newTrackingCode(random: (max: number) => number = randomInt): TrackingCode {
  const body = `${1 + random(9)}${Array.from({ length: 10 }, () => random(10)).join('')}`;
  return `${body}${luhnDigit(body)}`;
}

/** The code in ASCII digits if it is well formed (Persian digits and spaces or dashes allowed), else undefined. */
export function readTrackingCode(input: string): TrackingCode | undefined {
  const code = normaliseDigits(input).replace(/[\s-]/g, '');
  if (!/^[1-9]\d{11}$/.test(code)) return undefined;
  return luhnDigit(code.slice(0, 11)) === Number(code[11]) ? code : undefined;
}
