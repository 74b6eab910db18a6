import { randomBytes } from 'node:crypto';
import type { DataExchange } from '../../src/dataAccess';
import { ProviderUnavailableError } from '../../src/shared/errors';

/**
 * An in-process data-exchange port for suites about authorization and input handling, not
 * transport: it "sends" codes into `codes` and answers every item with made-up data. The
 * transport is tested against the stand-in provider over mutual TLS (test/api/dataAccess*).
 */
export function fakeExchange(): DataExchange & { codes: Map<string, string>; failNext: number } {
  const codes = new Map<string, string>();
  return {
    codes,
    /** How many of the next look-ups fail as an unavailable provider. */
    failNext: 0,
    sendCode(_target, r) {
      codes.set(r.nationalId, r.code);
      return Promise.resolve({ reference: `FAKE-${randomBytes(4).toString('hex')}` });
    },
    lookup(_target, r) {
      if (this.failNext > 0) {
        this.failNext -= 1;
        return Promise.reject(new ProviderUnavailableError('unavailable', 1, 1, 'fake failure'));
      }
      return Promise.resolve({
        reference: `FAKE-${randomBytes(4).toString('hex')}`,
        data: Object.fromEntries(r.items.map((i) => [i, `${i} value`])),
      });
    },
  };
}
