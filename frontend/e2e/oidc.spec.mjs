import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { demo, frontendDir, useSesam } from './harness.mjs';

// Rule 20 in Chromium: "Logga in med e-legitimation" through a real OpenID provider
// (tests/oidc/provider.mjs, the certified `oidc-provider` package), back to the SPA signed in.

/** A port nobody listens on now, for Sesam: the provider must know the redirect URL before Sesam starts. */
async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

let provider;

async function startProvider(redirectUri) {
  provider = spawn('node', ['provider.mjs'], {
    cwd: join(frontendDir, '../tests/oidc'),
    env: { ...process.env, OIDC_CLIENT_ID: 'sesam', OIDC_CLIENT_SECRET: 'sesam-e2e-secret', OIDC_REDIRECT_URI: redirectUri },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('e2e: the OpenID provider did not start (npm ci in tests/oidc?)')), 30_000);
    let buffered = '';
    provider.stdout.setEncoding('utf8');
    provider.stdout.on('data', (chunk) => {
      buffered += chunk;
      const match = /oidc: listening on (http:\/\/\S+)/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    provider.once('exit', () => reject(new Error(`e2e: the OpenID provider exited\n${buffered}`)));
  });
}

describe('sign-in with e-legitimation', { timeout: 240_000 }, () => {
  let issuer;
  after(() => provider?.kill());
  const sesam = useSesam({
    env: async () => {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      issuer = await startProvider(`${base}/api/v1/auth/oidc/callback`);
      return {
        SESAM_BIND: `127.0.0.1:${port}`,
        SESAM_PUBLIC_URL: base,
        SESAM_OIDC_ISSUER: issuer,
        SESAM_OIDC_CLIENT_ID: 'sesam',
        SESAM_OIDC_CLIENT_SECRET: 'sesam-e2e-secret',
      };
    },
  });

  async function nextUser(email) {
    const res = await fetch(`${issuer}/test/next-user`, {
      method: 'POST',
      body: JSON.stringify({ sub: email, email, email_verified: true }),
    });
    assert.equal(res.status, 204);
  }

  test('a person with an account signs in through the identity provider', async () => {
    await nextUser(demo.anna);
    const page = await sesam.newPage();
    await page.goto('/logga-in');
    const button = page.getByRole('link', { name: 'Logga in med e-legitimation', exact: true });
    await button.waitFor();
    await sesam.check(page, 'oidc-login-page');
    await button.click();
    await page.getByRole('heading', { level: 1, name: /^Välkommen/ }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    // The one-time code is gone from the address bar, and no token was ever in it.
    assert.equal(new URL(page.url()).search, '');
    await sesam.check(page, 'oidc-signed-in');
  });

  test('a person without an account is told so on the login page', async () => {
    await nextUser('nobody.here@kommun.example');
    const page = await sesam.newPage();
    await page.goto('/logga-in');
    await page.getByRole('link', { name: 'Logga in med e-legitimation', exact: true }).click();
    await page.getByText(/Det finns inget konto i Sesam för dig/).waitFor();
    assert.equal(new URL(page.url()).pathname, '/logga-in');
    await sesam.check(page, 'oidc-unknown-person');
  });
});
