// Every command the README shows runs from a fresh clone: in a scratch folder that holds only
// what a clone has (data/, test/fixtures/), one after the other as a reader would type them.
// A command is skipped only for a reason printed here (long runs the README quotes from a full
// measurement, servers, outside tools that are missing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const MAIN = join(root, 'dist', 'cli', 'main.js');

/** The README's commands: `$ npx refract …` lines in code blocks, `refract …` lines of shell blocks, and inline `npx refract …`. */
function commands(): string[] {
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

test('every command in the README runs from a fresh clone (or is skipped with its reason)', { timeout: 600_000 }, () => {
  const cwd = mkdtempSync(join(tmpdir(), 'refract-readme-'));
  symlinkSync(join(root, 'data'), join(cwd, 'data'));
  symlinkSync(join(root, 'test'), join(cwd, 'test'));
  const list = commands();
  assert.ok(list.length >= 20, `found ${list.length} commands`);
  let ran = 0;
  for (const cmd of list) {
    const skip = SKIP.find(([re]) => re.test(cmd))?.[1] ?? (NEURON.test(cmd) && !neuronThere ? 'NEURON/MPI not installed (apt-get install -y neuron python3-neuron openmpi-bin python3-h5py)' : null);
    if (skip) {
      process.stdout.write(`# skipped: ${cmd} — ${skip}\n`);
      continue;
    }
    const args = cmd.replace(/^refract /, '').split(/\s+/);
    const r = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
    assert.equal(r.status, 0, `${cmd}\n${r.stderr}`);
    ran++;
  }
  process.stdout.write(`# ran ${ran} of ${list.length} README commands\n`);
});
