import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setSession } from '@/lib/auth/session';
import { json, mockFetch, problem } from '@/testing/fetch-mock';
import { anna, cosmic, lifecare, listItem, nordUnits, omsorgNord, order, permissions, supportMe } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

const page = <T,>(items: T[], next_cursor: string | null = null) => json(200, { items, next_cursor });

const draft = order('o1', { status: 'draft' });
const sent = order('o2', { status: 'submitted', subject: { ...draft.subject, first_name: 'Ahmed', last_name: 'Hassan' } });
const taken = order('o3', { status: 'in_progress', taken_by_name: 'Ingrid Tekniker' });
const done = order('o4', { status: 'completed', account_name: 'kaber01' });
const rejected = order('o5', { status: 'rejected', reject_reason: 'Saknar legitimation.' });
const withdrawn = order('o6', { status: 'withdrawn', kind: 'revoke' });
const all = [draft, sent, taken, done, rejected, withdrawn];

function asAnna(extra: Parameters<typeof mockFetch>[0] = {}, me = anna) {
  setSession('tok', 600);
  return mockFetch({
    'GET /api/v1/me': () => json(200, me),
    'GET /api/v1/me/notifications': () => json(200, { items: [], unread_count: 0, next_cursor: null }),
    'GET /api/v1/orders': () => page(all.map(listItem)),
    ...extra,
  });
}

const rowOf = (reference: string) => screen.getByRole('rowheader', { name: reference }).closest('tr') as HTMLElement;
const buttons = (row: HTMLElement) => within(row).queryAllByRole('button').map((b) => b.textContent);

