import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { components } from '@/lib/api';
import { setSession } from '@/lib/auth/session';
import { json, mockFetch, problem, type Call } from '@/testing/fetch-mock';
import { anna, cosmic, hemtjanstSyd, lifecare, omsorgNord, order, supportMe } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

type Review = components['schemas']['ReviewDto'];
type Item = components['schemas']['ReviewItemDto'];

const review: Review = {
  id: 'r-1',
  provider_id: omsorgNord.id,
  provider_name: omsorgNord.name,
  system_id: null,
  system_name: null,
  title: 'Årlig behörighetsuppföljning',
  status: 'open',
  due_date: '2027-01-31',
  overdue: false,
  started_at: '2026-12-07T09:00:00Z',
  started_by: supportMe.id,
  completed_at: null,
  completed_by: null,
  cancelled_at: null,
  items_total: 3,
  items_decided: 1,
  items_keep: 1,
  items_revoke: 0,
  items_ended: 0,
};

function item(id: string, first: string, last: string, extra: Partial<Item> = {}): Item {
  return {
    id,
    holding_id: `h-${id}`,
    subject: { first_name: first, last_name: last, personal_number: '19980612-****' },
    system_id: lifecare.id,
    system_name: 'Lifecare',
    permission_id: 'p1',
    permission_name: 'Utförare hemtjänst',
    unit_ids: ['u-linden'],
    units: [{ id: 'u-linden', name: 'Boende Linden' }],
    since: '2026-01-10T08:00:00Z',
    valid_to: null,
    justification: null,
    decision: null,
    note: null,
    decided_by: null,
    decided_by_name: null,
    decided_at: null,
    holding_ended: false,
    revoke_order_id: null,
    ...extra,
  };
}

const nora = item('i-nora', 'Nora', 'Eriksson', { justification: 'Arbetar natt på Linden.' });
const noraCosmic = item('i-nora-2', 'Nora', 'Eriksson', { system_id: cosmic.id, system_name: 'Cosmic Link', permission_name: 'Läsbehörighet' });
const gustav = item('i-gustav', 'Gustav', 'Nyström', { decision: 'keep', decided_by_name: 'Erik Holm', decided_at: '2026-12-08T10:00:00Z' });

function setup(me: components['schemas']['Me'], extra: Parameters<typeof mockFetch>[0] = {}, items = [nora, noraCosmic, gustav]) {
  setSession('tok', 600);
  return mockFetch({
    'GET /api/v1/me': () => json(200, me),
    'GET /api/v1/systems': () => json(200, { items: [lifecare, cosmic], next_cursor: null }),
    'GET /api/v1/providers': () => json(200, { items: [hemtjanstSyd, omsorgNord], next_cursor: null }),
    'GET /api/v1/reviews': () => json(200, { items: [review, { ...review, id: 'r-2', provider_name: hemtjanstSyd.name, overdue: true }], next_cursor: null }),
    'GET /api/v1/reviews/r-1': () => json(200, review),
    'GET /api/v1/reviews/r-1/items': () => json(200, { items, next_cursor: null }),
    ...extra,
  });
}

