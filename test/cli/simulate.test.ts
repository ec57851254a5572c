// `refract simulate` and `refract build` end to end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './run-cli.js';
import { readSpikesCsv } from '../../src/node/spikes.js';
import { readSpikesArrow } from '../../src/node/spikes-arrow.js';
import { readNetworkFile } from '../../src/node/network-file.js';
import { fingerprint } from '../../src/model/fingerprint.js';

const dir = tempDir();

function simulate(name: string, args: string[]): string {
  const out = join(dir, name);
  const r = cli(['simulate', ...args, '--out', out, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  return out;
}

test('same seed → byte-identical spikes.csv; another seed → different', () => {
  const args = ['--preset', 'geometric', '--n', '300', '--duration', '200'];
  const a = simulate('a', [...args, '--seed', '5']);
  const b = simulate('b', [...args, '--seed', '5']);
  const c = simulate('c', [...args, '--seed', '6']);
  const csv = (d: string) => readFileSync(join(d, 'spikes.csv'));
  assert.ok(csv(a).length > 1000);
  assert.deepEqual(csv(a), csv(b));
  assert.notDeepEqual(csv(a), csv(c));
});

test('simulate writes spikes (CSV = Arrow), summary, raster SVG + PNG and the generated network', () => {
  const out = simulate('ring', ['--preset', 'ring', '--duration', '20']);
  assert.deepEqual(readdirSync(out).sort(), ['.refract-run.json', 'network.json', 'raster.png', 'raster.svg', 'spikes.arrow', 'spikes.csv', 'summary.json']);
  const csv = readSpikesCsv(join(out, 'spikes.csv'));
  assert.deepEqual(readSpikesArrow(join(out, 'spikes.arrow')), csv);
  // ring of 5, τ = 1, R = 2: node k fires at k, k+5, … — 20 spikes in 20 ms
  assert.deepEqual(Array.from(csv.time), Array.from({ length: 20 }, (_, k) => k));
  assert.deepEqual(Array.from(csv.node), Array.from({ length: 20 }, (_, k) => k % 5));
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(summary.spikes, 20);
  assert.equal((summary.network as { fingerprint: number }).fingerprint, fingerprint(readNetworkFile(join(out, 'network.json'))));
  assert.match(readFileSync(join(out, 'raster.svg'), 'utf8'), /^<svg/);
  assert.deepEqual(Array.from(readFileSync(join(out, 'raster.png')).subarray(0, 4)), [0x89, 0x50, 0x4e, 0x47]);
});

test('build then simulate a file gives the same spikes as the preset', () => {
  const net = join(dir, 'pair.json');
  assert.equal(cli(['build', 'pair', '--latency', '1', '-R', '1.5', '--out', net]).code, 0);
  const fromFile = simulate('pair-file', [net, '--force', '0@0', '--duration', '10']);
  const fromPreset = simulate('pair-preset', ['--preset', 'pair', '--duration', '10']);
  assert.deepEqual(readFileSync(join(fromFile, 'spikes.csv')), readFileSync(join(fromPreset, 'spikes.csv')));
});

test('grid mode (--dt) and exact mode agree when latencies are on the grid', () => {
  const exact = simulate('lat-exact', ['--preset', 'lattice', '--rows', '6', '--cols', '6', '--duration', '30']);
  const grid = simulate('lat-grid', ['--preset', 'lattice', '--rows', '6', '--cols', '6', '--duration', '30', '--dt', '0.5']);
  assert.deepEqual(readSpikesCsv(join(exact, 'spikes.csv')), readSpikesCsv(join(grid, 'spikes.csv')));
});

test('--json prints one line; --help shows examples', () => {
  const r = cli(['simulate', '--preset', 'race', '--json', '--quiet', '--out', join(dir, 'race')]);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout) as { spikes: number; arrivals_blocked: number };
  assert.equal(s.spikes, 3); // a, c at 0 and b at 1 ms; c's signal (1.5 ms) is blocked since R = 2 ms
  assert.equal(s.arrivals_blocked, 1);
  const h = cli(['simulate', '--help']);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /Examples:/);
});

