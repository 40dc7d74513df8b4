import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demo, DEMO_PASSWORD, useSesam } from './harness.mjs';

// Rule 16 in Chromium: a forgotten password, reset through the emailed link (read with
// `sesam outbox`, as without an SMTP server), and rule 18's "Logga ut överallt".
describe('passwords and sessions', { timeout: 240_000 }, () => {
  const sesam = useSesam();

  test('a person who forgot the password asks for a link and chooses a new one', async () => {
    const page = await sesam.newPage();
    await page.goto('/logga-in');
    await page.getByRole('link', { name: 'Glömt lösenordet?', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Glömt lösenordet' }).waitFor();
    await page.getByRole('textbox', { name: 'E-post', exact: true }).fill(demo.erik);
    await page.getByRole('button', { name: 'Skicka länk', exact: true }).click();
    await page.getByText(/Om adressen har ett konto i Sesam/).waitFor();
    await sesam.check(page, 'password-forgot');

    // The link arrives (queued after the answer: wait for it).
    let link;
    for (let i = 0; i < 50 && !link; i += 1) {
      try {
        link = sesam.emailedLink(demo.erik);
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    assert.match(link, /^\/nytt-losenord#token=[0-9a-f]{64}$/);
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Välj ett nytt lösenord' }).waitFor();
    // A common password is refused by the API, beside the field.
    await page.getByLabel('Nytt lösenord', { exact: true }).fill('password1234');
    await page.getByLabel('Upprepa lösenordet', { exact: true }).fill('password1234');
    await page.getByRole('button', { name: 'Spara lösenord', exact: true }).click();
    await page.getByRole('alert').waitFor();
    const field = page.getByLabel('Nytt lösenord', { exact: true });
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    await sesam.check(page, 'password-weak');

    await field.fill('eriks-nya-lösenord-2026');
    await page.getByLabel('Upprepa lösenordet', { exact: true }).fill('eriks-nya-lösenord-2026');
    await page.getByRole('button', { name: 'Spara lösenord', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Välkommen, Erik Holm' }).waitFor();

    // The old password no longer works; the new one does.
    await page.getByRole('button', { name: 'Logga ut', exact: true }).click();
    await page.goto('/logga-in');
    await page.getByRole('textbox', { name: 'E-post', exact: true }).fill(demo.erik);
    await page.getByLabel('Lösenord', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await page.getByRole('alert').waitFor();
    await sesam.login(page, demo.erik, 'eriks-nya-lösenord-2026');
  });

  test('Logga ut överallt ends the sessions in other browsers too', async () => {
    const first = await sesam.newPage();
    const second = await sesam.newPage();
    await sesam.login(first, demo.anna);
    await sesam.login(second, demo.anna);
    await first.getByRole('button', { name: 'Logga ut överallt', exact: true }).click();
    await first.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    // The other browser's token is dead: its next request sends it to the login page.
    await second.reload();
    await second.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
  });
});
