// Steady-state detection (src/analysis/steady.ts) on spike lists built directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { steadyState } from '../../src/analysis/steady.js';
import { createRng } from '../../src/model/random.js';

interface Spikes {
  node: Int32Array;
  time: Float64Array;
}

/** Canonical spike list (by time, then node) from pairs. */
function canonical(pairs: Array<[number, number]>): Spikes {
  pairs.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  return { node: Int32Array.from(pairs, (p) => p[0]), time: Float64Array.from(pairs, (p) => p[1]) };
}

/** Ring of N nodes with latency tau: node k mod N fires at the k-th spike, times by repeated addition. */
function ringPairs(N: number, tau: number, duration: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let t = 0;
  for (let k = 0; t < duration; k++) {
    out.push([k % N, t]);
    t += tau;
  }
  return out;
}

/**
 * Poisson population activity of n nodes with rate rateHz(t) (Hz per node, ≤ maxHz), by thinning
 * a homogeneous process; node ids uniform. Already in canonical order.
 */
function poisson(seed: number, n: number, duration: number, maxHz: number, rateHz: (t: number) => number = () => maxHz): Spikes {
  const rng = createRng(seed), rnd = () => rng.float();
  const lambda = (n * maxHz) / 1000; // population events per ms
  const node: number[] = [];
  const time: number[] = [];
  let t = 0;
  for (;;) {
    t += -Math.log(1 - rnd()) / lambda;
    if (t >= duration) break;
    const keep = rnd() * maxHz < rateHz(t);
    const j = Math.floor(rnd() * n);
    if (keep) {
      node.push(j);
      time.push(t);
    }
  }
  return { node: Int32Array.from(node), time: Float64Array.from(time) };
}

const relClose = (a: number, b: number, rel: number): boolean => Math.abs(a - b) <= rel * Math.abs(b);

test('ring without transient: periodic with period N·τ from 0', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 12 }),
      fc.double({ min: 0.05, max: 5, noNaN: true }),
      fc.integer({ min: 12, max: 40 }), // ≥ 12 cycles: the last spike is within silentAfter = 10 % of the end
      fc.double({ min: 0, max: 0.99, noNaN: true }),
      (N, tau, cycles, frac) => {
        const P = N * tau;
        const duration = P * (cycles + frac);
        const s = canonical(ringPairs(N, tau, duration));
        const r = steadyState(s, { n: N, duration });
        assert.equal(r.kind, 'periodic', r.detail);
        assert.ok(relClose(r.period!, P, 1e-9), `period ${r.period} vs ${P}`);
        assert.equal(r.since, 0);
        // each node fires once per period
        assert.ok(relClose(r.rateHz!, 1000 / P, 1.5 / cycles), `rate ${r.rateHz} vs ${1000 / P}`);
      },
    ),
  );
});

test('ring after an initial transient: periodic from the end of the transient', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 12 }),
      fc.double({ min: 0.05, max: 5, noNaN: true }),
      fc.integer({ min: 12, max: 40 }),
      fc.integer({ min: 1, max: 30 }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (N, tau, cycles, extra, seed) => {
        const P = N * tau;
        const duration = P * cycles;
        const rng = createRng(seed), rnd = () => rng.float();
        const ring = ringPairs(N, tau, duration);
        const transient: Array<[number, number]> = [];
        for (let k = 0; k < extra; k++) transient.push([Math.floor(rnd() * N), rnd() * 0.2 * duration]);
        const lastExtra = Math.max(...transient.map((p) => p[1]));
        const endOfTransient = ring.find((p) => p[1] > lastExtra)![1];
        const s = canonical([...ring, ...transient]);
        const r = steadyState(s, { n: N, duration });
        assert.equal(r.kind, 'periodic', r.detail);
        assert.ok(relClose(r.period!, P, 1e-9), `period ${r.period} vs ${P}`);
        assert.ok(r.since! > lastExtra, `since ${r.since} after the last extra spike ${lastExtra}`);
        assert.ok(r.since! <= endOfTransient, `since ${r.since} <= ${endOfTransient}`);
      },
    ),
  );
});

