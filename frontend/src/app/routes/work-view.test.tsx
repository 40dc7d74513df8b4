/**
 * The work view (issue 18) in the SPA: Att göra per role, the markers, a copy's reason, a holding's
 * revoke order after reload, messages, form-level errors beside the button, several drafts sent at
 * once, IT's queue taking several and listing everything.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { components } from '@/lib/api';
import { setSession } from '@/lib/auth/session';
import { json, mockFetch, problem, type Call } from '@/testing/fetch-mock';
import { anna, itMe, lifecare, listItem, nordUnits, omsorgNord, order, permissions, supportMe } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

type Summary = components['schemas']['Summary'];
const zero: Summary = {
  drafts: 0, returned: 0, submitted: 0, in_progress: 0, end_dates_near: 0, ordering_right_requests: 0,
  open_reviews: 0, overdue_reviews: 0, unread_notifications: 0, queue: 0, queue_oldest_at: null,
  mine_in_progress: 0, providers_with_issues: 0,
};
const page = <T,>(items: T[]) => json(200, { items, next_cursor: null });
const noNotes = () => json(200, { items: [], unread_count: 0, next_cursor: null });

function as(me: components['schemas']['Me'], routes: Parameters<typeof mockFetch>[0] = {}) {
  setSession('tok', 3600);
  return mockFetch({
    'GET /api/v1/me': () => json(200, me),
    'GET /api/v1/me/notifications': noNotes,
    'GET /api/v1/systems': () => page([lifecare]),
    'GET /api/v1/permissions': () => page(permissions),
    'GET /api/v1/providers': () => page([omsorgNord]),
    ...routes,
  });
}

const linkTexts = async () => {
  const region = await screen.findByRole('region', { name: 'Att göra' }).catch(() => null);
  const heading = await screen.findByRole('heading', { name: 'Att göra' });
  const section = region ?? (heading.closest('section') as HTMLElement);
  await within(section).findAllByRole('link');
  return within(section).getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')]);
};

describe('Att göra', () => {
  it("an orderer's links start with the count and lead to the filtered lists", async () => {
    as(anna, { 'GET /api/v1/me/summary': () => json(200, { ...zero, returned: 1, drafts: 2, end_dates_near: 1, ordering_right_requests: 1 }) });
    renderApp('/');
    expect(await linkTexts()).toEqual([
      ['1 beställning med fråga från IT', '/bestallningar?status=draft&retur=ja'],
      ['2 utkast att skicka till IT', '/bestallningar?status=draft'],
      ['1 behörighet som snart upphör', '/behorighetsinnehav?slutar=snart'],
      ['1 begäran om beställningsrätt att besvara', '/bestallningsratt'],
    ]);
  });

  it("IT's links: the queue with its oldest time, and its own orders in progress", async () => {
    as(itMe, { 'GET /api/v1/me/summary': () => json(200, { ...zero, queue: 12, queue_oldest_at: '2026-03-01T08:00:00Z', mine_in_progress: 3 }) });
    renderApp('/');
    const links = await linkTexts();
    expect(links[0]).toEqual(['12 nya beställningar i IT-kön', '/it-ko']);
    expect(links[1]?.[0]).toBe('3 pågående ärenden som du har tagit');
    expect(screen.getByText(/den äldsta skickades/)).toBeTruthy();
  });

  it("support's links: providers with issues and requests", async () => {
    as(supportMe, { 'GET /api/v1/me/summary': () => json(200, { ...zero, providers_with_issues: 2, ordering_right_requests: 1 }) });
    renderApp('/');
    expect((await linkTexts()).map(([text]) => text)).toEqual([
      '1 begäran om beställningsrätt att besvara',
      '2 utförare som inte uppfyller reglerna',
    ]);
  });

  it('says so when there is nothing to do', async () => {
    as(anna, { 'GET /api/v1/me/summary': () => json(200, zero) });
    renderApp('/');
    expect(await screen.findByText('Du har inget att göra just nu.')).toBeTruthy();
  });
});

const returned = order('o1', {
  status: 'draft',
  return_question: 'Vilken enhet?',
  last_return: { question: 'Vilken enhet?', by_name: 'Ingrid Tekniker', at: '2026-03-04T08:00:00Z' },
});
const answered = order('o2', { ...returned, id: 'o2', reference: 'SES-2026-000002', status: 'submitted', submitted_at: '2026-03-05T08:00:00Z' });

describe('markers', () => {
  it('a returned draft reads Fråga från IT in the list and on its page', async () => {
    as(anna, {
      'GET /api/v1/orders': () => page([listItem(returned)]),
      'GET /api/v1/orders/o1': () => json(200, returned),
      'GET /api/v1/orders/o1/history': () => page([]),
    });
    renderApp('/bestallningar');
    const row = (await screen.findByRole('rowheader', { name: returned.reference })).closest('tr') as HTMLElement;
    expect(within(row).getByText('Utkast')).toBeTruthy();
    expect(within(row).getByText('Fråga från IT')).toBeTruthy();
  });

  it("IT's queue marks an order sent again after a question Svar på fråga, with the extra fields and comment in the row", async () => {
    const withComment = { ...answered, comment: 'Börjar måndag', profession: null };
    as(itMe, { 'GET /api/v1/orders': (call: Call) => (call.search.includes('status=submitted') ? page([listItem(withComment)]) : page([])) });
    renderApp('/it-ko');
    const row = (await screen.findByRole('link', { name: answered.reference })).closest('tr') as HTMLElement;
    expect(within(row).getByText('Svar på fråga')).toBeTruthy();
    expect(within(row).getByText('Undersköterska')).toBeTruthy();
    expect(within(row).getByText('Börjar måndag')).toBeTruthy();
  });

  it("a copy's page shows why the order it was copied from was rejected", async () => {
    const copy = order('o9', { copied_from: { id: 'o8', reference: 'SES-2026-000008', status: 'rejected', reason: 'Saknar anställning.' } });
    as(anna, {
      'GET /api/v1/orders/o9': () => json(200, copy),
      'GET /api/v1/orders/o9/history': () => page([]),
      [`GET /api/v1/providers/${omsorgNord.id}/units`]: () => page(nordUnits),
    });
    renderApp('/bestallningar/o9/andra');
    expect(await screen.findByText('Saknar anställning.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'SES-2026-000008' })).toBeTruthy();
  });
});

describe('messages', () => {
  it('shows the conversation and sends a message', async () => {
    const sent = order('o3', { status: 'submitted', submitted_at: '2026-03-05T08:00:00Z' });
    const message = { id: 'm1', order_id: 'o3', author_id: itMe.id, author_name: 'Ingrid Tekniker', side: 'it', body: 'Vilken dag?', created_at: '2026-03-05T09:00:00Z' };
    const { calls } = as(anna, {
      'GET /api/v1/orders/o3': () => json(200, sent),
      'GET /api/v1/orders/o3/history': () => page([]),
      'GET /api/v1/orders/o3/messages': () => page([message]),
      'POST /api/v1/orders/o3/messages': () => json(201, { ...message, id: 'm2', side: 'orderer', body: 'Måndag.' }),
    });
    const { user } = renderApp('/bestallningar/o3');
    const region = await screen.findByRole('region', { name: 'Meddelanden' });
    expect(await within(region).findByText('Vilken dag?')).toBeTruthy();
    await user.type(within(region).getByRole('textbox', { name: 'Meddelande' }), 'Måndag.');
    await user.click(within(region).getByRole('button', { name: 'Skicka meddelande' }));
    expect(await within(region).findByText('Meddelandet är skickat.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST' && c.path === '/api/v1/orders/o3/messages')?.body).toEqual({ body: 'Måndag.' });
  });
});

describe('a refusal of the whole order', () => {
  it('stands beside Spara, focused, and links to the open order it clashes with', async () => {
    const draft = order('o4');
    as(anna, {
      'GET /api/v1/orders/o4': () => json(200, draft),
      [`GET /api/v1/providers/${omsorgNord.id}/units`]: () => page(nordUnits),
      'PATCH /api/v1/orders/o4': () =>
        problem(409, 'Konflikt', 'Personen har redan en öppen beställning (SES-2026-000005).', {
          code: 'duplicate_open_order',
          open_order: { id: 'o5', reference: 'SES-2026-000005' },
        }),
    });
    const { user } = renderApp('/bestallningar/o4/andra');
    await user.click(await screen.findByRole('button', { name: 'Spara' }));
    const alert = await screen.findByRole('alert');
    const link = within(alert).getByRole('link', { name: 'Öppna den öppna beställningen SES-2026-000005' });
    expect(link.getAttribute('href')).toBe('/bestallningar/o5');
    await waitFor(() => expect(document.activeElement).toBe(alert));
    // After the button, not at the top of the form.
    const save = screen.getByRole('button', { name: 'Spara' });
    expect(save.compareDocumentPosition(alert) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});

describe('several at once', () => {
  it('sends the selected drafts to IT', async () => {
    const a = order('o6', { reference: 'SES-2026-000006' });
    const b = order('o7', { reference: 'SES-2026-000007' });
    const { calls } = as(anna, {
      'GET /api/v1/orders': () => page([listItem(a), listItem(b)]),
      'POST /api/v1/orders/o6/submit': () => json(200, { ...a, status: 'submitted' }),
      'POST /api/v1/orders/o7/submit': () => json(200, { ...b, status: 'submitted' }),
    });
    const { user } = renderApp('/bestallningar');
    await user.click(await screen.findByRole('checkbox', { name: 'Markera SES-2026-000006' }));
    await user.click(screen.getByRole('checkbox', { name: 'Markera SES-2026-000007' }));
    await user.click(screen.getByRole('button', { name: 'Skicka markerade till IT (2)' }));
    expect(await screen.findByText('Skickade till IT: SES-2026-000006, SES-2026-000007.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST' && c.path.endsWith('/submit'))).toHaveLength(2);
  });

  it('IT takes the selected orders', async () => {
    const a = order('o6', { status: 'submitted', submitted_at: '2026-03-01T08:00:00Z' });
    const b = order('o7', { status: 'submitted', submitted_at: '2026-03-02T08:00:00Z' });
    const { calls } = as(itMe, {
      'GET /api/v1/orders': (call: Call) => (call.search.includes('status=submitted') ? page([listItem(a), listItem(b)]) : page([])),
      'POST /api/v1/orders/o6/take': () => json(200, { ...a, status: 'in_progress' }),
      'POST /api/v1/orders/o7/take': () => json(200, { ...b, status: 'in_progress' }),
    });
    const { user } = renderApp('/it-ko');
    await user.click(await screen.findByRole('checkbox', { name: `Markera ${a.reference}, Karin Berg` }));
    await user.click(screen.getByRole('checkbox', { name: `Markera ${b.reference}, Karin Berg` }));
    await user.click(screen.getByRole('button', { name: 'Ta ärende för markerade (2)' }));
    expect(await screen.findByText('Du har tagit 2 ärenden. De finns under Pågående ärenden.')).toBeTruthy();
    expect(calls.filter((c) => c.path.endsWith('/take'))).toHaveLength(2);
  });

  it('IT filters its queue by provider and kind, and reads every order under Alla beställningar', async () => {
    const { calls } = as(itMe, { 'GET /api/v1/orders': () => page([]) });
    const { user } = renderApp('/it-ko');
    await screen.findByRole('option', { name: omsorgNord.name });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Utförare' }), omsorgNord.name);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Typ' }), 'revoke');
    await waitFor(() =>
      expect(calls.some((c) => c.search.includes(`provider_id=${omsorgNord.id}`) && c.search.includes('kind=revoke'))).toBe(true),
    );
    await user.click(screen.getByRole('link', { name: 'Alla beställningar' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Alla beställningar' })).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: 'Utkast' })).toBeNull();
  });
});

describe('holdings', () => {
  it("a holding shows its revoke order on its way, from the API (after any reload)", async () => {
    const h: components['schemas']['HoldingDto'] = {
      id: 'h1', provider_id: omsorgNord.id, provider_name: omsorgNord.name, permission_id: 'p1',
      permission_name: 'Utförare hemtjänst', system_id: lifecare.id, system_name: 'Lifecare',
      units: [{ id: 'u-linden', name: 'Boende Linden' }],
      person: { first_name: 'Gustav', last_name: 'Nyström', personal_number: '19570203-****', email: null },
      since: '2026-01-10T08:00:00Z', valid_to: null, active: true, source_order_id: 'o-src', latest_order_id: 'o-src',
      ended_at: null, ended_by_order_id: null, end_notice_sent_at: null, end_date_passed_at: null, end_date_order_id: null,
      open_revoke_order: { id: 'o-rev', reference: 'SES-2026-000777', status: 'submitted' },
    };
    for (const me of [anna, itMe]) {
      as(me, { 'GET /api/v1/holdings': () => page([h]) });
      const { unmount } = renderApp('/behorighetsinnehav');
      const link = await screen.findByRole('link', { name: 'SES-2026-000777' });
      expect(link.getAttribute('href')).toBe('/bestallningar/o-rev');
      if (me === anna) expect(screen.queryByRole('button', { name: /^Avbeställ Utförare/ })).toBeNull();
      unmount();
    }
  });
});

describe('the session', () => {
  it('warns five minutes before it runs out, and Fortsätt vara inloggad refreshes it', async () => {
    setSession('tok', 240);
    const { calls } = mockFetch({
      'GET /api/v1/me': () => json(200, anna),
      'GET /api/v1/me/notifications': noNotes,
      'GET /api/v1/me/summary': () => json(200, zero),
      'POST /api/v1/auth/refresh': () => json(200, { access_token: 'tok2', token_type: 'Bearer', expires_in: 28800 }),
    });
    const { user } = renderApp('/');
    const dialog = await screen.findByRole('alertdialog', { name: 'Du loggas snart ut' });
    const stay = within(dialog).getByRole('button', { name: 'Fortsätt vara inloggad' });
    await waitFor(() => expect(document.activeElement).toBe(stay));
    await user.click(stay);
    expect(await screen.findByText('Du är inloggad i ytterligare 8 timmar.')).toBeTruthy();
    const refresh = calls.find((c) => c.path === '/api/v1/auth/refresh');
    expect(refresh?.headers.get('Authorization')).toBe('Bearer tok');
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('keeps the order being written across a new sign-in', async () => {
    sessionStorage.setItem(
      'sesam.orderDraft',
      JSON.stringify({ ...(await import('@/features/orders/components/order-form')).emptyOrderValues(omsorgNord.id), firstName: 'Nora' }),
    );
    as(anna, { [`GET /api/v1/providers/${omsorgNord.id}/units`]: () => page(nordUnits) });
    renderApp('/bestallningar/ny');
    expect(await screen.findByText('Beställningen du skrev innan du loggades ut är ifylld igen.')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: /Förnamn/ }) as HTMLInputElement).value).toBe('Nora');
    sessionStorage.removeItem('sesam.orderDraft');
  });
});

describe('ending soon', () => {
  it("the start page's link lists only the holdings whose end date is near", async () => {
    const { calls } = as(anna, { 'GET /api/v1/holdings': () => page([]) });
    renderApp('/behorighetsinnehav?slutar=snart');
    expect(await screen.findByText('Visar behörigheter som snart upphör.')).toBeTruthy();
    await waitFor(() => expect(calls.some((c) => c.path === '/api/v1/holdings' && c.search.includes('ending_soon=true'))).toBe(true));
  });
});
