import { createHmac } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Clock } from '../clock';
import { ForbiddenError, UnauthorizedError } from '../errors';
import { safeEqualHex, tokenDigest, type SealedSecret, type SecretBox } from '../secrets';
import type { Principal } from './policy';
import type { RequestMemory } from './requestMemory';
import { changesState, csrfHeader, csrfTokenOf, sessionDigest, sessionIdOf } from './session';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      principal?: Principal;
      rawBody?: Buffer;
    }
  }
}

/** What authentication needs to know about a credential. */
export interface KnownCredential {
  principal: Principal;
  expiresAt: string;
  revokedAt?: string;
  signingSecret?: SealedSecret;
  /** Rotated-out secrets, each accepted until its `validUntil`. */
  previousSigningSecrets?: ReadonlyArray<{ secret: SealedSecret; validUntil: string }>;
}

export interface AuthDeps {
  lookup(tokenDigest: string): Promise<KnownCredential | undefined>;
  secrets: SecretBox;
  clock: Clock;
  /** Where used signatures are remembered: shared by every node with EVENT_STORE=postgres. */
  memory: RequestMemory;
}

export const signatureHeaders = {
  timestamp: 'x-pishkhan-timestamp',
  signature: 'x-pishkhan-signature',
} as const;
/** How far a gateway's clock (its signature's timestamp) may be from ours. */
export const signatureWindowMs = 5 * 60 * 1000;

/**
 * How far nodes' clocks may differ: a signature is remembered until its timestamp has been
 * outside the window this long, after which no node (each judging by its own clock) still takes it.
 */
export const clockSpreadMs = 60 * 1000;

/** The bytes a gateway signs: timestamp, method, path with query, and the raw body, joined by newlines. */
export function signingPayload(
  timestamp: string,
  method: string,
  path: string,
  rawBody: Buffer | string,
): Buffer {
  return Buffer.concat([
    Buffer.from(`${timestamp}\n${method.toUpperCase()}\n${path}\n`, 'utf8'),
    Buffer.from(rawBody),
  ]);
}

export function sign(
  secret: string,
  timestamp: string,
  method: string,
  path: string,
  rawBody: Buffer | string,
): string {
  return createHmac('sha256', secret)
    .update(signingPayload(timestamp, method, path, rawBody))
    .digest('hex');
}

/** What authentication reads of a request, whatever serves it. */
export interface Credentials {
  authorization: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  method: string;
  /** Path and query as sent, which the gateway signed. */
  url: string;
  rawBody: Buffer | undefined;
  /** The `Cookie` header: the console's session, used only when no `Authorization` is sent. */
  cookie?: string | undefined;
  /** The `X-CSRF-Token` header, required with a session on every state-changing method. */
  csrfToken?: string | undefined;
}

/** Gateways and PSPs are machines that sign every request: they never hold a console session. */
export const signsEveryRequest = (principal: Principal) =>
  principal.role === 'gateway' || principal.role === 'psp';

/** Why a known credential may not be used now, or undefined when it may. */
export function credentialRefusal(credential: KnownCredential, now: Date): string | undefined {
  if (credential.revokedAt) return 'Unknown or revoked token';
  if (new Date(credential.expiresAt) <= now) return 'The token has expired';
  return undefined;
}

/** A request's principal, or undefined when it carries no token. */
export type Authenticator = (request: Credentials) => Promise<Principal | undefined>;

/**
 * Resolves `Authorization: Bearer …` into a principal. Requests without a token are
 * unauthenticated (public routes exist); a token that is unknown, revoked or expired
 * is refused. Gateways and PSPs must also sign every request (HMAC-SHA256, see signingPayload).
 * One authenticator serves express and the direct lane, so a signature is used once on either.
 * Without `Authorization`, the console's session cookie stands for the credential it was opened
 * with (same principal); an unknown, idle or ended session is no session (anonymous), and a
 * state-changing request on a session must carry its `X-CSRF-Token` (403 otherwise).
 */
