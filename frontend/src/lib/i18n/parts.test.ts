/**
 * The Swedish words a feature keeps in a part of its own (sv-reviews.ts and the like) are added only
 * when that feature's chunk loads. A file that shows one of them must therefore load the part: call
 * `addWords` with it, or import a file that does (the feature's `words.ts`). Without this check a
 * page could show a bare key the first time it is visited.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = resolve(__dirname, '../..');
const here = resolve(__dirname);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The files an import names, resolved to paths (only `@/` and relative ones). */
function importedPaths(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.flatMap(({ fileName: spec }) => {
    const base = spec.startsWith('@/') ? join(src, spec.slice(2)) : spec.startsWith('.') ? resolve(file, '..', spec) : null;
    if (!base) return [];
    return ['', '.ts', '.tsx'].map((ext) => base + ext).filter((p) => statSync(p, { throwIfNoEntry: false })?.isFile());
  });
}

/** The parts: every sv-*.ts beside this file except sv-work.ts, which the entry spreads into `sv`. */
const parts = readdirSync(here)
  .filter((name) => /^sv-.+\.ts$/.test(name) && name !== 'sv-work.ts')
  .map((name) => ({
    path: join(here, name),
    keys: [...readFileSync(join(here, name), 'utf8').matchAll(/^ {2}'([\w.]+)':/gm)].map((m) => m[1]),
  }));

const appFiles = files(src).filter((f) => !f.startsWith(here));

describe('feature words', () => {
  it('finds the parts and their keys', () => {
    expect(parts.length).toBeGreaterThanOrEqual(7);
    for (const part of parts) expect(part.keys.length, part.path).toBeGreaterThan(0);
  });

  it('are shown only by files that load them', () => {
    const offences: string[] = [];
    for (const part of parts) {
      const loaders = new Set(appFiles.filter((f) => importedPaths(f).includes(part.path)));
      expect(loaders.size, `nothing loads ${relative(src, part.path)}`).toBeGreaterThan(0);
      for (const file of appFiles) {
        const text = readFileSync(file, 'utf8');
        const used = part.keys.filter((key) => text.includes(`'${key}'`));
        if (used.length === 0 || loaders.has(file)) continue;
        if (!importedPaths(file).some((p) => loaders.has(p))) {
          offences.push(`${relative(src, file)} shows ${used[0]} without loading ${relative(src, part.path)}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });
});
