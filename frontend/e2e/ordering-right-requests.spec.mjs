// Asking for an ordering right end to end, on one server: Lisa (no right; the demo has her request
// waiting) sees it waiting, Anna declines it, Lisa asks again, Anna grants it, and Lisa orders.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demo, useSesam } from './harness.mjs';

const nav = (page) => page.getByRole('navigation', { name: 'Huvudmeny' });

async function openOrderingRights(page) {
  await nav(page).getByRole('link', { name: 'Beställningsrätt', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Beställningsrätt' }).waitFor();
}

async function logout(page) {
  await page.getByRole('button', { name: 'Logga ut', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
}

/** Anna's table of waiting requests, and the row of Lisa's. */
function lisasRequest(page) {
  const table = page.getByRole('table', { name: 'Begäranden om beställningsrätt hos Omsorg Nord AB' });
  return { table, row: table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Lisa Berg' }) }) };
}

describe('Begäranden om beställningsrätt (requests for an ordering right)', { timeout: 300_000 }, () => {
  const sesam = useSesam();

  test('lisa asks for an ordering right, anna grants it, and lisa can order', async () => {
    const page = await sesam.newPage();

    // Lisa's request from the demo is still waiting: the page says so at once, instead of the form.
    await sesam.login(page, demo.lisa);
    await openOrderingRights(page);
    await page.getByText('Du har ingen beställningsrätt.').waitFor();
    const waiting = page.getByRole('status').filter({ hasText: 'Begäran väntar på svar' });
    await waiting.waitFor();
    assert.match(await waiting.innerText(), /Du har redan en begäran om beställningsrätt för Omsorg Nord AB som väntar på svar\./);
    assert.equal(await page.getByRole('button', { name: 'Begär beställningsrätt' }).count(), 0);
    await sesam.check(page, 'request-waiting');
    await logout(page);

    // Anna sees the request with Lisa's message, and declines it with a reason.
    await sesam.login(page, demo.anna);
    await openOrderingRights(page);
    let { table, row } = lisasRequest(page);
    await row.waitFor();
    assert.match(await row.innerText(), /lisa\.berg@omsorgnord\.example\s+Jag är ny samordnare på Hemtjänst Gränby/);
    await sesam.check(page, 'request-pending-for-orderer');
    await row.getByRole('button', { name: 'Avslå begäran från Lisa Berg' }).click();
    const dialog = page.getByRole('dialog', { name: 'Avslå begäran från Lisa Berg?' });
    await dialog.getByRole('textbox', { name: 'Anledning' }).fill('Prata med din chef först.');
    await sesam.check(page, 'request-decline-dialog');
    await dialog.getByRole('button', { name: 'Avslå begäran' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Begäran från Lisa Berg är avslagen.' }).waitFor();
    await table.waitFor({ state: 'detached' });
    await page.getByText('Inga begäranden om beställningsrätt hos Omsorg Nord AB väntar på svar.').waitFor();
    await logout(page);

    // Lisa asks again: this time the request is sent.
    await sesam.login(page, demo.lisa);
    await openOrderingRights(page);
    await page.getByText('Din begäran går till beställarna hos Omsorg Nord AB.', { exact: false }).waitFor();
    await sesam.check(page, 'request-form');
    await page.getByRole('textbox', { name: 'Meddelande' }).fill('Min chef har godkänt att jag beställer åt Hemtjänst Gränby.');
    await page.getByRole('button', { name: 'Begär beställningsrätt' }).click();
    const sent = page.getByRole('status').filter({ hasText: 'Begäran är skickad' });
    await sent.waitFor();
    assert.match(await sent.innerText(), /Din begäran om beställningsrätt för Omsorg Nord AB är skickad\./);
    await sesam.check(page, 'request-sent');
    await logout(page);

    // Anna grants it.
    await sesam.login(page, demo.anna);
    await openOrderingRights(page);
    ({ table, row } = lisasRequest(page));
    assert.match(await row.innerText(), /Min chef har godkänt/);
    await row.getByRole('button', { name: 'Bevilja begäran från Lisa Berg' }).click();
    const granted = page.getByRole('status').filter({ hasText: 'Lisa Berg har nu beställningsrätt för Omsorg Nord AB.' });
    await granted.waitFor();
    await page.waitForFunction((el) => el === document.activeElement, await granted.elementHandle(), { timeout: 5_000 });
    await page.getByRole('table', { name: 'Beställare hos Omsorg Nord AB' }).getByRole('rowheader', { name: 'Lisa Berg' }).waitFor();
    await sesam.check(page, 'request-granted');
    await logout(page);

    // Lisa is an orderer now: she can order.
    await sesam.login(page, demo.lisa);
    await nav(page).getByRole('link', { name: 'Ny beställning', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny beställning' }).waitFor();
    await page.getByRole('radiogroup', { name: 'Typ' }).waitFor();
    await sesam.check(page, 'request-lisa-orders');
  });
});
