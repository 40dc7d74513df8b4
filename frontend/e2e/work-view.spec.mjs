// The work view (issue 18) end to end: Att göra per role with counts that move as orders move, the
// markers, IT's queue for volume (rows at 1280×800), messages, the folded menu at 200 % zoom, cards
// at 320 px, axe on every page. Saves the screenshots the docs show under docs/screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { demo, DEMO_PASSWORD, frontendDir, useSesam } from './harness.mjs';

const shots = join(frontendDir, '..', 'docs', 'screenshots');
mkdirSync(shots, { recursive: true });
const shoot = (page, name, fullPage = false) => page.screenshot({ path: join(shots, `${name}.png`), fullPage });

/** A valid personal identity number YYYYMMDD-NNNC from its first eleven digits (Luhn). */
function personalNumber(yyyymmdd, nnn) {
  const ten = `${yyyymmdd.slice(2)}${nnn}`;
  let sum = 0;
  for (let i = 0; i < ten.length; i++) {
    let d = Number(ten[i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return `${yyyymmdd}-${nnn}${(10 - (sum % 10)) % 10}`;
}

async function api(url, token, method, path, body) {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function token(url, email) {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  return (await r.json()).access_token;
}

let people = 0;
/** Anna saves (and sends, unless `draft`) a new order for a new person; answers the order. */
async function newOrder(url, annaToken, { send = true, comment = null } = {}) {
  const me = (await api(url, annaToken, 'GET', '/me')).body;
  const provider = me.ordering_rights[0].provider_id;
  const units = (await api(url, annaToken, 'GET', `/providers/${provider}/units`)).body.items;
  const systems = (await api(url, annaToken, 'GET', '/systems')).body.items;
  const system = systems.find((s) => s.active && s.required_fields.length === 0) ?? systems[0];
  const permission = (await api(url, annaToken, 'GET', `/permissions?system_id=${system.id}`)).body.items.find((p) => p.active);
  people += 1;
  const body = {
    provider_id: provider,
    permission_id: permission.id,
    unit_ids: [units[0].id],
    subject: { first_name: 'Test', last_name: `Person ${people}`, personal_number: personalNumber('19850101', String(100 + people)) },
    comment,
  };
  for (const field of system.required_fields) body[field] = system.allowed_values?.[field]?.[0] ?? 'Undersköterska';
  const created = await api(url, annaToken, 'POST', '/orders', body);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  if (send) assert.equal((await api(url, annaToken, 'POST', `/orders/${created.body.id}/submit`, {})).status, 200);
  return created.body;
}

/** The counts at the start of the links under Att göra, by the rest of their text. */
async function workCounts(page) {
  const section = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Att göra', exact: true }) });
  await section.waitFor();
  await page.waitForFunction(() => !document.querySelector('.work-view .loading'));
  const texts = await section.getByRole('link').allInnerTexts();
  return Object.fromEntries(
    texts.map((t) => {
      const m = /^(\d+) (.*)$/.exec(t.trim());
      assert.ok(m, `"${t}" starts with its count`);
      return [m[2], Number(m[1])];
    }),
  );
}

describe('the work view', () => {
  const sesam = useSesam();

  test('Att göra per role, with counts that move as orders move', async () => {
    const annaToken = await token(sesam.url, demo.anna);
    const page = await sesam.newPage();
    await sesam.login(page, demo.anna);
    const before = await workCounts(page);
    await sesam.check(page, 'work-start-orderer');
    await shoot(page, 'start-orderer');

    await newOrder(sesam.url, annaToken, { send: false });
    await page.reload();
    const after = await workCounts(page);
    const drafts = (c) => c['utkast att skicka till IT'] ?? 0;
    assert.equal(drafts(after), drafts(before) + 1, JSON.stringify({ before, after }));
    await page.getByRole('link', { name: /utkast att skicka till IT$/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Hantera dina beställningar' }).waitFor();
    assert.match(page.url(), /status=draft/);

    const it = await sesam.newPage();
    await sesam.login(it, demo.it);
    const queued = await workCounts(it);
    await sesam.check(it, 'work-start-it');
    await shoot(it, 'start-it');
    await newOrder(sesam.url, annaToken);
    await it.reload();
    const more = await workCounts(it);
    const inQueue = (c) => Object.entries(c).find(([k]) => k.includes('i IT-kön'))?.[1] ?? 0;
    assert.equal(inQueue(more), inQueue(queued) + 1);

    const support = await sesam.newPage();
    await sesam.login(support, demo.admin);
    await workCounts(support).catch(() => ({}));
    await sesam.check(support, 'work-start-support');
    await shoot(support, 'start-support');
  });

  test("IT's queue shows at least 8 orders on a 1280×800 screen, one line each, the full width at 1920", async () => {
    const annaToken = await token(sesam.url, demo.anna);
    for (let i = 0; i < 10; i++) await newOrder(sesam.url, annaToken, { comment: i % 2 ? 'Börjar på måndag, brådskande.' : null });
    const page = await sesam.newPage({ width: 1280, height: 800 });
    await sesam.login(page, demo.it);
    await page.goto('/it-ko');
    const table = page.getByRole('table', { name: 'Nya ärenden, äldst först' });
    await table.waitFor();
    const boxes = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().toJSON()));
    assert.ok(boxes.length >= 10, `${boxes.length} rows`);
    const visible = boxes.filter((b) => b.bottom <= 800).length;
    await shoot(page, 'it-queue-1280');
    assert.ok(visible >= 8, `${visible} rows visible at 1280×800`);
    for (const b of boxes) assert.ok(b.height < 48, `a row is ${b.height}px high: one line each`);
    // Every action of a row is in view, not cut off.
    const actions = await table.locator('tbody tr').first().getByRole('button').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().right));
    for (const right of actions) assert.ok(right <= 1280, `a button ends at ${right}px`);
    await sesam.check(page, 'work-it-queue-1280');

    const wide = await sesam.newPage({ width: 1920, height: 1080 });
    await sesam.login(wide, demo.it);
    await wide.goto('/it-ko');
    const wideTable = wide.getByRole('table', { name: 'Nya ärenden, äldst först' });
    await wideTable.waitFor();
    const width = await wideTable.evaluate((t) => t.getBoundingClientRect().width);
    assert.ok(width > 1700, `the queue uses the width of a wide screen (${width}px)`);
    await shoot(wide, 'it-queue-1920');

    // Take two at once.
    await page.getByRole('checkbox', { name: /^Markera SES-/ }).nth(0).check();
    await page.getByRole('checkbox', { name: /^Markera SES-/ }).nth(1).check();
    await page.getByRole('button', { name: 'Ta ärende för markerade (2)' }).click();
    await page.getByText('Du har tagit 2 ärenden. De finns under Pågående ärenden.').waitFor();
    await sesam.check(page, 'work-it-queue-taken');

    // Alla beställningar for IT.
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Alla beställningar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alla beställningar' }).waitFor();
    await sesam.check(page, 'work-it-all-orders');
  });

  test('a returned order is marked, messages go both ways, a whole personal number finds the person', async () => {
    const annaToken = await token(sesam.url, demo.anna);
    const itToken = await token(sesam.url, demo.it);
    const order = await newOrder(sesam.url, annaToken);
    assert.equal((await api(sesam.url, itToken, 'POST', `/orders/${order.id}/return`, { question: 'Vilken enhet gäller det?' })).status, 200);

    const anna = await sesam.newPage();
    await sesam.login(anna, demo.anna);
    await anna.goto('/bestallningar?status=draft&retur=ja');
    const row = anna.getByRole('row').filter({ has: anna.getByRole('rowheader', { name: order.reference }) });
    await row.getByText('Fråga från IT').waitFor();
    await sesam.check(anna, 'work-returned');

    // Sent again: IT's queue says it answers the question.
    assert.equal((await api(sesam.url, annaToken, 'POST', `/orders/${order.id}/submit`, {})).status, 200);
    const it = await sesam.newPage();
    await sesam.login(it, demo.it);
    await it.goto('/it-ko');
    const queued = it.getByRole('row').filter({ has: it.getByRole('link', { name: order.reference }) });
    await queued.getByText('Svar på fråga').waitFor();

    // Messages: Anna writes, IT answers.
    await anna.goto(`/bestallningar/${order.id}`);
    const messages = anna.getByRole('region', { name: 'Meddelanden' });
    await messages.getByRole('textbox', { name: 'Meddelande' }).fill('Boende Linden, från måndag.');
    await messages.getByRole('button', { name: 'Skicka meddelande' }).click();
    await messages.getByText('Meddelandet är skickat.').waitFor();
    await it.goto(`/bestallningar/${order.id}`);
    const itMessages = it.getByRole('region', { name: 'Meddelanden' });
    await itMessages.getByText('Boende Linden, från måndag.').waitFor();
    await itMessages.getByRole('textbox', { name: 'Meddelande' }).fill('Tack, jag lägger in henne i dag.');
    await itMessages.getByRole('button', { name: 'Skicka meddelande' }).click();
    await itMessages.getByText('Meddelandet är skickat.').waitFor();
    await sesam.check(it, 'work-order-messages-it');
    await anna.reload();
    await anna.getByRole('region', { name: 'Meddelanden' }).getByText('Tack, jag lägger in henne i dag.').waitFor();
    await sesam.check(anna, 'work-order-messages');
    await shoot(anna, 'order-with-messages', true);

    // A whole personal number, in another accepted form, finds the order.
    const full = (await api(sesam.url, annaToken, 'GET', `/orders/${order.id}`)).body.subject.personal_number;
    const digits = full.replace('-', '');
    const short = `${digits.slice(2, 8)}-${digits.slice(8)}`;
    await anna.goto(`/bestallningar?q=${short}`);
    await anna.getByRole('rowheader', { name: order.reference }).waitFor();
  });

  test('holdings show a revoke order on its way after a reload', async () => {
    const page = await sesam.newPage();
    await sesam.login(page, demo.anna);
    await page.goto('/behorighetsinnehav');
    await page.getByRole('heading', { level: 1, name: 'Behörighetsinnehav' }).waitFor();
    const annaToken = await token(sesam.url, demo.anna);
    const holdings = (await api(sesam.url, annaToken, 'GET', '/holdings?limit=200')).body.items;
    const open = holdings.find((h) => h.open_revoke_order);
    if (open) {
      await page.reload();
      await page.getByRole('link', { name: open.open_revoke_order.reference }).first().waitFor();
    }
    await sesam.check(page, 'work-holdings');
  });

  test('at 200 % zoom the menu folds; at 320 px tables are cards with status and actions in view', async () => {
    const zoomed = await sesam.newPage();
    await sesam.login(zoomed, demo.anna);
    // 1280×800 at 200 %: 640×400 CSS pixels.
    await zoomed.setViewportSize({ width: 640, height: 400 });
    const toggle = zoomed.getByRole('button', { name: 'Meny' });
    await toggle.waitFor();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await zoomed.getByRole('link', { name: 'Ny beställning', exact: true }).isVisible(), false);
    await toggle.click();
    await zoomed.getByRole('link', { name: 'Ny beställning', exact: true }).click();
    await zoomed.getByRole('heading', { level: 1, name: 'Ny beställning' }).waitFor();
    await sesam.check(zoomed, 'work-zoom-200');

    const narrow = await sesam.newPage();
    await sesam.login(narrow, demo.anna);
    await narrow.setViewportSize({ width: 320, height: 640 });
    await narrow.goto('/bestallningar');
    await narrow.getByRole('table').first().waitFor();
    const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `no sideways scrolling at 320 px (${overflow}px)`);
    const status = narrow.locator('tbody tr').first().locator('.tag--status');
    const box = await status.boundingBox();
    assert.ok(box && box.x + box.width <= 320, 'the status is in view');
    await sesam.check(narrow, 'work-cards-320');
  });
});
