import { createHmac } from 'node:crypto';
import { jalaliDateOf as tehranJalaliDay } from '../shared/jalaliPeriod';
import { sha256Bytes, sha256Hex, type SecretBox } from '../shared/secrets';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A payment's id is its card-network identity: terminal, RRN (شماره مرجع) and the
 * Jalali transaction day in Tehran. A retry of the same transaction lands on the same
 * stream, so a duplicate is caught by the store itself (`no_stream`), on every node.
 */
export function paymentIdOf(terminalId: string, rrn: string, transactionTime: Date): string {
  const d = tehranJalaliDay(transactionTime);
  return `${terminalId}-${d.jy}${pad(d.jm)}${pad(d.jd)}-${rrn}`;
}

/** A UUID (version 8, name-based on SHA-256) that is the same for the same name. */
export function deterministicUuid(name: string): string {
  const h = sha256Bytes(name);
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** Fingerprint of a normalised request: equal content, equal fingerprint. */
export function fingerprintOf(value: unknown): string {
  return sha256Hex(JSON.stringify(value));
}

export interface PaymentKeys {
  /** Citizen's tracking code (کد رهگیری), 16 digits: keyed, so it cannot be guessed from the RRN. */
  trackingCode(paymentId: string): string;
  /** Keyed hash of a national id (کد ملی): payments of one citizen can be linked, the id never read back. */
  customerRef(nationalId: string): string;
}

export function paymentKeys(secrets: SecretBox): PaymentKeys {
  const tracking = secrets.derive('payments/tracking-code');
  const customer = secrets.derive('payments/national-id');
  return {
    trackingCode(paymentId) {
      const n = createHmac('sha256', tracking)
        .update(paymentId, 'utf8')
        .digest()
        .readBigUInt64BE(0);
      return (n % 10n ** 16n).toString().padStart(16, '0');
    },
    customerRef(nationalId) {
      return `hmac-sha256:${createHmac('sha256', customer).update(nationalId, 'utf8').digest('hex')}`;
    },
  };
}
