import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setSession } from '@/lib/auth/session';
import { json, mockFetch, problem } from '@/testing/fetch-mock';
import { hemtjanstSyd, omsorgNord, supportMe } from '@/testing/fixtures';
import { describedBy, renderApp } from '@/testing/render';

const created = { ...omsorgNord, id: 'prov-vast', name: 'Omsorg Väst AB', org_number: '556987-6542' };
const unit = (id: string, name: string, code: string | null, active = true) => ({
  id,
  provider_id: created.id,
  name,
  code,
  active,
  created_at: created.created_at,
  updated_at: created.updated_at,
});

function asSupport(extra: Parameters<typeof mockFetch>[0] = {}) {
  setSession('tok', 600);
  return mockFetch({
    'GET /api/v1/me': () => json(200, supportMe),
    'GET /api/v1/providers': () => json(200, { items: [omsorgNord, { ...hemtjanstSyd, active: false }], next_cursor: null }),
    ...extra,
  });
}

describe('Utförare och enheter (support)', () => {
  it('lists providers with their status, in words', async () => {
    asSupport();
    renderApp('/administration/utforare');
    const table = await screen.findByRole('table', { name: 'Alla utförare' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows).toEqual(['Hemtjänst Syd Ekonomisk förening769612-3456Inaktiv', 'Omsorg Nord AB556677-8899Aktiv']);
    expect(within(table).getByRole('link', { name: 'Omsorg Nord AB' }).getAttribute('href')).toBe(
      `/administration/utforare/${omsorgNord.id}`,
    );
  });

  it("shows the API's messages beside the provider's fields", async () => {
    const { calls } = asSupport({
      'POST /api/v1/providers': () =>
        problem(422, 'Ogiltiga uppgifter', 'Begäran innehåller fel.', {
          errors: [
            { field: 'name', code: 'required', message: 'Fältet är obligatoriskt.' },
            { field: 'org_number', code: 'invalid_format', message: 'Organisationsnumret ska skrivas NNNNNN-NNNN med rätt kontrollsiffra.' },
          ],
        }),
    });
    const { user } = renderApp('/administration/utforare');
    await user.type(await screen.findByRole('textbox', { name: 'Organisationsnummer' }), '123');
    await user.click(screen.getByRole('button', { name: 'Lägg till utförare' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Namn: Fältet är obligatoriskt.');
    const name = screen.getByRole('textbox', { name: 'Namn' });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(name)).toBe('obligatoriskt ! Fältet är obligatoriskt.');
    const org = screen.getByRole('textbox', { name: 'Organisationsnummer' });
    expect(describedBy(org)).toContain('NNNNNN-NNNN med rätt kontrollsiffra');
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: '', org_number: '123' });
  });

  it('says a taken name in Swedish (409 already_exists)', async () => {
    asSupport({
      'POST /api/v1/providers': () => problem(409, 'Conflict', 'name is already taken', { code: 'already_exists' }),
    });
    const { user } = renderApp('/administration/utforare');
    await user.type(await screen.findByRole('textbox', { name: 'Namn' }), 'Omsorg Nord AB');
    await user.click(screen.getByRole('button', { name: 'Lägg till utförare' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Det finns redan en utförare med det namnet eller organisationsnumret.',
    );
  });

  it("creates a provider, opens its page, and adds, edits and retires its units", async () => {
    let units = [unit('u1', 'Boende Björken', 'OV-1')];
    const { calls } = asSupport({
      'POST /api/v1/providers': () => json(201, created),
      [`GET /api/v1/providers/${created.id}`]: () => json(200, created),
      [`GET /api/v1/providers/${created.id}/units`]: () => json(200, { items: units, next_cursor: null }),
      [`POST /api/v1/providers/${created.id}/units`]: (call) => {
        const body = call.body as { name: string; code: string | null };
        units = [...units, unit('u2', body.name, body.code)];
        return json(201, units[1]);
      },
      'PATCH /api/v1/units/u1': (call) => {
        units = [{ ...units[0]!, ...(call.body as object) }, ...units.slice(1)];
        return json(200, units[0]);
      },
    });
    const { user, router } = renderApp('/administration/utforare');
    await user.type(await screen.findByRole('textbox', { name: 'Namn' }), 'Omsorg Väst AB');
    await user.type(screen.getByRole('textbox', { name: 'Organisationsnummer' }), '556987-6542');
    await user.click(screen.getByRole('button', { name: 'Lägg till utförare' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Omsorg Väst AB' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/administration/utforare/prov-vast');
    expect(screen.getByText('Utföraren Omsorg Väst AB är tillagd. Lägg till dess enheter här nedan.')).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/v1/providers' && c.method === 'POST')?.body).toEqual({
      name: 'Omsorg Väst AB',
      org_number: '556987-6542',
    });

    // Add a unit without a code: the code is sent as none.
    await user.type(screen.getByRole('textbox', { name: 'Enhetens namn' }), 'Hemtjänst Väst');
    await user.click(screen.getByRole('button', { name: 'Lägg till enhet' }));
    expect(await screen.findByText('Enheten Hemtjänst Väst är tillagd.')).toBeTruthy();
    expect(calls.find((c) => c.path.endsWith('/units') && c.method === 'POST')?.body).toEqual({ name: 'Hemtjänst Väst', code: null });
    await screen.findByRole('rowheader', { name: 'Hemtjänst Väst' });

    // Edit in a dialog.
    await user.click(screen.getByRole('button', { name: 'Ändra Boende Björken' }));
    const dialog = screen.getByRole('dialog', { name: 'Ändra enheten Boende Björken' });
    const field = within(dialog).getByRole('textbox', { name: 'Enhetens namn' });
    await user.clear(field);
    await user.type(field, 'Boende Björkängen');
    await user.click(within(dialog).getByRole('button', { name: 'Spara ändringar' }));
    expect(await screen.findByText('Enheten Boende Björkängen är ändrad.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ name: 'Boende Björkängen', code: 'OV-1' });

    // Retire after confirming.
    await user.click(await screen.findByRole('button', { name: 'Avveckla Boende Björkängen' }));
    const confirm = screen.getByRole('dialog', { name: 'Avveckla enheten Boende Björkängen?' });
    await user.click(within(confirm).getByRole('button', { name: 'Avveckla' }));
    expect(await screen.findByText('Enheten Boende Björkängen är avvecklad.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'PATCH').at(-1)?.body).toEqual({ active: false });
    expect(await screen.findByRole('button', { name: 'Återaktivera Boende Björkängen' })).toBeTruthy();
  });
});
