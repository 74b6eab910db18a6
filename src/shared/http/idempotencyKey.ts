import { ValidationError } from '../errors';

/** The request's `Idempotency-Key`, when it sent one: 1 to 100 visible ASCII characters. */
export function idempotencyKeyOf(header: (name: string) => string | undefined): string | undefined {
  const key = header('idempotency-key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,100}$/.test(key)) {
    throw new ValidationError('Invalid Idempotency-Key', [
      { path: 'Idempotency-Key', message: '1 to 100 visible ASCII characters' },
    ]);
  }
  return key;
}
