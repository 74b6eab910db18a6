import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { api, Failure, networkFailure, session, unwrap, type Schemas } from './api/client';

export type Role = Schemas['Role'];
export type Scope = Schemas['CredentialScope'];

/** Why the sign-in screen is shown. */
export type SignedOutReason = 'none' | 'idle' | 'ended' | 'signedOut';

export type SessionView =
  | { state: 'checking' }
  | { state: 'signedOut'; reason: SignedOutReason }
  | { state: 'signedIn'; role: Role; scope: Scope };

interface SessionApi {
  view: SessionView;
  signIn: (token: string) => Promise<Failure | undefined>;
  signOut: () => Promise<void>;
}

const Context = createContext<SessionApi | undefined>(undefined);

/**
 * The console's session: asked of the server at start (the cookie is HttpOnly), opened by
 * sign-in, closed by sign-out, and ended here too when the server's idle timeout passes
 * without a request or any request answers 401.
 */
export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [view, setView] = useState<SessionView>({ state: 'checking' });
  const idle = useRef<{ ms: number; timer?: ReturnType<typeof setTimeout> }>({ ms: 0 });

  const end = (reason: SignedOutReason) => {
    clearTimeout(idle.current.timer);
    idle.current.ms = 0;
    delete session.csrfToken;
    setView({ state: 'signedOut', reason });
  };
  const armIdle = () => {
    clearTimeout(idle.current.timer);
    if (idle.current.ms > 0)
      idle.current.timer = setTimeout(() => {
        // The server ends it by itself at the same moment; this makes sure, on every node.
        const headers = { 'X-CSRF-Token': session.csrfToken ?? '' };
        void api.DELETE('/v1/session', { headers }).catch(() => undefined);
        end('idle');
      }, idle.current.ms);
  };
  const accept = (s: Schemas['ConsoleSession']) => {
    if (s.csrfToken) session.csrfToken = s.csrfToken;
    idle.current.ms = s.expiresAt ? Math.max(0, Date.parse(s.expiresAt.iso) - Date.now()) : 0;
    armIdle();
    setView({ state: 'signedIn', role: s.role, scope: s.scope });
  };

  useEffect(() => {
    session.onEnded = () => end('ended');
    session.onUsed = armIdle;
    unwrap(api.GET('/v1/session')).then(accept, () => end('none'));
    return () => clearTimeout(idle.current.timer);
  }, []);

  const value: SessionApi = {
    view,
    async signIn(token) {
      try {
        accept(await unwrap(api.POST('/v1/session', { body: { token } })));
        return undefined;
      } catch (failure) {
        return failure instanceof Failure ? failure : networkFailure();
      }
    },
    async signOut() {
      await api.DELETE('/v1/session').catch(() => undefined);
      end('signedOut');
    },
  };
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): SessionApi {
  const s = useContext(Context);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in principal, for screens that only render signed in. */
export function useSignedIn(): { role: Role; scope: Scope } {
  const { view } = useSession();
  if (view.state !== 'signedIn') throw new Error('not signed in');
  return view;
}