test('each node fires twice per period at irregular offsets: the period is found', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 20 }),
      fc.double({ min: 1, max: 50, noNaN: true }),
      fc.integer({ min: 12, max: 30 }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (N, P, cycles, seed) => {
        const rng = createRng(seed), rnd = () => rng.float();
        const duration = P * cycles;
        const pairs: Array<[number, number]> = [];
        for (let j = 0; j < N; j++) {
          const a = rnd() * P, b = rnd() * P;
          for (let k = 0; k < cycles; k++) pairs.push([j, k * P + a], [j, k * P + b]);
        }
        const s = canonical(pairs);
        const r = steadyState(s, { n: N, duration });
        assert.equal(r.kind, 'periodic', r.detail);
        assert.ok(relClose(r.period!, P, 1e-9), `period ${r.period} vs ${P}`);
        assert.equal(r.since, s.time[0]);
        // all spikes lie in [since, duration)
        const expected = s.time.length / N / ((duration - r.since) / 1000);
        assert.ok(relClose(r.rateHz!, expected, 1e-12), `rate ${r.rateHz} vs ${expected}`);
      },
    ),
  );
});

test('several firings per period with a slow node: the smallest period wins', () => {
  // node 0 fires at 0, 1, 3 (mod 10); node 1 at 5 (mod 10); node 2 at 2 and 7 (mod 10)
  const pairs: Array<[number, number]> = [];
  for (let k = 0; k < 50; k++) {
    const b = 10 * k;
    pairs.push([0, b], [0, b + 1], [0, b + 3], [1, b + 5], [2, b + 2], [2, b + 7]);
  }
  const r = steadyState(canonical(pairs), { n: 3, duration: 500 });
  assert.equal(r.kind, 'periodic');
  assert.equal(r.period, 10);
  assert.equal(r.since, 0);
  assert.ok(relClose(r.rateHz!, (6 / 3) * 100, 1e-12));
});

test('activity that grows (a node joins later) is periodic only from when it joins', () => {
  const pairs: Array<[number, number]> = [];
  for (let t = 0; t < 1000; t += 10) pairs.push([0, t]);
  for (let t = 703; t < 1000; t += 10) pairs.push([1, t]);
  const r = steadyState(canonical(pairs), { n: 2, duration: 1000 });
  assert.equal(r.kind, 'periodic', r.detail);
  assert.equal(r.period, 10);
  assert.equal(r.since, 700);
});

test('a pattern that repeats less than twice is not periodic', () => {
  // two distinct random halves: no repetition at all
  const rng = createRng(7), rnd = () => rng.float();
  const pairs: Array<[number, number]> = [];
  for (let k = 0; k < 200; k++) pairs.push([Math.floor(rnd() * 5), rnd() * 100]);
  const r = steadyState(canonical(pairs), { n: 5, duration: 100 });
  assert.notEqual(r.kind, 'periodic');
});

test('silent: spikes only in the first 10 % → since = last spike time', () => {
  const s = poisson(3, 50, 100, 20); // 100 ms of activity …
  const last = s.time[s.time.length - 1];
  const r = steadyState(s, { n: 50, duration: 1000 }); // … in a 1000 ms run
  assert.equal(r.kind, 'silent');
  assert.equal(r.since, last);
  assert.equal(r.period, null);
  assert.equal(r.rateHz, 0);
});

test('silent: empty spike list → since 0', () => {
  const r = steadyState({ node: new Int32Array(0), time: new Float64Array(0) }, { n: 10, duration: 500 });
  assert.deepEqual(
    { kind: r.kind, since: r.since, period: r.period, rateHz: r.rateHz },
    { kind: 'silent', since: 0, period: null, rateHz: 0 },
  );
});

