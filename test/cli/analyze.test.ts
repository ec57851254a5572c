// `refract analyze` and `refract sweep` end to end (signalling analysis, acceptance 2 and 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './run-cli.js';
import { countMarkItems } from '../report/helpers.js';
import { readNetworkFile } from '../../src/node/network-file.js';
import { Simulation } from '../../src/engine/simulation.js';
import { analyzeRun } from '../../src/analysis/run-analysis.js';
import { GEOMETRIC_DEFAULTS } from '../../src/cli/networks.js';

const dir = tempDir();

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

test('sweep of R on a ring of 5 (τ = 1): sustained iff Λ ≤ 5, efficiency R/5 rising to 1, then collapse', () => {
  const out = join(dir, 'sweep-ring');
  const r = cli(['sweep', '--preset', 'ring', '--ring-size', '5', '--latency', '1', '--param', 'R', '--values', '0.5:10:20', '--json', '--out', out, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const rows = jsonLines(r.stdout);
  assert.equal(rows.length, 20);
  for (const row of rows) {
    for (const k of ['param', 'value', 'lambda_median', 'blocked_fraction', 'efficiency', 'sustained']) assert.ok(k in row, k);
    const R = row.value as number;
    assert.equal(row.param, 'R');
    assert.equal(row.lambda_median, R); // Λ = R / τ with τ = 1
    assert.equal(row.sustained, R <= 5, `R = ${R}`);
    if (R <= 5) {
      assert.ok(Math.abs((row.efficiency as number) - R / 5) < 1e-9, `efficiency at R = ${R}: ${String(row.efficiency)}`);
      assert.equal(row.blocked_fraction, 0);
    } else {
      assert.equal(row.efficiency, 0);
      assert.ok((row.blocked_fraction as number) > 0);
    }
  }
  for (const f of ['sweep.jsonl', 'sweep.svg', 'sweep.png']) assert.ok(existsSync(join(out, f)), f);
});

test('efficiency is a timing match, not saturation: a saturated lossy network scores low though it is always busy', () => {
  // the network of issue 13, finding 5: first-spike nodes forced at 0–2 reverberate at 1/R and lose ~90 % of arrivals
  const net = join(dir, 'saturated.json'), run = join(dir, 'saturated-run');
  assert.equal(cli(['build', 'geometric', '--n', '200', '--k', '10', '--speed', '300', '--syn-delay', '0.3', '--mode', 'first', '-R', '3', '--seed', '11', '--out', net]).code, 0);
  assert.equal(cli(['simulate', net, '--force', '0@0,1@0,2@0', '--duration', '300', '--out', run, '--quiet']).code, 0);
  const r = cli(['analyze', net, '--spikes', run, '--out', join(dir, 'saturated-analysis'), '--json']);
  assert.equal(r.code, 0, r.stderr);
  const a = JSON.parse(r.stdout) as Record<string, number>;
  assert.ok(a.blocked_fraction > 0.8, `blocked ${a.blocked_fraction}`);
  assert.ok(a.busy_fraction > 0.9, `busy ${a.busy_fraction}`); // the old "efficiency"
  assert.ok(a.efficiency <= 0.3, `efficiency ${a.efficiency}`);
  assert.ok(a.efficiency <= 1 - a.blocked_fraction + 1e-12, 'a blocked arrival scores 0');
});

test('a grid run is analysed on its grid: from summary.json, --dt, or the SONATA import; spikes on an unknown grid are refused', () => {
  const net = join(dir, 'crgdet.json'), run = join(dir, 'crgdet-run');
  assert.equal(cli(['build', 'crg', '--variant', 'det', '--N', '1000', '--K', '10', '--seed', '1', '--out', net]).code, 0);
  assert.equal(cli(['simulate', net, '--dt', '0.1', '--duration', '100', '--out', run, '--quiet']).code, 0);
  const analyse = (args: string[]) => cli(['analyze', net, '--spikes', run, '--json', '--out', join(dir, 'crgdet-an'), ...args]);
  const withSummary = JSON.parse(analyse([]).stdout) as { dt_ms: number; blocked_fraction: number };
  assert.equal(withSummary.dt_ms, 0.1);
  // the summary and --dt must agree
  const clash = analyse(['--dt', '0.2']);
  assert.equal(clash.code, 2);
  assert.match(clash.stderr, /summary\.json: dt_ms: the run used dt = 0\.1 ms, but --dt says 0\.2 ms/);
  rmSync(join(run, 'summary.json'));
  // without the summary: refused rather than analysed in continuous time (blocked 0.997 instead of 0.866)
  const blind = analyse(['--duration', '100']);
  assert.equal(blind.code, 2);
  assert.match(blind.stderr, /^refract: .*spikes\.arrow: every spike time lies on a 0\.1 ms grid but the network's latencies do not.*give --dt 0\.1/);
  const told = JSON.parse(analyse(['--duration', '100', '--dt', '0.1']).stdout) as { dt_ms: number; blocked_fraction: number };
  assert.deepEqual(told, { ...told, dt_ms: 0.1, blocked_fraction: withSummary.blocked_fraction });
  const exact = JSON.parse(analyse(['--duration', '100', '--dt', '0']).stdout) as { dt_ms: number | null; blocked_fraction: number };
  assert.equal(exact.dt_ms, null);
  assert.notEqual(exact.blocked_fraction, withSummary.blocked_fraction);
  // through SONATA: the import records the grid in the network file, and analyze uses it
  const sonata = join(dir, 'crgdet-sonata'), imported = join(dir, 'crgdet-imported.json');
  assert.equal(cli(['export', 'sonata', net, '--out', sonata]).code, 0);
  assert.equal(cli(['import', 'sonata', sonata, '--out', imported]).code, 0);
  assert.equal((readNetworkFile(imported).meta as { gridDt?: number }).gridDt, 0.1);
  const viaImport = cli(['analyze', imported, '--spikes', run, '--duration', '100', '--json', '--out', join(dir, 'crgdet-an2')]);
  assert.equal(viaImport.code, 0, viaImport.stderr);
  assert.equal((JSON.parse(viaImport.stdout) as { dt_ms: number }).dt_ms, 0.1);
});

test('sweep on the driven geometric preset writes the same table and figure', () => {
  const out = join(dir, 'sweep-geo');
  const r = cli(['sweep', '--preset', 'geometric', '--n', '300', '--duration', '200', '--param', 'R', '--values', '1,4,8', '--json', '--out', out, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const rows = jsonLines(r.stdout);
  assert.deepEqual(rows.map((x) => x.value), [1, 4, 8]);
  // under drive activity never dies, and more of it is lost as R (and Λ) grows
  assert.ok(rows.every((x) => x.sustained === true));
  assert.ok((rows[0].blocked_fraction as number) < (rows[2].blocked_fraction as number));
  assert.ok((rows[0].lambda_median as number) < (rows[2].lambda_median as number));
  assert.ok(existsSync(join(out, 'sweep.png')));
});

test('sweep rejects a parameter the network cannot change', () => {
  const r = cli(['sweep', '--preset', 'ring', '--param', 'speed', '--values', '1,2', '--out', join(dir, 'nope'), '--quiet']);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /^refract: --param: preset ring has no geometry/);
});

test('analyze from a saved run directory gives the same answers as in memory', () => {
  const run = join(dir, 'geo-run');
  const sim = cli(['simulate', '--preset', 'geometric', '--n', '200', '--duration', '300', '--seed', '4', '--out', run, '--quiet']);
  assert.equal(sim.code, 0, sim.stderr);
  const r = cli(['analyze', join(run, 'network.json'), '--spikes', run, '--json', '--out', join(dir, 'geo-analysis')]);
  assert.equal(r.code, 0, r.stderr);
  const fromDir = JSON.parse(r.stdout) as Record<string, unknown>;

  const net = readNetworkFile(join(run, 'network.json'));
  const mem = new Simulation(net, { seed: 4 }).poisson(GEOMETRIC_DEFAULTS.drive).run(300);
  const a = analyzeRun(net, mem.spikes(), { duration: 300 });
  assert.equal(fromDir.spikes, a.spikes);
  assert.equal(fromDir.arrivals_blocked, a.efficiency.blocked);
  assert.equal(fromDir.blocked_fraction, a.efficiency.blockedFraction);
  assert.equal(fromDir.efficiency, a.efficiency.efficiency);
  assert.equal(fromDir.steady, a.steady.kind);
  assert.equal(fromDir.sequences, a.sequences!.walks);
  // and the engine's own count of blocked recurrent arrivals agrees
  const rec = mem.recording();
  assert.equal(fromDir.arrivals_blocked, rec.nodeBlocked.reduce((x, y) => x + y, 0) - rec.stimulusBlocked);
  for (const f of ['lambda-histogram.svg', 'blocked-vs-lambda.png', 'raster-blocked.svg', 'analysis.json']) assert.ok(existsSync(join(dir, 'geo-analysis', f)), f);
  // the blocked fraction per Λ bin comes with the arrivals of each bin and its interval
  const curve = readFileSync(join(dir, 'geo-analysis', 'blocked-vs-lambda.svg'), 'utf8');
  assert.ok(curve.includes('>arrivals</text>') && curve.includes('95 % interval (Wilson)'));
  const bins = countMarkItems(curve, 'concat_1_marks');
  assert.ok(bins > 5 && bins === countMarkItems(curve, 'concat_0_layer_2_marks'), `${bins} count bars, one per plotted bin`);
});

test('analyze rejects spikes that do not belong to the network, in one line', () => {
  const ringRun = join(dir, 'ring-run');
  assert.equal(cli(['simulate', '--preset', 'ring', '--duration', '20', '--out', ringRun, '--quiet']).code, 0);
  const pairNet = join(dir, 'pair.json');
  assert.equal(cli(['build', 'pair', '--out', pairNet]).code, 0);
  const bad = cli(['analyze', pairNet, '--spikes', ringRun, '--out', join(dir, 'bad1')]);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /^refract: .*summary\.json: network\.fingerprint: the run was recorded on a different network/);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
  assert.equal(existsSync(join(dir, 'bad1')), false);
  // without summary.json the spikes themselves give it away
  rmSync(join(ringRun, 'summary.json'));
  rmSync(join(ringRun, 'spikes.arrow'));
  const bad2 = cli(['analyze', pairNet, '--spikes', ringRun, '--duration', '20', '--out', join(dir, 'bad2')]);
  assert.notEqual(bad2.code, 0);
  assert.match(bad2.stderr, /spikes\.csv:\d+: node: node \d is not in the network/);
  writeFileSync(join(ringRun, 'spikes.csv'), 'node,time_ms\n0,0\n0,0.5\n');
  const bad3 = cli(['analyze', pairNet, '--spikes', ringRun, '--duration', '20', '--out', join(dir, 'bad3')]);
  assert.match(bad3.stderr, /node 0 fires at 0\.5 ms, within its refractory period/);
  assert.ok(readFileSync(join(ringRun, 'spikes.csv'), 'utf8').length > 0);
});

test('sweep of speed and tortuosity on a network file rescales latencies from its path lengths', () => {
  const net = join(dir, 'geo-small.json');
  assert.equal(cli(['build', 'geometric', '--n', '100', '--k', '5', '--syn-delay', '0', '--speed', '500', '--out', net]).code, 0);
  const speed = cli(['sweep', net, '--param', 'speed', '--values', '200,1000', '--drive-rate', '300', '--drive-weight', '1', '--duration', '50', '--json', '--quiet', '--out', join(dir, 'sw-speed')]);
  assert.equal(speed.code, 0, speed.stderr);
  const [slow, fast] = jsonLines(speed.stdout);
  // Λ = R · speed / length with no synaptic delay: 5 × the speed, 5 × the ratio
  assert.ok(Math.abs((fast.lambda_median as number) / (slow.lambda_median as number) - 5) < 1e-9);
  const tort = cli(['sweep', net, '--param', 'tortuosity', '--values', '1,2', '--drive-rate', '300', '--drive-weight', '1', '--duration', '50', '--json', '--quiet', '--out', join(dir, 'sw-tort')]);
  assert.equal(tort.code, 0, tort.stderr);
  const [straight, winding] = jsonLines(tort.stdout);
  assert.ok(Math.abs((straight.lambda_median as number) / (winding.lambda_median as number) - 2) < 1e-9);
});
