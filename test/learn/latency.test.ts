// The latency learner decides by a simulated race (learning issue, acceptance 3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LatencyLearner } from '../../src/learn/latency-learner.js';

test('two classes: stored timings make the matching output fire first', () => {
  const l = new LatencyLearner(2, { select: 2, window: 0.5, thresholdFraction: 1, margin: 0.1 });
  l.learnTimes([0, 2], 0); // t_ref = 2.1: latencies 2.1 and 0.1
  l.learnTimes([1, 0], 1); // t_ref = 1.1: latencies 0.1 and 1.1
  assert.deepEqual(Array.from(l.outputs[0].latencies), [2.1, 2.1 - 2]);
  assert.deepEqual(Array.from(l.outputs[1].latencies), [1.1 - 1, 1.1]);
  // input like class 0: its arrivals at output 0 coincide at 2.1; at output 1 they come at
  // 0.1 and 3.1, 3 ms apart (> W), so output 1 never fires
  assert.deepEqual(l.race([0, 2]), { label: 0, output: 0, time: 2.1 });
  // input like class 1: output 1's arrivals coincide at 1.1 (output 0's at 3.1 and 0.1)
  assert.deepEqual(l.race([1, 0]), { label: 1, output: 1, time: 1.1 });
});

test('changing one stored latency changes the winner, as computed by hand', () => {
  const l = new LatencyLearner(2, { select: 2, window: 0.5, thresholdFraction: 1, margin: 0.1 });
  l.learnTimes([0, 2], 0);
  l.learnTimes([1, 0], 1);
  // output 1 with latencies [1.5, 0]: input [0, 2] arrives at 1.5 and 2.0 — within W = 0.5,
  // so output 1 fires at 2.0, before output 0 (2.1): the race now names class 1
  l.outputs[1].latencies.set([1.5, 0]);
  l.invalidate();
  const r = l.race([0, 2])!;
  assert.equal(r.label, 1);
  assert.ok(Math.abs(r.time - 2) < 1e-12);
  // one more tenth of a millisecond and the arrivals (1.5, 2.1) are too far apart: class 0 again
  l.outputs[1].latencies.set([1.5, 0.1]);
  l.invalidate();
  assert.equal(l.race([0, 2])!.label, 0);
});

test('silence and lowered thresholds', () => {
  const l = new LatencyLearner(4, { select: 4, window: 0.2, thresholdFraction: 1 });
  assert.equal(l.race([0, 0, 0, 0]), null); // nothing learned
  l.learnTimes([0, 1, 2, 3], 7);
  // only two of the four inputs fire: the full threshold (4) fails, half of it (2) is met
  assert.equal(l.race([0, 1, Infinity, Infinity])!.label, 7);
});
