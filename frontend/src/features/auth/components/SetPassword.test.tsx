import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { getToken, setSession } from '@/lib/auth/session';
import { json, mockFetch, problem } from '@/testing/fetch-mock';
import { anna, token } from '@/testing/fixtures';
import { describedBy, renderApp } from '@/testing/render';

const TOKEN = 'a'.repeat(64);

describe('activation and reset links (rule 16)', () => {
  it('an invited person chooses a password twice, the API says when it is weak, and then they are in', async () => {
    let attempts = 0;
    const { calls } = mockFetch({
      'POST /api/v1/auth/activate': () => {
        attempts += 1;
        return attempts === 1
          ? problem(422, 'Ogiltiga uppgifter', 'Begäran innehåller fel.', {
              code: 'validation_failed',
              errors: [{ field: 'password', code: 'weak_password', message: 'Lösenordet är ett av de vanligaste lösenorden.' }],
            })
          : json(200, token);
      },
      'GET /api/v1/me': () => json(200, anna),
    });
    const { user, router } = renderApp(`/aktivera#token=${TOKEN}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Välj ditt lösenord' })).toBeTruthy();

    // The two must agree before anything is sent.
    await user.type(screen.getByLabelText('Nytt lösenord'), 'password1234');
    await user.type(screen.getByLabelText('Upprepa lösenordet'), 'password1235');
    await user.click(screen.getByRole('button', { name: 'Spara lösenord' }));
    const repeat = screen.getByLabelText('Upprepa lösenordet');
    expect(repeat.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(repeat)).toContain('Lösenorden är inte lika.');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await user.clear(repeat);
    await user.type(repeat, 'password1234');
    await user.click(screen.getByRole('button', { name: 'Spara lösenord' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Lösenordet kunde inte sparas');
    const password = screen.getByLabelText('Nytt lösenord');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(password)).toContain('Lösenordet är ett av de vanligaste lösenorden.');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ token: TOKEN, password: 'password1234' });

    await user.clear(password);
    await user.type(password, 'korp-lingon-vattenfall');
    await user.clear(repeat);
    await user.type(repeat, 'korp-lingon-vattenfall');
    await user.click(screen.getByRole('button', { name: 'Spara lösenord' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Välkommen, Anna Lind' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/');
    expect(getToken()).toBe(token.access_token);
  });

  it('a reset link uses the reset endpoint; a link without its code says so', async () => {
    const { calls } = mockFetch({
      'POST /api/v1/auth/password-reset/confirm': () =>
        problem(422, 'Ogiltiga uppgifter', 'Begäran innehåller fel.', {
          code: 'validation_failed',
          errors: [{ field: 'token', code: 'invalid_token', message: 'Länken är ogiltig, redan använd eller har gått ut.' }],
        }),
    });
    const { user, unmount } = renderApp(`/nytt-losenord#token=${TOKEN}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Välj ett nytt lösenord' })).toBeTruthy();
    await user.type(screen.getByLabelText('Nytt lösenord'), 'korp-lingon-vattenfall');
    await user.type(screen.getByLabelText('Upprepa lösenordet'), 'korp-lingon-vattenfall');
    await user.click(screen.getByRole('button', { name: 'Spara lösenord' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Länken är ogiltig, redan använd eller har gått ut.');
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/auth/password-reset/confirm']);
    unmount();

    renderApp('/aktivera');
    expect(await screen.findByText(/Länken saknar sin kod/)).toBeTruthy();
    expect(screen.queryByLabelText('Nytt lösenord')).toBeNull();
  });

  it('anyone asks for a reset link from the login page, and is told the same whatever the address', async () => {
    const { calls } = mockFetch({ 'POST /api/v1/auth/password-reset': () => new Response(null, { status: 202 }) });
    const { user } = renderApp('/logga-in');
    await user.click(await screen.findByRole('link', { name: 'Glömt lösenordet?' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Glömt lösenordet' })).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: /E-post/ }), 'karin.berg@omsorgnord.example');
    await user.click(screen.getByRole('button', { name: 'Skicka länk' }));
    expect(await screen.findByText(/Om adressen har ett konto i Sesam/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ email: 'karin.berg@omsorgnord.example' });
  });

  it('Logga ut överallt ends every session of the account, then this one', async () => {
    setSession(token.access_token, token.expires_in);
    const { calls } = mockFetch({
      'GET /api/v1/me': () => json(200, anna),
      'POST /api/v1/auth/logout-all': () => new Response(null, { status: 204 }),
    });
    const { user, router } = renderApp('/');
    const nav = await screen.findByRole('navigation', { name: 'Huvudmeny' });
    await user.click(await within(nav).findByRole('button', { name: 'Logga ut överallt' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/logga-in'));
    expect(getToken()).toBeNull();
    const call = calls.find((c) => c.path === '/api/v1/auth/logout-all');
    expect(call?.headers.get('Authorization')).toBe(`Bearer ${token.access_token}`);
  });
});
