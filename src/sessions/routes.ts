import { Router } from 'express';
import { sessionRoutes as s } from '../../contracts/sessions';
import type { Clock } from '../shared/clock';
import { ForbiddenError, UnauthorizedError } from '../shared/errors';
import { credentialRefusal, signsEveryRequest, type KnownCredential } from '../shared/http/auth';
import { mount } from '../shared/http/mount';
import type { Principal } from '../shared/http/policy';
import {
  clearSessionCookie,
  csrfTokenOf,
  newSessionId,
  sessionDigest,
  sessionIdOf,
  setSessionCookie,
} from '../shared/http/session';
import type { SessionStore } from '../shared/http/sessionStore';
import { instant } from '../shared/jalali';
import { tokenDigest } from '../shared/secrets';

export interface SessionDeps {
  clock: Clock;
  sessions: SessionStore;
  lookup(tokenDigest: string): Promise<KnownCredential | undefined>;
  /** CONSOLE_IDLE_MINUTES: a session unused this long ends. */
  idleMinutes: number;
}

const noStore = { 'Cache-Control': 'no-store' };

function roleAndScope(principal: Principal) {
  const { credentialId: _id, role, ...scope } = principal;
  return { role, scope };
}

/**
 * The console's sign-in (ورود به پیشخوان): a credential's bearer token is exchanged once for a
 * session cookie, and the cookie then stands for the credential on every route, with the same
 * role and scope. The token itself never reaches the browser's storage.
 */
export function sessionsRouter(deps: SessionDeps): Router {
  const router = Router();
  const idleMs = deps.idleMinutes * 60_000;

  mount(router, s.open, async ({ body, secure }) => {
    const digest = tokenDigest(body.token.trim());
    const credential = await deps.lookup(digest);
    if (!credential) throw new UnauthorizedError('Unknown or revoked token');
    const refusal = credentialRefusal(credential, deps.clock.now());
    if (refusal) throw new UnauthorizedError(refusal);
    if (signsEveryRequest(credential.principal))
      throw new ForbiddenError('Gateway and PSP credentials sign every request: no session');
    const sessionId = newSessionId();
    await deps.sessions.open({
      digest: sessionDigest(sessionId),
      credentialId: credential.principal.credentialId,
      tokenDigest: digest,
      idleMs,
    });
    return {
      status: 201,
      headers: { ...noStore, 'Set-Cookie': setSessionCookie(sessionId, secure ?? false) },
      body: {
        ...roleAndScope(credential.principal),
        csrfToken: csrfTokenOf(sessionId),
        expiresAt: instant(new Date(deps.clock.now().getTime() + idleMs)),
      },
    };
  });

  mount(router, s.read, async ({ principal, header }) => {
    const sessionId = header('authorization') ? undefined : sessionIdOf(header('cookie'));
    const live = sessionId ? await deps.sessions.use(sessionDigest(sessionId)) : undefined;
    return {
      status: 200,
      headers: noStore,
      body: {
        ...roleAndScope(principal),
        ...(sessionId && live
          ? {
              csrfToken: csrfTokenOf(sessionId),
              expiresAt: instant(new Date(live.expiresAtMs)),
            }
          : {}),
      },
    };
  });

  mount(router, s.end, async ({ header, secure }) => {
    const sessionId = header('authorization') ? undefined : sessionIdOf(header('cookie'));
    if (sessionId) await deps.sessions.end(sessionDigest(sessionId));
    return {
      status: 204,
      headers: { ...noStore, 'Set-Cookie': clearSessionCookie(secure ?? false) },
    };
  });

  return router;
}
