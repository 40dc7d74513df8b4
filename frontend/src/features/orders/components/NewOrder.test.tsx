import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setSession } from '@/lib/auth/session';
import { json, mockFetch, problem } from '@/testing/fetch-mock';
import { anna, cosmic, hemtjanstSyd, lifecare, nordUnits, omsorgNord, order, permissions, retired, unit } from '@/testing/fixtures';
import { describedBy, renderApp } from '@/testing/render';

const page = <T,>(items: T[]) => json(200, { items, next_cursor: null });

function asAnna(extra: Parameters<typeof mockFetch>[0] = {}, me = anna) {
  setSession('tok', 600);
  return mockFetch({
    'GET /api/v1/me': () => json(200, me),
    'GET /api/v1/me/notifications': () => json(200, { items: [], unread_count: 0, next_cursor: null }),
    'GET /api/v1/systems': () => page([lifecare, cosmic, retired]),
    'GET /api/v1/permissions': () => page(permissions),
    [`GET /api/v1/providers/${omsorgNord.id}/units`]: () => page(nordUnits),
    ...extra,
  });
}

async function openForm() {
  const view = renderApp('/bestallningar/ny');
  await screen.findByRole('heading', { level: 1, name: 'Ny beställning' });
  await screen.findByRole('checkbox', { name: 'Boende Linden' });
  return view;
}

const lifecareTitle = () => screen.queryByRole('combobox', { name: 'Titel för Lifecare' });
const profession = () => screen.queryByRole('textbox', { name: 'Profession' });

