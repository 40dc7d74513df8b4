import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setSession } from '@/lib/auth/session';
import { json, mockFetch, problem } from '@/testing/fetch-mock';
import {
  anna,
  annaAccount,
  account,
  complianceRow,
  erikAccount,
  hemtjanstSyd,
  itMe,
  lisaAccount,
  lisaMe,
  omsorgNord,
  right,
  supportMe,
} from '@/testing/fixtures';
import { describedBy, renderApp } from '@/testing/render';

const P = omsorgNord.id;
const at2 = '2026-03-05T10:00:00Z';
const rightsPath = `/api/v1/providers/${P}/ordering-rights`;
const requestsPath = `/api/v1/providers/${P}/ordering-right-requests`;
const annaRight = right('r-anna', annaAccount, supportMe.id);
const erikRight = right('r-erik', erikAccount, anna.id);

function rightsAnswer(items = [annaRight, erikRight]) {
  const compliance = complianceRow(omsorgNord, items.length);
  return { items, compliance, warnings: compliance.issues.filter((i) => i === 'too_few_orderers'), next_cursor: null };
}

const accounts = () => json(200, { items: [annaAccount, erikAccount, lisaAccount], next_cursor: null });

function asAnna(extra: Parameters<typeof mockFetch>[0] = {}) {
  setSession('tok', 600);
  return mockFetch({
    'GET /api/v1/me': () => json(200, anna),
    [`GET ${rightsPath}`]: () => json(200, rightsAnswer()),
    'GET /api/v1/accounts': accounts,
    [`GET ${requestsPath}`]: () => json(200, { items: [], next_cursor: null }),
    ...extra,
  });
}