test('silentAfter sets how long a final gap must be to count as silence', () => {
  const pairs: Array<[number, number]> = [];
  for (let t = 0; t < 1000; t += 10) pairs.push([0, t]);
  const s = canonical(pairs); // last spike at 990
  assert.equal(steadyState(s, { n: 1, duration: 1000 }).kind, 'periodic');
  assert.equal(steadyState(s, { n: 1, duration: 1000, silentAfter: 10 }).kind, 'periodic');
  const r = steadyState(s, { n: 1, duration: 1000, silentAfter: 5 });
  assert.equal(r.kind, 'silent');
  assert.equal(r.since, 990);
});

test('a periodic pattern that stops before the end is not periodic', () => {
  const pairs: Array<[number, number]> = [];
  for (let t = 0; t < 960; t += 10) pairs.push([0, t]); // stops at 950, within silentAfter = 100
  const r = steadyState(canonical(pairs), { n: 1, duration: 1000 });
  assert.notEqual(r.kind, 'periodic');
  assert.notEqual(r.kind, 'silent');
});

test('stationary: homogeneous Poisson activity → stationary from the first window', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const s = poisson(seed, 500, 1000, 10);
    const r = steadyState(s, { n: 500, duration: 1000 });
    assert.equal(r.kind, 'stationary', r.detail);
    assert.equal(r.since, 0);
    assert.equal(r.period, null);
    assert.ok(relClose(r.rateHz!, 10, 0.1), `rate ${r.rateHz}`);
  }
});

test('stationary: rate ramping up over the first 30 % → since ≥ 20 % of the duration', () => {
  for (const seed of [11, 12, 13]) {
    const D = 1000;
    const s = poisson(seed, 500, D, 10, (t) => (t < 0.3 * D ? (10 * t) / (0.3 * D) : 10));
    const r = steadyState(s, { n: 500, duration: D });
    assert.equal(r.kind, 'stationary', r.detail);
    assert.ok(r.since! >= 0.2 * D, `since ${r.since}`);
    assert.ok(r.since! <= 0.4 * D, `since ${r.since}`);
    assert.ok(relClose(r.rateHz!, 10, 0.1), `rate ${r.rateHz}`);
  }
});

test('transient: a rate that keeps growing', () => {
  const D = 1000;
  const s = poisson(21, 500, D, 100, (t) => 100 * (t / D) ** 3);
  const r = steadyState(s, { n: 500, duration: D });
  assert.equal(r.kind, 'transient', r.detail);
  assert.equal(r.since, null);
  assert.equal(r.period, null);
  assert.equal(r.rateHz, null);
});

test('input order does not matter', () => {
  const pairs: Array<[number, number]> = ringPairs(4, 1.5, 300);
  const s = canonical(pairs.slice());
  const rev = { node: s.node.slice().reverse(), time: s.time.slice().reverse() };
  assert.deepEqual(steadyState(rev, { n: 4, duration: 300 }), steadyState(s, { n: 4, duration: 300 }));
});

test('invalid options are rejected', () => {
  const s = { node: [0], time: [1] };
  assert.throws(() => steadyState(s, { n: 0, duration: 10 }), RangeError);
  assert.throws(() => steadyState(s, { n: 1, duration: 0 }), RangeError);
  assert.throws(() => steadyState(s, { n: 1, duration: 10, windows: 2 }), RangeError);
  assert.throws(() => steadyState({ node: [0, 1], time: [1] }, { n: 2, duration: 10 }), RangeError);
  assert.throws(() => steadyState({ node: [-1], time: [1] }, { n: 2, duration: 10 }), RangeError);
});

test('performance sanity: 10^6 Poisson spikes', () => {
  const s = poisson(99, 1000, 100_000, 10);
  assert.ok(s.time.length > 950_000 && s.time.length < 1_050_000, `${s.time.length} spikes`);
  const r = steadyState(s, { n: 1000, duration: 100_000 });
  assert.equal(r.kind, 'stationary', r.detail);
});
