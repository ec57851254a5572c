// docs/reproductions.md holds what `refract reproduce` prints: every reproduction has a section,
// its fast check (and, where it is quick, its full run) gives the verdict and numbers written
// there, and the README states the same verdicts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../cli/run-cli.js';
import { REPRODUCTIONS } from '../../src/reproduce/index.js';

const root = join(import.meta.dirname, '..', '..');
const doc = readFileSync(join(root, 'docs', 'reproductions.md'), 'utf8');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
/** Full runs quick enough for the suite (the others are checked by their fast sweep). */
const QUICK_FULL = new Set(['ring-bounds', 'celegans-tseq', 'puppo2018']);

function block(kind: 'full' | 'fast', name: string): { verdict: string; numbers: Record<string, unknown> } {
  const m = new RegExp(`<!-- ${kind}: ${name} -->\\n\`\`\`json\\n(.*)\\n\`\`\``).exec(doc);
  assert.ok(m, `docs/reproductions.md has a ${kind} block for ${name}`);
  return JSON.parse(m[1]) as { verdict: string; numbers: Record<string, unknown> };
}

for (const r of REPRODUCTIONS) {
  test(`${r.name}: the documented verdict and numbers are what the command prints`, () => {
    assert.match(doc, new RegExp(`## ${r.name} — `));
    const runs: ('fast' | 'full')[] = QUICK_FULL.has(r.name) ? ['fast', 'full'] : ['fast'];
    for (const kind of runs) {
      const out = cli(['reproduce', r.name, ...(kind === 'fast' ? ['--fast'] : []), '--json', '--quiet']);
      assert.equal(out.code, 0, out.stderr);
      const got = JSON.parse(out.stdout) as { verdict: string; numbers: Record<string, unknown> };
      assert.deepEqual({ verdict: got.verdict, numbers: got.numbers }, block(kind, r.name), `${r.name} ${kind}`);
    }
    // the README names the reproduction with the verdict of the full run
    const full = block('full', r.name).verdict;
    assert.match(readme, new RegExp(`\\| \`${r.name}\` \\|[^\\n]*\\| \\*\\*${full}\\*\\* \\|`), `README's reproductions table: ${r.name} ${full}`);
  });
}

test('refract reproduce --list names every reproduction; an unknown name is one line, exit 2', () => {
  const list = cli(['reproduce', '--list']);
  assert.equal(list.code, 0);
  for (const r of REPRODUCTIONS) assert.match(list.stdout, new RegExp(`^${r.name} `, 'm'));
  const bad = cli(['reproduce', 'nosuch']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^refract: name: unknown reproduction "nosuch" \(known: ring-bounds, /);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
});
