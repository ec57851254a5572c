// Λ > 1 means a signal WOULD be lost if its target had fired when the source did; whether it is
// lost depends on when the target last fired (the tour: 62 % of edges above 1, 2 % of arrivals
// blocked). Issue 14, item 10: no text in src may say that a signal on such an edge is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LAMBDA_ABOVE_ONE_LABEL, LAMBDA_MEANING } from '../../src/analysis/refraction.js';

const SRC = join(import.meta.dirname, '..', '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx|html|css)$/.test(name) ? [p] : [];
  });
}

// A claim about Λ > 1 (or "above 1" on a Λ colour scale) followed, in the same sentence, by an
// unconditional loss or a target that "is" refractory.
const WRONG = /(Λ\s*>\s*1|above 1)[^.;]{0,120}?(arrives? while (its |the )?target is (still )?refractory|(?<!whether (it|an arrival) )is lost(?! if| when)|are lost(?! if| when)|\bwasted\b)/;

void test('no text in src says a signal on an edge with Λ > 1 is lost', () => {
  const hits: string[] = [];
  for (const f of files(SRC)) {
    // comments and strings read as running text: join lines, drop comment leaders
    const text = readFileSync(f, 'utf8').replace(/\n\s*(\*|\/\/)?\s*/g, ' ');
    const m = WRONG.exec(text);
    if (m) hits.push(`${relative(SRC, f)}: …${m[0]}…`);
  }
  assert.deepEqual(hits, []);
});

void test('the shared wording is conditional on the target having fired with the source', () => {
  assert.match(LAMBDA_MEANING, /would be lost if the target had fired when the source did/);
  assert.match(LAMBDA_ABOVE_ONE_LABEL, /lost if its target fired with the source/);
  assert.doesNotMatch(LAMBDA_MEANING, WRONG);
});
