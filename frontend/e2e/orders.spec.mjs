// The order flow end to end, on one server: an orderer orders, IT provisions, the orderer hears of it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demo, DEMO_PASSWORD, useSesam } from './harness.mjs';

const nav = (page) => page.getByRole('navigation', { name: 'Huvudmeny' });

async function open(page, link, heading = link) {
  await nav(page).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
}

/** The order's reference from the heading "Beställning SES-2026-000012 är sparad", and its id from its link. */
async function savedOrder(page) {
  const heading = page.getByRole('heading', { level: 2, name: /^Beställning SES-\d{4}-\d{6} är sparad$/ });
  await heading.waitFor();
  const reference = /SES-\d{4}-\d{6}/.exec(await heading.innerText())[0];
  const href = await page.getByRole('link', { name: `Visa beställning ${reference}` }).getAttribute('href');
  return { reference, id: href.split('/').pop() };
}

/** The row of an order in a table, by its reference. */
const rowOf = (scope, reference) => scope.getByRole('row').filter({ has: scope.page().getByRole('rowheader', { name: reference }) });

/** Logs in over the API (for looking things up in a test, not for what a person does). */
async function apiToken(url, email) {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  return (await response.json()).access_token;
}

async function fillPerson(page, { first, last, pnr, email }) {
  await page.getByRole('textbox', { name: 'Förnamn', exact: true }).fill(first);
  await page.getByRole('textbox', { name: 'Efternamn', exact: true }).fill(last);
  await page.getByRole('textbox', { name: 'Personnummer', exact: true }).fill(pnr);
  if (email) await page.getByRole('textbox', { name: 'E-post', exact: true }).fill(email);
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

// ---- Keyboard helpers ----

async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return null;
    const described = (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .join(' ');
    return {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type') ?? '',
      text: (el.textContent ?? '').trim(),
      id: el.id,
      label: el.labels?.[0]?.textContent?.replace(/\s*\*\s*$/, '').trim() ?? el.getAttribute('aria-label') ?? '',
      described,
    };
  });
}

/** Presses Tab until the focused element satisfies `accept`. */
async function tabTo(page, what, accept, { max = 80, shift = false } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (f && accept(f)) return f;
  }
  throw new Error(`Tab never reached ${what}`);
}

const labelled = (label) => (f) => f.label === label;

/** Waits until the element has focus (focus moves after the next frame). */
async function hasFocus(locator) {
  const handle = await locator.elementHandle();
  await locator.page().waitForFunction((el) => el === document.activeElement, handle, { timeout: 5_000 });
}

/** Chooses an option of the focused select with the arrow keys, as a keyboard user does. */
async function chooseWithArrows(page, optionText) {
  const { options, selected } = await page.evaluate(() => {
    const select = document.activeElement;
    return { options: [...select.options].map((o) => o.textContent.trim()), selected: select.selectedIndex };
  });
  const target = options.indexOf(optionText);
  assert.ok(target >= 0, `"${optionText}" is offered (${options.join(', ')})`);
  const key = target > selected ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(target - selected); i++) await page.keyboard.press(key);
  assert.equal(await page.evaluate(() => document.activeElement.selectedOptions[0]?.textContent.trim()), optionText);
}

async function keyboardLogin(page, email) {
  await page.goto('/logga-in');
  await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
  await tabTo(page, 'the E-post field', labelled('E-post'));
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: /^Välkommen, / }).waitFor();
}

