/**
 * Reference request signer for gateways (درگاه پرداخت) and PSPs (پرداخت‌یار), in TypeScript with
 * Node's own crypto and fetch: copy this file, it depends on nothing else. Every signed request
 * carries `X-Pishkhan-Timestamp` (unix seconds) and `X-Pishkhan-Signature`: hex
 * HMAC-SHA256 under the signing secret of `timestamp \n METHOD \n path-with-query \n raw body`.
 */
import { createHmac } from 'node:crypto';

export interface SigningCredential {
  /** The bearer token (`pk_…`), shown once when the terminal or PSP was registered. */
  token: string;
  /** The signing secret (a terminal's) or key (a PSP's), shown once beside the token. */
  secret: string;
}

/** The hex signature of one request: the bytes of `body` exactly as they are sent. */
export function signature(
  secret: string,
  timestamp: string,
  method: string,
  pathWithQuery: string,
  body: string | Uint8Array = '',
): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}\n${method.toUpperCase()}\n${pathWithQuery}\n`, 'utf8')
    .update(body)
    .digest('hex');
}

/** The three headers a signed request carries; `timestamp` defaults to now. */
export function signedHeaders(
  credential: SigningCredential,
  method: string,
  pathWithQuery: string,
  body: string | Uint8Array = '',
  timestamp: string = String(Math.floor(Date.now() / 1000)),
): Record<string, string> {
  return {
    authorization: `Bearer ${credential.token}`,
    'x-pishkhan-timestamp': timestamp,
    'x-pishkhan-signature': signature(credential.secret, timestamp, method, pathWithQuery, body),
  };
}

/**
 * Sends one signed request. A signature is accepted once: a retry calls this again, which
 * signs anew (idempotency is the payment's RRN and `Idempotency-Key`, not the signature).
 */
export function signedFetch(
  credential: SigningCredential,
  method: string,
  url: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const { pathname, search } = new URL(url);
  return fetch(url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
      ...signedHeaders(credential, method, pathname + search, body ?? ''),
    },
    ...(body === undefined ? {} : { body }),
  });
}
