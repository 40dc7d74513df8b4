/**
 * The shape of the code (bulletproof-react): features do not import each other, shared code
 * (components, lib) imports no feature and no app code, no two files import each other (directly or
 * round a longer cycle), and nothing hand-copies an API type.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = resolve(__dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Every module a file names: `import`/`export … from` (type-only ones too), bare `import '…'` and
 * `import('…')`. TypeScript's own scanner, so that comments and strings are not mistaken for imports.
 */
function imports(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

/** Where an import lands, as a path under src/ (or the bare module name). */
function target(file: string, spec: string): string {
  if (spec.startsWith('@/')) return spec.slice(2);
  if (spec.startsWith('.')) return relative(src, resolve(file, '..', spec)).replace(/\\/g, '/');
  return spec;
}

const isTest = (f: string) => /\.test\.tsx?$/.test(f) || f.includes(`${join('src', 'testing')}`);

/**
 * The file an `@/` or relative import lands on, as bundler resolution finds it: the path itself, else
 * with `.ts`/`.tsx`/`.d.ts`, else its `index`. Undefined for a package, or for a path that is not there.
 */
function resolveImport(file: string, spec: string): string | undefined {
  let base: string;
  if (spec.startsWith('@/')) base = join(src, spec.slice(2));
  else if (spec.startsWith('.')) base = resolve(file, '..', spec);
  else return undefined;
  const candidates = [base, ...['.ts', '.tsx', '.d.ts', '/index.ts', '/index.tsx'].map((ext) => base + ext)];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile());
}

/** The strongly connected components of a graph with more than one node, or one node importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** Who imports whom among the app's own files (tests and test helpers left out), as paths under src/. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files(src).filter((f) => !isTest(f))) {
    const to = imports(file)
      .map((spec) => resolveImport(file, spec))
      .filter((path): path is string => path !== undefined && !isTest(path))
      .map((path) => relative(src, path).replace(/\\/g, '/'));
    graph.set(relative(src, file).replace(/\\/g, '/'), [...new Set(to)]);
  }
  return graph;
}

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

  it('resolves the app\'s own imports the way the bundler does (else the cycle check below sees too little)', () => {
    const holdings = join(src, 'features', 'holdings', 'index.ts');
    expect(resolveImport(holdings, './components/Holdings')).toBe(join(src, 'features/holdings/components/Holdings.tsx'));
    expect(resolveImport(holdings, '@/components')).toBe(join(src, 'components/index.ts'));
    expect(resolveImport(holdings, '@/lib/api/schema')).toBe(join(src, 'lib/api/schema.d.ts'));
    expect(resolveImport(holdings, 'react')).toBeUndefined();
    const unresolved: string[] = [];
    for (const file of files(src)) {
      for (const spec of imports(file)) {
        if ((spec.startsWith('@/') || spec.startsWith('.')) && !resolveImport(file, spec)) {
          unresolved.push(`${relative(src, file)} → ${spec}`);
        }
      }
    }
    expect(unresolved).toEqual([]);
  });

  it('finds a cycle of any length, and a file importing itself', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e', 'a']],
      ['f', ['a']],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c'], ['e']]);
    expect(cycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });

  it('has no import cycle: no two files import each other, directly or through others', () => {
    const graph = importGraph();
    // The graph is the real one: the app's entry reaches the features through the router.
    expect(graph.get('main.tsx')?.length).toBeGreaterThan(0);
    expect(cycles(graph).map((component) => component.join(' ↔ '))).toEqual([]);
  });
});
