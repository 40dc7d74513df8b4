import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { components } from '@/lib/api';
import { setSession } from '@/lib/auth/session';
import { json, mockFetch, problem } from '@/testing/fetch-mock';
import { anna, complianceRow, cosmic, hemtjanstSyd, itMe, lifecare, omsorgNord, supportMe } from '@/testing/fixtures';
import { describedBy, renderApp } from '@/testing/render';

type ExpertUser = components['schemas']['ExpertUserDto'];

function expert(id: string, first: string, last: string, email: string, system = lifecare, provider = omsorgNord): ExpertUser {
  return {
    id,
    provider_id: provider.id,
    provider_name: provider.name,
    system_id: system.id,
    system_name: system.name,
    first_name: first,
    last_name: last,
    email,
    personal_number: null,
    source_order_id: null,
    registered_at: '2026-03-02T09:00:00Z',
    registered_by: anna.id,
    active: true,
    ended_at: null,
    ended_by: null,
  };
}

const karin = expert('e-karin', 'Karin', 'Berg', 'karin.berg@omsorgnord.example');
const ahmedCosmic = expert('e-ahmed-c', 'Ahmed', 'Hassan', 'ahmed.hassan@omsorgnord.example', cosmic);
const ahmedLifecare = expert('e-ahmed-l', 'Ahmed', 'Hassan', 'ahmed.hassan@omsorgnord.example');
const eva = expert('e-eva', 'Eva', 'Lund', 'eva.lund@hemtjanstsyd.example', lifecare, hemtjanstSyd);

const list = (items: ExpertUser[]) => json(200, { items, next_cursor: null });

function setup(me: components['schemas']['Me'], extra: Parameters<typeof mockFetch>[0] = {}, items = [ahmedCosmic, karin, ahmedLifecare]) {
  setSession('tok', 600);
  return mockFetch({
    'GET /api/v1/me': () => json(200, me),
    'GET /api/v1/systems': () => json(200, { items: [lifecare, cosmic], next_cursor: null }),
    'GET /api/v1/providers': () => json(200, { items: [hemtjanstSyd, omsorgNord], next_cursor: null }),
    'GET /api/v1/compliance': () => json(200, { items: [complianceRow(omsorgNord, 2, 2)] }),
    'GET /api/v1/expert-users': () => list(items),
    ...extra,
  });
}

