#!/usr/bin/env node
// `npm run bench`: benchmarks as JSON lines on stdout, each run in a fresh process (so peak
// memory is its own). Benchmarks are not tests: they measure, they do not assert.
//   default        CRG at N = 10^4: CRG-det (fast grid, exact), CRG (exact; grid on the
//                  general engine; fast grid kernel on 1 and 2 threads) + morphology population
//                  + visualiser frames per second at 10^4 nodes / 10^5 edges in headless
//                  Chromium (scripts/web/bench-fps.ts; a `skipped` line without Chromium)
//                  + the time to import the core and the Node entry (--only import)
//   --full         also the same at N = 10^5
//   --sizes a,b    CRG sizes to run
//   --only crg|morph|scaling|web|import
//   --scaling      run time and memory vs N (--scaling-sizes, default 1e4,1e5,1e6) and vs
//                  threads (1, 2) on the fast grid kernel; writes refract-out/bench/scaling.*
//   --reps n       repetitions per scaling point (the run with the median run time is
//                  reported, the faster of two; default 2)
//   --scaling-from FILE   rebuild the scaling table and plot from saved JSON lines
// The keys of every line are those of docs/workloads/crg.md §4 (README "Benchmarks" documents them).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const sizes = opt('--sizes') ? opt('--sizes').split(',').map(Number) : args.includes('--full') ? [10000, 100000] : [10000];
const only = opt('--only') ?? (args.includes('--scaling') ? 'scaling' : undefined);
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
const crgRun = (N, extra) => JSON.parse(run(['bench', 'crg', '--N', String(N), '--K', '100', '--seed', '1', '--json', '--quiet', ...extra]).stdout);

if (!only || only === 'crg') {
  for (const N of sizes) {
    for (const r of [
      ['--variant', 'det', '--mode', 'grid'],
      ['--variant', 'det', '--mode', 'exact'],
      ['--mode', 'exact'],
      ['--mode', 'grid', '--engine', 'general'],
      ['--mode', 'grid'],
      ['--mode', 'grid', '--threads', '2'],
    ])
      process.stdout.write(JSON.stringify(crgRun(N, r)) + '\n');
  }
}

// A population of 100 cells: jittered copies of a real basket-type cell (the whole command,
// from reading and repairing the SWC to the population summary and its pictures).
const cell = join(root, 'data', 'swc', 'Pvalb_485184849_fullaxon.swc');
if ((!only || only === 'morph') && existsSync(cell)) {
  const out = join(root, 'refract-out', 'bench-morph');
  const r = run(['morph', cell, '--repair', '--jitter', '100', '--json', '--quiet', '--out', out]);
  const lines = r.stdout.trim().split('\n');
  const pop = JSON.parse(lines[lines.length - 1]).population;
  process.stdout.write(JSON.stringify({ bench: 'morph-population', cells: pop.cells, terminals: pop.terminals, wall_s: r.wall_s, median_lambda: pop.median_lambda, source: 'Pvalb_485184849_fullaxon.swc × 100 jittered copies' }) + '\n');
}

// Importing the package's entries in a fresh process: wall and CPU time, and the Node built-ins
// each loads (the core loads none: test/package/core-purity.test.ts; its budget is 150 ms).
if (!only || only === 'import') {
  const { builtinsLoaded, importTime } = await import('./package/core-imports.mjs');
  for (const [entry, file, budget] of [['core', 'index.js', 150], ['node', 'node/index.js', null]]) {
    const url = pathToFileURL(join(root, 'dist', file)).href;
    const times = Array.from({ length: 7 }, () => importTime(url));
    const med = (k) => times.map((t) => t[k]).sort((a, b) => a - b)[3];
    process.stdout.write(JSON.stringify({ bench: 'import', entry, wall_ms: Math.round(med('wall')), cpu_ms: Math.round(med('cpu')), runs: 7, budget_ms: budget, builtins: builtinsLoaded(url).length }) + '\n');
  }
}

