import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { getToken, setSession } from '@/lib/auth/session';
import { json, mockFetch, problem } from '@/testing/fetch-mock';
import { anna, token } from '@/testing/fixtures';
import { describedBy, renderApp } from '@/testing/render';

describe('login', () => {
  it('logs in, keeps the token and shows the orderer the navigation', async () => {
    const { calls } = mockFetch({
      'POST /api/v1/auth/login': () => json(200, token),
      'GET /api/v1/me': () => json(200, anna),
    });
    const { user, router } = renderApp('/logga-in');

    await user.type(screen.getByRole('textbox', { name: 'E-post' }), 'anna.lind@omsorgnord.example');
    await user.type(screen.getByLabelText('Lösenord', { exact: true }), 'sesam-demo-2026');
    await user.click(screen.getByRole('button', { name: 'Logga in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Välkommen, Anna Lind' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/');
    expect(getToken()).toBe(token.access_token);

    const login = calls.find((c) => c.path === '/api/v1/auth/login');
    expect(login?.body).toEqual({ email: 'anna.lind@omsorgnord.example', password: 'sesam-demo-2026' });
    const me = calls.find((c) => c.path === '/api/v1/me');
    expect(me?.headers.get('Authorization')).toBe(`Bearer ${token.access_token}`);

    const nav = screen.getByRole('navigation', { name: 'Huvudmeny' });
    for (const name of [
      'Ny beställning',
      'Hantera dina beställningar',
      'Behörigheter i Sesam',
      'Expertanvändare',
      'Beställningsrätt',
      'Behörighetsinnehav',
    ]) {
      expect(nav.querySelector(`a[href]`) && screen.getByRole('link', { name })).toBeTruthy();
    }
    expect(screen.queryByRole('link', { name: 'IT-kö' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Administration' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Logga ut' })).toBeTruthy();
  });

  it("shows the API's message when the password is wrong, and stays on the page", async () => {
    mockFetch({
      'POST /api/v1/auth/login': () => problem(401, 'Unauthorized', 'Fel e-postadress eller lösenord.'),
    });
    const { user, router } = renderApp('/logga-in');

    await user.type(screen.getByRole('textbox', { name: 'E-post' }), 'anna.lind@omsorgnord.example');
    await user.type(screen.getByLabelText('Lösenord', { exact: true }), 'fel');
    await user.click(screen.getByRole('button', { name: 'Logga in' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Fel e-postadress eller lösenord.');
    expect(router.state.location.pathname).toBe('/logga-in');
    expect(getToken()).toBeNull();
    expect((screen.getByLabelText('Lösenord', { exact: true }) as HTMLInputElement).value).toBe('');
  });

  it('points out empty fields without calling the API', async () => {
    const { calls } = mockFetch({});
    const { user } = renderApp('/logga-in');

    await user.click(screen.getByRole('button', { name: 'Logga in' }));

    const email = screen.getByRole('textbox', { name: 'E-post' });
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(email)).toContain('Fyll i din e-postadress.');
    expect(screen.getByLabelText('Lösenord', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(email);
    // Only the page's question of how one may sign in; no login.
    expect(calls.filter((c) => c.path !== '/api/v1/auth/methods')).toEqual([]);
  });

  it("shows the API's field messages beside the fields", async () => {
    mockFetch({
      'POST /api/v1/auth/login': () =>
        problem(422, 'Unprocessable Entity', 'Begäran innehåller fel.', {
          errors: [{ field: 'email', code: 'invalid_format', message: 'Ogiltig e-postadress.' }],
        }),
    });
    const { user } = renderApp('/logga-in');
    await user.type(screen.getByRole('textbox', { name: 'E-post' }), 'inte-en-adress');
    await user.type(screen.getByLabelText('Lösenord', { exact: true }), 'x');
    await user.click(screen.getByRole('button', { name: 'Logga in' }));

    await screen.findByRole('alert');
    const email = screen.getByRole('textbox', { name: 'E-post' });
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(email)).toContain('Ogiltig e-postadress.');
  });

  it('says so when Sesam cannot be reached', async () => {
    mockFetch({
      'POST /api/v1/auth/login': () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const { user } = renderApp('/logga-in');
    await user.type(screen.getByRole('textbox', { name: 'E-post' }), 'a@b.example');
    await user.type(screen.getByLabelText('Lösenord', { exact: true }), 'x');
    await user.click(screen.getByRole('button', { name: 'Logga in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Det gick inte att nå Sesam');
  });

  it('sends someone who is not logged in to the login page, and back afterwards', async () => {
    mockFetch({
      'POST /api/v1/auth/login': () => json(200, token),
      'GET /api/v1/me': () => json(200, anna),
    });
    const { user, router } = renderApp('/behorighetsinnehav');
    expect(await screen.findByRole('heading', { level: 1, name: 'Logga in' })).toBeTruthy();

    await user.type(screen.getByRole('textbox', { name: 'E-post' }), 'anna.lind@omsorgnord.example');
    await user.type(screen.getByLabelText('Lösenord', { exact: true }), 'sesam-demo-2026');
    await user.click(screen.getByRole('button', { name: 'Logga in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Behörighetsinnehav' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/behorighetsinnehav');
  });

  it('ends the session and returns to the login page when the API answers 401', async () => {
    mockFetch({ 'GET /api/v1/me': () => problem(401, 'Unauthorized', 'Token has expired') });
    setSession('stale', 60);
    const { router } = renderApp('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Logga in' })).toBeTruthy();
    expect(screen.getByText('Du har loggats ut. Logga in igen för att fortsätta.')).toBeTruthy();
    expect(getToken()).toBeNull();
    await waitFor(() => expect(router.state.location.pathname).toBe('/logga-in'));
  });

  it('logs out', async () => {
    mockFetch({ 'GET /api/v1/me': () => json(200, anna) });
    setSession('tok', 60);
    const { user, router } = renderApp('/');
    await user.click(await screen.findByRole('button', { name: 'Logga ut' }));
    expect(getToken()).toBeNull();
    expect(router.state.location.pathname).toBe('/logga-in');
    expect(screen.queryByRole('button', { name: 'Logga ut' })).toBeNull();
  });

  it('after logging out on a page, the next login starts on the start page, not there', async () => {
    mockFetch({
      'GET /api/v1/me': () => json(200, anna),
      'POST /api/v1/auth/login': () => json(200, token),
    });
    setSession('tok', 60);
    const { user, router } = renderApp('/behorighetsinnehav');
    await user.click(await screen.findByRole('button', { name: 'Logga ut' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Logga in' })).toBeTruthy();

    await user.type(screen.getByRole('textbox', { name: 'E-post' }), 'erik.holm@omsorgnord.example');
    await user.type(screen.getByLabelText('Lösenord', { exact: true }), 'sesam-demo-2026');
    await user.click(screen.getByRole('button', { name: 'Logga in' }));
    expect(await screen.findByRole('heading', { level: 1, name: /^Välkommen/ })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/');
  });
});
