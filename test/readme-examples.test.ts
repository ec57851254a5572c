// Every command the README and the docs show runs from a fresh clone: per page, in a scratch
// folder that holds only what a clone has (data/, test/fixtures/), one after the other as a
// reader would type them. The pages of docs/results/ are measurements (minutes to hours each,
// with their dates and machines): their commands are listed, not run.
// A command is skipped only for a reason printed here (long runs the README quotes from a full
// measurement, servers, outside tools that are missing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const MAIN = join(root, 'dist', 'cli', 'main.js');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? markdownFiles(p) : n.endsWith('.md') ? [p] : [];
    });
}

/** A page's commands: `$ npx refract …` lines in code blocks, `refract …` lines of shell blocks, and inline `npx refract …`. */
function commands(readme: string): string[] {
  const out: string[] = [];
  for (const m of readme.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) {
    const lines = m[1].split('\n');
    for (let i = 0; i < lines.length; i++) {
      let l = lines[i];
      if (!(l.startsWith('$ npx refract ') || l.startsWith('refract '))) continue;
      while (l.trimEnd().endsWith('\\') && i + 1 < lines.length) l = l.trimEnd().slice(0, -1) + ' ' + lines[++i].trim();
      out.push(l.replace(/^\$ /, ''));
    }
  }
  for (const m of readme.matchAll(/`(npx refract [^`]+)`/g)) out.push(m[1]);
  return [...new Set(out.map((c) => c.replace(/\s+#.*$/, '').replace(/^npx /, '').trim()))];
}

/** Commands not run here, and why. */
const SKIP: [RegExp, string][] = [
  [/^refract learn eval --protocol (shots|noise|lesion|continual|unsupervised)( --shots all)?( --k 3)? --seeds/, 'minutes to an hour each: the README quotes full measurements; test/cli/learn.test.ts runs every protocol at small sizes'],
  [/^refract learn eval --protocol throughput$/, 'a timing measurement over the full test set; test/cli/learn.test.ts runs the protocol at a small size'],
  [/^refract serve/, 'starts a server until Ctrl-C; test/web/visualiser.test.ts drives it in Chromium'],
  [/^refract bench crg --N (100000|10000000)\b/, 'a benchmark of minutes (N ≥ 10^5); npm run bench and scripts/bench.mjs --full run it'],
  [/--jitter 100\b/, 'a population benchmark; scripts/bench.mjs --only morph runs it'],
];
const NEURON = /^refract neuron /;
const neuronThere = spawnSync('/usr/bin/python3', ['-c', 'import neuron, h5py'], { encoding: 'utf8' }).status === 0 && spawnSync('mpirun', ['--version'], { encoding: 'utf8' }).status === 0;

function runPage(file: string): { ran: number; listed: number } {
  const cwd = mkdtempSync(join(tmpdir(), 'refract-readme-'));
  symlinkSync(join(root, 'data'), join(cwd, 'data'));
  symlinkSync(join(root, 'test'), join(cwd, 'test'));
  const list = commands(readFileSync(file, 'utf8'));
  let ran = 0;
  for (const cmd of list) {
    const skip = SKIP.find(([re]) => re.test(cmd))?.[1] ?? (NEURON.test(cmd) && !neuronThere ? 'NEURON/MPI not installed (apt-get install -y neuron python3-neuron openmpi-bin python3-h5py)' : null);
    if (skip) {
      process.stdout.write(`# skipped: ${cmd} — ${skip}\n`);
      continue;
    }
    const args = cmd.replace(/^refract /, '').split(/\s+/);
    const r = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
    assert.equal(r.status, 0, `${relative(root, file)}: ${cmd}\n${r.stderr}`);
    ran++;
  }
  return { ran, listed: list.length };
}

test('every command in the README runs from a fresh clone (or is skipped with its reason)', { timeout: 600_000 }, () => {
  const { ran, listed } = runPage(join(root, 'README.md'));
  assert.ok(listed >= 10, `found ${listed} commands`);
  process.stdout.write(`# ran ${ran} of ${listed} README commands\n`);
});

test('every command in docs/ runs from a fresh clone (docs/results/ pages are measurements: listed, not run)', { timeout: 900_000 }, () => {
  let ran = 0, listed = 0;
  for (const file of markdownFiles(join(root, 'docs'))) {
    if (relative(root, file).startsWith('docs/results/')) {
      for (const cmd of commands(readFileSync(file, 'utf8'))) process.stdout.write(`# skipped: ${relative(root, file)}: ${cmd} — a measurement; the page gives its date, machine and duration\n`);
      continue;
    }
    const r = runPage(file);
    ran += r.ran;
    listed += r.listed;
  }
  assert.ok(listed >= 10, `found ${listed} commands in docs/`);
  process.stdout.write(`# ran ${ran} of ${listed} docs commands\n`);
});
