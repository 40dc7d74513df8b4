import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { components } from '@/lib/api';
import { setSession } from '@/lib/auth/session';
import { json, mockFetch, problem } from '@/testing/fetch-mock';
import { anna, annaAccount, complianceRow, erikAccount, lisaAccount, lisaMe, omsorgNord, right, supportMe } from '@/testing/fixtures';
import { describedBy, renderApp } from '@/testing/render';

const P = omsorgNord.id;
const requestsPath = `/api/v1/providers/${P}/ordering-right-requests`;

const pending: components['schemas']['OrderingRightRequestDto'] = {
  id: 'req-1',
  provider_id: P,
  provider_name: omsorgNord.name,
  account_id: lisaAccount.id,
  account_name: 'Lisa Berg',
  account_email: lisaAccount.email,
  message: 'Jag är ny samordnare på Hemtjänst Gränby.',
  status: 'pending',
  created_at: '2026-03-05T10:00:00Z',
  decided_at: null,
  decided_by: null,
  decline_reason: null,
  ordering_right_id: null,
};

describe('asking for an ordering right', () => {
  function asLisa(answer: () => Response, me = lisaMe) {
    setSession('tok', 600);
    return mockFetch({
      'GET /api/v1/me': () => json(200, me),
      'GET /api/v1/providers': () => json(200, { items: [omsorgNord], next_cursor: null }),
      [`POST ${requestsPath}`]: answer,
    });
  }

  it('sends the message to the provider and says the request is sent', async () => {
    const { calls } = asLisa(() => json(201, pending));
    const { user } = renderApp('/bestallningsratt');
    expect(await screen.findByText(/Din begäran går till beställarna hos Omsorg Nord AB/)).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: 'Meddelande' }), 'Jag är ny samordnare.');
    await user.click(screen.getByRole('button', { name: 'Begär beställningsrätt' }));

    expect(await screen.findByText(/Din begäran om beställningsrätt för Omsorg Nord AB är skickad\./)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ message: 'Jag är ny samordnare.' });
    // The form is gone: asking twice is pointless.
    expect(screen.queryByRole('button', { name: 'Begär beställningsrätt' })).toBeNull();
  });

  it('shows a request already waiting (409 already_requested) as waiting, not as a failure', async () => {
    asLisa(() =>
      problem(409, 'Konflikt', 'Du har redan en obesvarad begäran om beställningsrätt för utföraren.', {
        code: 'already_requested',
      }),
    );
    const { user } = renderApp('/bestallningsratt');
    await user.click(await screen.findByRole('button', { name: 'Begär beställningsrätt' }));
    const waiting = await screen.findByText(/Du har redan en begäran om beställningsrätt för Omsorg Nord AB som väntar på svar\./);
    expect(waiting.closest('.alert')?.getAttribute('role')).toBe('status');
    expect(waiting.closest('.alert')?.textContent).toContain('Begäran väntar på svar');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a request that already waits at once, instead of the form, and after sending one too', async () => {
    const { calls } = asLisa(() => json(201, pending), { ...lisaMe, ordering_right_requests: [pending] });
    renderApp('/bestallningsratt');
    const waiting = await screen.findByText(/Du har redan en begäran om beställningsrätt för Omsorg Nord AB som väntar på svar\./);
    expect(waiting.closest('.alert')?.textContent).toContain('Begäran väntar på svar');
    expect(screen.queryByRole('button', { name: 'Begär beställningsrätt' })).toBeNull();
    // Shown on arrival: focus stays where the page put it.
    expect(document.activeElement?.closest('.alert')).toBeNull();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('asks GET /me again once a request is sent, so a later visit shows it waiting', async () => {
    const { calls } = asLisa(() => json(201, pending));
    const { user } = renderApp('/bestallningsratt');
    await user.click(await screen.findByRole('button', { name: 'Begär beställningsrätt' }));
    await screen.findByText(/Din begäran om beställningsrätt för Omsorg Nord AB är skickad\./);
    await waitFor(() => expect(calls.filter((c) => c.method === 'GET' && c.path === '/api/v1/me').length).toBe(2));
  });

  it("puts the API's message beside the message field", async () => {
    asLisa(() =>
      problem(422, 'Ogiltiga uppgifter', 'Begäran innehåller fel.', {
        code: 'validation_failed',
        errors: [{ field: 'message', code: 'invalid_length', message: 'Meddelandet får ha högst 2000 tecken.' }],
      }),
    );
    const { user } = renderApp('/bestallningsratt');
    await user.click(await screen.findByRole('button', { name: 'Begär beställningsrätt' }));
    const field = screen.getByRole('textbox', { name: 'Meddelande' });
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(describedBy(field)).toContain('Meddelandet får ha högst 2000 tecken.');
    expect((await screen.findByRole('alert')).textContent).toContain('Begäran skickades inte');
    await waitFor(() => expect(document.activeElement).toBe(field));
  });
});

