import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setSession } from '@/lib/auth/session';
import { formatDate } from '@/lib/i18n';
import { json, mockFetch, type Call } from '@/testing/fetch-mock';
import { complianceRow, listItem, omsorgNord, order, supportMe } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';
import { isoWeek, lastWeeks, mondayOf } from '../api/get-orders-per-week';
import { niceMax } from './OrdersPerWeek';

describe('weeks', () => {
  it('finds the Monday and the ISO week number of a date', () => {
    expect(mondayOf('2026-03-05')).toBe('2026-03-02'); // a Thursday
    expect(mondayOf('2026-03-08')).toBe('2026-03-02'); // Sunday belongs to the week before it
    expect(mondayOf('2026-03-02')).toBe('2026-03-02');
    expect(isoWeek('2026-01-01')).toBe(1);
    expect(isoWeek('2024-12-30')).toBe(1); // week 1 of 2025
    expect(isoWeek('2027-01-01')).toBe(53); // week 53 of 2026
    expect(isoWeek('2026-11-28')).toBe(48);
  });

  it('lists the last eight weeks, oldest first', () => {
    const weeks = lastWeeks('2026-01-07');
    expect(weeks.map((w) => w.week)).toEqual([47, 48, 49, 50, 51, 52, 1, 2]);
    expect(weeks[7]?.monday).toBe('2026-01-05');
    expect(weeks[0]?.monday).toBe('2025-11-17');
  });

  it('rounds the scale up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 2, 3, 7, 13, 48, 101].map(niceMax)).toEqual([1, 1, 2, 5, 10, 20, 50, 200]);
  });
});

describe('the chart on the administration overview', () => {
  it('counts the orders of every page per week and status, as a chart with a table', async () => {
    const now = new Date();
    const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
    const long = new Date(now.getTime() - 70 * 86_400_000);
    const at = (d: Date) => d.toISOString();
    const first = [
      listItem(order('o1', { status: 'completed', updated_at: at(now) })),
      listItem(order('o2', { status: 'completed', updated_at: at(now) })),
      listItem(order('o3', { status: 'submitted', updated_at: at(weekAgo) })),
    ];
    const second = [
      listItem(order('o4', { status: 'draft', updated_at: at(now) })),
      // Changed before the eight weeks (the API would not send it; it is not counted if it does).
      listItem(order('o5', { status: 'rejected', updated_at: at(long) })),
    ];
    setSession('tok', 600);
    const { calls } = mockFetch({
      'GET /api/v1/me': () => json(200, supportMe),
      'GET /api/v1/compliance': () => json(200, { items: [complianceRow(omsorgNord, 2, 1)] }),
      'GET /api/v1/orders': (call: Call) =>
        new URLSearchParams(call.search).get('cursor') === 'p2'
          ? json(200, { items: second, next_cursor: null })
          : json(200, { items: first, next_cursor: 'p2' }),
    });
    renderApp('/administration');

    const chart = await screen.findByRole('img', { name: /Beställningar per vecka och status, de senaste 8 veckorna/ });
    const thisWeek = isoWeek(formatDate(now));
    const lastWeek = isoWeek(formatDate(weekAgo));
    expect(chart.getAttribute('aria-labelledby')?.split(' ')).toHaveLength(2);
    expect(chart.querySelector('desc')?.textContent).toBe(
      `Stapeldiagram. 4 beställningar från vecka ${lastWeeks(formatDate(now))[0]?.week} till vecka ${thisWeek}; flest vecka ${thisWeek} (3). Siffrorna står i tabellen under diagrammet.`,
    );
    expect(chart.querySelectorAll('rect')).toHaveLength(3); // completed+draft this week, submitted last week

    const table = screen.getByRole('table', { name: 'Beställningarna vecka för vecka, efter status (de senaste 8 veckorna)' });
    const header = within(table).getAllByRole('columnheader').map((c) => c.textContent);
    expect(header).toEqual(['Vecka', 'Utkast', 'Skickad till IT', 'Pågår', 'Klar', 'Avvisad', 'Återkallad', 'Totalt']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(8);
    const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);
    expect(within(rows[7]!).getByRole('rowheader').textContent).toContain(`Vecka ${thisWeek}`);
    expect(cells(rows[7]!)).toEqual(['1', '0', '0', '2', '0', '0', '3']);
    expect(within(rows[6]!).getByRole('rowheader').textContent).toContain(`Vecka ${lastWeek}`);
    expect(cells(rows[6]!)).toEqual(['0', '1', '0', '0', '0', '0', '1']);

    const asked = calls.filter((c) => c.path === '/api/v1/orders').map((c) => new URLSearchParams(c.search));
    expect(asked).toHaveLength(2);
    expect(asked[0]?.get('limit')).toBe('200');
    const since = new Date(asked[0]?.get('updated_since') ?? '');
    expect(now.getTime() - since.getTime()).toBeGreaterThan(7 * 7 * 86_400_000);
    expect(now.getTime() - since.getTime()).toBeLessThan(8 * 7 * 86_400_000 + 3 * 3_600_000);
  });

  it('says so when nothing happened', async () => {
    setSession('tok', 600);
    mockFetch({
      'GET /api/v1/me': () => json(200, supportMe),
      'GET /api/v1/compliance': () => json(200, { items: [] }),
      'GET /api/v1/orders': () => json(200, { items: [], next_cursor: null }),
    });
    renderApp('/administration');
    expect(await screen.findByText('Inga beställningar har ändrats de senaste 8 veckorna.')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });
});
