import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setSession } from '@/lib/auth/session';
import { json, mockFetch, problem, type Call } from '@/testing/fetch-mock';
import { anna, cosmic, itMe, lifecare, listItem, order, permissions } from '@/testing/fixtures';
import { describedBy, renderApp } from '@/testing/render';

const page = <T,>(items: T[]) => json(200, { items, next_cursor: null });

const first = order('o1', { status: 'submitted', submitted_at: '2026-03-01T08:00:00Z' });
const second = order('o2', {
  status: 'submitted',
  submitted_at: '2026-03-02T08:00:00Z',
  system_id: 'sys-cosmic',
  system_name: 'Cosmic Link',
  subject: { ...first.subject, first_name: 'Elin', last_name: 'Johansson' },
});
const mine = order('o3', { status: 'in_progress', taken_by: itMe.id, taken_by_name: itMe.name, version: 3 });

function asIt(extra: Parameters<typeof mockFetch>[0] = {}) {
  setSession('tok', 600);
  return mockFetch({
    'GET /api/v1/me': () => json(200, itMe),
    'GET /api/v1/me/notifications': () => json(200, { items: [], unread_count: 0, next_cursor: null }),
    'GET /api/v1/systems': () => page([lifecare, cosmic]),
    'GET /api/v1/permissions': () => page(permissions),
    'GET /api/v1/orders': (call: Call) =>
      call.search.includes('status=submitted') ? page([first, second].map(listItem)) : page([listItem(mine)]),
    ...extra,
  });
}

const queueTable = () => screen.findByRole('table', { name: 'Nya ärenden, äldst först' });
const rowOf = (reference: string) => screen.getByRole('rowheader', { name: reference }).closest('tr') as HTMLElement;

