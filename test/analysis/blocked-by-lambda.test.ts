// The blocked fraction by Λ bin behind `refract analyze`'s blocked-vs-lambda picture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ring } from '../../src/model/builders/fixtures.js';
import { Simulation } from '../../src/engine/simulation.js';
import { analyzeRun } from '../../src/analysis/run-analysis.js';
import { blockedByLambda } from '../../src/analysis/efficiency.js';

void test('blockedByLambda: bins carry their edges and counts; one Λ (a ring) is binned at that Λ', () => {
  // ring of 5, τ = 1, R = 6 > Nτ: the signal returning to node 0 at 5 ms is lost
  const net = ring({ n: 5, latency: 1, refractory: 6 });
  const spikes = new Simulation(net).force(0, 0).run(20).spikes();
  const b = blockedByLambda(net, analyzeRun(net, spikes, { duration: 20 }).fates);
  assert.equal(b.lambda.length, 1);
  assert.ok(Math.abs(b.lambda[0] / 6 - 1) < 0.01, `bin centre ${b.lambda[0]} for Λ = 6`);
  assert.ok(b.lambdaLo[0] <= 6 && 6 <= b.lambdaHi[0]);
  assert.equal(b.arrivals[0], 5);
  assert.equal(b.blocked[0], 1);
  assert.equal(b.blockedFraction[0], 0.2);
});
