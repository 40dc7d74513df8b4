import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setSession } from '@/lib/auth/session';
import { json, mockFetch, problem } from '@/testing/fetch-mock';
import { cosmic, lifecare, permissions, supportMe } from '@/testing/fixtures';
import { describedBy, renderApp } from '@/testing/render';
import { emptySystemValues, systemBody } from './SystemFields';

describe('systemBody', () => {
  it('sends the required fields, and allowed values only for them, one per line, trimmed', () => {
    const values = emptySystemValues();
    values.name = ' Treserva ';
    values.required.profession = true;
    values.allowed.profession = 'Socialsekreterare\n\n  Familjebehandlare  \n';
    values.allowed.lifecare_title = 'Ignoreras';
    expect(systemBody(values)).toEqual({
      name: 'Treserva',
      description: '',
      required_fields: ['profession'],
      allowed_values: { profession: ['Socialsekreterare', 'Familjebehandlare'] },
    });
  });

  it('leaves out an empty list: any value is allowed', () => {
    const values = emptySystemValues();
    values.required.lifecare_title = true;
    expect(systemBody(values).allowed_values).toEqual({});
  });
});

function asSupport(extra: Parameters<typeof mockFetch>[0] = {}) {
  setSession('tok', 600);
  return mockFetch({
    'GET /api/v1/me': () => json(200, supportMe),
    'GET /api/v1/systems': () => json(200, { items: [lifecare, cosmic], next_cursor: null }),
    'GET /api/v1/permissions': (call) => {
      const system = new URLSearchParams(call.search).get('system_id');
      return json(200, { items: permissions.filter((p) => !system || p.system_id === system), next_cursor: null });
    },
    ...extra,
  });
}

describe('Verksamhetssystem och behörigheter (support)', () => {
  it('reveals the allowed values of a required field, and shows their errors beside them', async () => {
    const { calls } = asSupport({
      'POST /api/v1/systems': () =>
        problem(422, 'Ogiltiga uppgifter', 'Begäran innehåller fel.', {
          errors: [{ field: 'allowed_values.profession[1]', code: 'invalid_length', message: 'Värdet har fel längd.' }],
        }),
    });
    const { user } = renderApp('/administration/system');
    const group = await screen.findByRole('group', { name: 'Extra uppgifter som beställningar kräver' });
    expect(within(group).queryByRole('textbox')).toBeNull();
    await user.click(within(group).getByRole('checkbox', { name: 'Profession' }));
    const allowed = within(group).getByRole('textbox', { name: 'Tillåtna värden för Profession' });
    expect(describedBy(allowed)).toBe('Ett värde per rad. Lämna tomt om beställaren får skriva fritt.');

    await user.type(screen.getByRole('textbox', { name: 'Systemets namn' }), 'Treserva');
    await user.type(allowed, 'Kurator{Enter}xxx');
    await user.click(screen.getByRole('button', { name: 'Lägg till verksamhetssystem' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Tillåtna värden för Profession: Värdet har fel längd.');
    expect(allowed.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(allowed)).toContain('Värdet har fel längd.');
    await waitFor(() => expect(document.activeElement).toBe(allowed));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Treserva',
      description: '',
      required_fields: ['profession'],
      allowed_values: { profession: ['Kurator', 'xxx'] },
    });
  });

  it("edits a system's rules and adds a permission to it", async () => {
    const { calls } = asSupport({
      [`PATCH /api/v1/systems/${lifecare.id}`]: (call) => json(200, { ...lifecare, ...(call.body as object) }),
      'POST /api/v1/permissions': (call) =>
        json(201, { ...permissions[0], id: 'p9', ...(call.body as object), active: true }),
    });
    const { user } = renderApp(`/administration/system/${lifecare.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Lifecare' })).toBeTruthy();
    const allowed = screen.getByRole('textbox', { name: 'Tillåtna värden för Titel för Lifecare' }) as HTMLTextAreaElement;
    expect(allowed.value).toBe('Undersköterska\nSjuksköterska');
    await user.type(allowed, '{Enter}Arbetsterapeut');
    await user.click(screen.getByRole('button', { name: 'Spara ändringar' }));
    expect(await screen.findByText('Ändringarna är sparade.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      name: 'Lifecare',
      description: lifecare.description,
      required_fields: ['lifecare_title'],
      allowed_values: { lifecare_title: ['Undersköterska', 'Sjuksköterska', 'Arbetsterapeut'] },
    });

    const table = screen.getByRole('table', { name: 'Behörigheter i Lifecare' });
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual([
      'Administratör utförare',
      'Utförare hemtjänst',
    ]);
    await user.type(screen.getByRole('textbox', { name: 'Behörighetens namn' }), 'Läsbehörighet');
    await user.click(screen.getByRole('button', { name: 'Lägg till behörighet' }));
    expect(await screen.findByText('Behörigheten Läsbehörighet är tillagd.')).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/v1/permissions' && c.method === 'POST')?.body).toEqual({
      system_id: lifecare.id,
      name: 'Läsbehörighet',
      description: '',
    });
  });
});
