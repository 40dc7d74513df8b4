import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { getToken } from '@/lib/auth/session';
import { json, mockFetch, problem } from '@/testing/fetch-mock';
import { anna, token } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

describe('sign-in with e-identification (rule 20)', () => {
  it('offers the button when the API has an identity provider, beside the password form', async () => {
    mockFetch({ 'GET /api/v1/auth/methods': () => json(200, { password: true, oidc: true }) });
    renderApp('/logga-in');
    const button = await screen.findByRole('link', { name: 'Logga in med e-legitimation' });
    expect(button.getAttribute('href')).toBe('/api/v1/auth/oidc/login');
    expect(screen.getByRole('button', { name: 'Logga in' })).toBeTruthy();
  });

  it('shows no button without an identity provider, and no password form when passwords are off', async () => {
    mockFetch({ 'GET /api/v1/auth/methods': () => json(200, { password: true, oidc: false }) });
    const first = renderApp('/logga-in');
    expect(await screen.findByRole('button', { name: 'Logga in' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Logga in med e-legitimation' })).toBeNull();
    first.unmount();

    mockFetch({ 'GET /api/v1/auth/methods': () => json(200, { password: false, oidc: true }) });
    renderApp('/logga-in');
    expect(await screen.findByRole('link', { name: 'Logga in med e-legitimation' })).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Logga in' })).toBeNull());
    expect(screen.queryByLabelText('Lösenord', { exact: true })).toBeNull();
  });

  it('says why a sign-in at the identity provider failed', async () => {
    mockFetch({ 'GET /api/v1/auth/methods': () => json(200, { password: true, oidc: true }) });
    renderApp('/logga-in?error=oidc_unknown_person');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Det finns inget konto i Sesam för dig');
  });

  it('exchanges the one-time code once for a session and goes home', async () => {
    const { calls } = mockFetch({
      'POST /api/v1/auth/oidc/exchange': () => json(200, token),
      'GET /api/v1/me': () => json(200, anna),
    });
    const { router } = renderApp(`/e-legitimation?code=${'a'.repeat(64)}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Välkommen, Anna Lind' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/');
    expect(router.state.location.search).toBe('');
    expect(getToken()).toBe(token.access_token);
    const exchanges = calls.filter((c) => c.path === '/api/v1/auth/oidc/exchange');
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]?.body).toEqual({ code: 'a'.repeat(64) });
  });

  it('tells the person to sign in again when the code is used or expired', async () => {
    mockFetch({
      'POST /api/v1/auth/oidc/exchange': () =>
        problem(422, 'Validation failed', undefined, { errors: [{ field: 'code', code: 'invalid_token' }] }),
    });
    renderApp(`/e-legitimation?code=${'b'.repeat(64)}`);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Logga in igen');
    expect(getToken()).toBeNull();
    expect(screen.getByRole('link', { name: 'Tillbaka till inloggningen' })).toBeTruthy();
  });
});
