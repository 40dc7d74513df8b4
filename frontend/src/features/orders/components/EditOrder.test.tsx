import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setSession } from '@/lib/auth/session';
import { json, mockFetch, problem } from '@/testing/fetch-mock';
import { anna, cosmic, lifecare, nordUnits, omsorgNord, order, permissions } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

const page = <T,>(items: T[]) => json(200, { items, next_cursor: null });

function editing(o: ReturnType<typeof order>, extra: Parameters<typeof mockFetch>[0] = {}) {
  setSession('tok', 600);
  return mockFetch({
    'GET /api/v1/me': () => json(200, anna),
    'GET /api/v1/me/notifications': () => json(200, { items: [], unread_count: 0, next_cursor: null }),
    'GET /api/v1/systems': () => page([lifecare, cosmic]),
    'GET /api/v1/permissions': () => page(permissions),
    [`GET /api/v1/providers/${omsorgNord.id}/units`]: () => page(nordUnits),
    [`GET /api/v1/orders/${o.id}`]: () => json(200, o),
    [`GET /api/v1/orders/${o.id}/history`]: () => json(200, { items: [], next_cursor: null }),
    ...extra,
  });
}

describe('changing a draft', () => {
  it('fills the form from the draft and saves the change with the version it read', async () => {
    const draft = order('o1', { version: 4, return_question: 'Gäller det båda boendena?' });
    const { calls } = editing(draft, {
      'PATCH /api/v1/orders/o1': () => json(200, { ...draft, unit_ids: ['u-linden', 'u-eken'], version: 5 }),
    });
    const { user, router } = renderApp('/bestallningar/o1/andra');
    expect(await screen.findByRole('heading', { level: 1, name: 'Ändra beställning SES-2026-000001' })).toBeTruthy();
    // IT's question stays in sight while the orderer answers it.
    expect(screen.getByText('Gäller det båda boendena?')).toBeTruthy();
    expect((screen.getByRole('combobox', { name: 'Verksamhetssystem' }) as HTMLSelectElement).value).toBe('sys-lifecare');
    expect((screen.getByRole('combobox', { name: 'Titel för Lifecare' }) as HTMLSelectElement).value).toBe('Undersköterska');
    await user.click(await screen.findByRole('checkbox', { name: 'Boende Eken' }));
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    expect(await screen.findByText('Ändringarna i SES-2026-000001 är sparade.')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/bestallningar/o1');
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.headers.get('If-Match')).toBe('"4"');
    expect(patch?.body).toMatchObject({ unit_ids: ['u-linden', 'u-eken'], lifecare_title: 'Undersköterska' });
  });

  it('says so when someone else changed the draft meanwhile (412)', async () => {
    const draft = order('o1');
    editing(draft, {
      'PATCH /api/v1/orders/o1': () => problem(412, 'Precondition Failed', 'stale', { code: 'precondition_failed' }),
    });
    const { user } = renderApp('/bestallningar/o1/andra');
    await user.click(await screen.findByRole('button', { name: 'Spara' }));
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain('Beställningen har ändrats av någon annan sedan du öppnade den.'));
  });

  it('only changes drafts', async () => {
    editing(order('o1', { status: 'submitted' }));
    renderApp('/bestallningar/o1/andra');
    expect(await screen.findByText('Bara utkast kan ändras. SES-2026-000001 har status Skickad till IT.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Spara' })).toBeNull();
  });
});