test('--save-state then --resume continues bit-identically (spikes.csv of 2 × 150 ms = 300 ms)', () => {
  const args = ['--preset', 'geometric', '--n', '300', '--seed', '9'];
  const whole = simulate('whole', [...args, '--duration', '300']);
  const a = simulate('first-half', [...args, '--duration', '150', '--save-state', 'state.bin']);
  const b = simulate('second-half', [join(a, 'network.json'), '--resume', join(a, 'state.bin'), '--duration', '150']);
  assert.deepEqual(readFileSync(join(b, 'spikes.csv')), readFileSync(join(whole, 'spikes.csv')));
  // the resumed summary counts the 150 ms it ran (spikes.csv holds the whole run), `total` the whole
  type Summary = { start_ms: number; duration_ms: number; spikes: number; mean_rate_hz: number; arrivals_delivered: number; total?: { duration_ms: number; spikes: number; arrivals_delivered: number } };
  const read = (d: string) => JSON.parse(readFileSync(join(d, 'summary.json'), 'utf8')) as Summary;
  const [sw, sa, sb] = [read(whole), read(a), read(b)];
  const all = readSpikesCsv(join(whole, 'spikes.csv'));
  assert.equal(sb.start_ms, 150);
  assert.equal(sb.duration_ms, 150);
  assert.equal(sb.spikes, Array.from(all.time).filter((t) => t >= 150).length);
  assert.equal(sa.spikes + sb.spikes, sw.spikes);
  assert.equal(sa.arrivals_delivered + sb.arrivals_delivered, sw.arrivals_delivered);
  assert.ok(Math.abs(sb.mean_rate_hz - sb.spikes / (300 * 0.15)) < 1e-9);
  assert.deepEqual(sb.total, { duration_ms: 300, spikes: sw.spikes, arrivals_delivered: sw.arrivals_delivered, arrivals_blocked: (sw as unknown as { arrivals_blocked: number }).arrivals_blocked });
  const other = join(dir, 'ring-for-resume.json');
  assert.equal(cli(['build', 'ring', '--out', other]).code, 0);
  const bad = cli(['simulate', other, '--resume', join(a, 'state.bin'), '--out', join(dir, 'bad-resume')]);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /state\.bin: .*different network/);
});

test('--stimulus FILE forces the listed nodes at the listed times', () => {
  const list = join(dir, 'stim.csv');
  writeFileSync(list, 'node,time_ms\n0,0\n2,0\n');
  const out = simulate('race-stim', ['--preset', 'race', '--stimulus', list, '--duration', '10']);
  const s = readSpikesCsv(join(out, 'spikes.csv'));
  assert.deepEqual([Array.from(s.node), Array.from(s.time)], [[0, 2, 1], [0, 0, 1]]);
  writeFileSync(list, 'node,time_ms\n0,0\n9,1\n');
  const bad = cli(['simulate', '--preset', 'race', '--stimulus', list, '--out', join(dir, 'bad-stim')]);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /stim\.csv:3: node: unknown node id 9/);
});

test('--record-edges and --causes write per-edge counts and per-activation causes (CSV and Arrow)', async () => {
  const out = join(dir, 'records');
  const r = cli(['simulate', '--preset', 'race', '--record-edges', '--causes', '--quiet', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  // the race: a → b (1 ms) delivers and fires b; c → b (1.5 ms) arrives while b is refractory
  assert.equal(readFileSync(join(out, 'edges.csv'), 'utf8'), 'edge,source,target,latency_ms,delivered,blocked\n0,0,1,1,1,0\n1,2,1,1.5,0,1\n');
  // a and c were forced (cause −1), b fired on edge 0's arrival at 1 ms
  assert.equal(readFileSync(join(out, 'causes.csv'), 'utf8'), 'spike,node,time_ms,cause,source,arrival_ms\n0,0,0,-1,-1,0\n1,2,0,-1,-1,0\n2,1,1,0,0,1\n');
  const { tableFromIPC } = await import('apache-arrow');
  const edges = tableFromIPC(readFileSync(join(out, 'edges.arrow')));
  assert.deepEqual(Array.from(edges.getChild('blocked')!.toArray() as Uint32Array), [0, 1]);
  const causes = tableFromIPC(readFileSync(join(out, 'causes.arrow')));
  assert.deepEqual(Array.from(causes.getChild('cause')!.toArray() as Int32Array), [-1, -1, 0]);
  // on a driven network the per-edge counts add up to the summary's
  const geo = join(dir, 'records-geo');
  const g = cli(['simulate', '--preset', 'geometric', '--n', '200', '--duration', '200', '--record-edges', '--json', '--quiet', '--out', geo]);
  const summary = JSON.parse(g.stdout) as { arrivals_delivered: number; arrivals_blocked: number };
  const rows = readFileSync(join(geo, 'edges.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  assert.equal(rows.reduce((t, x) => t + x[4], 0), summary.arrivals_delivered);
  assert.equal(rows.reduce((t, x) => t + x[5], 0), summary.arrivals_blocked);
  // without the flags nothing extra is written
  const plain = join(dir, 'records-plain');
  assert.equal(cli(['simulate', '--preset', 'race', '--quiet', '--out', plain]).code, 0);
  assert.equal(existsSync(join(plain, 'edges.csv')) || existsSync(join(plain, 'causes.csv')), false);
});
