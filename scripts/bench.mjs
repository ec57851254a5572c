#!/usr/bin/env node
// `npm run bench`: the CRG workload (../shared/bench/WORKLOAD.md) at the standard sizes, one
// JSON line per run on stdout (each run in a fresh process, so peak memory is its own).
// Options: --quick (N = 10^4 only), --sizes 10000,100000.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const sizesArg = args.indexOf('--sizes');
const sizes = sizesArg >= 0 ? args[sizesArg + 1].split(',').map(Number) : quick ? [10000] : [10000, 100000];
const cli = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');

const runs = [];
for (const N of sizes) {
  runs.push(['--variant', 'det', '--N', String(N), '--K', '100', '--mode', 'grid']);
  runs.push(['--variant', 'det', '--N', String(N), '--K', '100', '--mode', 'exact']);
  runs.push(['--N', String(N), '--K', '100', '--mode', 'exact']);
  runs.push(['--N', String(N), '--K', '100', '--mode', 'grid']);
}
for (const r of runs) {
  const p = spawnSync(process.execPath, [cli, 'bench', 'crg', '--seed', '1', '--json', '--quiet', ...r], { encoding: 'utf8' });
  if (p.status !== 0) {
    process.stderr.write(p.stderr);
    process.exit(p.status ?? 1);
  }
  process.stdout.write(p.stdout);
}