describe('Behörighetsuppföljning', () => {
  it('lists the reviews with progress, the overdue one marked', async () => {
    setup(anna);
    renderApp('/behorighetsuppfoljning');
    const table = await screen.findByRole('table', { name: 'Uppföljningar' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]?.textContent).toContain('1 av 3 klara');
    expect(within(rows[1]!).getByText('Försenad')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Starta uppföljning' })).toBeNull();
  });

  it('lets support start a review for one provider or all, with the API refusal beside the field', async () => {
    const { calls } = setup(supportMe, {
      'POST /api/v1/reviews': (call: Call) =>
        (call.body as { due_date: string }).due_date === '2020-01-01'
          ? problem(422, 'Ogiltiga uppgifter', undefined, {
              code: 'validation_failed',
              errors: [{ field: 'due_date', code: 'due_date_not_in_future', message: 'Sista dag måste vara efter i dag.' }],
            })
          : json(201, { items: [review] }),
    });
    const { user } = renderApp('/behorighetsuppfoljning');
    await user.click(await screen.findByRole('button', { name: 'Starta uppföljning' }));
    const dialog = await screen.findByRole('dialog', { name: 'Starta uppföljning' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Utförare' }), omsorgNord.id);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Verksamhetssystem' }), lifecare.id);
    const due = within(dialog).getByLabelText(/Sista dag/);
    await user.type(due, '2020-01-01');
    await user.click(within(dialog).getByRole('button', { name: 'Starta uppföljning' }));
    expect((await within(dialog).findAllByText('Sista dag måste vara efter i dag.')).length).toBeGreaterThan(0);
    await user.clear(due);
    await user.type(due, '2027-01-31');
    await user.click(within(dialog).getByRole('button', { name: 'Starta uppföljning' }));
    expect(await screen.findByText('Uppföljningar startade: 1.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').at(-1)?.body).toEqual({
      provider_id: omsorgNord.id,
      system_id: lifecare.id,
      due_date: '2027-01-31',
    });
  });

  it('groups items by person, decides one, keeps the selected ones, and completes behind a confirmation', async () => {
    const { calls } = setup(anna, {
      'POST /api/v1/reviews/r-1/decisions': (call: Call) => json(200, { items: (call.body as { items: unknown[] }).items }),
      'POST /api/v1/reviews/r-1/complete': () =>
        json(200, { ...review, status: 'completed', revoke_orders: [order('o-9', { reference: 'SES-2026-000009', kind: 'revoke' })] }),
    });
    const { user } = renderApp('/behorighetsuppfoljning/r-1');
    expect(await screen.findByRole('heading', { level: 2, name: /Nora Eriksson/ })).toBeTruthy();
    expect(screen.getByText('Arbetar natt på Linden.')).toBeTruthy();
    const group = screen.getByRole('radiogroup', { name: 'Beslut för Nora Eriksson, Utförare hemtjänst (Lifecare)' });
    await user.click(within(group).getByRole('radio', { name: 'Ta bort' }));
    await waitFor(() =>
      expect(calls.find((c) => c.path.endsWith('/decisions'))?.body).toEqual({
        items: [{ item_id: 'i-nora', decision: 'revoke', note: null }],
      }),
    );
    await user.click(screen.getByRole('checkbox', { name: 'Markera Nora Eriksson, Läsbehörighet (Cosmic Link)' }));
    await user.click(screen.getByRole('button', { name: 'Behåll alla markerade' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.path.endsWith('/decisions')).at(-1)?.body).toEqual({
        items: [{ item_id: 'i-nora-2', decision: 'keep' }],
      }),
    );
    await user.click(screen.getByRole('checkbox', { name: 'Visa bara obeslutade' }));
    expect(screen.queryByRole('heading', { level: 2, name: /Gustav/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Slutför uppföljningen' })).toHaveProperty('disabled', true);
  });

  it('completes a fully decided review, saying how many revoke orders it sends, and links them', async () => {
    setup(
      anna,
      {
        'POST /api/v1/reviews/r-1/complete': () =>
          json(200, { ...review, status: 'completed', revoke_orders: [order('o-9', { reference: 'SES-2026-000009', kind: 'revoke' })] }),
      },
      [item('i-nora', 'Nora', 'Eriksson', { decision: 'revoke' }), gustav],
    );
    const { user } = renderApp('/behorighetsuppfoljning/r-1');
    await user.click(await screen.findByRole('button', { name: 'Slutför uppföljningen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Slutför uppföljningen' });
    expect(dialog.textContent).toContain('skickar 1 avbeställning till IT');
    await user.click(within(dialog).getByRole('button', { name: 'Slutför uppföljningen' }));
    expect(await screen.findByRole('link', { name: /SES-2026-000009/ })).toBeTruthy();
  });

  it('lets support read and cancel, but not decide', async () => {
    setup(supportMe, { 'POST /api/v1/reviews/r-1/cancel': () => json(200, { ...review, status: 'cancelled' }) });
    const { user } = renderApp('/behorighetsuppfoljning/r-1');
    expect(await screen.findByRole('heading', { level: 2, name: /Nora Eriksson/ })).toBeTruthy();
    expect(screen.queryByRole('radio', { name: 'Behåll' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Slutför uppföljningen' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Avbryt uppföljningen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Avbryt uppföljningen' });
    await user.click(within(dialog).getByRole('button', { name: 'Avbryt uppföljningen' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
