// Expertanvändare end to end, on one server: an orderer adds one by hand and finds them in the CSV
// the browser downloads; support writes to expert users and sees how many were queued.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { demo, useSesam } from './harness.mjs';

const nav = (page) => page.getByRole('navigation', { name: 'Huvudmeny' });

async function openExpertUsers(page) {
  await nav(page).getByRole('link', { name: 'Expertanvändare', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Expertanvändare' }).waitFor();
}

/** The text of the elements a control's aria-describedby names. */
const description = (locator) =>
  locator.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

describe('Expertanvändare (expert users)', { timeout: 300_000 }, () => {
  const sesam = useSesam();

  test('an expert user added by hand appears in the CSV download', async () => {
    const page = await sesam.newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    await sesam.login(page, demo.anna);
    await openExpertUsers(page);
    await page.getByRole('table', { name: 'Expertanvändare i Lifecare hos Omsorg Nord AB' }).getByRole('rowheader', { name: 'Karin Berg' }).waitFor();
    await page.getByText('Omsorg Nord AB har 2 expertanvändare. Rekommenderat antal: minst 1.').waitFor();
    await sesam.check(page, 'expert-users-orderer');

    // Add Sofia Ek as expert user of Cosmic Link, by hand.
    const form = page.getByRole('region', { name: 'Lägg till expertanvändare' });
    await form.getByRole('textbox', { name: 'Förnamn', exact: true }).fill('Sofia');
    await form.getByRole('textbox', { name: 'Efternamn', exact: true }).fill('Ek');
    await form.getByRole('textbox', { name: 'E-post', exact: true }).fill('sofia.ek@omsorgnord.example');
    await form.getByRole('combobox', { name: 'Verksamhetssystem' }).selectOption({ label: 'Cosmic Link' });
    await form.getByRole('button', { name: 'Lägg till expertanvändare' }).click();
    const added = page.getByRole('status').filter({ hasText: 'Sofia Ek är nu expertanvändare i Cosmic Link hos Omsorg Nord AB.' });
    await added.waitFor();
    await page.waitForFunction((el) => el === document.activeElement, await added.elementHandle(), { timeout: 5_000 });
    const cosmic = page.getByRole('table', { name: 'Expertanvändare i Cosmic Link hos Omsorg Nord AB' });
    await cosmic.getByRole('rowheader', { name: 'Sofia Ek' }).waitFor();
    assert.match(await cosmic.getByRole('row', { name: /Sofia Ek/ }).innerText(), /sofia\.ek@omsorgnord\.example.*för hand/s);
    await sesam.check(page, 'expert-users-added');

    // Every address once, on the clipboard, and said so.
    await page.getByRole('button', { name: 'Kopiera alla e-postadresser' }).click();
    await page.getByRole('status').filter({ hasText: '3 e-postadresser är kopierade.' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.deepEqual(copied.split('; ').sort(), [
      'ahmed.hassan@omsorgnord.example',
      'karin.berg@omsorgnord.example',
      'sofia.ek@omsorgnord.example',
    ]);

    // The CSV the browser downloads holds the new expert user.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ladda ner som CSV' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'expertanvandare.csv');
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    assert.equal(lines[0], 'name,email,provider,system');
    assert.ok(lines.includes('Sofia Ek,sofia.ek@omsorgnord.example,Omsorg Nord AB,Cosmic Link'), csv);
    assert.ok(lines.includes('Karin Berg,karin.berg@omsorgnord.example,Omsorg Nord AB,Lifecare'), csv);
    assert.equal(lines.length, 5, 'the header and the four registrations of Omsorg Nord AB');
  });

  test("the API's refusals stand beside the fields of the add form", async () => {
    const page = await sesam.newPage();
    await sesam.login(page, demo.erik);
    await openExpertUsers(page);
    const form = page.getByRole('region', { name: 'Lägg till expertanvändare' });
    await form.getByRole('textbox', { name: 'Förnamn', exact: true }).fill('Sofia');
    await form.getByRole('textbox', { name: 'E-post', exact: true }).fill('sofia');
    await form.getByRole('button', { name: 'Lägg till expertanvändare' }).click();
    await form.getByRole('alert').filter({ hasText: 'Expertanvändaren lades inte till' }).waitFor();
    const lastName = form.getByRole('textbox', { name: 'Efternamn', exact: true });
    assert.equal(await lastName.getAttribute('aria-invalid'), 'true');
    assert.match(await description(form.getByRole('textbox', { name: 'E-post', exact: true })), /E-postadressen är inte giltig/);
    assert.match(await description(form.getByRole('combobox', { name: 'Verksamhetssystem' })), /Välj ett verksamhetssystem\./);
    // Focus moves after the next frame: wait for it (the first refused field).
    await page.waitForFunction(() => document.activeElement?.id === 'expert-last-name', null, { timeout: 5_000 });
    await sesam.check(page, 'expert-users-errors');
  });

  test('a provider without expert users is warned', async () => {
    const page = await sesam.newPage();
    await sesam.login(page, demo.johan);
    await openExpertUsers(page);
    await page.getByRole('status').filter({ hasText: 'Ingen expertanvändare' }).waitFor();
    await page.getByText('Vård & Trygghet i Uppland AB har ingen expertanvändare. Varje utförare ska ha minst en.').waitFor();
    await sesam.check(page, 'expert-users-none');
  });

  test('support sends a message to expert users and sees how many were queued', async () => {
    const page = await sesam.newPage();
    await sesam.login(page, demo.admin);
    await openExpertUsers(page);
    await page.getByRole('heading', { level: 2, name: 'Expertanvändare hos alla utförare' }).waitFor();
    await page.getByRole('table', { name: 'Expertanvändare i Lifecare' }).getByRole('rowheader', { name: 'Eva Lund' }).waitFor();

    const form = page.getByRole('region', { name: 'Skicka meddelande till expertanvändare' });
    // Nothing filled in: the API's messages beside subject and text.
    await form.getByRole('button', { name: 'Skicka meddelande' }).click();
    const subject = form.getByRole('textbox', { name: 'Ämne' });
    await form.getByRole('alert').waitFor();
    assert.equal(await subject.getAttribute('aria-invalid'), 'true');
    await page.waitForFunction(() => document.activeElement?.id === 'message-subject', null, { timeout: 5_000 });

    // To Lifecare's expert users: Karin Berg, Ahmed Hassan (Omsorg Nord) and Eva Lund (Hemtjänst Syd).
    await form.getByRole('radio', { name: 'Expertanvändarna i ett verksamhetssystem' }).check();
    await form.getByRole('combobox', { name: 'Vilket verksamhetssystem?' }).selectOption({ label: 'Lifecare' });
    await subject.fill('Användarmöte Lifecare 12 mars');
    await form.getByRole('textbox', { name: 'Meddelande' }).fill('Välkomna till användarmötet den 12 mars kl. 13 i stadshuset.');
    await sesam.check(page, 'expert-users-message-form');
    await form.getByRole('button', { name: 'Skicka meddelande' }).click();
    const sent = page.getByRole('status').filter({ hasText: 'Meddelandet är på väg' });
    await sent.waitFor();
    assert.match(await sent.innerText(), /Meddelandet till expertanvändarna i Lifecare är lagt i kö för att skickas till 3 mottagare\./);
    await page.waitForFunction((el) => el === document.activeElement, await sent.elementHandle(), { timeout: 5_000 });
    assert.equal(await subject.inputValue(), '', 'the form is ready for the next message');
    await sesam.check(page, 'expert-users-message-sent');
  });
});