describe('the order flow', { timeout: 300_000 }, () => {
  const sesam = useSesam();

  test('a Lifecare order: refused without Titel för Lifecare, saved, sent; IT takes and completes it; the orderer sees Klar and the notification', async () => {
    const anna = await sesam.newPage();
    await sesam.login(anna, demo.anna);
    await open(anna, 'Ny beställning');
    await anna.getByRole('group', { name: 'Enheter' }).getByRole('checkbox', { name: 'Boende Linden' }).waitFor();
    await sesam.check(anna, 'order-new');

    const form = anna.locator('form.order-form');
    assert.equal(await anna.getByRole('radio', { name: 'Beställ behörighet', exact: true }).isChecked(), true);
    await anna.getByRole('combobox', { name: 'Verksamhetssystem' }).selectOption({ label: 'Lifecare' });
    await anna.getByRole('combobox', { name: 'Behörighet' }).selectOption({ label: 'Utförare – dokumentera' });
    assert.match(
      await description(anna.getByRole('combobox', { name: 'Behörighet' })),
      /Läsa samt skriva social dokumentation och tidsrapporter\./,
      "the permission's description is shown",
    );
    await anna.getByRole('group', { name: 'Enheter' }).getByRole('checkbox', { name: 'Boende Linden' }).check();
    await fillPerson(anna, { first: 'Maria', last: 'Ek', pnr: '19900101-1239', email: 'maria.ek@omsorgnord.example' });
    const title = anna.getByRole('combobox', { name: 'Titel för Lifecare' });
    assert.match(await description(title), /obligatoriskt/, 'the title is marked mandatory');
    assert.equal(await anna.getByRole('textbox', { name: 'Profession' }).count(), 0, 'Lifecare asks no profession');

    // Saved without the title: the API refuses, and its message stands beside the field.
    await anna.getByRole('button', { name: 'Spara', exact: true }).click();
    await form.getByRole('alert').filter({ hasText: 'Beställningen sparades inte' }).waitFor();
    assert.equal(await title.getAttribute('aria-invalid'), 'true');
    assert.match(await description(title), /Titel för Lifecare måste anges\./);
    await hasFocus(title);
    await sesam.check(anna, 'order-new-refused');

    await title.selectOption('Undersköterska');
    await anna.getByRole('button', { name: 'Spara', exact: true }).click();
    const { reference, id } = await savedOrder(anna);
    await sesam.check(anna, 'order-saved');

    // Sent to IT from Hantera dina beställningar.
    await open(anna, 'Hantera dina beställningar');
    const orders = anna.getByRole('table', { name: 'Beställningar hos Omsorg Nord AB' });
    const row = rowOf(orders, reference);
    assert.match(await row.innerText(), /Maria Ek\s+19900101-\*\*\*\*/, 'the list masks the personal number');
    assert.match(await row.innerText(), /Utkast/);
    await sesam.check(anna, 'orders-list');
    await row.getByRole('button', { name: 'Skicka till IT', exact: true }).click();
    await anna.getByRole('status').filter({ hasText: `${reference} är skickad till IT.` }).waitFor();
    await row.getByText('Skickad till IT', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Återkalla', exact: true }).waitFor();

    // IT takes it from the queue (oldest first) and completes it with the user name.
    const it = await sesam.newPage();
    await sesam.login(it, demo.it);
    await open(it, 'IT-kö');
    const queue = it.getByRole('table', { name: 'Nya ärenden, äldst först' });
    await queue.getByRole('rowheader', { name: reference }).waitFor();
    const refs = await queue.getByRole('rowheader').allInnerTexts();
    assert.equal(refs.at(-1), reference, 'the newest order is last in the queue');
    await sesam.check(it, 'it-queue');
    await rowOf(queue, reference).getByRole('button', { name: 'Ta ärende', exact: true }).click();
    await it.getByRole('status').filter({ hasText: `Du har tagit ärende ${reference}.` }).waitFor();
    const mine = it.getByRole('table', { name: 'Mina pågående ärenden' });
    await rowOf(mine, reference).getByRole('button', { name: 'Klarmarkera', exact: true }).click();
    const dialog = it.getByRole('dialog', { name: `Klarmarkera ${reference}` });
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: 'Användarnamn' }).fill('marek01');
    await dialog.getByRole('textbox', { name: 'Anteckning' }).fill('Tillfälligt lösenord skickat per sms.');
    await sesam.check(it, 'it-complete-dialog');
    await dialog.getByRole('button', { name: 'Klarmarkera', exact: true }).click();
    await it.getByRole('status').filter({ hasText: `${reference} är klarmarkerad.` }).waitFor();
    await rowOf(mine, reference).waitFor({ state: 'detached' });

    // The orderer: the notification, and the order Klar with the user name.
    await anna.goto('/bestallningar');
    await rowOf(orders, reference).getByText('Klar', { exact: true }).waitFor();
    const bell = anna.getByRole('button', { name: /^Aviseringar \d+ olästa$/ });
    await bell.click();
    const panel = anna.getByRole('region', { name: 'Aviseringar' });
    const item = panel.getByRole('listitem').filter({ hasText: `Beställning ${reference} är klar` });
    await item.waitFor();
    assert.match(await item.innerText(), /Oläst/);
    await sesam.check(anna, 'notifications');
    await item.getByRole('link', { name: 'Visa beställningen' }).click();
    await anna.getByRole('heading', { level: 1, name: `Beställning ${reference}` }).waitFor();
    assert.equal(new URL(anna.url()).pathname, `/bestallningar/${id}`);
    await anna.getByText('Användarnamn i Lifecare: marek01').waitFor();
    const history = anna.getByRole('table', { name: 'Historik' });
    await history.getByText('Klarmarkerad').waitFor();
    await history.getByText('Tillfälligt lösenord skickat per sms.').waitFor();
    await sesam.check(anna, 'order-completed');
    // Following the notification read it.
    await anna.getByRole('button', { name: /^Aviseringar/ }).click();
    await panel.getByRole('listitem').filter({ hasText: `Beställning ${reference} är klar` }).waitFor();
    assert.doesNotMatch(await panel.getByRole('listitem').filter({ hasText: `Beställning ${reference} är klar` }).innerText(), /Oläst/);
  });

  test('a Cosmic Link order needs Profession, and the expert user an email', async () => {
    const page = await sesam.newPage();
    await sesam.login(page, demo.erik);
    await open(page, 'Ny beställning');
    await page.getByRole('combobox', { name: 'Verksamhetssystem' }).selectOption({ label: 'Cosmic Link' });
    await page.getByRole('combobox', { name: 'Behörighet' }).selectOption({ label: 'Samordnad vårdplanering – läsa' });
    await page.getByRole('checkbox', { name: 'Hemtjänst Sävja' }).check();
    await fillPerson(page, { first: 'Jonas', last: 'Berg', pnr: '19851230-4562' });
    assert.equal(await page.getByRole('combobox', { name: 'Titel för Lifecare' }).count(), 0);
    const email = page.getByRole('textbox', { name: 'E-post', exact: true });
    assert.doesNotMatch(await description(email), /obligatoriskt/);
    await page.getByRole('checkbox', { name: 'Expertanvändare' }).check();
    assert.match(await description(email), /obligatoriskt/, 'an expert user makes the email mandatory');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Beställningen sparades inte' }).waitFor();
    const profession = page.getByRole('combobox', { name: 'Profession' });
    assert.equal(await profession.getAttribute('aria-invalid'), 'true');
    assert.match(await description(profession), /Profession måste anges|Profession/);
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    await sesam.check(page, 'order-cosmic-refused');

    await profession.selectOption('Sjuksköterska');
    await email.fill('jonas.berg@omsorgnord.example');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    const { reference } = await savedOrder(page);

    // Another permission for the same person: the person is filled in.
    await page.getByRole('button', { name: 'Beställ en behörighet till för samma person (Jonas Berg)' }).click();
    assert.equal(await page.getByRole('textbox', { name: 'Förnamn', exact: true }).inputValue(), 'Jonas');
    assert.equal(await page.getByRole('textbox', { name: 'Personnummer', exact: true }).inputValue(), '19851230-4562');
    assert.equal(await page.getByRole('combobox', { name: 'Verksamhetssystem' }).inputValue(), '');
    await page.getByRole('combobox', { name: 'Verksamhetssystem' }).selectOption({ label: 'Siebel' });
    await page.getByRole('combobox', { name: 'Behörighet' }).selectOption({ label: 'Handläggare' });
    assert.equal(await page.getByRole('combobox', { name: 'Profession' }).count(), 0, 'Siebel asks no extra field');
    await sesam.check(page, 'order-same-person');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    const second = await savedOrder(page);
    assert.notEqual(second.reference, reference);
  });

  test("an orderer cannot see another provider's orders", async () => {
    const token = await apiToken(sesam.url, demo.anna);
    const list = await (await fetch(`${sesam.url}/api/v1/orders?limit=1`, { headers: { Authorization: `Bearer ${token}` } })).json();
    const nordOrder = list.items[0];
    assert.equal(nordOrder.provider_name, 'Omsorg Nord AB');

    const page = await sesam.newPage();
    await sesam.login(page, demo.sara);
    await open(page, 'Hantera dina beställningar');
    const table = page.getByRole('table', { name: 'Beställningar hos Hemtjänst Syd Ekonomisk förening' });
    await table.waitFor();
    const text = await table.innerText();
    assert.match(text, /Leila Mahmoud/);
    assert.doesNotMatch(text, /Omsorg Nord|Karin Berg|Fatima Yusuf/);
    await sesam.check(page, 'orders-other-provider');
    await page.getByRole('searchbox', { name: 'Sök' }).fill(nordOrder.reference);
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByText('Inga beställningar matchar filtret.').waitFor();

    await page.goto(`/bestallningar/${nordOrder.id}`);
    await page.getByRole('heading', { level: 1, name: 'Sidan finns inte' }).waitFor();
    const name = `${nordOrder.subject.first_name} ${nordOrder.subject.last_name}`;
    assert.equal(await page.getByText(name).count(), 0, `nothing of ${name} is shown`);
    await sesam.check(page, 'order-not-found');
  });

  test('IT rejects with Anledning and returns with Fråga; the orderers see why', async () => {
    const it = await sesam.newPage();
    await sesam.login(it, demo.it);
    await open(it, 'IT-kö');
    const queue = it.getByRole('table', { name: 'Nya ärenden, äldst först' });
    const henrik = queue.getByRole('row').filter({ hasText: 'Henrik Ström' });
    const henrikRef = await henrik.getByRole('rowheader').innerText();
    await henrik.getByRole('button', { name: 'Avvisa', exact: true }).click();
    const reject = it.getByRole('dialog', { name: `Avvisa ${henrikRef}` });
    const reason = reject.getByRole('textbox', { name: 'Anledning' });
    await hasFocus(reason);
    // Anledning is mandatory: the API says so beside the field.
    await reject.getByRole('button', { name: 'Avvisa', exact: true }).click();
    await reject.getByRole('alert').waitFor();
    assert.equal(await reason.getAttribute('aria-invalid'), 'true');
    await sesam.check(it, 'it-reject-refused');
    await reason.fill('Personen saknar anställning hos utföraren.');
    await reject.getByRole('button', { name: 'Avvisa', exact: true }).click();
    await it.getByRole('status').filter({ hasText: `${henrikRef} är avvisad.` }).waitFor();
    await henrik.waitFor({ state: 'detached' });

    const gustav = queue.getByRole('row').filter({ hasText: 'Gustav Nyström' });
    const gustavRef = await gustav.getByRole('rowheader').innerText();
    await gustav.getByRole('button', { name: 'Returnera', exact: true }).click();
    const giveBack = it.getByRole('dialog', { name: `Returnera ${gustavRef}` });
    await giveBack.getByRole('textbox', { name: 'Fråga' }).fill('Ska behörigheten tas bort på alla enheter?');
    await sesam.check(it, 'it-return-dialog');
    await giveBack.getByRole('button', { name: 'Returnera', exact: true }).click();
    await it.getByRole('status').filter({ hasText: `${gustavRef} är returnerad till beställaren med din fråga.` }).waitFor();

    // Omsorg Nord's orderer sees the returned order as a draft with IT's question.
    const anna = await sesam.newPage();
    await sesam.login(anna, demo.anna);
    await open(anna, 'Hantera dina beställningar');
    const row = rowOf(anna.getByRole('table'), gustavRef);
    await row.getByText('Utkast', { exact: true }).waitFor();
    await row.getByRole('link', { name: gustavRef }).click();
    await anna.getByRole('heading', { level: 1, name: `Beställning ${gustavRef}` }).waitFor();
    const question = anna.getByRole('status').filter({ hasText: 'IT har returnerat beställningen med en fråga' });
    await question.getByText('Ska behörigheten tas bort på alla enheter?').waitFor();
    await sesam.check(anna, 'order-returned');

    // Vård & Trygghet's orderer sees the rejection and its reason.
    const johan = await sesam.newPage();
    await sesam.login(johan, demo.johan);
    await open(johan, 'Hantera dina beställningar');
    await rowOf(johan.getByRole('table'), henrikRef).getByRole('link', { name: henrikRef }).click();
    await johan.getByRole('heading', { level: 1, name: `Beställning ${henrikRef}` }).waitFor();
    await johan.getByText('IT har avvisat beställningen').waitFor();
    await johan.getByText('Personen saknar anställning hos utföraren.', { exact: false }).first().waitFor();
    await sesam.check(johan, 'order-rejected');
  });

  test('a rejected order is copied into a new draft, opened for editing, and sent again', async () => {
    const page = await sesam.newPage();
    await sesam.login(page, demo.anna);
    await open(page, 'Hantera dina beställningar');
    await page.getByRole('group', { name: 'Visa status' }).getByRole('checkbox', { name: 'Avvisad' }).check();
    const table = page.getByRole('table', { name: 'Beställningar hos Omsorg Nord AB' });
    const fatima = table.getByRole('row').filter({ hasText: 'Fatima Yusuf' });
    await fatima.waitFor();
    assert.equal(await table.getByRole('row').count(), 2, 'only the rejected order is shown');
    await sesam.check(page, 'orders-filtered-rejected');
    await fatima.getByRole('button', { name: 'Kopiera', exact: true }).click();

    await page.getByRole('heading', { level: 1, name: /^Ändra beställning SES-\d{4}-\d{6}$/ }).waitFor();
    await page.getByRole('status').filter({ hasText: /Kopian SES-\d{4}-\d{6} är sparad som utkast/ }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Förnamn', exact: true }).inputValue(), 'Fatima');
    assert.equal(await page.getByRole('combobox', { name: 'Titel för Lifecare' }).inputValue(), 'Sjuksköterska');
    await sesam.check(page, 'order-copy-edit');
    await page.getByRole('textbox', { name: 'Kommentar' }).fill('Legitimationsnummer 123456.');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^Beställning SES-\d{4}-\d{6}$/ }).waitFor();
    await page.getByRole('status').filter({ hasText: /Ändringarna i SES-\d{4}-\d{6} är sparade\./ }).waitFor();
    await page.getByText('Legitimationsnummer 123456.').first().waitFor();
    await page.getByRole('button', { name: 'Skicka till IT', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /är skickad till IT\./ }).waitFor();
    await page.getByText('Skickad till IT', { exact: true }).first().waitFor();
    await sesam.check(page, 'order-copy-sent');
  });

  test('the whole order flow with the keyboard alone', async () => {
    const page = await sesam.newPage();
    await keyboardLogin(page, demo.erik);
    await tabTo(page, 'the Ny beställning link', (f) => f.tag === 'a' && f.text === 'Ny beställning');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Ny beställning' }).waitFor();
    await page.getByRole('checkbox', { name: 'Boende Linden' }).waitFor();

    // Typ: Beställ behörighet is chosen; on to the system and the permission.
    const kind = await tabTo(page, 'the Typ radio group', (f) => f.type === 'radio');
    assert.equal(kind.label, 'Beställ behörighet');
    await tabTo(page, 'Verksamhetssystem', labelled('Verksamhetssystem'));
    await chooseWithArrows(page, 'Lifecare');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).label, 'Behörighet');
    await chooseWithArrows(page, 'Utförare – läsa');
    await tabTo(page, 'the Boende Eken checkbox', labelled('Boende Eken'));
    await page.keyboard.press('Space');
    assert.equal(await page.getByRole('checkbox', { name: 'Boende Eken' }).isChecked(), true);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'the focused checkbox shows its focus');
    await tabTo(page, 'Förnamn', labelled('Förnamn'));
    await page.keyboard.type('Nora');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Lind');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).label, 'Personnummer');
    await page.keyboard.type('19930615-7893');
    await tabTo(page, 'Titel för Lifecare', labelled('Titel för Lifecare'));
    await chooseWithArrows(page, 'Vårdbiträde');
    await tabTo(page, 'the Spara button', (f) => f.tag === 'button' && f.text === 'Spara');
    await page.keyboard.press('Enter');
    const { reference } = await savedOrder(page);
    await hasFocus(page.getByRole('heading', { level: 2, name: `Beställning ${reference} är sparad` }));
    await sesam.check(page, 'keyboard-order-saved');

    await tabTo(page, 'Skicka till IT', (f) => f.tag === 'button' && f.text === 'Skicka till IT');
    await page.keyboard.press('Enter');
    const sent = page.getByRole('status').filter({ hasText: `${reference} är skickad till IT.` });
    await sent.waitFor();
    await hasFocus(sent);

    // IT (another IT person) takes and completes it by keyboard.
    const it = await sesam.newPage();
    await keyboardLogin(it, 'it2@kommun.example');
    await tabTo(it, 'the IT-kö link', (f) => f.tag === 'a' && f.text === 'IT-kö');
    await it.keyboard.press('Enter');
    await it.getByRole('heading', { level: 1, name: 'IT-kö' }).waitFor();
    await it.getByRole('table', { name: 'Nya ärenden, äldst först' }).getByRole('rowheader', { name: reference }).waitFor();
    await tabTo(it, `Ta ärende for ${reference}`, (f) => f.text === 'Ta ärende' && f.described === reference, { max: 150 });
    await it.keyboard.press('Enter');
    const taken = it.getByRole('status').filter({ hasText: `Du har tagit ärende ${reference}.` });
    await taken.waitFor();
    await hasFocus(taken);
    await it.getByRole('table', { name: 'Mina pågående ärenden' }).getByRole('rowheader', { name: reference }).waitFor();
    await tabTo(it, `Klarmarkera for ${reference}`, (f) => f.text === 'Klarmarkera' && f.described === reference, { max: 150 });
    await it.keyboard.press('Enter');
    const dialog = it.getByRole('dialog', { name: `Klarmarkera ${reference}` });
    await dialog.waitFor();
    await hasFocus(dialog.getByRole('textbox', { name: 'Användarnamn' }));
    await it.keyboard.type('nolin01');
    await it.keyboard.press('Enter');
    await it.getByRole('status').filter({ hasText: `${reference} är klarmarkerad.` }).waitFor();
    await dialog.waitFor({ state: 'detached' });
    await sesam.check(it, 'keyboard-it-completed');

    // Back to the orderer: the order is Klar, reached by keyboard from the list.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Ny beställning' }).waitFor();
    await tabTo(page, 'the Hantera dina beställningar link', (f) => f.tag === 'a' && f.text === 'Hantera dina beställningar');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Hantera dina beställningar' }).waitFor();
    await rowOf(page.getByRole('table'), reference).getByText('Klar', { exact: true }).waitFor();
    await tabTo(page, `the link to ${reference}`, (f) => f.tag === 'a' && f.text === reference, { max: 150 });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Beställning ${reference}` }).waitFor();
    await page.getByText('Användarnamn i Lifecare: nolin01').waitFor();
  });

  test('the order pages fit a 320 px wide screen and 200 % zoom', async () => {
    for (const [name, viewport] of [
      ['320px', { width: 320, height: 800 }],
      ['zoom-200', { width: 640, height: 450, deviceScaleFactor: 2 }],
    ]) {
      const page = await sesam.newPage(viewport);
      await sesam.login(page, demo.anna);
      const noOverflow = async (what) => {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${name}, ${what}: the page is ${overflow} px wider than the screen`);
      };
      await page.goto('/bestallningar/ny');
      await page.getByRole('checkbox', { name: 'Boende Linden' }).waitFor();
      await page.getByRole('combobox', { name: 'Verksamhetssystem' }).selectOption({ label: 'Lifecare' });
      await noOverflow('Ny beställning');
      await sesam.check(page, `order-new-${name}`);
      await page.goto('/bestallningar');
      await page.getByRole('table').waitFor();
      await noOverflow('Hantera dina beställningar');
      await sesam.check(page, `orders-list-${name}`);
      await page.getByRole('button', { name: /^Aviseringar/ }).click();
      await page.getByRole('region', { name: 'Aviseringar' }).waitFor();
      await noOverflow('Aviseringar');
      await page.getByRole('button', { name: 'Stäng aviseringar' }).click();
      await page.getByRole('table').getByRole('link').first().click();
      await page.getByRole('table', { name: 'Historik' }).waitFor();
      await noOverflow('the order');
      await sesam.check(page, `order-detail-${name}`);
    }
    const it = await sesam.newPage({ width: 320, height: 800 });
    await sesam.login(it, demo.it);
    await it.goto('/it-ko');
    await it.getByRole('table', { name: 'Nya ärenden, äldst först' }).waitFor();
    const overflow = await it.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `IT-kö at 320 px: ${overflow} px too wide`);
    await sesam.check(it, 'it-queue-320px');
  });
});
