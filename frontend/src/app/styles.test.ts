/**
 * The style sheet parses as it was written: a block left open swallows every rule after it without
 * an error from the browser or the build (a merge once dropped one `}` and the IT queue's compact
 * filters, the reviews' long headings and the queue's intro silently stopped applying).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The lines where a block opens that never closes, and where a `}` closes nothing. */
function unbalanced(css: string): string[] {
  const problems: string[] = [];
  const open: number[] = [];
  let line = 1;
  for (let i = 0; i < css.length; i++) {
    const c = css[i];
    if (c === '\n') line++;
    else if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      const skipped = css.slice(i, end < 0 ? css.length : end + 2);
      line += skipped.split('\n').length - 1;
      i += skipped.length - 1;
    } else if (c === '"' || c === "'") {
      const end = css.indexOf(c, i + 1);
      i = end < 0 ? css.length : end;
    } else if (c === '{') open.push(line);
    else if (c === '}' && open.pop() === undefined) problems.push(`line ${line}: } closes nothing`);
  }
  return problems.concat(open.map((l) => `line ${l}: { never closed`));
}

describe('styles.css', () => {
  it('closes every block it opens', () => {
    expect(unbalanced(readFileSync(resolve(__dirname, '../styles.css'), 'utf8'))).toEqual([]);
  });

  it('the check finds a block left open', () => {
    expect(unbalanced('.a {\n  color: red;\n/* x */\n.b { color: blue; }\n')).toEqual(['line 1: { never closed']);
  });
});