describe('answering requests for an ordering right', () => {
  const rights = () => {
    const compliance = complianceRow(omsorgNord, 2, 1);
    return json(200, {
      items: [right('r-anna', annaAccount, supportMe.id), right('r-erik', erikAccount, anna.id)],
      compliance,
      warnings: [],
      next_cursor: null,
    });
  };

  function asAnna(extra: Parameters<typeof mockFetch>[0] = {}, requests = [pending]) {
    setSession('tok', 600);
    return mockFetch({
      'GET /api/v1/me': () => json(200, anna),
      [`GET /api/v1/providers/${P}/ordering-rights`]: rights,
      'GET /api/v1/accounts': () => json(200, { items: [annaAccount, erikAccount, lisaAccount], next_cursor: null }),
      [`GET ${requestsPath}`]: () => json(200, { items: requests, next_cursor: null }),
      ...extra,
    });
  }

  it('lists the pending requests with the message, and grants one', async () => {
    const { calls } = asAnna({
      'POST /api/v1/ordering-right-requests/req-1/grant': () =>
        json(200, {
          request: { ...pending, status: 'granted' },
          ordering_right: right('r-lisa', lisaAccount, anna.id),
          compliance: complianceRow(omsorgNord, 3, 1),
          warnings: [],
        }),
    });
    const { user } = renderApp('/bestallningsratt');
    const table = await screen.findByRole('table', { name: 'Begäranden om beställningsrätt hos Omsorg Nord AB' });
    const row = within(table).getByRole('row', { name: /Lisa Berg/ });
    expect(row.textContent).toContain('Jag är ny samordnare på Hemtjänst Gränby.');
    expect(calls.find((c) => c.path === requestsPath)?.search).toContain('status=pending');

    await user.click(within(row).getByRole('button', { name: 'Bevilja begäran från Lisa Berg' }));
    expect(
      await screen.findByText('Lisa Berg har nu beställningsrätt för Omsorg Nord AB. Lisa Berg får ett meddelande om det.'),
    ).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
      '/api/v1/ordering-right-requests/req-1/grant',
    ]);
    // The requests and the orderers load again.
    await waitFor(() => expect(calls.filter((c) => c.path === requestsPath)).toHaveLength(2));
  });

  it('declines with an optional reason, asked for in a dialog', async () => {
    const { calls } = asAnna({
      'POST /api/v1/ordering-right-requests/req-1/decline': () =>
        json(200, { ...pending, status: 'declined', decline_reason: 'Bara enhetschefer.' }),
    });
    const { user } = renderApp('/bestallningsratt');
    await user.click(await screen.findByRole('button', { name: 'Avslå begäran från Lisa Berg' }));
    const dialog = screen.getByRole('dialog', { name: 'Avslå begäran från Lisa Berg?' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Anledning' }), 'Bara enhetschefer.');
    await user.click(within(dialog).getByRole('button', { name: 'Avslå begäran' }));

    expect(await screen.findByText('Begäran från Lisa Berg är avslagen. Lisa Berg får ett meddelande om det.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ reason: 'Bara enhetschefer.' });
  });

  it('says so when someone else answered first (409 already_decided)', async () => {
    asAnna({
      'POST /api/v1/ordering-right-requests/req-1/grant': () =>
        problem(409, 'Konflikt', 'Begäran är redan besvarad.', { code: 'already_decided' }),
    });
    const { user } = renderApp('/bestallningsratt');
    await user.click(await screen.findByRole('button', { name: 'Bevilja begäran från Lisa Berg' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Begäran beviljades inte');
    expect(alert.textContent).toContain('Begäran från Lisa Berg är redan besvarad.');
  });

  it('says when no request is waiting', async () => {
    asAnna({}, []);
    renderApp('/bestallningsratt');
    expect(await screen.findByText('Inga begäranden om beställningsrätt hos Omsorg Nord AB väntar på svar.')).toBeTruthy();
  });
});
