// Outputs that cannot be half-written: a killed run leaves the previous outputs intact, the next
// run removes what the dead one left, a second run into the same folder leaves exactly its own
// files, a failed commit changes nothing and is one line with exit 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './run-cli.js';
import { OutputDir } from '../../src/node/atomic.js';
import { readNetworkFile } from '../../src/node/network-file.js';
import { fingerprint } from '../../src/model/fingerprint.js';

const dir = tempDir();
const MAIN = join(import.meta.dirname, '../../dist/cli/main.js');

/** relative path → sha256 of every file under a folder (dot files included), in name order. */
function tree(folder: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(join(folder, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, tree(folder, rel));
    else out[rel] = createHash('sha256').update(readFileSync(join(folder, rel))).digest('hex');
  }
  return out;
}

/** Entries a Refract process leaves beside `name` while it works (or when killed). */
function litter(parent: string, name: string): string[] {
  return readdirSync(parent).filter((e) => e.startsWith(`.${name}.`));
}

/** Starts the CLI and SIGKILLs it after `ms`; true when it was killed (false: it finished first). */
function killAfter(args: string[], ms: number): Promise<boolean> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [MAIN, ...args], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      done(signal === 'SIGKILL');
    });
  });
}

test('simulate killed at several points: the previous run is intact, and the next run leaves no litter and only its own files', async () => {
  const out = join(dir, 'sim');
  assert.equal(cli(['simulate', '--preset', 'ring', '--duration', '50', '--save-state', 'state.bin', '--out', out, '--quiet']).code, 0);
  const before = tree(out);
  assert.ok('state.bin' in before && '.refract-run.json' in before);
  for (const ms of [300, 800, 1500]) {
    await killAfter(['simulate', '--preset', 'geometric', '--n', '3000', '--duration', '3000', '--out', out, '--quiet'], ms);
    assert.deepEqual(tree(out), before, `killed after ${ms} ms`);
  }
  // a new run: the dead processes' staging folders are gone, and the old state.bin with them
  assert.equal(cli(['simulate', '--preset', 'ring', '--duration', '20', '--out', out, '--quiet']).code, 0);
  assert.deepEqual(litter(dir, 'sim'), []);
  assert.deepEqual(Object.keys(tree(out)), ['.refract-run.json', 'network.json', 'raster.png', 'raster.svg', 'spikes.arrow', 'spikes.csv', 'summary.json']);
  // files the user put there stay
  writeFileSync(join(out, 'notes.txt'), 'mine');
  assert.equal(cli(['simulate', '--preset', 'ring', '--duration', '20', '--out', out, '--quiet']).code, 0);
  assert.equal(readFileSync(join(out, 'notes.txt'), 'utf8'), 'mine');
});

test('build with a sidecar killed at several points: the folder always holds a readable network file with its own sidecar, and the next build leaves one pair', async () => {
  const folder = join(dir, 'pair');
  mkdirSync(folder, { recursive: true });
  const net = join(folder, 'net.json');
  const small = ['build', 'geometric', '--n', '2000', '--k', '5', '--seed', '1', '--sidecar', '--out', net, '--json'];
  assert.equal(cli(small).code, 0);
  const old = fingerprint(readNetworkFile(net));
  const big = ['build', 'geometric', '--n', '100000', '--k', '20', '--seed', '2', '--out', net, '--json'];
  const reference = join(dir, 'pair-reference.json');
  assert.equal(cli([...big.slice(0, -3), '--out', reference, '--json']).code, 0);
  const next = fingerprint(readNetworkFile(reference));
  for (const ms of [400, 900, 1500, 2200]) {
    await killAfter(big, ms);
    // the old pair, or the new one: never a JSON with a sidecar that is not its own
    const now = fingerprint(readNetworkFile(net));
    assert.ok(now === old || now === next, `killed after ${ms} ms`);
  }
  assert.equal(cli(big).code, 0);
  const doc = JSON.parse(readFileSync(net, 'utf8')) as { sidecar: { file: string } };
  assert.deepEqual(readdirSync(folder).sort(), [doc.sidecar.file, 'net.json'].sort(), 'no temporary file, no older sidecar');
});

test('export sonata killed at several points leaves the previous circuit intact; the next export leaves only its own files', async () => {
  const ring = join(dir, 'ring.json'), crg = join(dir, 'crg.json'), out = join(dir, 'circuit');
  assert.equal(cli(['build', 'ring', '--ring-size', '8', '--out', ring]).code, 0);
  assert.equal(cli(['build', 'crg', '--variant', 'det', '--N', '100000', '--K', '50', '--seed', '1', '--out', crg]).code, 0);
  assert.equal(cli(['export', 'sonata', ring, '--out', out]).code, 0);
  let before = tree(out);
  let kills = 0;
  for (const ms of [500, 1000, 1800, 3000]) {
    const killed = await killAfter(['export', 'sonata', crg, '--out', out], ms);
    if (!killed || JSON.stringify(tree(out)) !== JSON.stringify(before)) {
      // it finished first (a fast machine) or was killed after its commit, while exiting: then
      // the new circuit is there whole; put the old one back
      const done = cli(['import', 'sonata', out, '--out', join(dir, 'back.json'), '--json']);
      assert.match(done.stdout, /"nodes": ?100000/, `after ${ms} ms: neither the old circuit nor the whole new one\n${done.stderr}`);
      assert.equal(cli(['export', 'sonata', ring, '--out', out]).code, 0);
      before = tree(out); // HDF5 files record when they were written: a new export has new bytes
      continue;
    }
    kills++;
    const back = cli(['import', 'sonata', out, '--out', join(dir, 'back.json'), '--json']);
    assert.equal(back.code, 0, back.stderr);
    assert.match(back.stdout, /"nodes": ?8/);
  }
  assert.ok(kills > 0, 'at least one export was killed before it committed');
  assert.equal(cli(['export', 'sonata', ring, '--out', out, '--duration', '20']).code, 0);
  assert.deepEqual(litter(dir, 'circuit'), [], 'no staging folder of a dead export survives');
  assert.deepEqual(readdirSync(join(out, 'network')).filter((n) => n.startsWith('.')), []);
});

