import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem } from '@/testing/fetch-mock';
import { cosmic, lifecare, permissions, retired } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';
import { catalogueSections } from './filter';

describe('catalogueSections', () => {
  it('groups active permissions under active systems, by name', () => {
    const sections = catalogueSections([lifecare, retired, cosmic], permissions, '');
    expect(sections.map((s) => s.system.name)).toEqual(['Cosmic Link', 'Lifecare']);
    expect(sections[1]?.permissions.map((p) => p.name)).toEqual(['Administratör utförare', 'Utförare hemtjänst']);
    expect(sections[0]?.permissions.map((p) => p.name)).toEqual(['Läsbehörighet']);
  });

  it('keeps a matching system whole and otherwise only matching permissions, ignoring case', () => {
    expect(catalogueSections([lifecare, cosmic], permissions, 'JOURNAL').map((s) => s.system.name)).toEqual([
      'Cosmic Link',
    ]);
    const hits = catalogueSections([lifecare, cosmic], permissions, 'schema');
    expect(hits.map((s) => [s.system.name, s.permissions.map((p) => p.name)])).toEqual([
      ['Lifecare', ['Administratör utförare']],
    ]);
    expect(catalogueSections([lifecare, cosmic], permissions, 'finns inte')).toEqual([]);
  });
});

describe('Catalogue page', () => {
  it('is readable without logging in, and searchable', async () => {
    const { calls } = mockFetch({
      'GET /api/v1/systems': () => json(200, { items: [lifecare, cosmic], next_cursor: null }),
      'GET /api/v1/permissions': () => json(200, { items: permissions, next_cursor: null }),
    });
    const { user } = renderApp('/behorigheter');

    expect(await screen.findByRole('heading', { level: 1, name: 'Behörigheter i Sesam' })).toBeTruthy();
    const lc = await screen.findByRole('region', { name: 'Lifecare' });
    expect(within(lc).getByText('Titel för Lifecare')).toBeTruthy();
    expect(within(lc).getByText(/Undersköterska, Sjuksköterska/)).toBeTruthy();
    expect(within(lc).getByText('Utförare hemtjänst')).toBeTruthy();
    expect(within(lc).getByText('Läsa och dokumentera i hemtjänstens insatser.')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Cosmic Link' })).getByText('Profession')).toBeTruthy();
    expect(calls.every((c) => !c.headers.has('Authorization'))).toBe(true);

    await user.type(screen.getByRole('searchbox', { name: 'Sök behörighet eller system' }), 'journal');
    expect(await screen.findByText('1 system och 1 behörighet visas.')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Cosmic Link' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Lifecare' })).toBeNull();
  });

  it('follows next_cursor to the end of the list', async () => {
    const { calls } = mockFetch({
      'GET /api/v1/systems': (call) =>
        call.search.includes('cursor=c2')
          ? json(200, { items: [cosmic], next_cursor: null })
          : json(200, { items: [lifecare], next_cursor: 'c2' }),
      'GET /api/v1/permissions': () => json(200, { items: permissions, next_cursor: null }),
    });
    renderApp('/behorigheter');
    expect(await screen.findByRole('region', { name: 'Cosmic Link' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Lifecare' })).toBeTruthy();
    expect(calls.filter((c) => c.path === '/api/v1/systems')).toHaveLength(2);
  });

  it('says so when the catalogue cannot be loaded', async () => {
    mockFetch({
      'GET /api/v1/systems': () => problem(503, 'Service Unavailable', 'Databasen är inte tillgänglig.'),
      'GET /api/v1/permissions': () => json(200, { items: [], next_cursor: null }),
    });
    renderApp('/behorigheter');
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert.textContent).toContain('Databasen är inte tillgänglig.');
  });
});
