import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demo, useSesam } from './harness.mjs';

const HEMTJANST_SYD = 'Hemtjänst Syd Ekonomisk förening';

async function openAdmin(page) {
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Administration', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
}

const adminNav = (page) => page.getByRole('navigation', { name: 'Administration' });

/** The compliance table's row of a provider, and its "Brister" cell's text. */
async function issuesOf(page, provider) {
  const table = page.getByRole('table', { name: 'Beställare och expertanvändare per utförare' });
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: provider, exact: true }) });
  await row.waitFor();
  return { row, text: await row.getByRole('cell').nth(2).innerText(), marked: await row.getAttribute('data-issues') };
}

describe('Administration (support)', { timeout: 300_000 }, () => {
  const sesam = useSesam();

  test('support grants a second orderer at Hemtjänst Syd, which then leaves the too-few-orderers highlight', async () => {
    const page = await sesam.newPage();
    await sesam.login(page, demo.admin);
    await openAdmin(page);
    await page.getByRole('region', { name: 'Beställningar per vecka' }).waitFor();
    await page.getByText('1 av 3 utförare har för få beställare.').waitFor();

    const before = await issuesOf(page, HEMTJANST_SYD);
    assert.match(before.text, /För få beställare/);
    assert.match(before.marked ?? '', /too_few_orderers/);
    assert.match(await before.row.innerText(), /1 av minst 2/);
    await sesam.check(page, 'admin-overview');

    // "Visa bara utförare med brister" keeps the providers that fall short.
    await page.getByRole('checkbox', { name: 'Visa bara utförare med brister' }).check();
    // The demo's Omsorg Nord AB meets every rule (two orderers, expert users): the other two fall short.
    await page.getByText('2 av 3 utförare visas.').waitFor();
    await page.getByRole('checkbox', { name: 'Visa bara utförare med brister' }).uncheck();

    // From the highlighted row to the provider's ordering rights.
    await before.row.getByRole('link', { name: `Hantera beställningsrätt hos ${HEMTJANST_SYD}` }).click();
    await page.getByRole('heading', { level: 1, name: 'Beställningsrätt' }).waitFor();
    assert.equal(await page.getByRole('combobox', { name: 'Utförare' }).inputValue(), new URL(page.url()).searchParams.get('utforare'));
    await page.getByRole('heading', { level: 2, name: `Beställare hos ${HEMTJANST_SYD}` }).waitFor();
    await page.getByRole('status').filter({ hasText: 'För få beställare' }).waitFor();
    await sesam.check(page, 'admin-ordering-rights-hemtjanst-syd');

    // Nobody else at the provider has an account: support creates one and grants at once.
    await page.getByRole('textbox', { name: 'Namn', exact: true }).fill('Olle Ström');
    await page.getByRole('textbox', { name: 'E-post', exact: true }).fill('olle.strom@hemtjanstsyd.example');
    await page.getByRole('button', { name: 'Skapa konto och ge beställningsrätt' }).click();
    await page.getByRole('status').filter({ hasText: 'Olle Ström har nu beställningsrätt' }).waitFor();
    await page.getByText(`${HEMTJANST_SYD} har 2 beställare. Kravet på minst 2 är uppfyllt.`).waitFor();
    const table = page.getByRole('table', { name: `Beställare hos ${HEMTJANST_SYD}` });
    assert.match(await table.getByRole('row', { name: /Olle Ström/ }).innerText(), /Vof Support/, 'granted by support, by name');

    await openAdmin(page);
    await page.getByText('0 av 3 utförare har för få beställare.').waitFor();
    const after = await issuesOf(page, HEMTJANST_SYD);
    assert.doesNotMatch(after.text, /För få beställare/);
    // The demo gives Hemtjänst Syd an expert user (Eva Lund): with two orderers nothing is short.
    assert.equal(after.text.trim(), 'Inga', 'no issues left');
    assert.doesNotMatch(after.marked ?? '', /too_few_orderers/);
    assert.match(await after.row.innerText(), /2 av minst 2/);
    await sesam.check(page, 'admin-overview-after-grant');
  });

  test('support creates a provider with a unit, a system with a required field, and a permission that shows in the catalogue', async () => {
    const page = await sesam.newPage();
    await sesam.login(page, demo.admin);
    await openAdmin(page);

    // A provider, first without a name: the API's messages stand beside the fields.
    await adminNav(page).getByRole('link', { name: 'Utförare och enheter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Utförare och enheter' }).waitFor();
    await page.getByRole('textbox', { name: 'Organisationsnummer' }).fill('123');
    await page.getByRole('button', { name: 'Lägg till utförare' }).click();
    await page.getByRole('alert').waitFor();
    const name = page.getByRole('textbox', { name: 'Namn', exact: true });
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByRole('textbox', { name: 'Organisationsnummer' }).getAttribute('aria-invalid'), 'true');
    // Focus moves after the next frame: wait for it (focus on the first refused field).
    await page.waitForFunction((el) => el === document.activeElement, await name.elementHandle(), { timeout: 5_000 });
    await sesam.check(page, 'admin-provider-errors');

    await name.fill('Omsorg Väst AB');
    await page.getByRole('textbox', { name: 'Organisationsnummer' }).fill('556987-6542');
    await page.getByRole('button', { name: 'Lägg till utförare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Omsorg Väst AB' }).waitFor();
    await page.getByText('Utföraren Omsorg Väst AB är tillagd.', { exact: false }).waitFor();

    await page.getByRole('textbox', { name: 'Enhetens namn' }).fill('Boende Björken');
    await page.getByRole('textbox', { name: 'Kod' }).fill('OV-101');
    await page.getByRole('button', { name: 'Lägg till enhet' }).click();
    await page.getByText('Enheten Boende Björken är tillagd.').waitFor();
    const units = page.getByRole('table', { name: 'Enheter hos Omsorg Väst AB' });
    assert.match(await units.getByRole('row', { name: /Boende Björken/ }).innerText(), /OV-101\s+Aktiv/);

    // Renaming a unit in the dialog.
    await page.getByRole('button', { name: 'Ändra Boende Björken' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ändra enheten Boende Björken' });
    await dialog.getByRole('textbox', { name: 'Enhetens namn' }).fill('Boende Björkängen');
    await sesam.check(page, 'admin-unit-dialog');
    await dialog.getByRole('button', { name: 'Spara ändringar' }).click();
    await page.getByText('Enheten Boende Björkängen är ändrad.').waitFor();
    await units.getByRole('rowheader', { name: 'Boende Björkängen' }).waitFor();
    await sesam.check(page, 'admin-provider');

    // The provider is on the overview, short of orderers.
    await adminNav(page).getByRole('link', { name: 'Översikt' }).click();
    assert.match((await issuesOf(page, 'Omsorg Väst AB')).text, /För få beställare/);

    // A system whose grant orders require Profession, from a fixed list.
    await adminNav(page).getByRole('link', { name: 'Verksamhetssystem och behörigheter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verksamhetssystem och behörigheter' }).waitFor();
    await page.getByRole('textbox', { name: 'Systemets namn' }).fill('Treserva');
    await page.getByRole('textbox', { name: 'Beskrivning', exact: true }).fill('Verksamhetssystem för individ- och familjeomsorg.');
    const group = page.getByRole('group', { name: 'Extra uppgifter som beställningar kräver' });
    await group.getByRole('checkbox', { name: 'Profession' }).check();
    await group.getByRole('textbox', { name: 'Tillåtna värden för Profession' }).fill('Socialsekreterare\nFamiljebehandlare\n');
    await sesam.check(page, 'admin-system-form');
    await page.getByRole('button', { name: 'Lägg till verksamhetssystem' }).click();
    await page.getByRole('heading', { level: 1, name: 'Treserva' }).waitFor();
    assert.equal(await page.getByRole('checkbox', { name: 'Profession' }).isChecked(), true);
    assert.equal(await page.getByRole('checkbox', { name: 'Titel för Lifecare' }).isChecked(), false);

    await page.getByRole('textbox', { name: 'Behörighetens namn' }).fill('Handläggare – dokumentera');
    await page.getByRole('textbox', { name: 'Beskrivning av behörigheten' }).fill('Läsa och skriva i ärenden och journaler.');
    await page.getByRole('button', { name: 'Lägg till behörighet' }).click();
    await page.getByText('Behörigheten Handläggare – dokumentera är tillagd.').waitFor();
    await page.getByRole('table', { name: 'Behörigheter i Treserva' }).getByRole('rowheader', { name: 'Handläggare – dokumentera' }).waitFor();
    await sesam.check(page, 'admin-system');

    // The permission is published in Behörigheter i Sesam, with the system's rule.
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Behörigheter i Sesam' }).click();
    const region = page.getByRole('region', { name: 'Treserva', exact: true });
    await region.getByText('Handläggare – dokumentera').waitFor();
    assert.match(await region.innerText(), /Profession – tillåtna värden: Socialsekreterare, Familjebehandlare/);
    await sesam.check(page, 'catalogue-new-permission');
  });

  test('support finds, creates, changes and deactivates accounts', async () => {
    const page = await sesam.newPage();
    await sesam.login(page, demo.admin);
    await openAdmin(page);
    await adminNav(page).getByRole('link', { name: 'Konton' }).click();
    await page.getByRole('heading', { level: 1, name: 'Konton' }).waitFor();
    await page.getByRole('searchbox', { name: 'Namn eller e-post' }).fill('omsorgnord');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByText('3 konton visas.').waitFor();
    await sesam.check(page, 'admin-accounts');

    // A new IT account.
    await page.getByRole('textbox', { name: 'Namn', exact: true }).fill('Nils Drift');
    await page.getByRole('textbox', { name: 'E-post', exact: true }).fill('nils.drift@kommun.example');
    await page.getByRole('checkbox', { name: 'IT (behörighetsadministration)' }).check();
    assert.equal(await page.getByLabel('Lösenord', { exact: true }).count(), 0, 'support chooses no password (rule 16)');
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nils Drift' }).waitFor();
    await page.getByText('Kontot för Nils Drift är skapat. En inbjudan med en länk för att välja lösenord är skickad till nils.drift@kommun.example.').waitFor();
    assert.equal(await page.getByRole('checkbox', { name: 'IT (behörighetsadministration)' }).isChecked(), true);

    // The invitation got lost: support sends a new one; only the newest link works.
    await page.getByText('Har inte loggat in än.').waitFor();
    const first = sesam.emailedLink('nils.drift@kommun.example');
    await page.getByRole('button', { name: 'Skicka ny inbjudan' }).click();
    await page.getByText('En ny inbjudan är skickad till nils.drift@kommun.example.').waitFor();
    assert.notEqual(sesam.emailedLink('nils.drift@kommun.example'), first);

    await page.getByRole('button', { name: 'Inaktivera konto' }).click();
    const dialog = page.getByRole('dialog', { name: 'Inaktivera kontot för Nils Drift?' });
    await dialog.getByRole('button', { name: 'Inaktivera konto' }).click();
    await page.getByText('Kontot för Nils Drift är inaktiverat.').waitFor();
    await page.getByRole('button', { name: 'Aktivera konto' }).waitFor();
    await sesam.check(page, 'admin-account');

    // Inactive accounts are found when asked for.
    await page.getByRole('link', { name: 'Alla konton' }).click();
    await page.getByRole('searchbox', { name: 'Namn eller e-post' }).fill('nils.drift');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByText('Inga konton matchar sökningen.').waitFor();
    await page.getByRole('checkbox', { name: 'Visa även inaktiverade konton' }).check();
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByText('1 konto visas.').waitFor();
    assert.match(await page.getByRole('table', { name: 'Konton' }).innerText(), /Nils Drift.*Inaktiverat/s);
  });

  test('the administration fits a 320 px wide screen and 200 % zoom', async () => {
    for (const [name, viewport] of [
      ['320px', { width: 320, height: 800 }],
      ['zoom-200', { width: 640, height: 450, deviceScaleFactor: 2 }],
    ]) {
      const page = await sesam.newPage(viewport);
      await sesam.login(page, demo.admin);
      for (const path of ['/administration', '/administration/konton']) {
        await page.goto(path);
        await page.getByRole('table').first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${name} ${path}: the page is ${overflow} px wider than the screen`);
      }
      await sesam.check(page, `admin-accounts-${name}`);
      await page.goto('/administration');
      await page.getByRole('table').first().waitFor();
      await sesam.check(page, `admin-overview-${name}`);
    }
  });

  test('support registers a webhook, sees its secret once, and sends a test event', async () => {
    const page = await sesam.newPage();
    await sesam.login(page, demo.admin);
    await openAdmin(page);
    await adminNav(page).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByText('Det finns inga webhooks än.').waitFor();
    // An internal address is refused beside the field.
    await page.getByRole('textbox', { name: /Adress/ }).fill('https://10.0.0.1/hooks');
    await page.getByRole('checkbox', { name: 'order.submitted' }).check();
    await page.getByRole('button', { name: 'Lägg till webhook' }).click();
    await page.getByRole('alert').filter({ hasText: 'webhooks' }).waitFor();
    await page.getByRole('textbox', { name: /Adress/ }).fill('https://itsm.kommun.example/hooks/sesam');
    await page.getByRole('button', { name: 'Lägg till webhook' }).click();
    const secret = await page.getByTestId('webhook-secret').innerText();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    const card = page.getByRole('article', { name: 'https://itsm.kommun.example/hooks/sesam' });
    await card.waitFor();
    assert.match(await card.innerText(), /order\.submitted/);
    await sesam.check(page, 'admin-webhooks');
    await card.getByRole('button', { name: 'Skicka testhändelse' }).click();
    await card.getByRole('status').filter({ hasText: 'Testhändelsen är köad.' }).waitFor();
    // After a reload the secret is gone for good.
    await page.reload();
    await card.waitFor();
    assert.equal(await page.getByTestId('webhook-secret').count(), 0);
  });

  test('only support reaches the administration', async () => {
    const page = await sesam.newPage();
    await sesam.login(page, demo.it);
    await page.goto('/administration/utforare');
    await page.getByRole('heading', { level: 1, name: 'Ingen åtkomst' }).waitFor();
    await sesam.check(page, 'admin-forbidden-it');
  });
});
