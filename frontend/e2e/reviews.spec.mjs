// Behörighetsuppföljning end to end, on one server with the demo data: an orderer finishes the demo's
// open review of Omsorg Nord AB (one permission to remove) and completes it, which sends the revoke
// order to IT; support starts reviews for every provider. axe finds nothing on each page, also at 320 px.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demo, useSesam } from './harness.mjs';

const nav = (page) => page.getByRole('navigation', { name: 'Huvudmeny' });

async function open(page, link) {
  await nav(page).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: link, exact: true }).waitFor();
}

function inDays(days) {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

describe('Behörighetsuppföljning (access reviews)', { timeout: 300_000 }, () => {
  const sesam = useSesam();

  test('an orderer decides what is left and completes the review; the revoke order goes to IT', async () => {
    const page = await sesam.newPage();
    await sesam.login(page, demo.anna);
    await open(page, 'Behörighetsuppföljning');
    const table = page.getByRole('table', { name: 'Uppföljningar' });
    await table.getByRole('link', { name: 'Årlig behörighetsuppföljning' }).waitFor();
    await sesam.check(page, 'reviews-list-orderer');
    await table.getByRole('link', { name: 'Årlig behörighetsuppföljning' }).click();
    await page.getByRole('checkbox', { name: 'Visa bara obeslutade' }).waitFor();
    await sesam.check(page, 'reviews-review');

    // What is left undecided: remove the first, keep the rest (select-many and "Behåll alla markerade").
    await page.getByRole('checkbox', { name: 'Visa bara obeslutade' }).check();
    const groups = page.getByRole('radiogroup', { name: /^Beslut för / });
    const left = await groups.count();
    assert.ok(left >= 1, 'the demo review has undecided items');
    // By keyboard: focus the radio button and press Space, as a keyboard user would.
    await groups.first().getByRole('radio', { name: 'Ta bort' }).focus();
    await page.keyboard.press('Space');
    await page.waitForFunction(
      (n) => document.querySelectorAll('[role="radiogroup"]').length < n,
      left,
      { timeout: 10_000 },
    );
    const rest = page.getByRole('checkbox', { name: /^Markera / });
    for (let i = 0; i < (await rest.count()); i += 1) await rest.nth(i).check();
    if ((await rest.count()) > 0) {
      await page.getByRole('button', { name: 'Behåll alla markerade' }).click();
      await page.getByRole('radiogroup', { name: /^Beslut för / }).first().waitFor({ state: 'detached' });
    }

    const complete = page.getByRole('button', { name: 'Slutför uppföljningen' });
    await page.waitForFunction(
      () => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Slutför uppföljningen' && !b.disabled),
      null,
      { timeout: 10_000 },
    );
    await complete.click();
    const dialog = page.getByRole('dialog', { name: 'Slutför uppföljningen' });
    assert.match(await dialog.innerText(), /Uppföljningen skickar 1 avbeställning till IT/);
    await sesam.check(page, 'reviews-confirm-complete');
    await dialog.getByRole('button', { name: 'Slutför uppföljningen' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Uppföljningen är slutförd').waitFor();
    await sesam.check(page, 'reviews-completed');
    // The revoke order is linked, unless the person already had one open (then none is made).
    const links = page.getByRole('link', { name: /^SES-\d{4}-\d{6}: / });
    if ((await links.count()) > 0) {
      const reference = (await links.first().innerText()).split(':')[0];
      await open(page, 'Hantera dina beställningar');
      await page.getByRole('cell', { name: reference }).first().waitFor();
    } else {
      await page.getByText('Inga avbeställningar behövde skickas.').waitFor();
    }
  });

  test('support starts reviews for every provider; the pages fit 320 px', async () => {
    const page = await sesam.newPage({ width: 320, height: 800 });
    await sesam.login(page, demo.admin);
    await page.goto(`${sesam.url}/behorighetsuppfoljning`);
    await page.getByRole('heading', { level: 1, name: 'Behörighetsuppföljning' }).waitFor();
    await page.getByRole('button', { name: 'Starta uppföljning' }).click();
    const dialog = page.getByRole('dialog', { name: 'Starta uppföljning' });
    await dialog.getByLabel('Sista dag').fill(inDays(30));
    await sesam.check(page, 'reviews-start-dialog-320');
    await dialog.getByRole('button', { name: 'Starta uppföljning' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(/^Uppföljningar startade: \d+\.$/).waitFor();
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > 321 && !el.closest('.table-wrap'))
        .map((el) => `${el.tagName}.${el.className}`)
        .slice(0, 5),
    );
    assert.deepEqual(wide, [], 'nothing but the table (which scrolls in its own region) is wider than 320 px');
    await sesam.check(page, 'reviews-list-support-320');

    // A review read by support at 320 px: the items by person, no decisions offered.
    await page.getByRole('link', { name: /^Behörighetsuppföljning \d{4}$/ }).first().click();
    await page.getByRole('checkbox', { name: 'Visa bara obeslutade' }).waitFor();
    assert.equal(await page.getByRole('radio', { name: 'Behåll' }).count(), 0, 'support does not decide');
    await page.getByRole('button', { name: 'Avbryt uppföljningen' }).waitFor();
    const wideReview = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > 321 && !el.closest('.table-wrap'))
        .map((el) => `${el.tagName}.${el.className}`)
        .slice(0, 5),
    );
    assert.deepEqual(wideReview, [], 'the review page fits 320 px');
    await sesam.check(page, 'reviews-review-support-320');
  });
});
