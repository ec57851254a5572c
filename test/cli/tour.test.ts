// `refract tour` end to end: the summary table and the HTML report say what Λ > 1 means
// (issue 14, item 10), and the report's histogram labels Λ = 1 and the median.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAMBDA_ABOVE_ONE_LABEL, LAMBDA_MEANING } from '../../src/analysis/refraction.js';
import { escapeHtml } from '../../src/report/html.js';
import { cli, tempDir } from './run-cli.js';

void test('tour: Λ > 1 is described as a loss only if the target fired with the source', () => {
  const out = join(tempDir(), 'tour');
  const r = cli(['tour', '--out', out, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.includes(LAMBDA_ABOVE_ONE_LABEL), 'the table row of the fraction of edges with Λ > 1');
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  assert.ok(html.includes(escapeHtml(LAMBDA_MEANING)));
  assert.doesNotMatch(html, /still refractory and is lost/);
  assert.ok(html.includes('>Λ = 1</text>') && html.includes('>median</text>'));
});
