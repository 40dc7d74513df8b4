import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demo, useSesam } from './harness.mjs';

describe('the frame', { timeout: 180_000 }, () => {
  const sesam = useSesam();

  test('the footer links to the accessibility statement', async () => {
    const page = await sesam.newPage();
    await page.goto('/behorigheter');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Tillgänglighetsredogörelse' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tillgänglighetsredogörelse' }).waitFor();
    await sesam.check(page, 'accessibility-statement');
  });

  test('switches to English and back, with the lang attribute', async () => {
    const page = await sesam.newPage();
    await page.goto('/logga-in');
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
    await page.getByRole('button', { name: 'In English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await sesam.check(page, 'login-english');
    await page.getByRole('button', { name: 'På svenska' }).click();
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await page.waitForFunction(() => document.documentElement.lang === 'sv');
  });

  test('the logged-in frame fits a 320 px wide screen', async () => {
    const page = await sesam.newPage({ width: 320, height: 700 });
    await sesam.login(page, demo.anna);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
    await sesam.check(page, 'home-orderer-320px');
  });

  test('an unknown address says the page does not exist', async () => {
    const page = await sesam.newPage();
    await page.goto('/finns-inte');
    await page.getByRole('heading', { level: 1, name: 'Sidan finns inte' }).waitFor();
    await sesam.check(page, 'not-found');
  });
});
