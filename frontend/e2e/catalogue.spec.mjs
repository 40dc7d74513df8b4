import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useSesam } from './harness.mjs';

describe('Behörigheter i Sesam (the catalogue)', { timeout: 180_000 }, () => {
  const sesam = useSesam();

  test('is readable without logging in, from a direct link', async () => {
    const page = await sesam.newPage();
    await page.goto('/behorigheter');
    await page.getByRole('heading', { level: 1, name: 'Behörigheter i Sesam' }).waitFor();

    const lifecare = page.getByRole('region', { name: 'Lifecare', exact: true });
    await lifecare.waitFor();
    await lifecare.getByText('Titel för Lifecare').waitFor();
    const cosmic = page.getByRole('region', { name: 'Cosmic Link', exact: true });
    await cosmic.getByText('Profession').first().waitFor();
    assert.ok((await lifecare.locator('dt').count()) > 0, 'Lifecare lists its permissions');
    assert.equal(await page.getByRole('button', { name: 'Logga ut' }).count(), 0);
    await sesam.check(page, 'catalogue');
  });

  test('is reached from the login page and can be searched', async () => {
    const page = await sesam.newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Behörigheter i Sesam' }).click();
    await page.getByRole('region', { name: 'Lifecare', exact: true }).waitFor();

    await page.getByRole('searchbox', { name: 'Sök behörighet eller system' }).fill('Cosmic');
    await page.getByRole('region', { name: 'Lifecare', exact: true }).waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Cosmic Link', exact: true }).waitFor();
    await sesam.check(page, 'catalogue-search');

    await page.getByRole('searchbox', { name: 'Sök behörighet eller system' }).fill('zzzz-finns-inte');
    await page.getByText('Inga system eller behörigheter matchar sökningen.').waitFor();
  });

  test('fits a 320 px wide screen without sideways scrolling', async () => {
    const page = await sesam.newPage({ width: 320, height: 700 });
    await page.goto('/behorigheter');
    await page.getByRole('region', { name: 'Lifecare', exact: true }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
    await sesam.check(page, 'catalogue-320px');
  });
});