describe('Expertanvändare for an orderer', () => {
  it("shows the provider's expert users by system, and rule 10", async () => {
    const { calls } = setup(anna);
    renderApp('/expertanvandare');
    expect(await screen.findByRole('heading', { level: 2, name: 'Expertanvändare hos Omsorg Nord AB' })).toBeTruthy();
    const cosmicTable = await screen.findByRole('table', { name: 'Expertanvändare i Cosmic Link hos Omsorg Nord AB' });
    const lifecareTable = screen.getByRole('table', { name: 'Expertanvändare i Lifecare hos Omsorg Nord AB' });
    expect(within(cosmicTable).getAllByRole('rowheader').map((c) => c.textContent)).toEqual(['Ahmed Hassan']);
    expect(within(lifecareTable).getAllByRole('rowheader').map((c) => c.textContent)).toEqual(['Karin Berg', 'Ahmed Hassan']);
    // Systems in alphabetical order, each under its own heading.
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Cosmic Link (1)', 'Lifecare (2)']);
    expect(screen.getByText('Omsorg Nord AB har 2 expertanvändare. Rekommenderat antal: minst 1.')).toBeTruthy();
    expect(screen.getByText('3 registreringar (2 personer).')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Avsluta Karin Berg som expertanvändare i Lifecare' })).toBeTruthy();
    // One provider: no provider filter, and the list asks for that provider only.
    expect(screen.queryByRole('combobox', { name: 'Utförare' })).toBeNull();
    expect(calls.find((c) => c.path === '/api/v1/expert-users')?.search).toContain(`provider_id=${encodeURIComponent(omsorgNord.id)}`);
  });

  it('warns when the provider has no expert user', async () => {
    setup(anna, { 'GET /api/v1/compliance': () => json(200, { items: [complianceRow(omsorgNord, 2, 0)] }) }, []);
    renderApp('/expertanvandare');
    const warning = await screen.findByText('Omsorg Nord AB har ingen expertanvändare. Varje utförare ska ha minst en.');
    expect(warning.closest('.alert')?.textContent).toContain('Ingen expertanvändare');
    expect(await screen.findByText('Det finns inga expertanvändare att visa.')).toBeTruthy();
  });

  it('filters by system, in the address', async () => {
    const { calls } = setup(anna);
    const { user, router } = renderApp('/expertanvandare');
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Visa verksamhetssystem' }), cosmic.id);
    await waitFor(() => expect(router.state.location.search).toContain(`system=${cosmic.id}`));
    await waitFor(() => expect(calls.some((c) => c.path === '/api/v1/expert-users' && c.search.includes(`system_id=${cosmic.id}`))).toBe(true));
  });

  it('adds an expert user by hand and says so', async () => {
    const { calls } = setup(anna, {
      [`POST /api/v1/providers/${omsorgNord.id}/expert-users`]: () =>
        json(201, expert('e-new', 'Sofia', 'Ek', 'sofia.ek@omsorgnord.example', cosmic)),
    });
    const { user } = renderApp('/expertanvandare');
    const form = (await screen.findByRole('heading', { name: 'Lägg till expertanvändare' })).closest('section') as HTMLElement;
    await user.type(within(form).getByRole('textbox', { name: 'Förnamn' }), 'Sofia');
    await user.type(within(form).getByRole('textbox', { name: 'Efternamn' }), 'Ek');
    await user.type(within(form).getByRole('textbox', { name: 'E-post' }), 'sofia.ek@omsorgnord.example');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Verksamhetssystem' }), cosmic.id);
    await user.click(within(form).getByRole('button', { name: 'Lägg till expertanvändare' }));

    expect(await screen.findByText('Sofia Ek är nu expertanvändare i Cosmic Link hos Omsorg Nord AB.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      first_name: 'Sofia',
      last_name: 'Ek',
      email: 'sofia.ek@omsorgnord.example',
      system_id: cosmic.id,
      personal_number: null,
    });
    // The form is empty again, and the list loads again.
    expect((within(form).getByRole('textbox', { name: 'Förnamn' }) as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/v1/expert-users')).toHaveLength(2));
  });

  it("puts the API's messages beside the fields and focuses the first", async () => {
    setup(anna, {
      [`POST /api/v1/providers/${omsorgNord.id}/expert-users`]: () =>
        problem(422, 'Ogiltiga uppgifter', 'Begäran innehåller fel.', {
          code: 'validation_failed',
          errors: [
            { field: 'system_id', code: 'invalid_format', message: 'Värdet har fel format.' },
            { field: 'email', code: 'invalid_email', message: 'E-postadressen är inte giltig.' },
            { field: 'personal_number', code: 'invalid_personal_number', message: 'Personnumret är inte giltigt.' },
          ],
        }),
    });
    const { user } = renderApp('/expertanvandare');
    const form = (await screen.findByRole('heading', { name: 'Lägg till expertanvändare' })).closest('section') as HTMLElement;
    await user.type(within(form).getByRole('textbox', { name: 'Förnamn' }), 'Sofia');
    await user.type(within(form).getByRole('textbox', { name: 'E-post' }), 'sofia');
    await user.type(within(form).getByRole('textbox', { name: 'Personnummer' }), '123');
    await user.click(within(form).getByRole('button', { name: 'Lägg till expertanvändare' }));

    const email = within(form).getByRole('textbox', { name: 'E-post' });
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(describedBy(email)).toContain('E-postadressen är inte giltig.');
    // No system chosen: said in words, not as a format error.
    expect(describedBy(within(form).getByRole('combobox', { name: 'Verksamhetssystem' }))).toContain('Välj ett verksamhetssystem.');
    expect(describedBy(within(form).getByRole('textbox', { name: 'Personnummer' }))).toContain('Personnumret är inte giltigt.');
    expect((await within(form).findByRole('alert')).textContent).toContain('Expertanvändaren lades inte till');
    await waitFor(() => expect(document.activeElement).toBe(email));
  });

  it('says beside the email when the person already is an expert user of the system (409)', async () => {
    setup(anna, {
      [`POST /api/v1/providers/${omsorgNord.id}/expert-users`]: () =>
        problem(409, 'Konflikt', 'Personen är redan expertanvändare.', { code: 'already_registered' }),
    });
    const { user } = renderApp('/expertanvandare');
    const form = (await screen.findByRole('heading', { name: 'Lägg till expertanvändare' })).closest('section') as HTMLElement;
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Verksamhetssystem' }), lifecare.id);
    await user.click(within(form).getByRole('button', { name: 'Lägg till expertanvändare' }));
    const email = within(form).getByRole('textbox', { name: 'E-post' });
    await waitFor(() => expect(describedBy(email)).toContain('Personen är redan expertanvändare i Lifecare hos Omsorg Nord AB.'));
  });

  it('ends a registration after asking', async () => {
    const { calls } = setup(anna, { 'DELETE /api/v1/expert-users/e-karin': () => new Response(null, { status: 204 }) });
    const { user } = renderApp('/expertanvandare');
    await user.click(await screen.findByRole('button', { name: 'Avsluta Karin Berg som expertanvändare i Lifecare' }));
    const dialog = screen.getByRole('dialog', { name: 'Avsluta Karin Berg som expertanvändare i Lifecare?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Avbryt' }));
    await user.click(within(dialog).getByRole('button', { name: 'Avsluta som expertanvändare' }));
    expect(await screen.findByText('Karin Berg är inte längre expertanvändare i Lifecare hos Omsorg Nord AB.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/v1/expert-users/e-karin')).toBe(true);
  });

  it('warns before ending the last expert user of a provider', async () => {
    setup(anna, {}, [karin]);
    const { user } = renderApp('/expertanvandare');
    await user.click(await screen.findByRole('button', { name: 'Avsluta Karin Berg som expertanvändare i Lifecare' }));
    expect(within(screen.getByRole('dialog')).getByText(/Efter det har Omsorg Nord AB ingen expertanvändare/)).toBeTruthy();
  });

  it('copies every address once, and says so', async () => {
    setup(anna);
    const { user } = renderApp('/expertanvandare');
    await user.click(await screen.findByRole('button', { name: 'Kopiera alla e-postadresser' }));
    expect(await screen.findByText('2 e-postadresser är kopierade.')).toBeTruthy();
    expect(screen.getByText('2 e-postadresser är kopierade.').getAttribute('role')).toBe('status');
    expect(await navigator.clipboard.readText()).toBe('ahmed.hassan@omsorgnord.example; karin.berg@omsorgnord.example');
  });

  it('offers the addresses to copy by hand when there is no Clipboard API', async () => {
    setup(anna);
    const { user } = renderApp('/expertanvandare');
    const button = await screen.findByRole('button', { name: 'Kopiera alla e-postadresser' });
    const saved = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    try {
      await user.click(button);
      const field = (await screen.findByRole('textbox', { name: 'E-postadresser att kopiera' })) as HTMLTextAreaElement;
      expect(field.value).toBe('ahmed.hassan@omsorgnord.example; karin.berg@omsorgnord.example');
      expect(field.readOnly).toBe(true);
      await waitFor(() => expect(document.activeElement).toBe(field));
      expect(describedBy(field)).toContain('Ctrl+C');
      expect(screen.getByText(/Adresserna kunde inte kopieras automatiskt/)).toBeTruthy();
    } finally {
      if (saved) Object.defineProperty(navigator, 'clipboard', saved);
      else delete (navigator as { clipboard?: unknown }).clipboard;
    }
  });

  it('downloads the list as expertanvandare.csv, with the token', async () => {
    const csv = 'name,email,provider,system\nKarin Berg,karin.berg@omsorgnord.example,Omsorg Nord AB,Lifecare\n';
    const { calls } = setup(anna, {
      'GET /api/v1/expert-users': () => list([karin]),
      'GET /api/v1/expert-users/export': () =>
        new Response(csv, {
          status: 200,
          headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="expertanvandare.csv"' },
        }),
    });
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:csv';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const { user } = renderApp('/expertanvandare');
    await user.click(await screen.findByRole('button', { name: 'Ladda ner som CSV' }));

    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]?.download).toBe('expertanvandare.csv');
    expect(clicked[0]?.getAttribute('href')).toBe('blob:csv');
    expect(await created[0]?.text()).toBe(csv);
    const request = calls.find((c) => c.path === '/api/v1/expert-users/export');
    expect(request?.headers.get('Authorization')).toBe('Bearer tok');
    expect(request?.search).toContain(`provider_id=${encodeURIComponent(omsorgNord.id)}`);
  });
});

