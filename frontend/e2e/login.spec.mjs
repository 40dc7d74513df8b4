import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demo, DEMO_PASSWORD, useSesam } from './harness.mjs';

const ORDERER_MENU = [
  'Ny beställning',
  'Hantera dina beställningar',
  'Behörigheter i Sesam',
  'Expertanvändare',
  'Beställningsrätt',
  'Behörighetsinnehav',
];

async function menuNames(page) {
  return page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link').allInnerTexts();
}

// One server for the whole file: the hooks of the outer describe cover the inner ones.
describe('logging in', { timeout: 240_000 }, () => {
  const sesam = useSesam();

  test('the login page passes the accessibility check', async () => {
    const page = await sesam.newPage();
    await page.goto('/logga-in');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await sesam.check(page, 'login');
  });

  test('an orderer logs in and sees the navigation', async () => {
    const page = await sesam.newPage();
    await sesam.login(page, demo.anna);
    await page.getByRole('heading', { level: 1, name: /^Välkommen, / }).waitFor();
    await page.getByText('Omsorg Nord AB').waitFor();
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    for (const name of ORDERER_MENU) {
      assert.equal(await nav.getByRole('link', { name, exact: true }).count(), 1, `menu has ${name}`);
    }
    assert.equal(await nav.getByRole('link', { name: 'IT-kö' }).count(), 0);
    assert.equal(await nav.getByRole('link', { name: 'Administration' }).count(), 0);
    await sesam.check(page, 'home-orderer');

    await nav.getByRole('link', { name: 'Ny beställning', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny beställning' }).waitFor();
    await sesam.check(page, 'placeholder-new-order');

    // The session survives a reload (sessionStorage) ...
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Ny beställning' }).waitFor();
    // ... and ends with Logga ut.
    await page.getByRole('button', { name: 'Logga ut', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await page.goto('/bestallningar');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
  });

  test('a wrong password shows the error', async () => {
    const page = await sesam.newPage();
    await page.goto('/logga-in');
    await page.getByRole('textbox', { name: 'E-post', exact: true }).fill(demo.erik);
    await page.getByLabel('Lösenord', { exact: true }).fill('fel-lösenord');
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Inloggningen misslyckades/);
    assert.equal(await page.getByRole('button', { name: 'Logga ut' }).count(), 0);
    assert.equal(new URL(page.url()).pathname, '/logga-in');
    await sesam.check(page, 'login-wrong-password');
  });

  test('keyboard-only login works, with visible focus', async () => {
    const page = await sesam.newPage();
    await page.goto('/logga-in');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();

    // The first Tab reaches the skip link, which becomes visible.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Till huvudinnehållet' });
    assert.ok(await skip.evaluate((el) => el === document.activeElement), 'the skip link is the first stop');
    const box = await skip.boundingBox();
    assert.ok(box && box.y >= 0, 'the focused skip link is on screen');

    // Tab on until the email field has focus.
    let reached = false;
    for (let i = 0; i < 25 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('name') === 'email');
    }
    assert.ok(reached, 'Tab reaches the E-post field');
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    assert.ok(outline.style !== 'none' && outline.width >= 2, `focus is visible (${JSON.stringify(outline)})`);

    await page.keyboard.type(demo.sara);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'password');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Logga ut', exact: true }).waitFor();
    await page.getByText('Hemtjänst Syd').first().waitFor();
    await sesam.check(page, 'home-keyboard');
  });

  test('a token the API refuses sends the user to the login page, and back after logging in', async () => {
    const page = await sesam.newPage();
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('sesam.session')) {
        sessionStorage.setItem('sesam.session', JSON.stringify({ token: 'not-a-valid-token', expiresAt: Date.now() + 3_600_000 }));
      }
    });
    await page.goto('/behorighetsinnehav');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await page.getByText('Du har loggats ut. Logga in igen för att fortsätta.').waitFor();
    await sesam.check(page, 'login-session-ended');

    await page.getByRole('textbox', { name: 'E-post', exact: true }).fill(demo.johan);
    await page.getByLabel('Lösenord', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Behörighetsinnehav' }).waitFor();
  });

  describe('the menu by role', () => {
    test('IT sees the IT queue', async () => {
      const page = await sesam.newPage();
      await sesam.login(page, demo.it);
      const names = await menuNames(page);
      assert.ok(names.includes('IT-kö'), names.join(', '));
      assert.ok(!names.includes('Administration'));
      assert.ok(!names.includes('Ny beställning'));
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'IT-kö' }).click();
      await page.getByRole('heading', { level: 1, name: 'IT-kö' }).waitFor();
      await sesam.check(page, 'it-queue');
    });

    test('support sees the administration', async () => {
      const page = await sesam.newPage();
      await sesam.login(page, demo.admin);
      const names = await menuNames(page);
      assert.ok(names.includes('Administration'), names.join(', '));
      assert.ok(!names.includes('IT-kö'));
      await sesam.check(page, 'home-admin');
    });

    test('an account without an ordering right cannot order', async () => {
      const page = await sesam.newPage();
      await sesam.login(page, demo.lisa);
      const names = await menuNames(page);
      assert.ok(!names.includes('Ny beställning'), names.join(', '));
      assert.ok(names.includes('Beställningsrätt'));
      await page.goto('/bestallningar/ny');
      await page.getByRole('heading', { level: 1, name: 'Ingen åtkomst' }).waitFor();
      await sesam.check(page, 'no-ordering-right');
    });
  });
});
