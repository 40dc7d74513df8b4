import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLayoutEffect, type ReactNode } from 'react';
import { MemoryRouter, parsePath, useLocation, type Location } from 'react-router';
import { App } from '@/app/App';
import type { Language } from '@/lib/i18n';

/** Where the app's memory router is, for tests to read (`router.state.location`). */
export interface TestRouter {
  state: { location: Pick<Location, 'pathname' | 'search' | 'hash' | 'state'> };
}

/** Renders the whole app at `path`, as the browser would, but with an in-memory history. */
export function renderApp(path: string, { language = 'sv' as Language } = {}) {
  const { pathname = '/', search = '', hash = '' } = parsePath(path);
  const router: TestRouter = { state: { location: { pathname, search, hash, state: null } } };
  function Router({ children }: { children: ReactNode }) {
    return (
      <MemoryRouter initialEntries={[path]}>
        <TrackLocation into={router} />
        {children}
      </MemoryRouter>
    );
  }
  const user = userEvent.setup();
  const utils = render(<App router={Router} language={language} />);
  return { ...utils, router, user };
}

function TrackLocation({ into }: { into: TestRouter }) {
  const location = useLocation();
  useLayoutEffect(() => {
    into.state.location = location;
  }, [into, location]);
  return null;
}

/** The text of the elements a control's aria-describedby names: what a screen reader reads after its name. */
export function describedBy(element: Element): string {
  const ids = element.getAttribute('aria-describedby')?.split(/\s+/).filter(Boolean) ?? [];
  return ids
    .map((id) => document.getElementById(id)?.textContent?.trim() ?? `<missing #${id}>`)
    .join(' ');
}
