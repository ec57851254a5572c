#!/usr/bin/env node
// Refract against the Brian2 anchor on the same CRG workload (N, K, seed), side by side in one
// invocation: pairs run alternately (Refract, Brian2 cython, Brian2 cpp_standalone, …) so that
// load on this shared host hits both alike. Prints every run as a JSON line, then one summary
// line with medians and ratios (Brian2 / Refract: > 1 means Refract is faster or smaller).
//
//   node bench/compare-brian2.mjs [--N 100000] [--K 100] [--seed 1] [--pairs 3]
//        [--targets cython,cpp_standalone] [--threads 1] [--mode grid|exact] [--duration MS]
//        [--brian2-script PATH]   (default: brian2_crg.py in the benchmark folder beside the repository, when present)
//        [--warmup 0|1]           an uncounted Brian2 run per target first (compiles; default 1)
//
// It installs nothing. Brian2 2.5.1 comes from Debian:
//   apt-get install -y python3-brian python3-brian-lib cython3 g++
// and runs with /usr/bin/python3 (a pyenv python3 on PATH cannot import it).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..');
const { values: a } = parseArgs({
  options: {
    N: { type: 'string', default: '100000' },
    K: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    pairs: { type: 'string', default: '3' },
    targets: { type: 'string', default: 'cython,cpp_standalone' },
    threads: { type: 'string', default: '1' },
    mode: { type: 'string', default: 'grid' },
    duration: { type: 'string' },
    'brian2-script': { type: 'string', default: join(root, '..', 'shared', 'bench', 'brian2_crg.py') },
    python: { type: 'string', default: '/usr/bin/python3' },
    warmup: { type: 'string', default: '1' },
  },
});
const fail = (msg) => {
  process.stderr.write(`compare-brian2: ${msg}\n`);
  process.exit(2);
};
const cli = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(cli)) fail(`${cli} is missing: run npm run build first`);
const script = resolve(a['brian2-script']);
if (!existsSync(script)) fail(`the Brian2 anchor ${script} is missing (pass --brian2-script PATH to brian2_crg.py)`);
const probe = spawnSync(a.python, ['-c', 'import brian2; print(brian2.__version__)'], { encoding: 'utf8' });
if (probe.status !== 0)
  fail(`Brian2 is not importable by ${a.python}. Install it (Debian bookworm): apt-get install -y python3-brian python3-brian-lib cython3 g++`);
const targets = a.targets.split(',').filter(Boolean);
for (const t of targets) if (!['cython', 'cpp_standalone', 'numpy'].includes(t)) fail(`unknown Brian2 target "${t}"`);
const common = ['--N', a.N, '--K', a.K, '--seed', a.seed, ...(a.duration ? ['--duration', a.duration] : [])];

function runJson(cmd, argv, cwd) {
  const p = spawnSync(cmd, argv, { encoding: 'utf8', cwd, maxBuffer: 1 << 26 });
  if (p.status !== 0) fail(`${cmd} ${argv.join(' ')} failed:\n${p.stderr.slice(-2000)}`);
  const lines = p.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

const refract = () => runJson(process.execPath, [cli, 'bench', 'crg', ...common, '--mode', a.mode, '--threads', a.threads, '--json', '--quiet']);
const brian2 = (target) => {
  const r = runJson(a.python, [script, '--N', a.N, '--K', a.K, '--seed', a.seed, '--target', target, ...(a.duration ? ['--T', a.duration] : [])], dirname(script));
  // memory of the process that simulates: the C++ binary for cpp_standalone
  r.sim_peak_rss_mb = target === 'cpp_standalone' && r.binary_peak_rss_mb ? r.binary_peak_rss_mb : r.peak_rss_mb;
  return r;
};

// warm-up (not counted): Brian2 compiles its code once per target and size
if (a.warmup !== '0') for (const t of targets) brian2(t);
const runs = { refract: [], ...Object.fromEntries(targets.map((t) => [t, []])) };
for (let i = 0; i < Number(a.pairs); i++) {
  const r = refract();
  runs.refract.push(r);
  process.stdout.write(JSON.stringify({ pair: i, ...r }) + '\n');
  for (const t of targets) {
    const b = brian2(t);
    runs[t].push(b);
    process.stdout.write(JSON.stringify({ pair: i, ...b }) + '\n');
  }
}
const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const med = (list, key) => median(list.map((r) => r[key]));
const ref = { run_s: med(runs.refract, 'run_s'), build_s: med(runs.refract, 'build_s'), peak_rss_mb: med(runs.refract, 'peak_rss_mb'), mean_rate_hz: med(runs.refract, 'mean_rate_hz') };
const per = Object.fromEntries(
  targets.map((t) => [t, { run_s: med(runs[t], 'run_s'), build_s: med(runs[t], 'build_s'), peak_rss_mb: med(runs[t], 'sim_peak_rss_mb'), mean_rate_hz: med(runs[t], 'mean_rate_hz') }]),
);
// the faster Brian2 target is the anchor
const best = targets.reduce((x, y) => (per[y].run_s < per[x].run_s ? y : x));
const b = per[best];
process.stdout.write(
  JSON.stringify({
    summary: 'compare-brian2',
    N: Number(a.N),
    K: Number(a.K),
    seed: Number(a.seed),
    pairs: Number(a.pairs),
    refract: { mode: a.mode, threads: Number(a.threads), ...ref },
    brian2: per,
    anchor_target: best,
    run_ratio: b.run_s / ref.run_s,
    build_ratio: b.build_s / ref.build_s,
    memory_ratio: Math.min(...targets.map((t) => per[t].peak_rss_mb)) / ref.peak_rss_mb,
    rate_rel_diff: (ref.mean_rate_hz - b.mean_rate_hz) / b.mean_rate_hz,
  }) + '\n',
);
