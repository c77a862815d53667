/**
 * Who is signed in. Sign-in goes through Ovi's OpenID provider (codeFlow.ts) and ends with
 * Ovi's session token, which lives in sessionStorage; `GET /auth/me` says who and which roles.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setUnauthorizedListener, tokenStore } from '../api/client';
import { fetchCurrentUser, forgetSession, logout, type CurrentUser, type Role } from '../api/auth.resource';
import { useRouter } from '../app/router';
import { finishRedirectSignIn, isCallback, SignInFailed, signInWithPassword, type SignInFailure } from './codeFlow';

type SessionStatus = 'checking' | 'signed-out' | 'signed-in';

interface Session {
  status: SessionStatus;
  user?: CurrentUser;
  /** Set when the server ended the session (401), so the login page can say so. */
  expired: boolean;
  /** Why a sign-in that left the page (the region's) did not succeed, for the log-in screen. */
  signInFailure?: SignInFailure;
  signIn: (username: string, password: string) => Promise<CurrentUser>;
  /** Ends the session here at once and asks the server to revoke the token (resolves when it has answered). */
  signOut: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { navigate } = useRouter();
  // Back from the region's sign-in on the callback route: the code is exchanged first (below).
  const [returning] = useState(isCallback);
  const [status, setStatus] = useState<SessionStatus>(() => (returning || tokenStore.get() ? 'checking' : 'signed-out'));
  const [user, setUser] = useState<CurrentUser>();
  const [expired, setExpired] = useState(false);
  const [signInFailure, setSignInFailure] = useState<SignInFailure>();

  const signOut = useCallback(async () => {
    // The token leaves this browser before the server answers; the screen changes at once.
    const revoked = logout();
    setUser(undefined);
    setExpired(false);
    setStatus('signed-out');
    await revoked;
  }, []);

  useEffect(() => {
    setUnauthorizedListener(() => {
      forgetSession();
      setUser(undefined);
      setExpired(true);
      setStatus('signed-out');
    });
    return () => setUnauthorizedListener(undefined);
  }, []);

  useEffect(() => {
    if (!returning) return;
    let cancelled = false;
    finishRedirectSignIn()
      .then(async ({ token, returnTo }) => {
        tokenStore.set(token);
        const me = await fetchCurrentUser();
        if (cancelled) return;
        setUser(me);
        setStatus('signed-in');
        // Only a path of this app: never anywhere else.
        navigate(returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/', { replace: true });
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        forgetSession();
        setSignInFailure(e instanceof SignInFailed ? e.reason : 'failed');
        setStatus('signed-out');
        navigate('/', { replace: true });
      });
    return () => {
      cancelled = true;
    };
  }, [returning, navigate]);

  useEffect(() => {
    if (status !== 'checking' || returning) return;
    let cancelled = false;
    fetchCurrentUser()
      .then((me) => {
        if (cancelled) return;
        setUser(me);
        setStatus('signed-in');
      })
      .catch(() => {
        if (cancelled) return;
        forgetSession();
        setStatus('signed-out');
      });
    return () => {
      cancelled = true;
    };
  }, [status, returning]);

  const signIn = useCallback(async (username: string, password: string) => {
    tokenStore.set(await signInWithPassword(username, password));
    const me = await fetchCurrentUser();
    setUser(me);
    setExpired(false);
    setSignInFailure(undefined);
    setStatus('signed-in');
    return me;
  }, []);

  const value = useMemo<Session>(
    () => ({ status, user, expired, signInFailure, signIn, signOut, hasRole: (...roles) => !!user && user.roles.some((r) => roles.includes(r)) }),
    [status, user, expired, signInFailure, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only for screens shown after sign-in. */
export function useUser(): CurrentUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