describe('Hantera dina beställningar', () => {
  it("lists the provider's orders with masked personal numbers, statuses in words, and each one's actions", async () => {
    asAnna();
    renderApp('/bestallningar');
    const table = await screen.findByRole('table', { name: 'Beställningar hos Omsorg Nord AB' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Markera', 'Referens', 'Person', 'Behörighet', 'Typ', 'Status', 'Uppdaterad', 'Åtgärder']);
    expect(screen.getByText('Visar 6 beställningar.')).toBeTruthy();

    const expected: [string, string, string[]][] = [
      [draft.reference, 'Utkast', ['Ta bort', 'Skicka till IT']],
      [sent.reference, 'Skickad till IT', ['Återkalla']],
      [taken.reference, 'Pågår', []],
      [done.reference, 'Klar', ['Kopiera']],
      [rejected.reference, 'Avvisad', ['Kopiera']],
      [withdrawn.reference, 'Återkallad', ['Kopiera']],
    ];
    for (const [reference, status, actions] of expected) {
      const row = rowOf(reference);
      expect(within(row).getByText(status, { selector: '.tag' })).toBeTruthy();
      expect(buttons(row)).toEqual(actions);
    }
    const first = rowOf(draft.reference);
    expect(first.textContent).toContain('19121212-****');
    expect(first.textContent).not.toContain('19121212-1212');
    expect(within(first).getByRole('link', { name: 'Ändra' }).getAttribute('href')).toBe('/bestallningar/o1/andra');
    expect(within(first).getByRole('link', { name: draft.reference }).getAttribute('href')).toBe('/bestallningar/o1');
    expect(rowOf(withdrawn.reference).textContent).toContain('Avbeställning');
    expect(first.textContent).toContain('2026-03-05 11:00');
  });

  it('filters by status and searches, keeping the filters in the address', async () => {
    const { calls } = asAnna();
    const { user, router } = renderApp('/bestallningar');
    await screen.findByRole('table');
    const filters = screen.getByRole('group', { name: 'Visa status' });
    await user.click(within(filters).getByRole('checkbox', { name: 'Klar' }));
    await user.click(within(filters).getByRole('checkbox', { name: 'Avvisad' }));
    await waitFor(() =>
      expect(calls.some((c) => c.path === '/api/v1/orders' && c.search.includes('status=completed&status=rejected'))).toBe(true),
    );
    await user.type(screen.getByRole('searchbox', { name: 'Sök' }), 'Karin{Enter}');
    await waitFor(() => expect(calls.some((c) => c.path === '/api/v1/orders' && c.search.includes('q=Karin'))).toBe(true));
    expect(router.state.location.search).toBe('?status=completed&status=rejected&q=Karin');
  });

  it('pages on with next_cursor', async () => {
    const { calls } = asAnna({
      'GET /api/v1/orders': (call) =>
        call.search.includes('cursor=c2') ? page([listItem(done)]) : page([draft, sent].map(listItem), 'c2'),
    });
    const { user } = renderApp('/bestallningar');
    expect(await screen.findByText('Visar 2 beställningar. Det finns fler.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Visa fler' }));
    expect(await screen.findByRole('rowheader', { name: done.reference })).toBeTruthy();
    expect(screen.getByText('Visar 3 beställningar.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Visa fler' })).toBeNull();
    expect(calls.filter((c) => c.path === '/api/v1/orders').at(-1)?.search).toContain('cursor=c2');
  });

  it('sends a draft to IT with the version it shows, and says so', async () => {
    const { calls } = asAnna({
      'POST /api/v1/orders/o1/submit': () => json(200, { ...draft, status: 'submitted', version: 2 }),
    });
    const { user } = renderApp('/bestallningar');
    await screen.findByRole('table');
    await user.click(within(rowOf(draft.reference)).getByRole('button', { name: 'Skicka till IT' }));
    const message = await screen.findByText(`${draft.reference} är skickad till IT.`);
    await waitFor(() => expect(document.activeElement).toBe(message.closest('.alert')));
    expect(calls.find((c) => c.path === '/api/v1/orders/o1/submit')?.headers.get('If-Match')).toBe('"1"');
  });

  it('says what the API refused when a draft cannot be sent', async () => {
    asAnna({
      'POST /api/v1/orders/o1/submit': () =>
        problem(422, 'Ogiltiga uppgifter', 'Begäran innehåller fel.', {
          code: 'validation_failed',
          errors: [{ field: 'subject.personal_number', code: 'self_order_forbidden', message: 'Du kan inte beställa åt dig själv.' }],
        }),
    });
    const { user } = renderApp('/bestallningar');
    await screen.findByRole('table');
    await user.click(within(rowOf(draft.reference)).getByRole('button', { name: 'Skicka till IT' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('uppfyller inte längre reglerna');
    expect(alert.textContent).toContain('Du kan inte beställa åt dig själv.');
  });

  it('asks before deleting a draft', async () => {
    const { calls } = asAnna({ 'DELETE /api/v1/orders/o1': () => new Response(null, { status: 204 }) });
    const { user } = renderApp('/bestallningar');
    await screen.findByRole('table');
    await user.click(within(rowOf(draft.reference)).getByRole('button', { name: 'Ta bort' }));
    const dialog = await screen.findByRole('dialog', { name: `Ta bort utkastet ${draft.reference}?` });
    await user.click(within(dialog).getByRole('button', { name: 'Ta bort utkast' }));
    expect(await screen.findByText(`Utkastet ${draft.reference} är borttaget.`)).toBeTruthy();
    expect(calls.find((c) => c.method === 'DELETE')?.headers.get('If-Match')).toBe('"1"');
  });

  it('withdraws a sent order after asking', async () => {
    const { calls } = asAnna({ 'POST /api/v1/orders/o2/withdraw': () => json(200, { ...sent, status: 'withdrawn' }) });
    const { user } = renderApp('/bestallningar');
    await screen.findByRole('table');
    await user.click(within(rowOf(sent.reference)).getByRole('button', { name: 'Återkalla' }));
    const dialog = await screen.findByRole('dialog', { name: `Återkalla ${sent.reference}?` });
    await user.click(within(dialog).getByRole('button', { name: 'Återkalla beställning' }));
    expect(await screen.findByText(`${sent.reference} är återkallad.`)).toBeTruthy();
    expect(calls.some((c) => c.path === '/api/v1/orders/o2/withdraw')).toBe(true);
  });

  it('copies a rejected order into a new draft and opens it for editing', async () => {
    const copy = order('o9', { status: 'draft' });
    const { calls } = asAnna({
      'POST /api/v1/orders/o5/copy': () => json(201, copy),
      'GET /api/v1/orders/o9': () => json(200, copy),
      'GET /api/v1/systems': () => page([lifecare, cosmic]),
      'GET /api/v1/permissions': () => page(permissions),
      [`GET /api/v1/providers/${omsorgNord.id}/units`]: () => page(nordUnits),
    });
    const { user, router } = renderApp('/bestallningar');
    await screen.findByRole('table');
    await user.click(within(rowOf(rejected.reference)).getByRole('button', { name: 'Kopiera' }));
    expect(await screen.findByRole('heading', { level: 1, name: `Ändra beställning ${copy.reference}` })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/bestallningar/o9/andra');
    expect(screen.getByText(/Kopian SES-2026-000009 är sparad som utkast/)).toBeTruthy();
    expect((await screen.findByRole('textbox', { name: 'Förnamn' }) as HTMLInputElement).value).toBe('Karin');
    expect(calls.some((c) => c.path === '/api/v1/orders/o5/copy' && c.method === 'POST')).toBe(true);
  });

  it('shows support every provider, without orderer actions', async () => {
    asAnna({}, supportMe);
    renderApp('/bestallningar');
    const table = await screen.findByRole('table', { name: 'Beställningar' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toContain('Utförare');
    expect(within(table).queryAllByRole('button')).toHaveLength(0);
  });
});