test('a resumed run keeps the network and state it read from its own output folder', () => {
  const out = join(dir, 'resume');
  assert.equal(cli(['simulate', '--preset', 'geometric', '--n', '100', '--duration', '50', '--save-state', 'state.bin', '--out', out, '--quiet']).code, 0);
  const r = cli(['simulate', join(out, 'network.json'), '--resume', join(out, 'state.bin'), '--duration', '50', '--out', out, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  for (const f of ['network.json', 'state.bin', 'spikes.csv', 'summary.json']) assert.ok(existsSync(join(out, f)), f);
  // options the checkpoint decides are refused, not ignored
  const seeded = cli(['simulate', join(out, 'network.json'), '--resume', join(out, 'state.bin'), '--seed', '3', '--out', join(dir, 'resume2')]);
  assert.equal(seeded.code, 2);
  assert.match(seeded.stderr, /^refract: --resume: --seed cannot be changed when resuming/);
});

test('--save-state is a file name inside --out, not one of the run\'s own outputs', () => {
  for (const [name, expect] of [['summary.json', /one of the run's own outputs/], ['../x', /expected a file name inside --out/], ['/abs/dir/state.bin', /expected a file name inside --out/]] as const) {
    const r = cli(['simulate', '--preset', 'ring', '--save-state', name, '--out', join(dir, 'ss')]);
    assert.equal(r.code, 2, name);
    assert.match(r.stderr, expect);
  }
  assert.equal(existsSync(join(dir, 'ss')), false);
});

test('a commit that cannot be made changes nothing: one line, exit 2, the previous outputs as they were', () => {
  const out = join(dir, 'blocked');
  assert.equal(cli(['simulate', '--preset', 'ring', '--duration', '20', '--out', out, '--quiet']).code, 0);
  // a folder in the way of raster.svg, which a file-by-file commit would reach before summary.json
  rmSync(join(out, 'raster.svg'));
  mkdirSync(join(out, 'raster.svg'));
  const before = tree(out);
  const r = cli(['simulate', '--preset', 'ring', '--duration', '30', '--out', out, '--quiet']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^refract: .*blocked: a folder is in the way of the output file raster\.svg; nothing was changed\n$/);
  assert.deepEqual(tree(out), before);
  assert.deepEqual(litter(dir, 'blocked'), []);
});

test('a commit killed half-way is rolled back by the next run', () => {
  const out = join(dir, 'half');
  const first = new OutputDir(out);
  first.write('a.txt', 'old a');
  first.write('b.txt', 'old b');
  first.commit();
  // what a process killed between its renames leaves: the old a.txt in its backup, the new a.txt in place, b.txt not yet moved
  const dead = 4_000_000 + (process.pid % 1000);
  const backup = join(dir, `.half.refract-previous-${dead}-1`);
  mkdirSync(backup);
  writeFileSync(join(backup, '.journal.json'), JSON.stringify({ replaced: ['a.txt', 'b.txt', '.refract-run.json'], added: ['a.txt', 'b.txt', '.refract-run.json'] }));
  writeFileSync(join(backup, 'a.txt'), 'old a');
  writeFileSync(join(out, 'a.txt'), 'new a');
  const next = new OutputDir(out); // recovery happens here
  assert.equal(readFileSync(join(out, 'a.txt'), 'utf8'), 'old a');
  assert.equal(readFileSync(join(out, 'b.txt'), 'utf8'), 'old b');
  next.abort();
  assert.deepEqual(litter(dir, 'half'), []);
});

test('learn fit killed before it finishes leaves the previous model intact', async () => {
  const model = join(dir, 'model.refract');
  const data = join(dir, 'digits.csv');
  assert.equal(cli(['learn', 'export-mnist', '--per-class', '30', '--out', data]).code, 0);
  assert.equal(cli(['learn', 'fit', '--data', data, '--shape', '28x28', '--model', model, '--quiet']).code, 0);
  const before = createHash('sha256').update(readFileSync(model)).digest('hex');
  for (const ms of [200, 500]) {
    await killAfter(['learn', 'fit', '--data', data, '--shape', '28x28', '--learner', 'prototype', '--model', model, '--quiet'], ms);
    assert.equal(createHash('sha256').update(readFileSync(model)).digest('hex'), before);
  }
  assert.equal(cli(['learn', 'fit', '--data', data, '--shape', '28x28', '--learner', 'prototype', '--model', model, '--quiet']).code, 0);
  assert.deepEqual(litter(dir, 'model.refract'), []);
});