describe('Expertanvändare for IT and support', () => {
  it('lets IT see every provider, filter by one, and change nothing', async () => {
    const { calls } = setup(itMe, {}, [ahmedCosmic, karin, eva]);
    const { user } = renderApp('/expertanvandare');
    expect(await screen.findByRole('heading', { level: 2, name: 'Expertanvändare hos alla utförare' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Expertanvändare i Lifecare' });
    expect(within(table).getByRole('columnheader', { name: 'Utförare' })).toBeTruthy();
    expect(within(table).getByText(hemtjanstSyd.name)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Avsluta/ })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Lägg till expertanvändare' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Skicka meddelande till expertanvändare' })).toBeNull();
    expect(calls.find((c) => c.path === '/api/v1/expert-users')?.search).not.toContain('provider_id');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Utförare' }), hemtjanstSyd.id);
    expect(await screen.findByRole('heading', { level: 2, name: `Expertanvändare hos ${hemtjanstSyd.name}` })).toBeTruthy();
    await waitFor(() =>
      expect(calls.some((c) => c.path === '/api/v1/expert-users' && c.search.includes(`provider_id=${hemtjanstSyd.id}`))).toBe(true),
    );
  });

  it("lets support write to one provider's expert users and shows how many were queued", async () => {
    const { calls } = setup(supportMe, { 'POST /api/v1/expert-users/messages': () => json(202, { queued: 3 }) });
    const { user } = renderApp('/expertanvandare');
    const form = (await screen.findByRole('heading', { name: 'Skicka meddelande till expertanvändare' })).closest('section') as HTMLElement;
    const audience = within(form).getByRole('radiogroup', { name: 'Mottagare' });
    expect((within(audience).getByRole('radio', { name: 'Alla expertanvändare' }) as HTMLInputElement).checked).toBe(true);
    await user.click(within(audience).getByRole('radio', { name: 'Expertanvändarna hos en utförare' }));
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Vilken utförare?' }), omsorgNord.id);
    await user.type(within(form).getByRole('textbox', { name: 'Ämne' }), 'Användarmöte Lifecare');
    await user.type(within(form).getByRole('textbox', { name: 'Meddelande' }), 'Välkomna den 12 mars.');
    await user.click(within(form).getByRole('button', { name: 'Skicka meddelande' }));

    expect(await screen.findByText('Meddelandet till expertanvändarna hos Omsorg Nord AB är lagt i kö för att skickas till 3 mottagare.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      subject: 'Användarmöte Lifecare',
      body: 'Välkomna den 12 mars.',
      provider_id: omsorgNord.id,
      system_id: null,
    });
    // Cleared for the next message.
    expect((within(form).getByRole('textbox', { name: 'Ämne' }) as HTMLInputElement).value).toBe('');
  });

  it("puts the API's messages beside subject and text", async () => {
    setup(supportMe, {
      'POST /api/v1/expert-users/messages': () =>
        problem(422, 'Ogiltiga uppgifter', 'Begäran innehåller fel.', {
          code: 'validation_failed',
          errors: [
            { field: 'subject', code: 'required', message: 'Fältet är obligatoriskt.' },
            { field: 'body', code: 'required', message: 'Fältet är obligatoriskt.' },
          ],
        }),
    });
    const { user } = renderApp('/expertanvandare');
    const form = (await screen.findByRole('heading', { name: 'Skicka meddelande till expertanvändare' })).closest('section') as HTMLElement;
    await user.click(within(form).getByRole('button', { name: 'Skicka meddelande' }));
    const subject = within(form).getByRole('textbox', { name: 'Ämne' });
    await waitFor(() => expect(subject.getAttribute('aria-invalid')).toBe('true'));
    expect(describedBy(within(form).getByRole('textbox', { name: 'Meddelande' }))).toContain('Fältet är obligatoriskt.');
    await waitFor(() => expect(document.activeElement).toBe(subject));
  });

  it('says when nobody matched (queued 0)', async () => {
    setup(supportMe, { 'POST /api/v1/expert-users/messages': () => json(202, { queued: 0 }) });
    const { user } = renderApp('/expertanvandare');
    const form = (await screen.findByRole('heading', { name: 'Skicka meddelande till expertanvändare' })).closest('section') as HTMLElement;
    await user.type(within(form).getByRole('textbox', { name: 'Ämne' }), 'Hej');
    await user.type(within(form).getByRole('textbox', { name: 'Meddelande' }), 'Text');
    await user.click(within(form).getByRole('button', { name: 'Skicka meddelande' }));
    expect(await screen.findByText(/Inget meddelande skickades\./)).toBeTruthy();
  });
});
