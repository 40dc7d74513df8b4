/**
 * The shape of the code (bulletproof-react): features do not import each other, shared code
 * (components, lib) imports no feature and no app code, and nothing hand-copies an API type.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(__dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
}

/** Where an import lands, as a path under src/ (or the bare module name). */
function target(file: string, spec: string): string {
  if (spec.startsWith('@/')) return spec.slice(2);
  if (spec.startsWith('.')) return relative(src, resolve(file, '..', spec)).replace(/\\/g, '/');
  return spec;
}

const isTest = (f: string) => /\.test\.tsx?$/.test(f) || f.includes(`${join('src', 'testing')}`);

describe('architecture', () => {
  it('features import no other feature', () => {
    const offences: string[] = [];
    for (const file of files(join(src, 'features'))) {
      const own = relative(join(src, 'features'), file).split(/[\\/]/)[0];
      for (const spec of imports(file)) {
        const to = target(file, spec);
        if (to.startsWith('features/') && to.split('/')[1] !== own) offences.push(`${relative(src, file)} → ${spec}`);
        if (to.startsWith('app/') && !isTest(file)) offences.push(`${relative(src, file)} → ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('shared code imports no feature and no app code', () => {
    const offences: string[] = [];
    for (const dir of ['components', 'lib']) {
      for (const file of files(join(src, dir)).filter((f) => !isTest(f))) {
        for (const spec of imports(file)) {
          const to = target(file, spec);
          if (to.startsWith('features/') || to.startsWith('app/')) offences.push(`${relative(src, file)} → ${spec}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });

  it('declares API types only by deriving them from the generated schema', () => {
    const offences: string[] = [];
    for (const file of files(src).filter((f) => !isTest(f))) {
      const text = readFileSync(file, 'utf8');
      // An API type is named like a schema; it must be an alias of components['schemas'][...].
      for (const m of text.matchAll(/^\s*(?:export\s+)?(?:interface|type)\s+(Me|System|Permission|Problem|FieldError|Unit|Order|TokenResponse|LoginRequest)\b(?!\s*=\s*components\[)/gm)) {
        offences.push(`${relative(src, file)}: ${m[0]}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
