import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { components } from '@/lib/api';
import { setSession } from '@/lib/auth/session';
import { formatDate } from '@/lib/i18n';
import { json, mockFetch, problem, type Call } from '@/testing/fetch-mock';
import { anna, cosmic, hemtjanstSyd, itMe, lifecare, omsorgNord, order } from '@/testing/fixtures';
import { describedBy, renderApp } from '@/testing/render';
import { daysUntil, groupByPerson } from './HolderGroup';

type Holding = components['schemas']['HoldingDto'];

const inDays = (n: number) => formatDate(new Date(Date.now() + n * 86_400_000));

function holding(id: string, first: string, last: string, pnr: string, extra: Partial<Holding> = {}): Holding {
  return {
    id,
    provider_id: omsorgNord.id,
    provider_name: omsorgNord.name,
    permission_id: 'p1',
    permission_name: 'Utförare hemtjänst',
    system_id: lifecare.id,
    system_name: 'Lifecare',
    units: [{ id: 'u-linden', name: 'Boende Linden' }],
    person: { first_name: first, last_name: last, personal_number: pnr, email: null },
    since: '2026-01-10T08:00:00Z',
    valid_to: null,
    active: true,
    source_order_id: 'o-src',
    latest_order_id: 'o-src',
    ended_at: null,
    ended_by_order_id: null,
    end_notice_sent_at: null,
    end_date_passed_at: null,
    end_date_order_id: null,
    open_revoke_order: null,
    ...extra,
  };
}

const nora = holding('h-nora', 'Nora', 'Eriksson', '19980612-****', { valid_to: inDays(9) });
const noraCosmic = holding('h-nora-2', 'Nora', 'Eriksson', '19980612-****', {
  permission_id: 'p3',
  permission_name: 'Läsbehörighet',
  system_id: cosmic.id,
  system_name: 'Cosmic Link',
  units: [
    { id: 'u-eken', name: 'Boende Eken' },
    { id: 'u-linden', name: 'Boende Linden' },
  ],
  valid_to: inDays(200),
});
const gustav = holding('h-gustav', 'Gustav', 'Nyström', '19570203-****');
const whole = (h: Holding, pnr: string) => ({ ...h, person: { ...h.person, personal_number: pnr } });

const page = (items: Holding[]) => json(200, { items, next_cursor: null });

function setup(me: components['schemas']['Me'] = anna, extra: Parameters<typeof mockFetch>[0] = {}, items = [nora, noraCosmic, gustav]) {
  setSession('tok', 600);
  return mockFetch({
    'GET /api/v1/me': () => json(200, me),
    'GET /api/v1/systems': () => json(200, { items: [lifecare, cosmic], next_cursor: null }),
    'GET /api/v1/providers': () => json(200, { items: [hemtjanstSyd, omsorgNord], next_cursor: null }),
    'GET /api/v1/holdings': () => page(items),
    'GET /api/v1/holdings/h-nora': () => json(200, whole(nora, '19980612-1234')),
    'GET /api/v1/holdings/h-gustav': () => json(200, whole(gustav, '19570203-6194')),
    ...extra,
  });
}

describe('groupByPerson and daysUntil', () => {
  it("groups a person's holdings at a provider, in the API's order", () => {
    const groups = groupByPerson([nora, gustav, noraCosmic]);
    expect(groups.map((g) => [g.name, g.items.map((h) => h.id)])).toEqual([
      ['Nora Eriksson', ['h-nora', 'h-nora-2']],
      ['Gustav Nyström', ['h-gustav']],
    ]);
  });

  it('counts days between dates', () => {
    expect(daysUntil('2026-03-10', '2026-03-01')).toBe(9);
    expect(daysUntil('2026-03-31', '2026-03-30')).toBe(1); // across the change to summer time
    expect(daysUntil('2026-02-27', '2026-03-01')).toBe(-2);
  });
});

