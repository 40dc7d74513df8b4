import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setSession } from '@/lib/auth/session';
import { json, mockFetch } from '@/testing/fetch-mock';
import { anna, notification, order } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

const unread = notification('n1', { order_id: 'o1' });
const read = notification('n2', { read: true, title: 'Beställning SES-2026-000002 har avvisats', kind: 'order_rejected', order_id: 'o2' });

function withNotifications(extra: Parameters<typeof mockFetch>[0] = {}) {
  setSession('tok', 600);
  let marked = false;
  return mockFetch({
    'GET /api/v1/me': () => json(200, anna),
    'GET /api/v1/me/notifications': () =>
      json(200, { items: [marked ? { ...unread, read: true } : unread, read], unread_count: marked ? 0 : 1, next_cursor: null }),
    'POST /api/v1/me/notifications/n1/read': () => {
      marked = true;
      return json(200, { ...unread, read: true });
    },
    ...extra,
  });
}

describe('notifications in the header', () => {
  it('shows how many are unread, lists them and marks one read', async () => {
    const { calls } = withNotifications();
    const { user } = renderApp('/');
    const toggle = await screen.findByRole('button', { name: 'Aviseringar 1 olästa' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByRole('region', { name: 'Aviseringar' });
    await waitFor(() => expect(document.activeElement).toBe(within(panel).getByRole('heading', { name: 'Aviseringar' })));
    const items = within(panel).getAllByRole('listitem');
    expect(items[0]?.textContent).toContain('Oläst');
    expect(items[0]?.textContent).toContain('Beställning SES-2026-000001 är klar');
    expect(items[0]?.textContent).toContain('2026-03-05 11:00');
    expect(items[1]?.textContent).not.toContain('Oläst');
    await user.click(within(items[0]!).getByRole('button', { name: 'Markera som läst' }));
    expect(await screen.findByRole('button', { name: 'Aviseringar' })).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/me/notifications/n1/read')).toBe(true);
  });

  it('links to the order, marking the notification read, and Escape closes the list', async () => {
    const { calls } = withNotifications({
      'GET /api/v1/orders/o1': () => json(200, order('o1', { status: 'completed' })),
      'GET /api/v1/orders/o1/history': () => json(200, { items: [], next_cursor: null }),
    });
    const { user, router } = renderApp('/');
    await user.click(await screen.findByRole('button', { name: 'Aviseringar 1 olästa' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Aviseringar' })).toBeNull();
    await waitFor(() => expect(document.activeElement?.id).toBe('notifications-toggle'));

    await user.click(screen.getByRole('button', { name: /^Aviseringar/ }));
    const panel = screen.getByRole('region', { name: 'Aviseringar' });
    await user.click(within(within(panel).getAllByRole('listitem')[0]!).getByRole('link', { name: 'Visa beställningen' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Beställning SES-2026-000001' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/bestallningar/o1');
    expect(screen.queryByRole('region', { name: 'Aviseringar' })).toBeNull();
    expect(calls.some((c) => c.path === '/api/v1/me/notifications/n1/read')).toBe(true);
  });

  it('links a review notification to the review', async () => {
    setSession('tok', 600);
    const about = notification('n3', { kind: 'review_started', order_id: undefined, review_id: 'r-1', title: 'Behörighetsuppföljning startad: Omsorg Nord AB' });
    mockFetch({
      'GET /api/v1/me': () => json(200, anna),
      'GET /api/v1/me/notifications': () => json(200, { items: [about], unread_count: 1, next_cursor: null }),
      'POST /api/v1/me/notifications/n3/read': () => json(200, { ...about, read: true }),
      'GET /api/v1/systems': () => json(200, { items: [], next_cursor: null }),
      'GET /api/v1/reviews/r-1': () => json(404, { status: 404, code: 'not_found', title: 'Finns inte' }),
      'GET /api/v1/reviews/r-1/items': () => json(200, { items: [], next_cursor: null }),
    });
    const { user, router } = renderApp('/');
    await user.click(await screen.findByRole('button', { name: 'Aviseringar 1 olästa' }));
    const panel = screen.getByRole('region', { name: 'Aviseringar' });
    await user.click(within(panel).getByRole('link', { name: 'Öppna uppföljningen' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/behorighetsuppfoljning/r-1'));
  });
});