export function authenticator(deps: AuthDeps): Authenticator {
  /** Decrypted secrets by sealed object: the registry keeps one object per secret, so this is bounded by it. */
  const openedSecrets = new WeakMap<SealedSecret, string>();
  function opened(sealed: SealedSecret): string {
    let plain = openedSecrets.get(sealed);
    if (plain === undefined) openedSecrets.set(sealed, (plain = deps.secrets.open(sealed)));
    return plain;
  }

  async function verifySignature(request: Credentials, credential: KnownCredential): Promise<void> {
    const sealed = credential.signingSecret;
    const timestamp = request.timestamp ?? '';
    const signature = (request.signature ?? '').toLowerCase();
    if (!sealed || !/^\d{9,11}$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(signature)) {
      throw new UnauthorizedError('Gateway and PSP requests must be signed');
    }
    const skew = Math.abs(deps.clock.now().getTime() - Number(timestamp) * 1000);
    if (skew > signatureWindowMs)
      throw new UnauthorizedError('The request timestamp is outside the 5-minute window');
    const now = deps.clock.now().toISOString();
    const valid = [
      sealed,
      ...(credential.previousSigningSecrets ?? [])
        .filter((p) => p.validUntil > now)
        .map((p) => p.secret),
    ];
    const matches = valid.some((s) =>
      safeEqualHex(
        sign(opened(s), timestamp, request.method, request.url, request.rawBody ?? ''),
        signature,
      ),
    );
    if (!matches) throw new UnauthorizedError('Bad signature');
    const rememberUntil = Number(timestamp) * 1000 + signatureWindowMs + clockSpreadMs;
    if (!(await deps.memory.firstUse(signature, rememberUntil)))
      throw new UnauthorizedError(
        'This signature was already used: sign a retry anew with a fresh timestamp (the RRN and Idempotency-Key keep it one payment)',
      );
  }

  async function fromSession(request: Credentials): Promise<Principal | undefined> {
    const sessionId = sessionIdOf(request.cookie);
    if (!sessionId) return undefined;
    const digest = sessionDigest(sessionId);
    const live = await deps.memory.sessions.use(digest);
    if (!live) return undefined;
    const credential = await deps.lookup(live.tokenDigest);
    if (
      !credential ||
      credentialRefusal(credential, deps.clock.now()) ||
      signsEveryRequest(credential.principal)
    ) {
      await deps.memory.sessions.end(digest);
      return undefined;
    }
    if (
      changesState(request.method.toUpperCase()) &&
      !safeEqualHex(csrfTokenOf(sessionId), request.csrfToken ?? '')
    )
      throw new ForbiddenError(`A console request that changes anything must carry ${csrfHeader}`);
    return credential.principal;
  }

  return async (request) => {
    const header = request.authorization;
    if (!header) return fromSession(request);
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedError('Use Authorization: Bearer <token>');
    const credential = await deps.lookup(tokenDigest(match[1]!));
    if (!credential) throw new UnauthorizedError('Unknown or revoked token');
    const refusal = credentialRefusal(credential, deps.clock.now());
    if (refusal) throw new UnauthorizedError(refusal);
    if (signsEveryRequest(credential.principal)) await verifySignature(request, credential);
    return credential.principal;
  };
}

/** Express's end of an authenticator: sets `req.principal`. */
export function authenticate(principalOf: Authenticator): RequestHandler {
  return async (req, _res, next) => {
    const principal = await principalOf({
      authorization: req.header('authorization'),
      timestamp: req.header(signatureHeaders.timestamp),
      signature: req.header(signatureHeaders.signature),
      method: req.method,
      url: req.originalUrl,
      rawBody: req.rawBody,
      cookie: req.header('cookie'),
      csrfToken: req.header(csrfHeader),
    });
    if (principal) req.principal = principal;
    next();
  };
}
