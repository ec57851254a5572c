#!/usr/bin/env node
// `npm run bench`: benchmarks as JSON lines on stdout, each run in a fresh process (so peak
// memory is its own). Benchmarks are not tests: they measure, they do not assert.
//   default        CRG at N = 10^4 (CRG-det grid/exact, CRG exact/grid) + morphology population
//   --full         also CRG at N = 10^5
//   --sizes a,b    CRG sizes to run
//   --only crg|morph
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const sizes = opt('--sizes') ? opt('--sizes').split(',').map(Number) : args.includes('--full') ? [10000, 100000] : [10000];
const only = opt('--only');
const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli', 'main.js');

function run(argv) {
  const t0 = performance.now();
  const p = spawnSync(process.execPath, [cli, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (p.status !== 0) {
    process.stderr.write(p.stderr);
    process.exit(p.status ?? 1);
  }
  return { stdout: p.stdout, wall_s: (performance.now() - t0) / 1000 };
}

if (!only || only === 'crg') {
  for (const N of sizes) {
    for (const r of [
      ['--variant', 'det', '--mode', 'grid'],
      ['--variant', 'det', '--mode', 'exact'],
      ['--mode', 'exact'],
      ['--mode', 'grid'],
    ])
      process.stdout.write(run(['bench', 'crg', '--N', String(N), '--K', '100', '--seed', '1', '--json', '--quiet', ...r]).stdout);
  }
}

// A population of 100 cells: jittered copies of a real basket-type cell (the whole command,
// from reading and repairing the SWC to the population summary and its pictures).
const cell = join(root, '..', 'shared', 'data', 'swc', 'allen', 'Pvalb_485184849_fullaxon.swc');
if ((!only || only === 'morph') && existsSync(cell)) {
  const out = join(root, 'refract-out', 'bench-morph');
  const r = run(['morph', cell, '--repair', '--jitter', '100', '--json', '--quiet', '--out', out]);
  const lines = r.stdout.trim().split('\n');
  const pop = JSON.parse(lines[lines.length - 1]).population;
  process.stdout.write(JSON.stringify({ bench: 'morph-population', cells: pop.cells, terminals: pop.terminals, wall_s: r.wall_s, median_lambda: pop.median_lambda, source: 'Pvalb_485184849_fullaxon.swc × 100 jittered copies' }) + '\n');
}
