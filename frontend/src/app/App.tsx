import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { setUnauthorizedHandler } from '@/lib/api';
import type { Language } from '@/lib/i18n';
import { paths } from './paths';
import { AppProvider, createQueryClient } from './provider';
import { createRouter } from './router';

type Router = ReturnType<typeof createRouter>;

/** The whole app. Tests pass a memory router (and a language); the browser gets the real one. */
export function App({ router: given, language }: { router?: Router; language?: Language } = {}) {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState<Router>(() => given ?? createRouter());

  useEffect(() => {
    // The API no longer accepts the session: forget what was loaded for it and go to the login page,
    // coming back to where the user was afterwards.
    setUnauthorizedHandler(() => {
      queryClient.clear();
      const { pathname, search } = router.state.location;
      if (pathname === paths.login) return;
      void router.navigate(paths.login, { replace: true, state: { from: pathname + search } });
    });
    return () => setUnauthorizedHandler(null);
  }, [queryClient, router]);

  return (
    <AppProvider queryClient={queryClient} language={language}>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
