// The README's library example is examples/quick-start.ts verbatim, and prints what the
// README says it prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

function block(marker: string): string {
  const m = new RegExp(`<!-- ${marker} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(readme);
  assert.ok(m, `README has a code block after <!-- ${marker} -->`);
  return m[1];
}

test('README quick-start code is examples/quick-start.ts', () => {
  assert.equal(block('example:quick-start'), readFileSync(join(root, 'examples/quick-start.ts'), 'utf8'));
});

test('README quick-start output is what the example prints', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'examples/quick-start.ts')], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, block('output:quick-start'));
});

test('README states both quick-start commands', () => {
  assert.match(readme, /npm ci && npm start/);
  assert.match(readme, /npm ci && npm test/);
});
