// Acceptance checks of the CRG workload through the CLI (docs/workloads/crg.md §6, §7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli } from './run-cli.js';

function benchJson(args: string[]): Record<string, unknown> {
  const r = cli(['bench', 'crg', '--json', '--quiet', ...args]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1, 'one JSON line');
  return JSON.parse(lines[0]) as Record<string, unknown>;
}

for (const mode of [['--mode', 'grid'], ['--mode', 'grid', '--engine', 'general'], ['--mode', 'exact'], ['--mode', 'grid', '--threads', '2']]) {
  test(`CRG-det N=1000 K=10 seed=1 equals docs/workloads/crg.md §7 (${mode.join(' ')})`, () => {
    const r = benchJson(['--variant', 'det', '--N', '1000', '--K', '10', '--seed', '1', ...mode]);
    assert.equal(r.spikes, 48569);
    assert.equal(r.checksum, 3903629138);
    assert.equal(r.sum_steps, 24926687);
    assert.equal(r.nodes_fired, 1000);
    assert.deepEqual(r.spikes_first_ms, [15, 69, 192, 448, 456, 481, 486, 486, 492, 489]);
    for (const k of ['bench', 'simulator', 'N', 'K', 'seed', 'T_ms', 'mean_rate_hz', 'syn_events', 'build_s', 'run_s', 'syn_events_per_s', 'peak_rss_mb']) assert.ok(k in r, k);
  });
}

test('CRG-det N=1000 K=10 with T = 50 ms equals the docs/workloads/crg.md side note', () => {
  const r = benchJson(['--variant', 'det', '--N', '1000', '--K', '10', '--duration', '50']);
  assert.equal(r.spikes, 23569);
  assert.equal(r.checksum, 3111251880);
});

test('CRG-det N=10000 K=100 seed=1 equals docs/workloads/crg.md §7', () => {
  const r = benchJson(['--variant', 'det', '--N', '10000', '--K', '100', '--seed', '1']);
  assert.equal(r.spikes, 491173);
  assert.equal(r.checksum, 2982785918);
  assert.equal(r.sum_steps, 248354064);
  assert.equal(r.nodes_fired, 10000);
  assert.deepEqual(r.spikes_first_ms, [45, 1130, 7877, 2121, 7877, 2123, 7877, 2123, 7877, 2123]);
});

test('CRG N=10000 K=100 seed=1: rate within ±10 % of 8.30 Hz, asynchronous (pop CV < 0.2)', () => {
  const r = benchJson(['--N', '10000', '--K', '100', '--seed', '1']);
  const rate = r.mean_rate_hz as number;
  assert.ok(Math.abs(rate - 8.3) <= 0.83, `rate ${rate}`);
  assert.ok((r.pop_cv_1ms as number) < 0.2, `pop_cv_1ms ${String(r.pop_cv_1ms)}`);
  // external drive: about N · r_ext · T = 5·10^6 events
  assert.ok(Math.abs((r.ext_events as number) / 5e6 - 1) < 0.01);
});

test('CRG on the fast grid kernel, 1 and 2 threads: the same run, rate within ±10 % of 8.30 Hz', () => {
  const one = benchJson(['--N', '10000', '--K', '100', '--seed', '1', '--mode', 'grid']);
  const two = benchJson(['--N', '10000', '--K', '100', '--seed', '1', '--mode', 'grid', '--threads', '2']);
  assert.equal(one.engine, 'fast');
  assert.equal(two.threads, 2);
  assert.equal(two.spikes, one.spikes);
  assert.equal(two.pop_cv_1ms, one.pop_cv_1ms);
  assert.ok(Math.abs((one.mean_rate_hz as number) - 8.3) <= 0.83, `rate ${String(one.mean_rate_hz)}`);
  assert.ok((one.pop_cv_1ms as number) < 0.2);
});

test('--threads needs the fast grid engine', () => {
  const r = cli(['bench', 'crg', '--threads', '2', '--mode', 'exact']);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /--threads needs --mode grid/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});
