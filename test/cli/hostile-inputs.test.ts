// Inputs and options found by the fuzzer and by targeted probes (issue 14, items 13 and 14)
// that hung, aborted natively, ran out of memory or printed pages: through the built CLI,
// each now ends promptly with exit 0, or exit 2 and one line naming the file or option.
// A timeout turns a hang back into a failure instead of a stalled test run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Simulation } from '../../src/engine/simulation.js';
import { ring } from '../../src/model/builders/fixtures.js';
import { withChanges } from '../../src/model/build.js';
import { writeCheckpoint } from '../../src/node/checkpoint.js';
import { writeNetworkFile } from '../../src/node/network-file.js';
import { cli, tempDir, type CliResult } from './run-cli.js';

const dir = tempDir();
const LIMIT = 60_000;
const net5 = ring({ n: 5, latency: 1, refractory: 2 });

/** Exit 2 with one `refract:` line matching `pattern`, no stack trace, nothing in `out`. */
function refused(r: CliResult, pattern: RegExp, out?: string): void {
  assert.equal(r.signal ?? null, null, `ended by ${String(r.signal)}: ${r.stderr.slice(0, 300)}`);
  assert.equal(r.code, 2, r.stderr.slice(0, 500));
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line, got:\n${r.stderr.slice(0, 1000)}`);
  assert.match(lines[0], /^refract: /);
  assert.match(lines[0], pattern);
  if (out) assert.equal(existsSync(out), false, `nothing written to ${out}`);
}

test('a latency of 1e-310 (a subnormal: the queue stopped advancing) simulates, from a network file and from an edge list', () => {
  const file = join(dir, 'subnormal.json');
  writeNetworkFile(file, withChanges(net5, { latency: Float64Array.from([1e-310, 1, 1, 1, 1]) }));
  const r = cli(['simulate', file, '--duration', '0.001', '--out', join(dir, 'sub-out'), '--quiet', '--json'], { timeoutMs: LIMIT });
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { spikes: number }).spikes, 2);
  const edges = join(dir, 'subnormal.csv');
  writeFileSync(edges, 'source,target,latency\n0,1,1e-310\n1,2,1\n2,0,1\n');
  assert.equal(cli(['build', 'from-edges', '--edges', edges, '--out', join(dir, 'sub-edges.json')]).code, 0);
  const e = cli(['simulate', join(dir, 'sub-edges.json'), '--duration', '5', '--out', join(dir, 'sub-edges-out'), '--quiet'], { timeoutMs: LIMIT });
  assert.equal(e.code, 0, e.stderr);
});

test('one late spike (10^7 ms in a 20 ms run: a renderer abort, then 24 GB) is refused by its line', () => {
  const net = join(dir, 'ring.json');
  writeNetworkFile(net, net5);
  const run = join(dir, 'late');
  mkdirSync(run);
  writeFileSync(join(run, 'spikes.csv'), 'node,time_ms\n0,0\n1,1\n2,10000000\n');
  const out = join(dir, 'late-out');
  refused(cli(['analyze', net, '--spikes', run, '--duration', '20', '--out', out], { timeoutMs: LIMIT }), /late\/spikes\.csv:4: time_ms: spike at 10000000 ms is outside the run \[0, 20\) ms \(--duration\)$/, out);
});

test('a checkpoint with a spike at 123456789 ms (a native abort) is refused; one with dt = 2^32 runs', () => {
  const net = join(dir, 'ring-cp.json');
  writeNetworkFile(net, net5);
  const late = new Simulation(net5).force(0, 0).run(10).checkpoint();
  late.recorder.spikeTime[0] = 123456789;
  writeCheckpoint(join(dir, 'late.bin'), late);
  const out = join(dir, 'cp-out');
  refused(cli(['simulate', net, '--resume', join(dir, 'late.bin'), '--duration', '5', '--out', out, '--quiet'], { timeoutMs: LIMIT }), /late\.bin: recorder\.spikeTime\[0\]: must be a time in \[0, now = 10\) ms, got 123456789$/, out);
  const wide = new Simulation(net5, { dt: 0.1 }).force(0, 0).run(10).checkpoint();
  wide.dt = 2 ** 32;
  writeCheckpoint(join(dir, 'wide.bin'), wide);
  const r = cli(['simulate', net, '--resume', join(dir, 'wide.bin'), '--duration', '5', '--out', join(dir, 'wide-out'), '--quiet'], { timeoutMs: LIMIT });
  assert.equal(r.signal ?? null, null, r.stderr);
  assert.equal(r.code, 0, r.stderr);
});

test('options that ran for hours or exhausted memory are refused at once, naming the limit', () => {
  const swc = join(import.meta.dirname, '..', 'fixtures', 'swc', 'simple.swc');
  for (const [args, pattern] of [
    [['connectome', 'cook2019', '--duration', '1e12'], /--duration.*must be at most 10\^5 ms, got 1e12/],
    [['connectome', 'cook2019', '--sweep-speed', '1:1000:1000', '--sweep-R', '1:10:1000'], /--sweep-R: the sweep would simulate 1000000 networks .*at most 1000\n/],
    [['connectome', 'cook2019', '--sweep-speed', '1:1000:100000'], /--sweep-speed.*at most 1000 values, got 100000/],
    [['learn', 'eval', '--seeds', '1000000000'], /--seeds.*must be at most 100, got 1000000000/],
    [['sweep', '--preset', 'ring', '--param', 'R', '--values', '0.5:10:1000000000'], /--values.*at most 1000 values, got 1000000000/],
    [['morph', swc, '--jitter', '1000000000'], /--jitter.*must be at most 10000, got 1000000000/],
    [['bench', 'crg', '--threads', '1000'], /--threads.*must be at most 256, got 1000/],
  ] as [string[], RegExp][]) {
    const out = join(dir, `opt-${args[0]}-${args.length}`);
    const r = cli([...args, '--out', out], { timeoutMs: LIMIT });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, pattern, args.join(' '));
    assert.equal(existsSync(out), false);
  }
});

test('a --stimulus row with a negative time names its file and line (it was "force: time -5 ms is before …")', () => {
  const stim = join(dir, 'stim.csv');
  writeFileSync(stim, 'node,time_ms\n# a comment line\n0,0\n1,-5\n');
  const out = join(dir, 'stim-out');
  refused(cli(['simulate', '--preset', 'ring', '--stimulus', stim, '--out', out, '--quiet'], { timeoutMs: LIMIT }), /stim\.csv:4: time_ms: must be a time >= 0 ms \(runs start at 0\), got -5$/m, out);
});

test('a corrupted SONATA HDF5 file is one line, not HDF5-DIAG dumps with exit 1', () => {
  const netFile = join(dir, 'ring-sonata.json');
  writeNetworkFile(netFile, net5);
  const folder = join(dir, 'sonata');
  assert.equal(cli(['export', 'sonata', netFile, '--out', folder]).code, 0);
  const nodes = join(folder, 'network', 'nodes.h5');
  const bytes = readFileSync(nodes);
  bytes.fill(0xff, 200, 260);
  writeFileSync(nodes, bytes);
  const r = cli(['import', 'sonata', folder, '--out', join(dir, 'imported.json')], { timeoutMs: LIMIT });
  refused(r, /nodes\.h5/);
  assert.doesNotMatch(r.stderr, /HDF5-DIAG/);
});
