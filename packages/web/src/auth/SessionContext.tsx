/** Who is signed in. The token lives in sessionStorage; `GET /auth/me` says who and which roles. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setUnauthorizedListener, tokenStore } from '../api/client';
import { fetchCurrentUser, forgetSession, login, logout, type CurrentUser, type Role } from '../api/auth.resource';

type SessionStatus = 'checking' | 'signed-out' | 'signed-in';

interface Session {
  status: SessionStatus;
  user?: CurrentUser;
  /** Set when the server ended the session (401), so the login page can say so. */
  expired: boolean;
  signIn: (username: string, password: string) => Promise<CurrentUser>;
  /** Ends the session here at once and asks the server to revoke the token (resolves when it has answered). */
  signOut: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>(() => (tokenStore.get() ? 'checking' : 'signed-out'));
  const [user, setUser] = useState<CurrentUser>();
  const [expired, setExpired] = useState(false);

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
    if (status !== 'checking') return;
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
  }, [status]);

  const signIn = useCallback(async (username: string, password: string) => {
    await login(username, password);
    const me = await fetchCurrentUser();
    setUser(me);
    setExpired(false);
    setStatus('signed-in');
    return me;
  }, []);

  const value = useMemo<Session>(
    () => ({ status, user, expired, signIn, signOut, hasRole: (...roles) => !!user && user.roles.some((r) => roles.includes(r)) }),
    [status, user, expired, signIn, signOut],
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
