import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setSession } from '@/lib/auth/session';
import { json, mockFetch } from '@/testing/fetch-mock';
import { anna, complianceRow, hemtjanstSyd, omsorgNord, supportMe } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

const rows = [complianceRow(omsorgNord, 2, 1), complianceRow(hemtjanstSyd, 1, 0)];

describe('Administration overview', () => {
  it('marks providers that fall short, in words, and links to their ordering rights', async () => {
    setSession('tok', 600);
    mockFetch({
      'GET /api/v1/me': () => json(200, supportMe),
      'GET /api/v1/compliance': () => json(200, { items: rows }),
    });
    const { user } = renderApp('/administration');
    const table = await screen.findByRole('table', { name: 'Beställare och expertanvändare per utförare' });
    expect(screen.getByRole('navigation', { name: 'Administration' })).toBeTruthy();
    const [syd, nord] = within(table).getAllByRole('row').slice(1);
    expect(syd?.className).toBe('row--issue');
    expect(syd?.textContent).toContain('1 av minst 2');
    expect(within(syd!).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '!För få beställare',
      '!Ingen expertanvändare',
    ]);
    expect(within(syd!).getByRole('link', { name: `Hantera beställningsrätt hos ${hemtjanstSyd.name}` }).getAttribute('href')).toBe(
      `/bestallningsratt?utforare=${hemtjanstSyd.id}`,
    );
    expect(nord?.className).toBe('');
    expect(nord?.textContent).toContain('Inga');
    expect(screen.getByText('1 av 2 utförare har för få beställare.')).toBeTruthy();
    expect(screen.getByText('1 av 2 utförare har för få eller inga expertanvändare.')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Beställningar per vecka' })).toBeTruthy();

    await user.click(screen.getByRole('checkbox', { name: 'Visa bara utförare med brister' }));
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(screen.getByText('1 av 2 utförare visas.')).toBeTruthy();
  });

  it('is for support only', async () => {
    setSession('tok', 600);
    const { calls } = mockFetch({ 'GET /api/v1/me': () => json(200, anna) });
    renderApp('/administration/konton');
    expect(await screen.findByRole('heading', { level: 1, name: 'Ingen åtkomst' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Administration' })).toBeNull();
    // Only who the user is (and the frame's notifications): nothing of the page itself.
    expect(calls.map((c) => c.path).filter((p) => p !== '/api/v1/me/notifications')).toEqual(['/api/v1/me']);
  });
});