describe('Beställningsrätt for an orderer', () => {
  it("lists the provider's orderers with when and by whom, and says the rule is met", async () => {
    const { calls } = asAnna();
    renderApp('/bestallningsratt');

    const table = await screen.findByRole('table', { name: 'Beställare hos Omsorg Nord AB' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('Anna Lind (du)'),
      expect.stringContaining('Erik Holm'),
    ]);
    // Granted by support (not an account Anna can see), and by Anna herself.
    await waitFor(() => expect(within(rows[0]!).getByText('Kommunens support')).toBeTruthy());
    expect(within(rows[1]!).getAllByText('Anna Lind')).toHaveLength(1);
    expect(within(rows[1]!).getByText('2026-03-02')).toBeTruthy();
    expect(screen.getByText('Omsorg Nord AB har 2 beställare. Kravet på minst 2 är uppfyllt.')).toBeTruthy();
    expect(screen.queryByText('För få beställare')).toBeNull();
    expect(calls.find((c) => c.path === '/api/v1/accounts')?.search).toContain(`provider_id=${encodeURIComponent(P)}`);
  });

  it('warns when the provider has fewer than two orderers', async () => {
    asAnna({ [`GET ${rightsPath}`]: () => json(200, rightsAnswer([annaRight])) });
    renderApp('/bestallningsratt');
    const text = await screen.findByText(/Omsorg Nord AB har 1 beställare men ska ha minst 2/);
    expect(text.closest('.alert')?.getAttribute('role')).toBe('status');
    expect(text.closest('.alert')?.textContent).toContain('För få beställare');
    expect(text.textContent).toContain('Ge en kollega beställningsrätt här nedan.');
  });

  it('grants a right to a colleague who has an account, and says so', async () => {
    const { calls } = asAnna({
      [`POST ${rightsPath}`]: () =>
        json(201, { ...right('r-lisa', lisaAccount, anna.id), compliance: complianceRow(omsorgNord, 3), warnings: [] }),
    });
    const { user } = renderApp('/bestallningsratt');

    const select = await screen.findByRole('combobox', { name: 'Kollega' });
    // Only colleagues without a right are offered, never Anna herself.
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Välj kollega',
      'Lisa Berg (lisa.berg@omsorgnord.example)',
    ]);
    await user.selectOptions(select, 'acc-lisa');
    await user.click(screen.getByRole('button', { name: 'Ge beställningsrätt' }));

    expect(await screen.findByText('Lisa Berg har nu beställningsrätt för Omsorg Nord AB.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ account_id: 'acc-lisa' });
  });

  it('asks for a colleague before sending anything', async () => {
    const { calls } = asAnna();
    const { user } = renderApp('/bestallningsratt');
    await user.click(await screen.findByRole('button', { name: 'Ge beställningsrätt' }));
    const select = screen.getByRole('combobox', { name: 'Kollega' });
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(select)).toContain('Välj den kollega som ska få beställningsrätt.');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it("shows the API's field errors beside the new colleague's fields, and never sends roles", async () => {
    const { calls } = asAnna({
      'POST /api/v1/accounts': () =>
        problem(422, 'Ogiltiga uppgifter', 'Begäran innehåller fel.', {
          code: 'validation_failed',
          errors: [
            { field: 'email', code: 'invalid_email', message: 'E-postadressen är inte giltig.' },
            { field: 'personal_number', code: 'invalid_personal_number', message: 'Personnumret är inte giltigt.' },
          ],
        }),
    });
    const { user } = renderApp('/bestallningsratt');
    await user.click(await screen.findByRole('radio', { name: 'Nej, skapa ett konto åt kollegan först' }));
    await user.type(screen.getByRole('textbox', { name: 'Namn' }), 'Karin Berg');
    await user.type(screen.getByRole('textbox', { name: 'E-post' }), 'karin');
    await user.type(screen.getByRole('textbox', { name: /Personnummer/ }), '19121212-1213');
    expect(screen.queryByLabelText('Lösenord', { exact: true })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Skapa konto' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Kontot skapades inte');
    expect(alert.textContent).toContain('E-post: E-postadressen är inte giltig.');
    const email = screen.getByRole('textbox', { name: 'E-post' });
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(email)).toContain('E-postadressen är inte giltig.');
    expect(describedBy(screen.getByRole('textbox', { name: /Personnummer/ }))).toContain('Personnumret är inte giltigt.');
    expect(screen.getByRole('textbox', { name: 'Namn' }).hasAttribute('aria-invalid')).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(email));

    const body = calls.find((c) => c.method === 'POST')?.body as Record<string, unknown>;
    expect(body).toEqual({
      provider_id: P,
      name: 'Karin Berg',
      email: 'karin',
      personal_number: '19121212-1213',
    });
    expect(body).not.toHaveProperty('roles');
  });

  it("creates the colleague's account, and leaves its right to another orderer or support (rule 17)", async () => {
    const karin = account('acc-karin', 'Karin Berg', 'karin.berg@omsorgnord.example', P);
    const { calls } = asAnna({
      'POST /api/v1/accounts': () => json(201, karin),
    });
    const { user } = renderApp('/bestallningsratt');
    await user.click(await screen.findByRole('radio', { name: 'Nej, skapa ett konto åt kollegan först' }));
    await user.type(screen.getByRole('textbox', { name: 'Namn' }), 'Karin Berg');
    await user.type(screen.getByRole('textbox', { name: 'E-post' }), 'karin.berg@omsorgnord.example');
    expect(screen.queryByRole('button', { name: 'Skapa konto och ge beställningsrätt' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Skapa konto' }));

    expect(await screen.findByText(/Kontot för Karin Berg är skapat\. Beställningsrätt till ett konto som du själv har skapat ges av en annan beställare.*Kollegan får en länk med e-post för att välja sitt eget lösenord\./)).toBeTruthy();
    const posts = calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body]);
    expect(posts).toEqual([['/api/v1/accounts', expect.objectContaining({ email: 'karin.berg@omsorgnord.example' })]]);
    expect((screen.getByRole('textbox', { name: 'Namn' }) as HTMLInputElement).value).toBe('');
  });

  it('asks before revoking, and shows the too-few warning of the answer', async () => {
    const { calls } = asAnna({
      'DELETE /api/v1/ordering-rights/r-erik': () =>
        json(200, { ...erikRight, revoked_at: at2, compliance: complianceRow(omsorgNord, 1), warnings: ['too_few_orderers'] }),
    });
    const { user } = renderApp('/bestallningsratt');
    await user.click(await screen.findByRole('button', { name: 'Ta bort beställningsrätt för Erik Holm' }));

    const dialog = screen.getByRole('dialog', { name: 'Ta bort beställningsrätten för Erik Holm?' });
    expect(within(dialog).getByText('Erik Holm kan då inte längre beställa behörigheter för Omsorg Nord AB.')).toBeTruthy();
    expect(within(dialog).getByText(/Efter det har Omsorg Nord AB bara 1 beställare/)).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Avbryt' }));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);

    await user.click(within(dialog).getByRole('button', { name: 'Ta bort beställningsrätt' }));
    const result = await screen.findByText(/Beställningsrätten för Erik Holm hos Omsorg Nord AB är borttagen\./);
    expect(result.textContent).toContain('Omsorg Nord AB har nu 1 beställare men ska ha minst 2.');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/api/v1/ordering-rights/r-erik']);
  });

  it('says in plain Swedish that the last right cannot be revoked (409 last_orderer)', async () => {
    asAnna({
      [`GET ${rightsPath}`]: () => json(200, rightsAnswer([annaRight])),
      'DELETE /api/v1/ordering-rights/r-anna': () =>
        problem(409, 'Conflict', "this is the provider's last ordering right; ask support to revoke it", { code: 'last_orderer' }),
    });
    const { user } = renderApp('/bestallningsratt');
    await user.click(await screen.findByRole('button', { name: 'Ta bort beställningsrätt för Anna Lind' }));
    expect(screen.getByText('Du kan då inte längre beställa behörigheter för Omsorg Nord AB.')).toBeTruthy();
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Ta bort beställningsrätt' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Anna Lind är den sista beställaren hos Omsorg Nord AB.');
    expect(alert.textContent).toContain('Den sista beställningsrätten kan bara kommunens support ta bort.');
    expect(alert.textContent).not.toContain('ask support');
  });

  it('lets an orderer of several providers choose the provider', async () => {
    setSession('tok', 600);
    const twoRights = {
      ...anna,
      ordering_rights: [...anna.ordering_rights, { provider_id: hemtjanstSyd.id, provider_name: hemtjanstSyd.name }],
    };
    mockFetch({
      'GET /api/v1/me': () => json(200, twoRights),
      [`GET ${rightsPath}`]: () => json(200, rightsAnswer()),
      [`GET /api/v1/providers/${hemtjanstSyd.id}/ordering-rights`]: () =>
        json(200, { items: [], compliance: complianceRow(hemtjanstSyd, 0), warnings: ['too_few_orderers'], next_cursor: null }),
      'GET /api/v1/accounts': accounts,
    });
    const { user, router } = renderApp('/bestallningsratt');
    const picker = await screen.findByRole('combobox', { name: 'Utförare' });
    expect((picker as HTMLSelectElement).value).toBe(P);
    await screen.findByRole('table', { name: 'Beställare hos Omsorg Nord AB' });
    await user.selectOptions(picker, hemtjanstSyd.id);
    expect(await screen.findByText('Hemtjänst Syd Ekonomisk förening har inga beställare.')).toBeTruthy();
    expect(router.state.location.search).toBe(`?utforare=${hemtjanstSyd.id}`);
  });
});

