#!/usr/bin/env node
// What importing an entry of the package costs: the Node built-ins it loads (directly or
// through any dependency; scripts/package/builtin-hooks.mjs records them) and the time the
// import takes, each in a fresh `node` process.
//
//   node scripts/package/core-imports.mjs [SPECIFIER] [--cwd DIR] [--runs N] [--json]
//
// SPECIFIER defaults to this repository's dist/index.js (the core entry); give
// `refract-networks` with --cwd to measure an installed copy. Prints the built-ins found and
// the median wall and CPU time of the import over N runs (default 7). Exit code 1 when the
// entry loads a built-in or the median wall time is above --budget ms (default 150).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const HOOKS = join(import.meta.dirname, 'builtin-hooks.mjs');

/** The built-ins `specifier` loads, as lines `import|require NAME from PARENT`. */
export function builtinsLoaded(specifier, cwd = process.cwd()) {
  const dir = mkdtempSync(join(tmpdir(), 'refract-builtins-'));
  const log = join(dir, 'log');
  try {
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(HOOKS).href, '--input-type=module', '-e', `await import(${JSON.stringify(specifier)});`], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, REFRACT_BUILTINS_LOG: log },
    });
    if (r.status !== 0) throw new Error(`importing ${specifier} failed:\n${r.stderr}`);
    let text = '';
    try {
      text = readFileSync(log, 'utf8');
    } catch {
      // no built-in was resolved: the log was never written
    }
    return text.split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Wall and CPU milliseconds of `await import(specifier)` in a fresh process (the process start not included). */
export function importTime(specifier, cwd = process.cwd()) {
  const code = `const c = process.cpuUsage(), t = performance.now(); await import(${JSON.stringify(specifier)}); const u = process.cpuUsage(c); console.log(JSON.stringify({ wall: performance.now() - t, cpu: (u.user + u.system) / 1000 }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`importing ${specifier} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(argv) {
  const opt = (name, fallback) => {
    const k = argv.indexOf(name);
    return k >= 0 ? argv[k + 1] : fallback;
  };
  const positional = argv.filter((a, k) => !a.startsWith('--') && !(k > 0 && ['--cwd', '--runs', '--budget'].includes(argv[k - 1])));
  const specifier = positional[0] ?? pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', 'index.js')).href;
  const cwd = opt('--cwd', process.cwd());
  const runs = Number(opt('--runs', 7)), budget = Number(opt('--budget', 150));
  const builtins = builtinsLoaded(specifier, cwd);
  const times = Array.from({ length: runs }, () => importTime(specifier, cwd));
  const result = { specifier, builtins, runs, wallMs: median(times.map((t) => t.wall)), cpuMs: median(times.map((t) => t.cpu)), budgetMs: budget };
  if (argv.includes('--json')) console.log(JSON.stringify(result));
  else {
    console.log(`${specifier}`);
    console.log(`  Node built-ins loaded: ${builtins.length === 0 ? 'none' : '\n    ' + builtins.join('\n    ')}`);
    console.log(`  import time, median of ${runs} fresh processes: ${result.wallMs.toFixed(0)} ms wall, ${result.cpuMs.toFixed(0)} ms CPU (budget ${budget} ms wall)`);
  }
  return builtins.length === 0 && result.wallMs <= budget ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
