import type { Clock } from '../clock';

/**
 * A console session (نشست پیشخوان) as the request memory keeps it: never its id, only the
 * SHA-256 of it, and the digest of the credential token it was opened with, so every use
 * finds the credential again and a revoked or expired credential ends its sessions.
 */
export interface SessionRecord {
  /** SHA-256 (hex) of the session id; the id itself is only in the browser's cookie. */
  digest: string;
  credentialId: string;
  /** SHA-256 (hex) of the credential's bearer token, as the credential registry keys it. */
  tokenDigest: string;
  /** Idle timeout: the session ends this long after its last use. */
  idleMs: number;
}

/** What a live session answers on use: its credential, and when it ends if unused again. */
export interface LiveSession {
  credentialId: string;
  tokenDigest: string;
  expiresAtMs: number;
}

/** Console sessions, where the request memory is kept: shared by every node with EVENT_STORE=postgres. */
export interface SessionStore {
  /** Keeps a new session; a credential keeps at most `maxSessionsPerCredential`, the least recently used dropped first. */
  open(record: SessionRecord): Promise<void>;
  /** The live session by digest, its idle expiry moved to now + idle; undefined when unknown or idle too long. */
  use(digest: string): Promise<LiveSession | undefined>;
  /** Ends the session at once (sign-out), on every node. */
  end(digest: string): Promise<void>;
}

/** Sessions one credential may hold at once (one per browser it is signed into). */
export const maxSessionsPerCredential = 20;

/**
 * This node's sessions, for the embedded store. Bounded: at most `maxSessionsPerCredential` per
 * credential, and expired sessions are swept once more than `sweepAbove` are held.
 */
export function localSessions(clock: Clock, sweepAbove = 10_000): SessionStore {
  const sessions = new Map<string, SessionRecord & { expiresAtMs: number }>();
  const sweep = (now: number) => {
    for (const [digest, s] of sessions) if (s.expiresAtMs < now) sessions.delete(digest);
  };
  return {
    open(record) {
      const now = clock.now().getTime();
      if (sessions.size > sweepAbove) sweep(now);
      const own = [...sessions.values()]
        .filter((s) => s.credentialId === record.credentialId)
        .sort((a, b) => a.expiresAtMs - a.idleMs - (b.expiresAtMs - b.idleMs));
      for (const s of own.slice(0, Math.max(0, own.length - maxSessionsPerCredential + 1)))
        sessions.delete(s.digest);
      sessions.set(record.digest, { ...record, expiresAtMs: now + record.idleMs });
      return Promise.resolve();
    },
    use(digest) {
      const now = clock.now().getTime();
      const s = sessions.get(digest);
      if (!s) return Promise.resolve(undefined);
      if (s.expiresAtMs < now) {
        sessions.delete(digest);
        return Promise.resolve(undefined);
      }
      s.expiresAtMs = now + s.idleMs;
      return Promise.resolve({
        credentialId: s.credentialId,
        tokenDigest: s.tokenDigest,
        expiresAtMs: s.expiresAtMs,
      });
    },
    end(digest) {
      sessions.delete(digest);
      return Promise.resolve();
    },
  };
}
