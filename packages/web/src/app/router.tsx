/**
 * A tiny history-API router: the server falls back to index.html for the app's paths,
 * so plain URLs work on reload. `state` carries a one-off message to the next screen.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

interface Location {
  path: string;
  state: unknown;
  /** Counts navigations inside the app, so the first screen does not steal focus. */
  navigations: number;
}

export interface NavigateOptions {
  /** A one-off value for the next screen, e.g. `{ flash: 'decision-done' }`. */
  state?: unknown;
  /** Replace the current history entry instead of adding one. */
  replace?: boolean;
}

interface Router extends Location {
  navigate: (to: string, options?: NavigateOptions) => void;
}

const RouterContext = createContext<Router | undefined>(undefined);

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState<Location>(() => ({ path: window.location.pathname, state: history.state as unknown, navigations: 0 }));

  useEffect(() => {
    const onPop = () => setLocation((l) => ({ path: window.location.pathname, state: history.state as unknown, navigations: l.navigations + 1 }));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((to: string, options: NavigateOptions = {}) => {
    const state = options.state ?? null;
    if (options.replace) history.replaceState(state, '', to);
    else history.pushState(state, '', to);
    setLocation((l) => ({ path: new URL(to, window.location.href).pathname, state, navigations: l.navigations + 1 }));
  }, []);

  const value = useMemo(() => ({ ...location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): Router {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useRouter outside RouterProvider');
  return router;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An ordinary link that navigates inside the app; modified clicks still open new tabs. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const { navigate } = useRouter();
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}
