import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../secrets';

/**
 * The console's session cookie (کوکی نشست): the session id, 256 random bits; the server keeps
 * only its SHA-256. HttpOnly, SameSite=Strict, Path=/, Secure when the request came over TLS.
 */
export const sessionCookie = 'pishkhan_session';
export const csrfHeader = 'x-csrf-token';

export const newSessionId = () => randomBytes(32).toString('base64url');
export const sessionDigest = (sessionId: string) => sha256Hex(`session\n${sessionId}`);
/**
 * The session's CSRF token: derived from the id, so nothing more is stored and it cannot be
 * derived from what is stored (a different digest of the id).
 */
export const csrfTokenOf = (sessionId: string) => sha256Hex(`csrf\n${sessionId}`);

/** The session id a `Cookie` header carries, if it has a well-formed one. */
export function sessionIdOf(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== sessionCookie) continue;
    const value = part.slice(eq + 1).trim();
    if (/^[A-Za-z0-9_-]{43}$/.test(value)) return value;
  }
  return undefined;
}

export function setSessionCookie(sessionId: string, secure: boolean): string {
  return `${sessionCookie}=${sessionId}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function clearSessionCookie(secure: boolean): string {
  return `${sessionCookie}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** Methods that change state; a cookie-authenticated one must carry the session's CSRF token. */
export const changesState = (method: string) =>
  method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE';
