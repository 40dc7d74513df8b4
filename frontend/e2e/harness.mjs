// The end-to-end harness: starts the real `sesam` binary on a fresh SQLite database with the demo
// data, serves the built SPA from it, drives Chromium through playwright-core, and checks every page
// it is asked to with axe (WCAG 2.1 A and AA). Each spec file gets its own server and database.
//
//   SESAM_BIN       the server binary (default ../target/debug/sesam, relative to frontend/)
//   SESAM_E2E_URL   use an already running server at this URL instead (it must hold the demo data)
//   CHROMIUM_PATH   the browser (default /usr/bin/chromium)
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, afterEach, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';

export const frontendDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const outputDir = join(frontendDir, 'e2e-output');
export const distDir = join(frontendDir, 'dist');

export const DEMO_PASSWORD = 'sesam-demo-2026';
export const demo = {
  admin: 'support@kommun.example',
  it: 'it@kommun.example',
  anna: 'anna.lind@omsorgnord.example',
  erik: 'erik.holm@omsorgnord.example',
  sara: 'sara.nilsson@hemtjanstsyd.example',
  johan: 'johan.ek@vardtrygghet.example',
  lisa: 'lisa.berg@omsorgnord.example',
};

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Keeps the last lines a child printed, for the error message when it fails. */
function tail(limit = 200) {
  const lines = [];
  return {
    push(text) {
      for (const line of text.split('\n')) {
        if (line) lines.push(line);
        if (lines.length > limit) lines.shift();
      }
    },
    toString() {
      return lines.join('\n');
    },
  };
}

/**
 * Starts `sesam seed-demo` then `sesam serve` on a free port against a fresh SQLite file.
 * Resolves to `{ url, stop }` once the server has printed its address and answers /health/ready.
 */
export async function startServer(extraEnv = {}) {
  const bin = process.env.SESAM_BIN ? resolve(process.env.SESAM_BIN) : resolve(frontendDir, '../target/debug/sesam');
  if (!existsSync(bin)) throw new Error(`e2e: no server binary at ${bin} (build it, or set SESAM_BIN)`);
  if (!existsSync(join(distDir, 'index.html'))) throw new Error(`e2e: ${distDir} has no index.html: run npm run build first`);

  const dir = mkdtempSync(join(tmpdir(), 'sesam-e2e-'));
  const env = {
    ...process.env,
    SESAM_DATABASE_URL: `sqlite://${join(dir, 'e2e.db')}?mode=rwc`,
    SESAM_BIND: '127.0.0.1:0',
    SESAM_JWT_SECRET: randomBytes(36).toString('base64url'), // 48 characters
    SESAM_FRONTEND_DIR: distDir,
    ...extraEnv,
  };

  const seed = spawnSync(bin, ['seed-demo'], { env, encoding: 'utf8', timeout: 180_000 });
  if (seed.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `e2e: \`sesam seed-demo\` failed (status ${seed.status}, ${seed.error ?? seed.signal ?? ''})\n${seed.stdout}\n${seed.stderr}`,
    );
  }

  const child = spawn(bin, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = tail();
  const exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));

  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`e2e: the server printed no address within 60 s\n${output}`)), 60_000);
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output.push(chunk);
      buffered += chunk;
      const match = /sesam: listening on (http:\/\/[^\s]+)/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1].replace(/\/$/, ''));
      }
    });
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`e2e: could not start ${bin}: ${error.message}`));
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`e2e: the server exited early (code ${code}, signal ${signal})\n${output}`));
    });
  });

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timeout = new Promise((r) => setTimeout(() => r('timeout'), 10_000));
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }

  try {
    await waitForReady(url);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n${output}`);
  }
  return { url, stop, output, bin, env };
}

/**
 * The newest link emailed to `email` (`/aktivera#token=…` or `/nytt-losenord#token=…`), as
 * `sesam outbox` prints it: the way to follow an invitation without an SMTP server.
 */
export function emailedLink(server, email) {
  const out = spawnSync(server.bin, ['outbox', '--all', '--to', email], { env: server.env, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`e2e: sesam outbox failed: ${out.stderr}`);
  const links = [...out.stdout.matchAll(/https?:\/\/\S+#token=[0-9a-f]{64}/g)].map((m) => m[0]);
  if (!links.length) throw new Error(`e2e: no link emailed to ${email}:\n${out.stdout}`);
  return new URL(links.at(-1));
}

async function waitForReady(url) {
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/health/ready`);
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error.message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`e2e: ${url}/health/ready did not answer 200 within 30 s (${last})`);
}

export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`e2e: no Chromium at ${executablePath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  }
  // Playwright gives every launch a fresh temporary profile (user data dir) and removes it on close.
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

function formatViolations(violations) {
  return violations
    .map(
      (v) =>
        `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n` +
        v.nodes.map((n) => `    - ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`).join('\n'),
    )
    .join('\n');
}

/**
 * Registers the before/after hooks of a spec file (call it inside `describe`) and returns helpers:
 * `newPage()` opens a page in a fresh browser context (its own sessionStorage) at the server's URL;
 * `check(page, name)` scans the page with axe, fails on any WCAG 2.1 A/AA violation or uncaught
 * page error, and saves a full-page screenshot as e2e-output/<name>.png.
 */
export function useSesam({ env } = {}) {
  let server;
  let browser;
  const contexts = [];
  const pageErrors = new Map();

  before(async () => {
    mkdirSync(outputDir, { recursive: true });
    server = process.env.SESAM_E2E_URL
      ? { url: process.env.SESAM_E2E_URL.replace(/\/$/, ''), stop: async () => {} }
      : await startServer(typeof env === 'function' ? await env() : env);
    browser = await launchBrowser();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  return {
    get url() {
      return server.url;
    },

    /** The path and fragment of the newest link emailed to `email` (see `emailedLink`). */
    emailedLink(email) {
      const link = emailedLink(server, email);
      return `${link.pathname}${link.hash}`;
    },

    async newPage({ width = 1280, height = 900, ...options } = {}) {
      const context = await browser.newContext({
        baseURL: server.url,
        locale: 'sv-SE',
        timezoneId: 'Europe/Stockholm',
        viewport: { width, height },
        ...options,
      });
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      const page = await context.newPage();
      const errors = [];
      pageErrors.set(page, errors);
      page.on('pageerror', (error) => errors.push(error));
      return page;
    },

    async check(page, name) {
      const errors = pageErrors.get(page) ?? [];
      await page.screenshot({ path: join(outputDir, `${name}.png`), fullPage: true });
      if (errors.length) {
        throw new Error(`e2e: uncaught errors on ${page.url()}:\n${errors.map((e) => e.stack ?? e).join('\n')}`);
      }
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      if (results.violations.length) {
        throw new Error(
          `e2e: axe found ${results.violations.length} WCAG 2.1 AA violation(s) on ${page.url()} (${name}):\n` +
            formatViolations(results.violations),
        );
      }
    },

    /**
     * Logs in through the form, as a person would, and waits for the start page: by then
     * `GET /me` has answered and the menu for the account is in place.
     */
    async login(page, email, password = DEMO_PASSWORD) {
      await page.goto('/logga-in');
      await page.getByRole('textbox', { name: 'E-post', exact: true }).fill(email);
      await page.getByLabel('Lösenord', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Logga in', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: /^Välkommen, / }).waitFor();
      // Logga ut, or on a narrow screen (or at 200 % zoom) the Meny button that folds it away.
      await page.getByRole('button', { name: /^(Logga ut|Meny)$/ }).filter({ visible: true }).first().waitFor();
    },
  };
}
