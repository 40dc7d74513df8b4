import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter } from 'react-router';
import { App } from '@/app/App';
import { routes } from '@/app/router';
import type { Language } from '@/lib/i18n';

/** Renders the whole app at `path`, as the browser would, but with an in-memory history. */
export function renderApp(path: string, { language = 'sv' as Language } = {}) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const user = userEvent.setup();
  const utils = render(<App router={router} language={language} />);
  return { ...utils, router, user };
}

/** The text of the elements a control's aria-describedby names: what a screen reader reads after its name. */
export function describedBy(element: Element): string {
  const ids = element.getAttribute('aria-describedby')?.split(/\s+/).filter(Boolean) ?? [];
  return ids
    .map((id) => document.getElementById(id)?.textContent?.trim() ?? `<missing #${id}>`)
    .join(' ');
}