describe('IT-kö', () => {
  it('shows the sent orders oldest first and the orders in progress, with IT\'s actions', async () => {
    const { calls } = asIt();
    renderApp('/it-ko');
    const queue = await queueTable();
    const queued = calls.find((c) => c.path === '/api/v1/orders' && c.search.includes('status=submitted'));
    expect(queued?.search).toContain('order=oldest');
    const rows = within(queue).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([first.reference, second.reference]);
    expect(within(rows[0]!).getAllByRole('button').map((b) => b.textContent)).toEqual(['Ta ärende', 'Avvisa', 'Returnera']);

    const progress = await screen.findByRole('table', { name: 'Mina pågående ärenden' });
    expect(within(progress).getAllByRole('button').map((b) => b.textContent)).toEqual(['Klarmarkera', 'Avvisa', 'Returnera']);
    const inProgress = calls.find((c) => c.path === '/api/v1/orders' && c.search.includes('status=in_progress'));
    expect(inProgress?.search).toContain('mine=true');
    // The buttons say which order they act on.
    expect(describedBy(within(rows[0]!).getByRole('button', { name: 'Ta ärende' }))).toBe(first.reference);
  });

  it('filters by system, and shows everyone\'s orders in progress on request', async () => {
    const { calls } = asIt();
    const { user } = renderApp('/it-ko');
    await queueTable();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Verksamhetssystem' }), 'Cosmic Link');
    await waitFor(() =>
      expect(calls.some((c) => c.search.includes('status=submitted') && c.search.includes('system_id=sys-cosmic'))).toBe(true),
    );
    await user.click(screen.getByRole('radio', { name: 'Alla pågående' }));
    await screen.findByRole('table', { name: 'Alla pågående ärenden' });
    const last = calls.filter((c) => c.search.includes('status=in_progress')).at(-1);
    expect(last?.search).not.toContain('mine=true');
  });

  it('takes an order', async () => {
    const { calls } = asIt({
      'POST /api/v1/orders/o1/take': () => json(200, { ...first, status: 'in_progress', version: 2 }),
    });
    const { user } = renderApp('/it-ko');
    await queueTable();
    await user.click(within(rowOf(first.reference)).getByRole('button', { name: 'Ta ärende' }));
    expect(await screen.findByText(`Du har tagit ärende ${first.reference}. Det finns nu under Pågående ärenden.`)).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/v1/orders/o1/take')?.headers.get('If-Match')).toBe('"1"');
  });

  it('says plainly when a colleague took the order first, and loads the list again', async () => {
    let lists = 0;
    const { calls } = asIt({
      'GET /api/v1/orders': (call: Call) => {
        if (call.search.includes('status=submitted')) lists += 1;
        return call.search.includes('status=submitted') ? page([first, second].map(listItem)) : page([]);
      },
      'POST /api/v1/orders/o1/take': () =>
        problem(409, 'Conflict', 'an order that is in_progress cannot be taken', { code: 'invalid_transition' }),
      'GET /api/v1/orders/o1': () => json(200, { ...first, status: 'in_progress', taken_by_name: 'Tomas Driftsson' }),
    });
    const { user } = renderApp('/it-ko');
    await queueTable();
    const before = lists;
    await user.click(within(rowOf(first.reference)).getByRole('button', { name: 'Ta ärende' }));
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain(`${first.reference} har redan tagits av Tomas Driftsson. Listan är uppdaterad.`));
    await waitFor(() => expect(lists).toBeGreaterThan(before));
    expect(calls.some((c) => c.path === '/api/v1/orders/o1' && c.method === 'GET')).toBe(true);
  });

  it('completes with the user name and a note', async () => {
    const { calls } = asIt({
      'POST /api/v1/orders/o3/complete': () => json(200, { ...mine, status: 'completed', account_name: 'kaber01' }),
    });
    const { user } = renderApp('/it-ko');
    const progress = await screen.findByRole('table', { name: 'Mina pågående ärenden' });
    await user.click(within(progress).getByRole('button', { name: 'Klarmarkera' }));
    const dialog = await screen.findByRole('dialog', { name: `Klarmarkera ${mine.reference}` });
    const account = within(dialog).getByRole('textbox', { name: 'Användarnamn' });
    await waitFor(() => expect(document.activeElement).toBe(account));
    await user.type(account, 'kaber01');
    await user.type(within(dialog).getByRole('textbox', { name: 'Anteckning' }), 'Lösenord skickat per sms.');
    await user.click(within(dialog).getByRole('button', { name: 'Klarmarkera' }));
    expect(await screen.findByText(`${mine.reference} är klarmarkerad. Beställaren har fått besked.`)).toBeTruthy();
    const call = calls.find((c) => c.path === '/api/v1/orders/o3/complete');
    expect(call?.body).toEqual({ account_name: 'kaber01', note: 'Lösenord skickat per sms.' });
    expect(call?.headers.get('If-Match')).toBe('"3"');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it("asks for Anledning to reject; the API's refusal of an empty one stands beside it", async () => {
    let n = 0;
    const { calls } = asIt({
      'POST /api/v1/orders/o2/reject': (call: Call) => {
        n += 1;
        return n === 1
          ? problem(422, 'Ogiltiga uppgifter', 'Begäran innehåller fel.', {
              code: 'validation_failed',
              errors: [{ field: 'reason', code: 'required', message: 'Fältet är obligatoriskt.' }],
            })
          : json(200, { ...second, status: 'rejected', reject_reason: (call.body as { reason: string }).reason });
      },
    });
    const { user } = renderApp('/it-ko');
    await queueTable();
    await user.click(within(rowOf(second.reference)).getByRole('button', { name: 'Avvisa' }));
    const dialog = await screen.findByRole('dialog', { name: `Avvisa ${second.reference}` });
    const reason = within(dialog).getByRole('textbox', { name: 'Anledning' });
    expect(describedBy(reason)).toContain('obligatoriskt');
    await user.click(within(dialog).getByRole('button', { name: 'Avvisa' }));
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
    expect(describedBy(reason)).toContain('Fältet är obligatoriskt.');
    await waitFor(() => expect(document.activeElement).toBe(reason));

    await user.type(reason, 'Personen saknar anställning.');
    await user.click(within(dialog).getByRole('button', { name: 'Avvisa' }));
    expect(await screen.findByText(`${second.reference} är avvisad. Beställaren har fått besked med anledningen.`)).toBeTruthy();
    expect(calls.filter((c) => c.path === '/api/v1/orders/o2/reject').map((c) => c.body)).toEqual([
      { reason: '' },
      { reason: 'Personen saknar anställning.' },
    ]);
  });

  it('asks for Fråga to return an order', async () => {
    const { calls } = asIt({
      'POST /api/v1/orders/o1/return': () => json(200, { ...first, status: 'draft', return_question: 'Vilken enhet?' }),
    });
    const { user } = renderApp('/it-ko');
    await queueTable();
    await user.click(within(rowOf(first.reference)).getByRole('button', { name: 'Returnera' }));
    const dialog = await screen.findByRole('dialog', { name: `Returnera ${first.reference}` });
    const question = within(dialog).getByRole('textbox', { name: 'Fråga' });
    expect(describedBy(question)).toContain('obligatoriskt');
    await user.type(question, 'Vilken enhet?');
    await user.click(within(dialog).getByRole('button', { name: 'Returnera' }));
    expect(await screen.findByText(`${first.reference} är returnerad till beställaren med din fråga.`)).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/v1/orders/o1/return')?.body).toEqual({ question: 'Vilken enhet?' });
  });

  it('is for IT only', async () => {
    setSession('tok', 600);
    mockFetch({
      'GET /api/v1/me': () => json(200, anna),
      'GET /api/v1/me/notifications': () => json(200, { items: [], unread_count: 0, next_cursor: null }),
    });
    renderApp('/it-ko');
    expect(await screen.findByRole('heading', { level: 1, name: 'Ingen åtkomst' })).toBeTruthy();
  });
});