describe('Beställningsrätt by role', () => {
  it('lets IT read, but not grant or revoke', async () => {
    setSession('tok', 600);
    const { calls } = mockFetch({
      'GET /api/v1/me': () => json(200, itMe),
      'GET /api/v1/providers': () => json(200, { items: [omsorgNord, hemtjanstSyd], next_cursor: null }),
      [`GET ${rightsPath}`]: () => json(200, rightsAnswer()),
    });
    renderApp(`/bestallningsratt?utforare=${P}`);
    await screen.findByRole('table', { name: 'Beställare hos Omsorg Nord AB' });
    expect(screen.queryByRole('button', { name: /Ta bort/ })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Ge en kollega beställningsrätt' })).toBeNull();
    expect(calls.some((c) => c.path === '/api/v1/accounts')).toBe(false);
  });

  it('lets support choose any provider, and names who granted', async () => {
    setSession('tok', 600);
    mockFetch({
      'GET /api/v1/me': () => json(200, supportMe),
      'GET /api/v1/providers': () => json(200, { items: [omsorgNord, hemtjanstSyd], next_cursor: null }),
      [`GET ${rightsPath}`]: () => json(200, rightsAnswer()),
      'GET /api/v1/accounts': accounts,
      [`GET /api/v1/accounts/${supportMe.id}`]: () => json(200, account(supportMe.id, 'Vof Support', supportMe.email, null)),
    });
    const { user } = renderApp('/bestallningsratt');
    const picker = await screen.findByRole('combobox', { name: 'Utförare' });
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Välj utförare',
      'Hemtjänst Syd Ekonomisk förening',
      'Omsorg Nord AB',
    ]);
    expect(screen.queryByRole('table')).toBeNull();
    await user.selectOptions(picker, P);
    const table = await screen.findByRole('table', { name: 'Beställare hos Omsorg Nord AB' });
    await waitFor(() => expect(within(table).getByText('Vof Support')).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Ta bort beställningsrätt för Anna Lind' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Ge en kollega beställningsrätt' })).toBeTruthy();
  });

  it('tells an account without a right how to get one, and offers to ask', async () => {
    setSession('tok', 600);
    const { calls } = mockFetch({
      'GET /api/v1/me': () => json(200, lisaMe),
      'GET /api/v1/providers': () => json(200, { items: [omsorgNord], next_cursor: null }),
    });
    renderApp('/bestallningsratt');
    expect(await screen.findByText('Du har ingen beställningsrätt.')).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Begär beställningsrätt' })).toBeTruthy();
    // Who the user is and the name of their provider (and the frame's notifications): nothing else.
    expect(calls.map((c) => c.path).filter((p) => p !== '/api/v1/me/notifications')).toEqual([
      '/api/v1/me',
      '/api/v1/providers',
    ]);
  });
});