describe('Behörighetsinnehav for an orderer', () => {
  it('shows who holds what, a person at a time, with end dates near and far', async () => {
    const { calls } = setup();
    renderApp('/behorighetsinnehav');
    expect(await screen.findByRole('heading', { level: 2, name: 'Behörigheter hos Omsorg Nord AB' })).toBeTruthy();
    expect(await screen.findByText('Visar 3 behörigheter (2 personer).')).toBeTruthy();
    const noraTable = screen.getByRole('table', { name: 'Behörigheter som Nora Eriksson har hos Omsorg Nord AB' });
    const rows = within(noraTable).getAllByRole('row').slice(1);
    expect(rows[0]?.textContent).toContain(nora.valid_to ?? '');
    expect(within(rows[0]!).getByText('Upphör om 9 dagar')).toBeTruthy();
    expect(rows[1]?.textContent).toContain('Boende Eken, Boende Linden');
    expect(within(rows[1]!).queryByText(/Upphör/)).toBeNull();
    const gustavTable = screen.getByRole('table', { name: 'Behörigheter som Gustav Nyström har hos Omsorg Nord AB' });
    expect(gustavTable.textContent).toContain('Tills vidare');
    expect(screen.getByRole('heading', { level: 3, name: 'Nora Eriksson 19980612-****' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Avbeställ alla behörigheter för Nora Eriksson' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ändra slutdatum Utförare hemtjänst (Lifecare) för Nora Eriksson' })).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/v1/holdings')?.search).toContain('active=true');
  });

  it('searches and filters, keeping the filters in the address', async () => {
    const { calls } = setup();
    const { user, router } = renderApp('/behorighetsinnehav');
    await user.type(await screen.findByRole('searchbox', { name: 'Sök person' }), '19980612-1234');
    await user.click(screen.getByRole('button', { name: 'Sök' }));
    await waitFor(() => expect(router.state.location.search).toContain('q=19980612-1234'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Verksamhetssystem' }), cosmic.id);
    await user.click(screen.getByRole('radio', { name: 'Avslutade behörigheter' }));
    await waitFor(() => {
      const last = calls.filter((c) => c.path === '/api/v1/holdings').at(-1);
      expect(last?.search).toContain('q=19980612-1234');
      expect(last?.search).toContain(`system_id=${cosmic.id}`);
      expect(last?.search).toContain('active=false');
    });
    expect(router.state.location.search).toContain('visa=avslutade');
    await user.click(screen.getByRole('button', { name: 'Rensa filter' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('changes an end date, and shows the result', async () => {
    const { calls } = setup(anna, {
      'PATCH /api/v1/holdings/h-gustav': (call: Call) =>
        json(200, { ...gustav, valid_to: (call.body as { valid_to: string }).valid_to }),
    });
    const { user } = renderApp('/behorighetsinnehav');
    await user.click(await screen.findByRole('button', { name: 'Ändra slutdatum Utförare hemtjänst (Lifecare) för Gustav Nyström' }));
    const dialog = screen.getByRole('dialog', { name: 'Ändra slutdatum för Gustav Nyström' });
    const field = within(dialog).getByLabelText('Giltig till');
    await user.type(field, '2027-06-30');
    await user.click(within(dialog).getByRole('button', { name: 'Spara slutdatum' }));

    expect(await screen.findByText('Utförare hemtjänst (Lifecare) för Gustav Nyström gäller nu till och med 2027-06-30.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ valid_to: '2027-06-30' });
  });

  it("puts the API's refusal of an end date beside the field", async () => {
    setup(anna, {
      'PATCH /api/v1/holdings/h-nora': () =>
        problem(422, 'Ogiltiga uppgifter', 'Begäran innehåller fel.', {
          code: 'validation_failed',
          errors: [{ field: 'valid_to', code: 'value_not_allowed', message: 'Slutdatumet har redan passerat.' }],
        }),
    });
    const { user } = renderApp('/behorighetsinnehav');
    await user.click(await screen.findByRole('button', { name: 'Ändra slutdatum Utförare hemtjänst (Lifecare) för Nora Eriksson' }));
    const dialog = screen.getByRole('dialog');
    const field = within(dialog).getByLabelText('Giltig till');
    expect((field as HTMLInputElement).value).toBe(nora.valid_to);
    await user.click(within(dialog).getByRole('button', { name: 'Spara slutdatum' }));
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(describedBy(field)).toContain('Slutdatumet har redan passerat.');
    expect(within(dialog).getByRole('alert').textContent).toContain('Slutdatumet sparades inte');
    await waitFor(() => expect(document.activeElement).toBe(field));
  });

  it('sends an empty end date as none', async () => {
    const { calls } = setup(anna, { 'PATCH /api/v1/holdings/h-nora': () => json(200, { ...nora, valid_to: null }) });
    const { user } = renderApp('/behorighetsinnehav');
    await user.click(await screen.findByRole('button', { name: 'Ändra slutdatum Utförare hemtjänst (Lifecare) för Nora Eriksson' }));
    const dialog = screen.getByRole('dialog');
    await user.clear(within(dialog).getByLabelText('Giltig till'));
    await user.click(within(dialog).getByRole('button', { name: 'Spara slutdatum' }));
    expect(await screen.findByText('Utförare hemtjänst (Lifecare) för Nora Eriksson gäller nu tills vidare.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ valid_to: null });
  });

  it('revokes one permission with an ordinary revoke order, sent to IT, and links to it', async () => {
    const draft = order('o-14', { kind: 'revoke', status: 'draft', version: 1, reference: 'SES-2026-000014' });
    const { calls } = setup(anna, {
      'POST /api/v1/orders': () => json(201, draft),
      'POST /api/v1/orders/o-14/submit': () => json(200, { ...draft, status: 'submitted', version: 2 }),
    });
    const { user } = renderApp('/behorighetsinnehav');
    await user.click(await screen.findByRole('button', { name: 'Avbeställ Utförare hemtjänst (Lifecare) för Nora Eriksson' }));
    const dialog = screen.getByRole('dialog', { name: 'Avbeställa Utförare hemtjänst för Nora Eriksson?' });
    expect(dialog.textContent).toContain('En avbeställning av Utförare hemtjänst (Lifecare) på Boende Linden för Nora Eriksson skickas till IT.');
    await user.click(within(dialog).getByRole('button', { name: 'Skicka avbeställning till IT' }));

    const done = (await screen.findByText(/Avbeställningen av Utförare hemtjänst \(Lifecare\) för Nora Eriksson är skickad till IT/)).closest(
      '.alert',
    ) as HTMLElement;
    expect(done.getAttribute('role')).toBe('status');
    expect(within(done).getByRole('link', { name: 'SES-2026-000014' }).getAttribute('href')).toBe('/bestallningar/o-14');
    const post = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/orders');
    expect(post?.body).toEqual({
      kind: 'revoke',
      provider_id: omsorgNord.id,
      permission_id: 'p1',
      unit_ids: ['u-linden'],
      subject: { first_name: 'Nora', last_name: 'Eriksson', personal_number: '19980612-1234', email: null },
    });
    expect(post?.headers.get('Idempotency-Key')).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/v1/orders/o-14/submit')?.headers.get('If-Match')).toBe('"1"');
    // The row says the revoke order is on its way instead of offering it again.
    const row = within(screen.getByRole('table', { name: /Nora Eriksson/ })).getAllByRole('row')[1]!;
    expect(row.textContent).toContain('Avbeställning skickad: SES-2026-000014');
    expect(within(row).queryByRole('button')).toBeNull();
  });

  it('says plainly when a revoke order is already open (409 duplicate_open_order)', async () => {
    setup(anna, {
      'POST /api/v1/orders': () => problem(409, 'Konflikt', 'Det finns redan en öppen beställning.', { code: 'duplicate_open_order' }),
    });
    const { user } = renderApp('/behorighetsinnehav');
    await user.click(await screen.findByRole('button', { name: 'Avbeställ Utförare hemtjänst (Lifecare) för Nora Eriksson' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Skicka avbeställning till IT' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Avbeställningen skickades inte');
    expect(alert.textContent).toContain('Det finns redan en öppen beställning som avbeställer Utförare hemtjänst (Lifecare) för Nora Eriksson.');
    expect(within(alert).getByRole('link', { name: 'Se Hantera dina beställningar' }).getAttribute('href')).toBe('/bestallningar');
  });

  it("revokes everything a person holds, with the personal number whole, and lists the orders", async () => {
    const o1 = order('o-21', { kind: 'revoke', status: 'submitted', reference: 'SES-2026-000021' });
    const o2 = order('o-22', {
      kind: 'revoke',
      status: 'submitted',
      reference: 'SES-2026-000022',
      permission_id: 'p3',
      permission_name: 'Läsbehörighet',
      system_name: 'Cosmic Link',
    });
    const { calls } = setup(anna, { 'POST /api/v1/holdings/revoke': () => json(201, { items: [o1, o2] }) });
    const { user } = renderApp('/behorighetsinnehav');
    await user.click(await screen.findByRole('button', { name: 'Avbeställ alla behörigheter för Nora Eriksson' }));
    const dialog = screen.getByRole('dialog', { name: 'Avbeställa alla behörigheter för Nora Eriksson?' });
    expect(within(dialog).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Utförare hemtjänst (Lifecare) – Boende Linden',
      'Läsbehörighet (Cosmic Link) – Boende Eken, Boende Linden',
    ]);
    await user.type(within(dialog).getByRole('textbox', { name: 'Kommentar till IT' }), 'Slutar 31 mars.');
    await user.click(within(dialog).getByRole('button', { name: 'Avbeställ alla' }));

    const done = (await screen.findByText('2 avbeställningar för Nora Eriksson är skickade till IT:')).closest('.alert') as HTMLElement;
    expect(within(done).getByRole('link', { name: 'SES-2026-000021' }).getAttribute('href')).toBe('/bestallningar/o-21');
    expect(within(done).getByRole('link', { name: 'SES-2026-000022' })).toBeTruthy();
    // Each row names the revoke order made for it.
    const rows = within(screen.getByRole('table', { name: /Nora Eriksson/ })).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('Avbeställning skickad: SES-2026-000021'),
      expect.stringContaining('Avbeställning skickad: SES-2026-000022'),
    ]);
    expect(calls.find((c) => c.path === '/api/v1/holdings/revoke')?.body).toEqual({
      provider_id: omsorgNord.id,
      personal_number: '19980612-1234',
      comment: 'Slutar 31 mars.',
    });
    expect(screen.queryByRole('button', { name: 'Avbeställ alla behörigheter för Nora Eriksson' })).toBeNull();
  });

  it('says when everything is already being revoked (an empty answer)', async () => {
    setup(anna, { 'POST /api/v1/holdings/revoke': () => json(201, { items: [] }) });
    const { user } = renderApp('/behorighetsinnehav');
    await user.click(await screen.findByRole('button', { name: 'Avbeställ alla behörigheter för Gustav Nyström' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Avbeställ alla' }));
    expect(await screen.findByText(/Alla behörigheter som Gustav Nyström har hos Omsorg Nord AB håller redan på att avbeställas/)).toBeTruthy();
  });

  it('downloads the list as behorighetsinnehav.csv with the filters', async () => {
    const { calls } = setup(anna, {
      'GET /api/v1/holdings': () => page([gustav]),
      'GET /api/v1/holdings/export': () =>
        new Response('name,personal_number\n', { status: 200, headers: { 'Content-Type': 'text/csv' } }),
    });
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const { user } = renderApp('/behorighetsinnehav?q=Gustav');
    await user.click(await screen.findByRole('button', { name: 'Ladda ner som CSV' }));
    await waitFor(() => expect(clicked[0]?.download).toBe('behorighetsinnehav.csv'));
    const csv = calls.find((c) => c.path === '/api/v1/holdings/export');
    expect(csv?.search).toContain('q=Gustav');
    expect(csv?.headers.get('Authorization')).toBe('Bearer tok');
  });
});

describe('Behörighetsinnehav for IT', () => {
  it('reads every provider, filters by one, and changes nothing', async () => {
    const { calls } = setup(itMe);
    const { user } = renderApp('/behorighetsinnehav');
    expect(await screen.findByRole('heading', { level: 2, name: 'Behörigheter hos alla utförare' })).toBeTruthy();
    await screen.findByRole('table', { name: 'Behörigheter som Nora Eriksson har hos Omsorg Nord AB' });
    expect(screen.queryByRole('button', { name: /Avbeställ|Ändra slutdatum/ })).toBeNull();
    expect(screen.getAllByText(omsorgNord.name).length).toBeGreaterThan(0);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Utförare' }), hemtjanstSyd.id);
    await waitFor(() =>
      expect(calls.some((c) => c.path === '/api/v1/holdings' && c.search.includes(`provider_id=${hemtjanstSyd.id}`))).toBe(true),
    );
  });
});
