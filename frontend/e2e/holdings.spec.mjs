// Behörighetsinnehav end to end, on one server: an orderer changes an end date and revokes (one, and
// all of a person's), the revoke orders appear under Hantera dina beställningar as sent to IT; support
// sees the orders per week on the overview; the pages fit a narrow screen.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demo, useSesam } from './harness.mjs';

const nav = (page) => page.getByRole('navigation', { name: 'Huvudmeny' });

async function open(page, link) {
  await nav(page).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: link, exact: true }).waitFor();
}

/** A date `days` from now, `YYYY-MM-DD` in Stockholm. */
function inDays(days) {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

const description = (locator) =>
  locator.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

const holderTable = (page, name) =>
  page.getByRole('table', { name: `Behörigheter som ${name} har hos Omsorg Nord AB` });

describe('Behörighetsinnehav (holdings)', { timeout: 300_000 }, () => {
  const sesam = useSesam();

  test('an orderer changes an end date and revokes; the revoke orders are sent to IT', async () => {
    const page = await sesam.newPage();
    await sesam.login(page, demo.anna);
    await open(page, 'Behörighetsinnehav');
    await page.getByRole('heading', { level: 2, name: 'Behörigheter hos Omsorg Nord AB' }).waitFor();
    // The demo's end dates: Nora Eriksson's ends in a few days (marked), Gustav Nyström's never.
    const nora = holderTable(page, 'Nora Eriksson');
    assert.match(await nora.innerText(), /Utförare – dokumentera\s+Lifecare\s+Boende Linden\s+\d{4}-\d{2}-\d{2}\s+\d{4}-\d{2}-\d{2}\s+Upphör om \d+ dagar/);
    assert.match(await holderTable(page, 'Gustav Nyström').innerText(), /Tills vidare/);
    // The demo's revoke order for Gustav is on its way: his row names it (it did not before issue 18).
    await holderTable(page, 'Gustav Nyström').getByText(/^Avbeställning skickad: SES-\d{4}-\d{6}$/).waitFor();
    await sesam.check(page, 'holdings-orderer');

    // A date in the past: the API's message beside Giltig till, focus on it.
    await page.getByRole('button', { name: 'Ändra slutdatum Utförare – dokumentera (Lifecare) för Nora Eriksson' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ändra slutdatum för Nora Eriksson' });
    const validTo = dialog.getByLabel('Giltig till');
    await validTo.fill('2020-01-31');
    await dialog.getByRole('button', { name: 'Spara slutdatum' }).click();
    await dialog.getByRole('alert').waitFor();
    assert.equal(await validTo.getAttribute('aria-invalid'), 'true');
    assert.match(await description(validTo), /Slutdatumet har redan passerat\./);
    await page.waitForFunction(() => document.activeElement?.id === 'holding-valid-to', null, { timeout: 5_000 });
    await sesam.check(page, 'holdings-end-date-error');

    // A date half a year ahead is taken.
    const date = inDays(180);
    await validTo.fill(date);
    await dialog.getByRole('button', { name: 'Spara slutdatum' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByRole('status')
      .filter({ hasText: `Utförare – dokumentera (Lifecare) för Nora Eriksson gäller nu till och med ${date}.` })
      .waitFor();
    await holderTable(page, 'Nora Eriksson').getByRole('cell', { name: new RegExp(`^${date}`) }).waitFor();

    // Revoke one: Lars Petersson's Handläggare in Siebel.
    await page.getByRole('button', { name: 'Avbeställ Handläggare (Siebel) för Lars Petersson' }).click();
    const one = page.getByRole('dialog', { name: 'Avbeställa Handläggare för Lars Petersson?' });
    await one.getByRole('button', { name: 'Skicka avbeställning till IT' }).click();
    await one.waitFor({ state: 'detached' });
    const oneDone = page.getByRole('status').filter({ hasText: 'Avbeställningen av Handläggare (Siebel) för Lars Petersson är skickad till IT' });
    await oneDone.waitFor();
    const lars = await oneDone.getByRole('link', { name: /^SES-\d{4}-\d{6}$/ }).innerText();
    await holderTable(page, 'Lars Petersson').getByText(`Avbeställning skickad: ${lars}`).waitFor();

    // Revoke all of Nora Eriksson's permissions, found by searching for her.
    await page.getByRole('searchbox', { name: 'Sök person' }).fill('Nora');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByText('Visar 1 behörighet (1 person).').waitFor();
    await page.getByRole('button', { name: 'Avbeställ alla behörigheter för Nora Eriksson' }).click();
    const all = page.getByRole('dialog', { name: 'Avbeställa alla behörigheter för Nora Eriksson?' });
    await all.getByRole('textbox', { name: 'Kommentar till IT' }).fill('Nora slutar den 31 december.');
    await sesam.check(page, 'holdings-revoke-all-dialog');
    await all.getByRole('button', { name: 'Avbeställ alla' }).click();
    await all.waitFor({ state: 'detached' });
    const allDone = page.getByRole('status').filter({ hasText: '1 avbeställning för Nora Eriksson är skickad till IT:' });
    await allDone.waitFor();
    await page.waitForFunction((el) => el === document.activeElement, await allDone.elementHandle(), { timeout: 5_000 });
    const noras = await allDone.getByRole('link', { name: /^SES-\d{4}-\d{6}$/ }).allInnerTexts();
    assert.equal(noras.length, 1);
    await sesam.check(page, 'holdings-revoked');

    // Both revoke orders are under Hantera dina beställningar, sent to IT.
    await open(page, 'Hantera dina beställningar');
    for (const reference of [lars, ...noras]) {
      const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: reference }) });
      await row.waitFor();
      const text = await row.innerText();
      assert.match(text, /Avbeställning/, `${reference} is a revoke order`);
      assert.match(text, /Skickad till IT/, `${reference} is sent to IT`);
    }
    await sesam.check(page, 'holdings-revoke-orders');
  });

  test('support sees orders per status per week, with the numbers as a table', async () => {
    const page = await sesam.newPage();
    await sesam.login(page, demo.admin);
    await open(page, 'Administration');
    const slot = page.locator('[data-slot="orders-per-week"]');
    const chart = slot.getByRole('img', { name: /^Beställningar per vecka och status, de senaste 8 veckorna/ });
    await chart.waitFor();
    assert.match(await chart.locator('desc').textContent(), /^Stapeldiagram\. \d+ beställningar från vecka \d+ till vecka \d+/);
    const table = slot.getByRole('table', { name: 'Beställningarna vecka för vecka, efter status (de senaste 8 veckorna)' });
    assert.equal(await table.getByRole('row').count(), 9, 'a header and eight weeks');
    // The demo's orders and this run's revoke orders all changed this week.
    const thisWeek = table.getByRole('row').last();
    const total = Number(await thisWeek.getByRole('cell').last().innerText());
    assert.ok(total >= 15, `this week's total is ${total}`);
    await sesam.check(page, 'admin-orders-per-week');
  });

  test('the pages fit a 320 px wide screen and 200 % zoom', async () => {
    for (const [name, viewport] of [
      ['320px', { width: 320, height: 800 }],
      ['zoom-200', { width: 640, height: 450, deviceScaleFactor: 2 }],
    ]) {
      const page = await sesam.newPage(viewport);
      await sesam.login(page, demo.erik);
      for (const [path, heading, shot] of [
        ['/behorighetsinnehav', 'Behörigheter hos Omsorg Nord AB', 'holdings'],
        ['/expertanvandare', 'Expertanvändare hos Omsorg Nord AB', 'expert-users'],
      ]) {
        await page.goto(path);
        await page.getByRole('heading', { level: 2, name: heading }).waitFor();
        await page.getByRole('table').first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${shot} at ${name}: the page is ${overflow} px wider than the screen`);
        await sesam.check(page, `${shot}-${name}`);
      }
    }
  });
});
