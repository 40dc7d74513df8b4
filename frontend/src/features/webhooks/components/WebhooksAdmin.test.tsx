import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setSession } from '@/lib/auth/session';
import { json, mockFetch, problem } from '@/testing/fetch-mock';
import { supportMe } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

const hook = {
  id: 'hook-1',
  url: 'https://itsm.kommun.example/hooks/sesam',
  description: 'IT:s ärendesystem',
  events: ['order.submitted', 'order.completed'],
  active: true,
  failing_since: null,
  disabled_at: null,
  created_at: '2026-12-07T08:00:00Z',
  updated_at: '2026-12-07T08:00:00Z',
};

function asSupport(extra: Parameters<typeof mockFetch>[0] = {}) {
  setSession('tok', 600);
  return mockFetch({
    'GET /api/v1/me': () => json(200, supportMe),
    'GET /api/v1/webhooks': () => json(200, { items: [hook], next_cursor: null }),
    ...extra,
  });
}

describe('Webhooks (support)', () => {
  it('lists the endpoints with their events and state', async () => {
    asSupport();
    renderApp('/administration/webhooks');
    const card = await screen.findByRole('article', { name: hook.url });
    expect(card.textContent).toContain('order.submitted, order.completed');
    expect(card.textContent).toContain('Aktiv');
    expect(screen.getByRole('link', { name: 'Webhooks' }).getAttribute('aria-current')).toBe('page');
  });

  it('registers an endpoint and shows its secret once', async () => {
    const { calls } = asSupport({
      'POST /api/v1/webhooks': () =>
        json(201, { ...hook, id: 'hook-2', url: 'https://tools.kommun.example/h', secret: 'whsec_c2VjcmV0' }),
    });
    const { user } = renderApp('/administration/webhooks');
    await user.type(await screen.findByRole('textbox', { name: /Adress/ }), 'https://tools.kommun.example/h');
    await user.click(screen.getByRole('checkbox', { name: 'order.taken' }));
    await user.click(screen.getByRole('button', { name: 'Lägg till webhook' }));
    expect((await screen.findByTestId('webhook-secret')).textContent).toBe('whsec_c2VjcmV0');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      url: 'https://tools.kommun.example/h',
      events: ['order.taken'],
      description: null,
    });
  });

  it("shows the API's refusal of an internal address beside the field", async () => {
    asSupport({
      'POST /api/v1/webhooks': () =>
        problem(422, 'Ogiltiga uppgifter', 'Begäran innehåller fel.', {
          errors: [{ field: 'url', code: 'url_not_allowed', message: 'Adressen kan inte användas för webhooks.' }],
        }),
    });
    const { user } = renderApp('/administration/webhooks');
    await user.type(await screen.findByRole('textbox', { name: /Adress/ }), 'https://10.0.0.1/h');
    await user.click(screen.getByRole('button', { name: 'Lägg till webhook' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Adressen kan inte användas för webhooks.');
  });

  it('sends a test event, rotates the secret and lists the deliveries', async () => {
    const { calls } = asSupport({
      'POST /api/v1/webhooks/hook-1/test': () => json(202, { webhook_id: 'msg_1' }),
      'POST /api/v1/webhooks/hook-1/rotate-secret': () => json(200, { ...hook, secret: 'whsec_bnk=' }),
      'GET /api/v1/webhooks/hook-1/deliveries': () =>
        json(200, {
          items: [
            { id: 'd1', webhook_id: 'msg_1', event_type: 'webhook.test', attempted_at: '2026-12-07T08:01:00Z', status_code: 204, error: null, duration_ms: 12 },
            { id: 'd0', webhook_id: 'msg_0', event_type: 'order.submitted', attempted_at: '2026-12-07T08:00:30Z', status_code: null, error: 'no answer within 10 s', duration_ms: 10000 },
          ],
          next_cursor: null,
        }),
    });
    const { user } = renderApp('/administration/webhooks');
    const card = await screen.findByRole('article', { name: hook.url });
    await user.click(within(card).getByRole('button', { name: 'Skicka testhändelse' }));
    expect(await within(card).findByRole('status')).toBeTruthy();
    await user.click(within(card).getByRole('button', { name: 'Ny hemlig nyckel' }));
    expect((await screen.findByTestId('webhook-secret')).textContent).toBe('whsec_bnk=');
    await user.click(within(card).getByRole('button', { name: 'Leveranser' }));
    const table = await within(card).findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1).map((r) => r.textContent ?? '');
    expect(rows[0]).toContain('webhook.test');
    expect(rows[1]).toContain('no answer within 10 s');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
      '/api/v1/webhooks/hook-1/test',
      '/api/v1/webhooks/hook-1/rotate-secret',
    ]);
  });
});
