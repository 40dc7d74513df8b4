import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demo, DEMO_PASSWORD, useSesam } from './harness.mjs';

const nav = (page) => page.getByRole('navigation', { name: 'Huvudmeny' });

async function openOrderingRights(page) {
  await nav(page).getByRole('link', { name: 'Beställningsrätt', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Beställningsrätt' }).waitFor();
}

/** Presses Tab until the focused element satisfies `accept` (its tag, accessible text, …). */
async function tabTo(page, description, accept, { max = 60, shift = false } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el
        ? { tag: el.tagName.toLowerCase(), text: (el.textContent ?? '').trim(), id: el.id, label: el.labels?.[0]?.textContent?.trim() ?? '' }
        : null;
    });
    if (focused && accept(focused)) return;
  }
  throw new Error(`Tab never reached ${description}`);
}

describe('Beställningsrätt (ordering rights)', { timeout: 300_000 }, () => {
  const sesam = useSesam();

  test('an orderer brings in a second orderer, who can then log in and order', async () => {
    const page = await sesam.newPage();
    await sesam.login(page, demo.anna);
    await openOrderingRights(page);
    await page.getByRole('heading', { level: 2, name: 'Beställare hos Omsorg Nord AB' }).waitFor();
    const table = page.getByRole('table', { name: 'Beställare hos Omsorg Nord AB' });
    await table.getByRole('rowheader', { name: 'Anna Lind (du)' }).waitFor();
    await table.getByRole('rowheader', { name: 'Erik Holm' }).waitFor();
    await page.getByText('Omsorg Nord AB har 2 beställare. Kravet på minst 2 är uppfyllt.').waitFor();
    await sesam.check(page, 'ordering-rights-orderer');

    // The colleague has no account yet: Anna creates it, and Karin gets an email to choose her own
    // password (rule 16). Anna cannot give it an ordering right herself (rule 17): Erik does.
    await page.getByRole('radio', { name: 'Nej, skapa ett konto åt kollegan först' }).check();
    await page.getByRole('textbox', { name: 'Namn', exact: true }).fill('Karin Berg');
    await page.getByRole('textbox', { name: 'E-post', exact: true }).fill('karin.berg@omsorgnord.example');
    assert.equal(await page.getByLabel('Lösenord', { exact: true }).count(), 0, 'Anna chooses no password for Karin');
    await page.getByRole('button', { name: 'Skapa konto', exact: true }).click();
    const created = page.getByRole('status').filter({ hasText: 'Kontot för Karin Berg är skapat' });
    await created.waitFor();
    assert.match(await created.innerText(), /ges av en annan beställare hos Omsorg Nord AB eller av kommunens support/);
    assert.match(await created.innerText(), /Kollegan får en länk med e-post för att välja sitt eget lösenord/);
    await sesam.check(page, 'ordering-rights-created');

    await page.getByRole('button', { name: 'Logga ut', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await sesam.login(page, demo.erik);
    await openOrderingRights(page);
    await page.getByRole('combobox', { name: 'Kollega' }).selectOption({ label: 'Karin Berg (karin.berg@omsorgnord.example)' });
    await page.getByRole('button', { name: 'Ge beställningsrätt', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Karin Berg har nu beställningsrätt för Omsorg Nord AB' }).waitFor();
    await table.getByRole('rowheader', { name: 'Karin Berg' }).waitFor();
    assert.match(
      await table.getByRole('row', { name: /Karin Berg/ }).innerText(),
      /karin\.berg@omsorgnord\.example\s+\d{4}-\d{2}-\d{2}\s+Erik Holm/,
      'the new right says when and by whom',
    );
    await sesam.check(page, 'ordering-rights-granted');

    // Karin follows the link in her email, chooses her password, and is an orderer of Omsorg Nord AB.
    await page.getByRole('button', { name: 'Logga ut', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await page.goto(sesam.emailedLink('karin.berg@omsorgnord.example'));
    await page.getByRole('heading', { level: 1, name: 'Välj ditt lösenord' }).waitFor();
    await sesam.check(page, 'activation');
    await page.getByLabel('Nytt lösenord', { exact: true }).fill('karins-forsta-losen');
    await page.getByLabel('Upprepa lösenordet', { exact: true }).fill('karins-forsta-losen');
    await page.getByRole('button', { name: 'Spara lösenord', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Välkommen, Karin Berg' }).waitFor();
    await page.getByRole('button', { name: 'Logga ut', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await sesam.login(page, 'karin.berg@omsorgnord.example', 'karins-forsta-losen');
    await page.getByRole('heading', { level: 1, name: 'Välkommen, Karin Berg' }).waitFor();
    await nav(page).getByRole('link', { name: 'Ny beställning', exact: true }).waitFor();
    await openOrderingRights(page);
    await page.getByRole('heading', { level: 2, name: 'Beställare hos Omsorg Nord AB' }).waitFor();
    await page.getByRole('table', { name: 'Beställare hos Omsorg Nord AB' }).getByRole('rowheader', { name: 'Karin Berg (du)' }).waitFor();
    await sesam.check(page, 'ordering-rights-new-orderer');
  });

  test("the API's field errors stand beside the fields", async () => {
    const page = await sesam.newPage();
    await sesam.login(page, demo.erik);
    await openOrderingRights(page);
    await page.getByRole('radio', { name: 'Nej, skapa ett konto åt kollegan först' }).check();
    await page.getByRole('textbox', { name: 'E-post', exact: true }).fill('inte-en-adress');
    await page.getByRole('textbox', { name: 'Personnummer', exact: true }).fill('19121212-1213');
    await page.getByRole('button', { name: 'Skapa konto', exact: true }).click();

    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Kontot skapades inte/);
    for (const name of ['Namn', 'E-post']) {
      const field = page.getByRole('textbox', { name, exact: true });
      assert.equal(await field.getAttribute('aria-invalid'), 'true', `${name} is marked invalid`);
    }
    const pnr = page.getByRole('textbox', { name: 'Personnummer', exact: true });
    assert.equal(await pnr.getAttribute('aria-invalid'), 'true');
    const described = await pnr.evaluate((el) =>
      el.getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id)?.textContent).join(' '),
    );
    assert.match(described, /Personnumret är inte giltigt/, 'the API message is tied to the personal number field');
    // Focus went to the first field the API refused.
    // (Focus moves after the next frame: wait for it.)
    await page.waitForFunction(() => document.activeElement?.id === 'colleague-name', null, { timeout: 5_000 });
    await sesam.check(page, 'ordering-rights-errors');
  });

  test('sara (Hemtjänst Syd, its only orderer) is warned about too few orderers', async () => {
    const page = await sesam.newPage();
    await sesam.login(page, demo.sara);
    await openOrderingRights(page);
    const warning = page.getByRole('status').filter({ hasText: 'För få beställare' });
    await warning.waitFor();
    assert.match(
      await warning.innerText(),
      /Hemtjänst Syd Ekonomisk förening har 1 beställare men ska ha minst 2\. .*Ge en kollega beställningsrätt här nedan\./s,
    );
    // Nobody else at Hemtjänst Syd has an account: the only way is to create one.
    await page.getByText('Det finns inga andra konton hos Hemtjänst Syd Ekonomisk förening som saknar beställningsrätt.', { exact: false }).waitFor();
    assert.equal(await page.getByRole('radio').count(), 0);
    await sesam.check(page, 'ordering-rights-too-few');
  });

  test('revoking asks first, warns when too few remain, and the last right cannot be revoked', async () => {
    const page = await sesam.newPage();
    await sesam.login(page, demo.johan);
    await openOrderingRights(page);
    const table = page.getByRole('table', { name: 'Beställare hos Vård & Trygghet i Uppland AB' });
    await table.getByRole('rowheader', { name: 'Maria Sjöberg' }).waitFor();

    await page.getByRole('button', { name: 'Ta bort beställningsrätt för Maria Sjöberg' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ta bort beställningsrätten för Maria Sjöberg?' });
    await dialog.waitFor();
    await dialog.getByText('Efter det har Vård & Trygghet i Uppland AB bara 1 beställare.', { exact: false }).waitFor();
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent?.trim()),
      'Avbryt',
      'focus starts on the harmless choice',
    );
    await sesam.check(page, 'ordering-rights-revoke-dialog');
    await dialog.getByRole('button', { name: 'Ta bort beställningsrätt', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    const result = page.getByRole('status').filter({ hasText: 'Beställningsrätten för Maria Sjöberg hos Vård & Trygghet i Uppland AB är borttagen.' });
    await result.waitFor();
    assert.match(await result.innerText(), /har nu 1 beställare men ska ha minst 2/);
    await table.getByRole('rowheader', { name: 'Maria Sjöberg' }).waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'För få beställare' }).first().waitFor();

    // Johan is now the last orderer: the API refuses (409 last_orderer), in plain Swedish.
    await page.getByRole('button', { name: 'Ta bort beställningsrätt för Johan Ek' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ta bort beställningsrätt', exact: true }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    assert.match(
      await refusal.innerText(),
      /Johan Ek är den sista beställaren hos Vård & Trygghet i Uppland AB\. Den sista beställningsrätten kan bara kommunens support ta bort\./,
    );
    await table.getByRole('rowheader', { name: 'Johan Ek (du)' }).waitFor();
    await sesam.check(page, 'ordering-rights-last-orderer');
  });

  test('keyboard only: an orderer grants a colleague a right and revokes it again', async () => {
    const page = await sesam.newPage();
    await page.goto('/logga-in');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await tabTo(page, 'the E-post field', (f) => f.label === 'E-post');
    await page.keyboard.type(demo.erik);
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Välkommen, Erik Holm' }).waitFor();

    await tabTo(page, 'the Beställningsrätt link', (f) => f.tag === 'a' && f.text === 'Beställningsrätt');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Beställningsrätt' }).waitFor();
    const table = page.getByRole('table', { name: 'Beställare hos Omsorg Nord AB' });
    await table.waitFor();

    // "Ja, välj kollegan i listan" is chosen: Tab on to the Kollega list and pick Lisa Berg.
    await tabTo(page, 'the Kollega list', (f) => f.tag === 'select' && f.id === 'grant-account');
    const options = await page.locator('#grant-account option').allInnerTexts();
    const steps = options.findIndex((o) => o.startsWith('Lisa Berg'));
    assert.ok(steps > 0, `Lisa Berg is offered (${options.join(', ')})`);
    for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
    assert.match(await page.locator('#grant-account option:checked').innerText(), /^Lisa Berg/);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Ge beställningsrätt');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'the focused button shows its focus');
    await page.keyboard.press('Enter');
    const granted = page.getByRole('status').filter({ hasText: 'Lisa Berg har nu beställningsrätt för Omsorg Nord AB.' });
    await granted.waitFor();
    // Focus moves after the next frame: wait for it (focus moves to the result).
    await page.waitForFunction((el) => el === document.activeElement, await granted.elementHandle(), { timeout: 5_000 });
    await table.getByRole('rowheader', { name: 'Lisa Berg' }).waitFor();
    await sesam.check(page, 'ordering-rights-keyboard-granted');

    // Revoke: the dialog opens on Avbryt, Escape closes it and gives focus back to the button.
    await tabTo(page, 'the revoke button for Lisa Berg', (f) => f.text === 'Ta bort beställningsrätt för Lisa Berg', { shift: true });
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Ta bort beställningsrätten för Lisa Berg?' });
    await dialog.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Avbryt');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent?.trim()),
      'Ta bort beställningsrätt för Lisa Berg',
      'focus is back on the button that opened the dialog',
    );
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Ta bort beställningsrätt');
    await page.keyboard.press('Enter');
    const revoked = page.getByRole('status').filter({ hasText: 'Beställningsrätten för Lisa Berg hos Omsorg Nord AB är borttagen.' });
    await revoked.waitFor();
    await table.getByRole('rowheader', { name: 'Lisa Berg' }).waitFor({ state: 'detached' });
    // Focus moves after the next frame: wait for it (focus moves to the result).
    await page.waitForFunction((el) => el === document.activeElement, await revoked.elementHandle(), { timeout: 5_000 });
    await sesam.check(page, 'ordering-rights-keyboard-revoked');
  });

  test('an account without a right is told how to get one', async () => {
    const page = await sesam.newPage();
    await sesam.login(page, 'lisa.berg@omsorgnord.example');
    await openOrderingRights(page);
    await page.getByText('Du har ingen beställningsrätt.').waitFor();
    await sesam.check(page, 'ordering-rights-none');
  });

  test('fits a 320 px wide screen and 200 % zoom', async () => {
    for (const [name, viewport] of [
      ['320px', { width: 320, height: 800 }],
      ['zoom-200', { width: 640, height: 450, deviceScaleFactor: 2 }],
    ]) {
      const page = await sesam.newPage(viewport);
      await sesam.login(page, demo.anna);
      await page.goto('/bestallningsratt');
      await page.getByRole('heading', { level: 2, name: 'Beställare hos Omsorg Nord AB' }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${name}: the page is ${overflow} px wider than the screen`);
      await sesam.check(page, `ordering-rights-${name}`);
    }
  });
});