describe('Ny beställning: the form', () => {
  it('has every field of the contract, with red stars on the mandatory ones', async () => {
    asAnna();
    await openForm();
    const kind = screen.getByRole('radiogroup', { name: 'Typ' });
    expect(within(kind).getByRole('radio', { name: 'Beställ behörighet' })).toHaveProperty('checked', true);
    expect(within(kind).getByRole('radio', { name: 'Avbeställ behörighet' })).toHaveProperty('checked', false);
    const units = screen.getByRole('group', { name: 'Enheter' });
    // Active units only, by name.
    expect(within(units).getAllByRole('checkbox').map((c) => c.closest('.checkbox')?.textContent)).toEqual([
      'Boende Eken',
      'Boende Linden',
    ]);
    for (const name of ['Förnamn', 'Efternamn', 'Personnummer']) {
      expect(describedBy(screen.getByRole('textbox', { name }))).toContain('obligatoriskt');
    }
    for (const name of ['Verksamhetssystem', 'Behörighet']) {
      expect(describedBy(screen.getByRole('combobox', { name }))).toContain('obligatoriskt');
    }
    for (const name of ['E-post', 'Telefon', 'Kommentar']) {
      expect(describedBy(screen.getByRole('textbox', { name }))).not.toContain('obligatoriskt');
    }
    expect(screen.getByLabelText('Giltig till')).toHaveProperty('type', 'date');
    expect(screen.getByRole('checkbox', { name: 'Expertanvändare' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Spara' })).toBeTruthy();
    // One provider: shown, not asked. No extra field before a system is chosen.
    expect(screen.getByText('Omsorg Nord AB')).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'Utförare' })).toBeNull();
    expect(lifecareTitle()).toBeNull();
    expect(profession()).toBeNull();
    // Retired systems are not offered.
    const systems = within(screen.getByRole('combobox', { name: 'Verksamhetssystem' })).getAllByRole('option');
    expect(systems.map((o) => o.textContent)).toEqual(['Välj verksamhetssystem', 'Cosmic Link', 'Lifecare']);
  });

  it("shows the system's extra fields exactly as it declares them, on grant orders only", async () => {
    asAnna();
    const { user } = await openForm();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Verksamhetssystem' }), 'Lifecare');
    const title = lifecareTitle();
    expect(title).toBeTruthy();
    expect(within(title!).getAllByRole('option').map((o) => o.textContent)).toEqual(['Välj i listan', 'Undersköterska', 'Sjuksköterska']);
    expect(describedBy(title!)).toContain('obligatoriskt');
    expect(profession()).toBeNull();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Verksamhetssystem' }), 'Cosmic Link');
    expect(lifecareTitle()).toBeNull();
    // No allowed values for it: free text.
    expect(profession()).toBeTruthy();

    await user.click(screen.getByRole('radio', { name: 'Avbeställ behörighet' }));
    expect(profession()).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'Expertanvändare' })).toBeNull();
  });

  it("shows the chosen permission's description", async () => {
    asAnna();
    const { user } = await openForm();
    const permission = screen.getByRole('combobox', { name: 'Behörighet' });
    expect(within(permission).getAllByRole('option').map((o) => o.textContent)).toEqual(['Välj först verksamhetssystem']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Verksamhetssystem' }), 'Lifecare');
    await user.selectOptions(permission, 'Utförare hemtjänst');
    expect(describedBy(permission)).toContain('Läsa och dokumentera i hemtjänstens insatser.');
  });

  it('marks the email mandatory when the person becomes expert user', async () => {
    asAnna();
    const { user } = await openForm();
    const email = screen.getByRole('textbox', { name: 'E-post' });
    expect(email.getAttribute('aria-required')).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: 'Expertanvändare' }));
    expect(email.getAttribute('aria-required')).toBe('true');
    expect(describedBy(email)).toContain('obligatoriskt');
    expect(email.closest('.field')?.querySelector('.required-mark')).toBeTruthy();
  });

  it("sends nothing checked here, and shows the API's messages beside their fields, focusing the first", async () => {
    const { calls } = asAnna({
      'POST /api/v1/orders': () =>
        problem(422, 'Ogiltiga uppgifter', 'Begäran innehåller fel.', {
          code: 'validation_failed',
          errors: [
            { field: 'unit_ids', code: 'required', message: 'Välj minst en enhet.' },
            { field: 'subject.personal_number', code: 'invalid_personal_number', message: 'Personnumret är inte giltigt.' },
            { field: 'lifecare_title', code: 'lifecare_title_required', message: 'Titel för Lifecare måste anges.' },
          ],
        }),
    });
    const { user } = await openForm();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Verksamhetssystem' }), 'Lifecare');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Behörighet' }), 'Utförare hemtjänst');
    await user.type(screen.getByRole('textbox', { name: 'Förnamn' }), 'Karin');
    await user.type(screen.getByRole('textbox', { name: 'Personnummer' }), '1912');
    await user.click(screen.getByRole('button', { name: 'Spara' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Beställningen sparades inte');
    expect(alert.textContent).toContain('Titel för Lifecare: Titel för Lifecare måste anges.');
    const title = lifecareTitle()!;
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(title)).toContain('Titel för Lifecare måste anges.');
    const pnr = screen.getByRole('textbox', { name: 'Personnummer' });
    expect(pnr.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(pnr)).toContain('Personnumret är inte giltigt.');
    const units = screen.getByRole('group', { name: 'Enheter' });
    expect(units.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(units)).toContain('Välj minst en enhet.');
    // Focus goes to the first refused field: the first unit's checkbox.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: 'Boende Eken' })));

    // The form sent what it had, and left the title empty: the API said what was missing.
    const body = calls.find((c) => c.method === 'POST')?.body as Record<string, unknown>;
    expect(body).toMatchObject({ kind: 'grant', permission_id: 'p1', unit_ids: [], lifecare_title: null });
    expect(calls.find((c) => c.method === 'POST')?.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('after saving, offers another permission for the same person, with the person filled in', async () => {
    let n = 0;
    const { calls } = asAnna({
      'POST /api/v1/orders': (call) => {
        n += 1;
        const body = call.body as { subject: { first_name: string; last_name: string } };
        return json(201, order(`o${n}`, { subject: { ...order('x').subject, ...body.subject } }));
      },
    });
    const { user } = await openForm();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Verksamhetssystem' }), 'Lifecare');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Behörighet' }), 'Utförare hemtjänst');
    await user.click(screen.getByRole('checkbox', { name: 'Boende Eken' }));
    await user.selectOptions(lifecareTitle()!, 'Sjuksköterska');
    await user.type(screen.getByRole('textbox', { name: 'Förnamn' }), 'Karin');
    await user.type(screen.getByRole('textbox', { name: 'Efternamn' }), 'Berg');
    await user.type(screen.getByRole('textbox', { name: 'Personnummer' }), '19121212-1212');
    await user.type(screen.getByRole('textbox', { name: 'E-post' }), 'karin.berg@omsorgnord.example');
    await user.click(screen.getByRole('button', { name: 'Spara' }));

    const saved = await screen.findByRole('heading', { level: 2, name: 'Beställning SES-2026-000001 är sparad' });
    await waitFor(() => expect(document.activeElement).toBe(saved));
    expect(screen.getByRole('button', { name: 'Skicka till IT' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Visa beställning SES-2026-000001' }).getAttribute('href')).toBe('/bestallningar/o1');

    await user.click(screen.getByRole('button', { name: 'Beställ en behörighet till för samma person (Karin Berg)' }));
    expect((screen.getByRole('textbox', { name: 'Förnamn' }) as HTMLInputElement).value).toBe('Karin');
    expect((screen.getByRole('textbox', { name: 'Efternamn' }) as HTMLInputElement).value).toBe('Berg');
    expect((screen.getByRole('textbox', { name: 'Personnummer' }) as HTMLInputElement).value).toBe('19121212-1212');
    expect((screen.getByRole('textbox', { name: 'E-post' }) as HTMLInputElement).value).toBe('karin.berg@omsorgnord.example');
    expect((screen.getByRole('checkbox', { name: 'Boende Eken' }) as HTMLInputElement).checked).toBe(true);
    // The permission is chosen anew; focus is on the system, the first thing to choose.
    expect((screen.getByRole('combobox', { name: 'Verksamhetssystem' }) as HTMLSelectElement).value).toBe('');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Verksamhetssystem' })));
    expect(screen.getByText(/Uppgifterna om Karin Berg och enheterna är ifyllda/)).toBeTruthy();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Verksamhetssystem' }), 'Cosmic Link');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Behörighet' }), 'Läsbehörighet');
    await user.type(profession()!, 'Sjuksköterska');
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    await screen.findByRole('heading', { level: 2, name: 'Beställning SES-2026-000002 är sparad' });

    const posts = calls.filter((c) => c.method === 'POST').map((c) => c.body as Record<string, unknown>);
    expect(posts).toHaveLength(2);
    expect(posts[1]).toMatchObject({
      permission_id: 'p3',
      unit_ids: ['u-eken'],
      subject: posts[0]!['subject'],
      profession: 'Sjuksköterska',
      lifecare_title: null,
    });
    // Two orders, two keys.
    const keys = calls.filter((c) => c.method === 'POST').map((c) => c.headers.get('Idempotency-Key'));
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('sends the saved order to IT from the confirmation', async () => {
    const saved = order('o7');
    const { calls } = asAnna({
      'POST /api/v1/orders': () => json(201, saved),
      'POST /api/v1/orders/o7/submit': () => json(200, { ...saved, status: 'submitted', version: 2 }),
    });
    const { user } = await openForm();
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    await user.click(await screen.findByRole('button', { name: 'Skicka till IT' }));
    expect(await screen.findByText(/SES-2026-000007 är skickad till IT/)).toBeTruthy();
    const submit = calls.find((c) => c.path === '/api/v1/orders/o7/submit');
    expect(submit?.headers.get('If-Match')).toBe('"1"');
  });

  it('lets an orderer of several providers choose the provider, and offers its units', async () => {
    const both = {
      ...anna,
      ordering_rights: [...anna.ordering_rights, { provider_id: hemtjanstSyd.id, provider_name: hemtjanstSyd.name }],
    };
    asAnna({ [`GET /api/v1/providers/${hemtjanstSyd.id}/units`]: () => page([unit('u-g', 'Hemtjänst Gottsunda', hemtjanstSyd.id)]) }, both);
    const { user } = renderApp('/bestallningar/ny');
    const provider = await screen.findByRole('combobox', { name: 'Utförare' });
    expect(describedBy(provider)).toContain('obligatoriskt');
    expect(screen.getByText('Välj först utförare, så visas dess enheter.')).toBeTruthy();
    await user.selectOptions(provider, hemtjanstSyd.name);
    expect(await screen.findByRole('checkbox', { name: 'Hemtjänst Gottsunda' })).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: 'Boende Linden' })).toBeNull();
  });

  it('is for orderers only', async () => {
    asAnna({}, { ...anna, ordering_rights: [] });
    renderApp('/bestallningar/ny');
    expect(await screen.findByRole('heading', { level: 1, name: 'Ingen åtkomst' })).toBeTruthy();
  });
});
