import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { formatDate, formatDateTime } from './format';
import { I18nProvider, plural, translate, useI18n } from './i18n';
import { sv } from './sv';
import { svAccessibility } from './sv-accessibility';
import { svExpertUsers } from './sv-expert-users';
import { svOrderingRights } from './sv-ordering-rights';
import { svReviews } from './sv-reviews';
import { svWebhooks } from './sv-webhooks';
import { svWorkOrders } from './sv-orders';
import { svWorkSummary } from './sv-summary';

/** Every Swedish part: the entry's and the features' own. */
const allSwedish = { ...sv, ...svAccessibility, ...svExpertUsers, ...svOrderingRights, ...svReviews, ...svWebhooks, ...svWorkOrders, ...svWorkSummary };

function Probe() {
  const { language, setLanguage, t } = useI18n();
  return (
    <>
      <p>{t('nav.logout')}</p>
      <button type="button" onClick={() => setLanguage(language === 'sv' ? 'en' : 'sv')}>
        switch
      </button>
    </>
  );
}

describe('translate', () => {
  it('is Swedish by default and English on request', () => {
    expect(translate('sv', 'login.submit')).toBe('Logga in');
    expect(translate('en', 'login.submit')).toBe('Log in');
  });

  it('fills in placeholders and leaves unknown ones', () => {
    expect(translate('sv', 'home.title', { name: 'Anna Lind' })).toBe('Välkommen, Anna Lind');
    expect(translate('sv', 'catalogue.count', { systems: '2 system' })).toBe('2 system och {permissions} visas.');
  });

  it('has an English text for every Swedish key, and no extra ones', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(allSwedish).sort());
    for (const [key, text] of Object.entries(en)) expect(text, key).not.toBe('');
  });

  it('keeps the contract names of the navigation in Swedish', () => {
    expect(
      [
        'nav.newOrder',
        'nav.orders',
        'nav.catalogue',
        'nav.expertUsers',
        'nav.orderingRights',
        'nav.holdings',
        'nav.itQueue',
        'nav.admin',
        'nav.logout',
      ].map((k) => sv[k as keyof typeof sv]),
    ).toEqual([
      'Ny beställning',
      'Hantera dina beställningar',
      'Behörigheter i Sesam',
      'Expertanvändare',
      'Beställningsrätt',
      'Behörighetsinnehav',
      'IT-kö',
      'Administration',
      'Logga ut',
    ]);
  });
});

describe('plural', () => {
  it('picks the singular for one and the plural otherwise', () => {
    const sv_ = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('sv', key, vars);
    const en_ = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('en', key, vars);
    expect(plural(sv_, 'catalogue.permissionsCount', 1)).toBe('1 behörighet');
    expect(plural(sv_, 'catalogue.permissionsCount', 0)).toBe('0 behörigheter');
    expect(plural(en_, 'catalogue.systems', 2)).toBe('2 systems');
  });
});

describe('I18nProvider', () => {
  it('sets <html lang>, switches language and remembers the choice', async () => {
    const user = userEvent.setup();
    const { unmount } = render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(document.documentElement.lang).toBe('sv');
    expect(screen.getByText('Logga ut')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'switch' }));
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByText('Log out')).toBeTruthy();
    expect(localStorage.getItem('sesam.lang')).toBe('en');

    unmount();
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByText('Log out')).toBeTruthy();
  });
});

describe('dates', () => {
  it('shows dates the Swedish way, in Swedish time', () => {
    expect(formatDate('2026-03-05T10:00:00Z')).toBe('2026-03-05');
    // 23:30 UTC on 5 March is already 6 March in Stockholm (UTC+1).
    expect(formatDate('2026-03-05T23:30:00Z')).toBe('2026-03-06');
    // Summer time: UTC+2.
    expect(formatDateTime('2026-07-01T12:05:00Z')).toBe('2026-07-01 14:05');
  });

  it('keeps a plain date as it is', () => {
    expect(formatDate('2026-12-31')).toBe('2026-12-31');
  });

  it('returns what it cannot read unchanged', () => {
    expect(formatDate('not a date')).toBe('not a date');
  });
});
