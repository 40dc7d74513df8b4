import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setSession } from '@/lib/auth/session';
import { json, mockFetch, problem } from '@/testing/fetch-mock';
import { anna, itMe, order } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

const history = (items: unknown[]) => json(200, { items, next_cursor: null });
const step = (action: string, from: string | null, to: string, actor: string, note: string | null = null) => ({
  id: `h-${action}`,
  at: '2026-03-05T10:00:00Z',
  actor_id: 'a',
  actor_name: actor,
  action,
  from_status: from,
  to_status: to,
  note,
});

function reading(o: ReturnType<typeof order>, me = anna, steps: unknown[] = []) {
  setSession('tok', 600);
  return mockFetch({
    'GET /api/v1/me': () => json(200, me),
    'GET /api/v1/me/notifications': () => json(200, { items: [], unread_count: 0, next_cursor: null }),
    [`GET /api/v1/orders/${o.id}`]: () => json(200, o),
    [`GET /api/v1/orders/${o.id}/history`]: () => history(steps),
  });
}

describe("an order's page", () => {
  it('shows the order whole, with its history', async () => {
    const o = order('o1', { status: 'submitted', submitted_at: '2026-03-05T10:00:00Z', submitted_by_name: 'Anna Lind', valid_to: '2027-06-30' });
    reading(o, anna, [step('created', null, 'draft', 'Anna Lind'), step('submitted', 'draft', 'submitted', 'Anna Lind')]);
    renderApp('/bestallningar/o1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Beställning SES-2026-000001' })).toBeTruthy();
    // The detail shows the personal number whole.
    expect(screen.getByText('19121212-1212')).toBeTruthy();
    expect(screen.getByText('Undersköterska')).toBeTruthy();
    expect(screen.getByText('2027-06-30')).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Historik' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['SkapadUtkast', 'Skickad till ITUtkast → Skickad till IT']);
    expect(screen.getByRole('button', { name: 'Återkalla' })).toBeTruthy();
  });

  it("shows IT's question on a returned order, and the draft's actions", async () => {
    const o = order('o2', { status: 'draft', return_question: 'Gäller det båda boendena?' });
    reading(o, anna, [step('returned', 'in_progress', 'draft', 'Ingrid Tekniker', 'Gäller det båda boendena?')]);
    renderApp('/bestallningar/o2');
    const question = await screen.findByText('IT har returnerat beställningen med en fråga');
    expect(question.closest('.alert')?.textContent).toContain('Gäller det båda boendena?');
    expect(screen.getByRole('link', { name: 'Ändra' }).getAttribute('href')).toBe('/bestallningar/o2/andra');
    expect(screen.getByRole('button', { name: 'Skicka till IT' })).toBeTruthy();
    expect(await screen.findByText('Returnerad med fråga')).toBeTruthy();
  });

  it("shows IT's reason on a rejected order, and offers a copy", async () => {
    reading(order('o3', { status: 'rejected', reject_reason: 'Saknar legitimation.' }));
    renderApp('/bestallningar/o3');
    const title = await screen.findByText('IT har avvisat beställningen');
    expect(title.closest('.alert')?.textContent).toContain('Anledning: Saknar legitimation.');
    expect(screen.getByRole('button', { name: 'Kopiera' })).toBeTruthy();
  });

  it('shows the user name IT reported on a completed order', async () => {
    reading(order('o4', { status: 'completed', account_name: 'kaber01', completed_at: '2026-03-06T09:00:00Z' }));
    renderApp('/bestallningar/o4');
    expect(await screen.findByText('Användarnamn i Lifecare: kaber01')).toBeTruthy();
    expect(screen.getByText('Klar', { selector: '.tag' })).toBeTruthy();
  });

  it("gives IT its steps on an order in progress, and no orderer's", async () => {
    reading(order('o5', { status: 'in_progress', taken_by_name: 'Ingrid Tekniker' }), itMe);
    renderApp('/bestallningar/o5');
    await screen.findByRole('heading', { level: 1, name: 'Beställning SES-2026-000005' });
    const actions = document.querySelector('.order-detail__actions') as HTMLElement;
    expect(within(actions).getAllByRole('button').map((b) => b.textContent)).toEqual(['Klarmarkera', 'Avvisa', 'Returnera']);
    expect(document.querySelector('.back-link a')?.getAttribute('href')).toBe('/it-ko');
  });

  it("answers an order the reader may not see (404) with the not-found page", async () => {
    setSession('tok', 600);
    mockFetch({
      'GET /api/v1/me': () => json(200, anna),
      'GET /api/v1/me/notifications': () => json(200, { items: [], unread_count: 0, next_cursor: null }),
      'GET /api/v1/orders/other': () => problem(404, 'Not Found', 'Resursen finns inte.', { code: 'not_found' }),
    });
    renderApp('/bestallningar/other');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sidan finns inte' })).toBeTruthy();
    await waitFor(() => expect(document.title).toContain('Sidan finns inte'));
  });
});
