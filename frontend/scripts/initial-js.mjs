#!/usr/bin/env node
// The JavaScript a first visit loads before the login page can show, gzipped, from the build in
// dist/: the module scripts of index.html, the chunks it preloads (<link rel="modulepreload">) and
// every chunk those import statically (a dynamic import() is a page fetched later, not counted).
// Fails above the budget. Usage: node scripts/initial-js.mjs [--limit-kb 120] (kB = 1,000 bytes).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const limitArg = process.argv.indexOf('--limit-kb');
const limitKb = limitArg > 0 ? Number(process.argv[limitArg + 1]) : 120; // issue 19: the login page; features bring their own words (lib/i18n/keys.ts)
if (!Number.isFinite(limitKb) || limitKb <= 0) {
  console.error('initial-js: --limit-kb wants a positive number');
  process.exit(2);
}

const indexHtml = join(dist, 'index.html');
if (!existsSync(indexHtml)) {
  console.error(`initial-js: ${indexHtml} does not exist: run npm run build first`);
  process.exit(2);
}
const html = readFileSync(indexHtml, 'utf8');

/** The value of one attribute of a tag's text, or undefined. */
function attribute(tag, name) {
  return tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'))?.slice(1).find(Boolean);
}

const start = [];
for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
  const src = attribute(tag, 'src');
  if (src && attribute(tag, 'type') === 'module') start.push(src);
}
for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
  const href = attribute(tag, 'href');
  if (href && attribute(tag, 'rel') === 'modulepreload') start.push(href);
}
if (start.length === 0) {
  console.error('initial-js: index.html names no module script');
  process.exit(2);
}

// Static imports in built (minified) ES modules: `import{a as b}from"./x.js"`, `import"./x.js"`,
// `export{c}from"./x.js"`; never `import("./x.js")`, which is loaded when a page asks for it.
const STATIC_IMPORT = /(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{][^"'`;]*?\bfrom\s*)?["']([^"']+\.js)["']/g;

/** A URL of index.html (`/assets/x.js`) or an import relative to `from`, as a path in dist/. */
function toDistPath(url, from) {
  const path = url.startsWith('/') ? url : posix.join(posix.dirname(from), url);
  return posix.normalize(path).replace(/^\/+/, '');
}

const seen = new Map();
const queue = start.map((url) => toDistPath(url, '/'));
while (queue.length > 0) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  const full = join(dist, file);
  if (!existsSync(full)) {
    console.error(`initial-js: ${file} is named but not in dist/`);
    process.exit(2);
  }
  const code = readFileSync(full);
  seen.set(file, { bytes: code.length, gzipped: gzipSync(code).length });
  for (const [, url] of code.toString('utf8').matchAll(STATIC_IMPORT)) queue.push(toDistPath(url, `/${file}`));
}

const kb = (bytes) => (bytes / 1000).toFixed(1);
let total = 0;
for (const [file, { bytes, gzipped }] of [...seen].sort((a, b) => b[1].gzipped - a[1].gzipped)) {
  total += gzipped;
  console.log(`  ${file.padEnd(40)} ${kb(bytes).padStart(7)} kB  ${kb(gzipped).padStart(6)} kB gzipped`);
}
const verdict = total <= limitKb * 1000 ? 'within' : 'OVER';
console.log(`initial-js: the login page loads ${kb(total)} kB of JavaScript gzipped (${total} bytes), ${verdict} the budget of ${limitKb} kB`);
if (verdict === 'OVER') {
  console.error('initial-js: split the new code off into a page of its own (see src/app/router.tsx), or trim it');
  process.exit(1);
}
