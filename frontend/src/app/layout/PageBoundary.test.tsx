import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { lazy, type ReactElement } from 'react';
import { Link, MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '@/lib/i18n';
import { PageBoundary } from './PageBoundary';

// A page whose code cannot be fetched (the server has a newer build, or the network is gone).
const Unreachable = lazy(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
let release: (page: { default: () => ReactElement }) => void = () => undefined;
const Slow = lazy(() => new Promise<{ default: () => ReactElement }>((resolve) => (release = resolve)));

function Harness({ at }: { at: string }) {
  return (
    <I18nProvider language="sv">
      <MemoryRouter initialEntries={[at]}>
        <Link to="/annan">Annan sida</Link>
        <PageBoundary>
          <Routes>
            <Route path="/trasig" element={<Unreachable />} />
            <Route path="/langsam" element={<Slow />} />
            <Route path="/annan" element={<h1>Annan sida</h1>} />
          </Routes>
        </PageBoundary>
      </MemoryRouter>
    </I18nProvider>
  );
}

describe('PageBoundary', () => {
  it('says "Laddar …" while a page is fetched, then shows it', async () => {
    render(<Harness at="/langsam" />);
    expect(screen.getByRole('status').textContent).toBe('Laddar …');
    release({ default: () => <h1>Långsam sida</h1> });
    expect(await screen.findByRole('heading', { name: 'Långsam sida' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('shows the network error when a page cannot be fetched, and the next address tries again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // React reports the caught error
    const user = userEvent.setup();
    render(<Harness at="/trasig" />);
    expect((await screen.findByRole('alert')).textContent).toContain('Det gick inte att nå Sesam');
    await user.click(screen.getByRole('link', { name: 'Annan sida' }));
    expect(await screen.findByRole('heading', { name: 'Annan sida' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