// The visualiser's network view in headless Chromium (a JSON line saying `skipped` without it).
if (!only || only === 'web') {
  const p = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'web', 'bench-fps.ts')], { encoding: 'utf8', cwd: root });
  if (p.status !== 0) {
    process.stderr.write(p.stderr);
    process.exit(p.status ?? 1);
  }
  process.stdout.write(p.stdout);
}

if (only === 'scaling') {
  const { lineSpec, formatTable } = await import(join(root, 'dist', 'report', 'index.js'));
  const { renderSvg, svgToPng } = await import(join(root, 'dist', 'node', 'index.js'));
  const scalingSizes = (opt('--scaling-sizes') ?? '10000,100000,1000000').split(',').map(Number);
  const reps = Number(opt('--reps') ?? 2);
  // per point the run with the median run time (the faster of two), all its fields together
  const representative = (rs) => [...rs].sort((a, b) => a.run_s - b.run_s)[Math.floor((rs.length - 1) / 2)];
  const measured = [];
  if (opt('--scaling-from')) {
    // rebuild the table and plot from saved JSON lines (no measurement)
    for (const line of readFileSync(opt('--scaling-from'), 'utf8').split('\n')) if (line.trim()) measured.push(JSON.parse(line));
  } else
    for (const N of scalingSizes) {
      // 10^7 nodes (10^9 edges): 100 ms of model time, as in the issue
      const T = N >= 1e7 ? 100 : 1000;
      for (const threads of [1, 2])
        for (let k = 0; k < reps; k++) {
          const r = crgRun(N, ['--mode', 'grid', '--threads', String(threads), '--duration', String(T)]);
          process.stdout.write(JSON.stringify(r) + '\n');
          measured.push(r);
        }
    }
  const rows = [];
  for (const key of [...new Set(measured.map((r) => `${r.N}|${r.threads}`))]) {
    const r = representative(measured.filter((x) => `${x.N}|${x.threads}` === key));
    rows.push({ N: r.N, threads: r.threads, T_ms: r.T_ms, build_s: r.build_s, run_s: r.run_s, peak_rss_mb: r.peak_rss_mb, mean_rate_hz: r.mean_rate_hz, syn_events_per_s: r.syn_events_per_s });
  }
  const dir = join(root, 'refract-out', 'bench');
  mkdirSync(dir, { recursive: true });
  const put = (name, data) => {
    writeFileSync(join(dir, `.tmp-${name}`), data);
    renameSync(join(dir, `.tmp-${name}`), join(dir, name));
  };
  put('scaling.jsonl', rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const table = formatTable(
    ['N', 'threads', 'T ms', 'build s', 'run s', 'run s per s of model', 'peak RSS MB', 'rate Hz', 'syn events/s'],
    rows.map((r) => [r.N, r.threads, r.T_ms, r.build_s.toFixed(2), r.run_s.toFixed(2), (r.run_s * 1000 / r.T_ms).toFixed(2), Math.round(r.peak_rss_mb), r.mean_rate_hz.toFixed(2), r.syn_events_per_s.toExponential(2)]),
  );
  put('scaling.txt', table + '\n');
  process.stderr.write(table + '\n');
  const series = (key, label) =>
    [1, 2].map((t) => {
      const pts = rows.filter((r) => r.threads === t);
      return { name: `${label}, ${t} thread${t > 1 ? 's' : ''}`, x: pts.map((r) => r.N), y: pts.map((r) => key(r)) };
    });
  const svg = await renderSvg(lineSpec([...series((r) => (r.run_s * 1000) / r.T_ms, 'run s per model s'), ...series((r) => r.peak_rss_mb / 1000, 'peak GB')], { title: 'CRG (K = 100) on the fast grid kernel', xTitle: 'nodes N', yTitle: 'seconds per second of model time / GB', logX: true, logY: true, points: true }));
  put('scaling.svg', svg);
  put('scaling.png', svgToPng(svg));
}
