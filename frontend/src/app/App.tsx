import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { BrowserRouter, useLocation, useNavigate } from 'react-router';
import { setUnauthorizedHandler } from '@/lib/api';
import type { Language } from '@/lib/i18n';
import { paths } from './paths';
import { AppProvider, createQueryClient } from './provider';
import { AppRoutes } from './router';

/**
 * The whole app. Tests pass a memory router (and a language); the browser gets the real one.
 * The router is react-router's declarative one: Sesam uses none of the data router's loaders or
 * actions, whose code would be a fifth of the JavaScript the login page loads.
 */
export function App({
  router: Router = BrowserRouter,
  language,
}: { router?: ComponentType<{ children: ReactNode }>; language?: Language } = {}) {
  const [queryClient] = useState(createQueryClient);
  return (
    <AppProvider queryClient={queryClient} language={language}>
      <Router>
        <EndSessionOnUnauthorized />
        <AppRoutes />
      </Router>
    </AppProvider>
  );
}

/**
 * When the API no longer accepts the session: forget what was loaded for it and go to the login page,
 * coming back to where the user was afterwards.
 */
function EndSessionOnUnauthorized() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const here = useRef(location);
  useEffect(() => {
    here.current = location;
  }, [location]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      queryClient.clear();
      const { pathname, search } = here.current;
      if (pathname === paths.login) return;
      void navigate(paths.login, { replace: true, state: { from: pathname + search } });
    });
    return () => setUnauthorizedHandler(null);
  }, [queryClient, navigate]);
  return null;
}
