import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setSession } from '@/lib/auth/session';
import { json, mockFetch, problem } from '@/testing/fetch-mock';
import { account, annaAccount, erikAccount, hemtjanstSyd, omsorgNord, supportMe } from '@/testing/fixtures';
import { describedBy, renderApp } from '@/testing/render';

const itAccount = account('acc-it', 'Ingrid Tekniker', 'it@kommun.example', null, { roles: ['it'] });

function asSupport(extra: Parameters<typeof mockFetch>[0] = {}) {
  setSession('tok', 600);
  return mockFetch({
    'GET /api/v1/me': () => json(200, supportMe),
    'GET /api/v1/providers': () => json(200, { items: [omsorgNord, hemtjanstSyd], next_cursor: null }),
    'GET /api/v1/accounts': (call) => {
      const cursor = new URLSearchParams(call.search).get('cursor');
      return cursor
        ? json(200, { items: [itAccount], next_cursor: null })
        : json(200, { items: [annaAccount, erikAccount], next_cursor: 'c2' });
    },
    ...extra,
  });
}

describe('Konton (support)', () => {
  it('searches by name or email and provider, and pages on', async () => {
    const { calls } = asSupport();
    const { user, router } = renderApp('/administration/konton');
    const table = await screen.findByRole('table', { name: 'Konton' });
    expect(screen.getByText('2 konton visas. Det finns fler.')).toBeTruthy();
    const anna = within(table).getByRole('row', { name: /Anna Lind/ });
    expect(anna.textContent).toContain('Omsorg Nord AB');
    expect(calls.find((c) => c.path === '/api/v1/accounts')?.search).toContain('active=true');

    await user.click(screen.getByRole('button', { name: 'Visa fler konton' }));
    const it = await within(table).findByRole('row', { name: /Ingrid Tekniker/ });
    expect(it.textContent).toContain('IT (behörighetsadministration)');
    expect(it.textContent).toContain('Kommunen');
    expect(screen.getByText('3 konton visas.')).toBeTruthy();

    const search = screen.getByRole('search', { name: 'Sök konton' });
    await user.type(within(search).getByRole('searchbox', { name: 'Namn eller e-post' }), 'anna');
    await user.selectOptions(within(search).getByRole('combobox', { name: 'Utförare' }), omsorgNord.id);
    await user.click(within(search).getByRole('checkbox', { name: 'Visa även inaktiverade konton' }));
    await user.click(within(search).getByRole('button', { name: 'Sök' }));
    await waitFor(() => expect(router.state.location.search).toBe(`?q=anna&utforare=${omsorgNord.id}&inaktiva=1`));
    await waitFor(() => {
      const last = new URLSearchParams(calls.filter((c) => c.path === '/api/v1/accounts').at(-1)?.search);
      expect([last.get('q'), last.get('provider_id'), last.get('active')]).toEqual(['anna', omsorgNord.id, null]);
    });
  });

  it('creates an account with a role and no provider', async () => {
    const created = account('acc-new', 'Nils Drift', 'nils.drift@kommun.example', null, { roles: ['it'] });
    const { calls } = asSupport({
      'POST /api/v1/accounts': () => json(201, created),
      'GET /api/v1/accounts/acc-new': () => json(200, created),
    });
    const { user, router } = renderApp('/administration/konton');
    await screen.findByRole('table', { name: 'Konton' });
    const form = screen.getByRole('heading', { name: 'Skapa konto' }).closest('section') as HTMLElement;
    await user.type(within(form).getByRole('textbox', { name: 'Namn' }), 'Nils Drift');
    await user.type(within(form).getByRole('textbox', { name: 'E-post' }), 'nils.drift@kommun.example');
    await user.click(within(form).getByRole('checkbox', { name: 'IT (behörighetsadministration)' }));
    expect(within(form).queryByLabelText('Lösenord', { exact: true })).toBeNull();
    await user.click(within(form).getByRole('button', { name: 'Skapa konto' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Nils Drift' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/administration/konton/acc-new');
    expect(
      screen.getByText('Kontot för Nils Drift är skapat. En inbjudan med en länk för att välja lösenord är skickad till nils.drift@kommun.example.'),
    ).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Nils Drift',
      email: 'nils.drift@kommun.example',
      personal_number: null,
      provider_id: null,
      roles: ['it'],
    });
  });

  it('shows a taken email beside the email field', async () => {
    asSupport({
      'POST /api/v1/accounts': () => problem(409, 'Conflict', 'an account with this email already exists', { code: 'already_exists' }),
    });
    const { user } = renderApp('/administration/konton');
    await screen.findByRole('table', { name: 'Konton' });
    const form = screen.getByRole('heading', { name: 'Skapa konto' }).closest('section') as HTMLElement;
    await user.type(within(form).getByRole('textbox', { name: 'E-post' }), 'anna.lind@omsorgnord.example');
    await user.click(within(form).getByRole('button', { name: 'Skapa konto' }));
    await screen.findByRole('alert');
    const email = within(form).getByRole('textbox', { name: 'E-post' });
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(email)).toContain('Det finns redan ett konto med den e-postadressen.');
  });

  it('sends a new invitation and deactivates an account after confirming', async () => {
    let current = { ...erikAccount, personal_number: '19751103-5719', password_set: false, last_seen_at: null };
    const { calls } = asSupport({
      'GET /api/v1/accounts/acc-erik': () => json(200, current),
      'PATCH /api/v1/accounts/acc-erik': (call) => {
        current = { ...current, ...(call.body as object) };
        return json(200, current);
      },
      'POST /api/v1/accounts/acc-erik/invite': () => new Response(null, { status: 202 }),
    });
    const { user } = renderApp('/administration/konton/acc-erik');
    expect(await screen.findByRole('heading', { level: 1, name: 'Erik Holm' })).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Personnummer' }) as HTMLInputElement).value).toBe('19751103-5719');

    expect(screen.queryByLabelText('Nytt lösenord')).toBeNull();
    expect(screen.getByText(/Erik Holm har inte valt något lösenord än/)).toBeTruthy();
    expect(screen.getByText('Har inte loggat in än.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Skicka ny inbjudan' }));
    expect(await screen.findByText('En ny inbjudan är skickad till erik.holm@omsorgnord.example.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/v1/accounts/acc-erik/invite']);

    await user.click(screen.getByRole('button', { name: 'Inaktivera konto' }));
    const dialog = screen.getByRole('dialog', { name: 'Inaktivera kontot för Erik Holm?' });
    expect(within(dialog).getByText(/utföraren kan få för få beställare/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Inaktivera konto' }));
    expect(await screen.findByText('Kontot för Erik Holm är inaktiverat.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'PATCH').at(-1)?.body).toEqual({ active: false });
    expect(await screen.findByRole('button', { name: 'Aktivera konto' })).toBeTruthy();
  });
});
