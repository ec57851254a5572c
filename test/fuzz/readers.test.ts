// Every reader under seeded mutation (issue 14): network JSON and its sidecar, edge lists,
// SWC, connectome tables, data sets (CSV, IDX), spike lists (CSV, Arrow), checkpoints,
// SONATA circuits and spikes.h5, saved learners. Each damaged input must give a valid result
// or a one-line InputError naming the file — never another error, a stack trace, a hang or
// unbounded memory. The bulk runs through the library readers (in worker threads, with a
// hang detector and memory bounds); a sample runs through the built CLI in child processes
// (timeout, --max-old-space-size, peak RSS), which must exit 0, or 2 with one line naming
// the file and nothing left in the output folder.
//
// Deterministic: case i of a target uses createRng(SEED * 100003 + i). A failure names the
// seed and case; test/fuzz/targets.ts says what each case reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { createRng } from '../../src/model/random.js';
import { fuzzTargets, type FuzzReport } from './harness.js';
import { makeCase, setupBase, TARGETS, type Target } from './targets.js';

// A deeper run: REFRACT_FUZZ_SEED=7 REFRACT_FUZZ_CASES=1000 REFRACT_FUZZ_CLI_CASES=20 node scripts/run-tests.mjs test/fuzz
const SEED = Number(process.env.REFRACT_FUZZ_SEED ?? 14);
/** Library cases per reader (13 readers). */
const CASES = Number(process.env.REFRACT_FUZZ_CASES ?? 200);
/** CLI cases per reader. */
const CLI_CASES = Number(process.env.REFRACT_FUZZ_CLI_CASES ?? 2);
const HANG_MS = 8_000;
const CLI_TIMEOUT_MS = 60_000;
const CLI_HEAP_MB = 512;
/** Peak resident memory of one CLI run (Node itself, h5wasm and the chart renderer take ~250 MB). */
const CLI_RSS_MB = 1024;

/** Runs `jobs` two at a time (the machine has two cores; so does CI). */
async function twoAtATime<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array<T>(jobs.length);
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const k = next++;
      out[k] = await jobs[k]();
    }
  };
  await Promise.all([lane(), lane()]);
  return out;
}

test(`${TARGETS.length} readers × ${CASES} mutated inputs: a valid result or a one-line InputError naming the file`, { timeout: 480_000 * Math.max(1, CASES / 200) }, async () => {
  const reports = new Map<string, FuzzReport>();
  const o = { seed: SEED, count: CASES, guarded: new Set(TARGETS.filter((t) => t.guardedUse).map((t) => t.name)), hangMs: HANG_MS };
  // two workers (two cores), the readers dealt between them
  const names = TARGETS.map((t) => t.name);
  await Promise.all([0, 1].map((lane) => fuzzTargets(names.filter((_, k) => k % 2 === lane), o, reports)));
  const failures = [...reports.values()].flatMap((r) => r.failures.map((f) => `${r.target}: ${f}`));
  for (const r of reports.values()) {
    assert.equal(r.cases, CASES, `${r.target}: every case ran (${r.cases} of ${CASES})`);
    // the mutations reach past the first check: some damaged inputs still read
    assert.ok(r.ok > 0 && r.refused > 0, `${r.target}: ${r.ok} read, ${r.refused} refused`);
  }
  assert.deepEqual(failures, []);
});

const MAIN = join(import.meta.dirname, '../../dist/cli/main.js');
const PROBE = join(import.meta.dirname, 'rss-probe.mjs');

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  timedOut: boolean;
  rssMb: number | null;
}

function runCli(args: string[], rssFile: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${CLI_HEAP_MB}`, '--import', PROBE, MAIN, ...args], {
      env: { ...process.env, FORCE_COLOR: '0', REFRACT_RSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, CLI_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const rssMb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : null;
      resolve({ code, signal, stderr, timedOut, rssMb });
    });
  });
}

test(`the CLI on ${CLI_CASES} mutated inputs per reader: exit 0, or exit 2 with one line naming the file and no output`, { timeout: 300_000 * Math.max(1, CLI_CASES / 2) }, async () => {
  const work = mkdtempSync(join(tmpdir(), 'refract-fuzz-cli-'));
  after(() => rmSync(work, { recursive: true, force: true }));
  const cases: { t: Target; i: number; dir: string; out: string; damaged: string[] }[] = [];
  for (const [k, t] of TARGETS.entries()) {
    const base = join(work, `base-${k}`);
    await setupBase(t, base);
    for (let i = 0; i < CLI_CASES; i++) {
      // other cases than the library test's first ones: seed + 1
      const dir = join(work, `case-${k}-${i}`);
      const damaged = await makeCase(t, base, dir, createRng(((SEED + 1) * 100_003 + i) >>> 0));
      cases.push({ t, i, dir, out: join(work, `out-${k}-${i}`), damaged });
    }
  }
  const runs = await twoAtATime(cases.map((c) => () => runCli(c.t.cli(c.dir, c.out, c.damaged), join(work, `rss-${cases.indexOf(c)}`))));
  const problems: string[] = [];
  runs.forEach((r, k) => {
    const c = cases[k];
    const what = `${c.t.name}, seed ${SEED + 1} case ${c.i} (${c.damaged.join(', ')}): refract ${c.t.cli(c.dir, c.out, c.damaged).join(' ')}`;
    const lines = r.stderr.trim() === '' ? [] : r.stderr.trim().split('\n');
    if (r.timedOut) problems.push(`${what}: no exit after ${CLI_TIMEOUT_MS / 1000} s`);
    else if (r.signal) problems.push(`${what}: killed by ${r.signal}`);
    else if (r.code !== 0 && r.code !== 2) problems.push(`${what}: exit ${r.code}: ${r.stderr.slice(0, 300)}`);
    else if (/\n\s+at /.test(r.stderr)) problems.push(`${what}: a stack trace: ${r.stderr.slice(0, 300)}`);
    else if (r.code === 2) {
      if (lines.length !== 1 || !lines[0].startsWith('refract: ')) problems.push(`${what}: expected one line, got ${lines.length}: ${r.stderr.slice(0, 300)}`);
      else if (!lines[0].includes(c.dir)) problems.push(`${what}: the message names no input file: ${lines[0].slice(0, 300)}`);
      if (existsSync(c.out) && readdirSync(c.out).length > 0) problems.push(`${what}: exit 2 but ${c.out} holds ${readdirSync(c.out).join(', ')}`);
    }
    if (r.rssMb !== null && r.rssMb > CLI_RSS_MB) problems.push(`${what}: peak memory ${r.rssMb.toFixed(0)} MB (limit ${CLI_RSS_MB} MB)`);
    if (r.rssMb === null && !r.timedOut && !r.signal) problems.push(`${what}: no memory report from the probe`);
  });
  assert.deepEqual(problems, []);
  // the sample reaches both outcomes
  assert.ok(runs.some((r) => r.code === 0) && runs.some((r) => r.code === 2));
});
