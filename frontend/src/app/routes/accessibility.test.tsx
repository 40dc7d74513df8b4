import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '@/testing/render';

describe('Tillgänglighetsredogörelse', () => {
  it("follows Digg's model: status, shortcomings, contact, Digg's report link, testing, dates", async () => {
    renderApp('/tillganglighetsredogorelse');
    // The page's code is fetched on its first visit.
    expect(await screen.findByRole('heading', { level: 1, name: 'Tillgänglighetsredogörelse' })).toBeTruthy();
    for (const heading of [
      'Vad redogörelsen gäller',
      'Hur tillgänglig är tjänsten?',
      'Vad kan du göra om du inte kan använda delar av tjänsten?',
      'Rapportera brister i tjänstens tillgänglighet',
      'Tillsyn',
      'Teknisk information om tjänstens tillgänglighet',
      'Innehåll som inte är tillgängligt',
      'Hur vi testat tjänsten',
    ]) {
      expect(screen.getByRole('heading', { level: 2, name: heading })).toBeTruthy();
    }
    expect(screen.getByText(/Sesam är delvis förenlig med lagen om tillgänglighet till digital offentlig service/)).toBeTruthy();
    expect(
      screen.getByRole('link', { name: 'Anmäl bristande tillgänglighet till Myndigheten för digital förvaltning' }).getAttribute('href'),
    ).toBe('https://www.digg.se/tdosanmalan');
    expect(screen.getByRole('link', { name: /Skicka e-post till kommunens support/ }).getAttribute('href')).toMatch(/^mailto:/);
    expect(screen.getByText(/WCAG 2.2.1/).textContent).toMatch(/Fortsätt vara inloggad/);
    expect(screen.queryByText(/har inte granskats/)).toBeNull();
    expect(screen.getByText(/granskats på nytt den 7 december 2026/)).toBeTruthy();
    expect(screen.getByText(/axe mot WCAG 2.1 nivå A och AA/)).toBeTruthy();
    expect(screen.getAllByText(/enbart tangentbord/).length).toBeGreaterThan(0);
    expect(screen.getByText('Senaste bedömningen gjordes den 7 december 2026.')).toBeTruthy();
    expect(screen.getByRole('contentinfo').querySelector('a[href="/tillganglighetsredogorelse"]')).toBeTruthy();
  });

  it('is in English when the interface is', async () => {
    renderApp('/tillganglighetsredogorelse', { language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Accessibility statement' })).toBeTruthy();
    expect(screen.getByText(/partially compliant/)).toBeTruthy();
  });
});
