// CRG construction against the test vectors of docs/workloads/crg.md §2 (bit for bit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crg, crgInitialPotential, crgPositionsMm, gridSteps, scaleHash } from '../../src/model/builders/crg.js';
import { h32, mix32 } from '../../src/model/hash.js';

test('hash test vectors', () => {
  assert.equal(mix32(1), 1753845952);
  assert.equal(mix32(0xdeadbeef), 3861431939);
  assert.equal(h32(1, 1, 0, 0), 1257501238);
  assert.equal(h32(42, 2, 7, 3), 2236427005);
});

test('scaleHash equals the exact integer floor(h*m/2^32)', () => {
  for (const [h, m] of [[0, 5], [0xffffffff, 999], [0xffffffff, 0xffffffff], [123456789, 9999999], [2 ** 31, 3]]) {
    const exact = Number((BigInt(h) * BigInt(m)) >> 32n);
    assert.equal(scaleHash(h, m), exact, `h=${h} m=${m}`);
  }
});

const vectors = [
  {
    N: 1000, K: 10,
    tgt: [216, 504, 258, 552, 705, 587, 711, 488, 879, 766],
    lat: [0.9806629259205164, 2.013392735100303, 1.5176612261282665],
    steps: [10, 20, 15, 20, 10, 17, 17, 11, 10, 21],
    sumTgt: 4990916, sumSteps: 183217, min: 0.5341809949893828, max: 3.4787987817366552,
  },
  {
    N: 10000, K: 100,
    tgt: [2161, 5039, 2583, 5516, 7048, 5874, 7113, 4878, 8789, 7666],
    lat: [2.067133196964687, 1.2261202494366703, 1.844409237665654],
    steps: [21, 12, 18, 12, 8, 17, 14, 12, 20, 11],
    sumTgt: 5001213978, sumSteps: 18212170, min: 0.5047078912746806, max: 3.6468684563722733,
  },
];

for (const v of vectors) {
  test(`CRG(N=${v.N}, K=${v.K}, seed=1) matches docs/workloads/crg.md test vectors`, () => {
    const net = crg(v.N, v.K, 1);
    assert.deepEqual(Array.from(crgPositionsMm(v.N, 1).slice(0, 3)), [0.2927848226390779, 0.6821600061375648, 0.3652875351253897]);
    assert.equal(crgInitialPotential(v.N, 1)[0], 0.12842986709438264);
    assert.deepEqual(Array.from(net.target.slice(0, 10)), v.tgt);
    assert.deepEqual(Array.from(net.latency.slice(0, 3)), v.lat);
    assert.deepEqual(Array.from(net.latency.slice(0, 10), (l) => gridSteps(l, 0.1)), v.steps);
    let sumT = 0, sumS = 0, mn = Infinity, mx = -Infinity;
    for (let e = 0; e < net.m; e++) {
      sumT += net.target[e];
      sumS += gridSteps(net.latency[e], 0.1);
      mn = Math.min(mn, net.latency[e]);
      mx = Math.max(mx, net.latency[e]);
    }
    assert.equal(sumT, v.sumTgt);
    assert.equal(sumS, v.sumSteps);
    assert.equal(mn, v.min);
    assert.equal(mx, v.max);
    // every node has exactly K distinct targets and no self-loop
    for (let i = 0; i < v.N; i += 97) {
      const t = new Set(net.target.slice(i * v.K, (i + 1) * v.K));
      assert.equal(t.size, v.K);
      assert.ok(!t.has(i));
    }
    // positions are stored in µm, converted after the latencies
    assert.equal(net.position![0], 0.2927848226390779 * 1000);
  });
}

test('crg rejects bad parameters', () => {
  assert.throws(() => crg(10, 10, 1), /K must be/);
  assert.throws(() => crg(1, 1, 1), /N must be/);
  assert.throws(() => crg(10, 2, -1), /seed/);
});
