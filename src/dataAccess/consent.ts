import { createHmac, randomInt } from 'node:crypto';
import type {
  ConsentCodeIssued,
  ConsentCodeRejected,
  ConsentCodeUsed,
  ConsentLookupReleased,
  ConsentLookupReserved,
} from '../../contracts/events/dataAccess';
import type { SecretBox } from '../shared/secrets';

export { consentStream } from '../../contracts/events/dataAccess';

export type ConsentEvent =
  | ConsentCodeIssued
  | ConsentCodeRejected
  | ConsentLookupReserved
  | ConsentLookupReleased
  | ConsentCodeUsed;

/**
 * A customer's consent (رضایت مشتری) to one service delivery, or to one look-at of their own
 * history: the keyed hash of the one-time code sent to their registered mobile, how many wrong
 * codes were given, and which look-ups it has counted.
 */
export type ConsentState =
  | { status: 'none' }
  | {
      status: 'issued';
      issued: ConsentCodeIssued;
      failures: number;
      reserved: string[];
      released: string[];
      used: boolean;
    };

export const initialConsent = (): ConsentState => ({ status: 'none' });

export function evolveConsent(s: ConsentState, e: ConsentEvent): ConsentState {
  if (e.type === 'ConsentCodeIssued')
    return { status: 'issued', issued: e, failures: 0, reserved: [], released: [], used: false };
  if (s.status !== 'issued') return s;
  switch (e.type) {
    case 'ConsentCodeRejected':
      return { ...s, failures: e.failures };
    case 'ConsentLookupReserved':
      return { ...s, reserved: [...s.reserved, e.accessId] };
    case 'ConsentLookupReleased':
      return { ...s, released: [...s.released, e.accessId] };
    case 'ConsentCodeUsed':
      return { ...s, used: true };
  }
}

/** Look-ups a delivery has used: reserved and not given back by a provider failure. */
export const lookupsUsed = (s: Extract<ConsentState, { status: 'issued' }>) =>
  s.reserved.filter((id) => !s.released.includes(id)).length;

/** Wrong codes after which a consent is spent and a new code must be asked for. */
export const maxCodeFailures = 5;

/** How long a one-time code is valid. */
export const consentTtlMs = 10 * 60_000;

/** A six-digit one-time code (رمز یک‌بارمصرف). */
export const newConsentCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * Codes are kept only as an HMAC bound to their consent, under a key of their own: six digits
 * could be tried exhaustively against a plain hash, not against a keyed one.
 */
export function consentCodes(secrets: SecretBox) {
  const key = secrets.derive('data-access/consent-code');
  const hash = (consentId: string, code: string) =>
    `hmac-sha256:${createHmac('sha256', key).update(`${consentId}:${code}`, 'utf8').digest('hex')}`;
  return { hash };
}
