/**
 * Evaluation protocols (`refract learn eval`). Every learner on the network's signatures is
 * run beside baselines on the same split in the same process: k-nearest and nearest
 * prototype on raw inputs (`pixels-knn`, `pixels-prototype`), k-means on raw inputs
 * (`pixels-kmeans`) and each learner on a random projection of the raw input with the
 * signature's dimension (`projection-<learner>`). Seeds fix every random choice.
 */
import { createRng } from '../model/random.js';
import { kmeans, KNearest, NearestPrototype, randomProjection, type KnnVote } from './baselines.js';
import { l2normalize } from './vectors.js';
import { createLearner, LEARNERS, type Learner, type LearnerName } from './learners.js';
import { OnlineClusters } from './cluster.js';
import { clusterAccuracy, meanSd, nmi } from './metrics.js';
import { projectionFeatures, rawFeatures, signatures, type LabelledData, type Pipeline } from './pipeline.js';
import { corrupt, type Corruption } from './noise.js';

export const PROTOCOLS = ['shots', 'unsupervised', 'noise', 'lesion', 'continual', 'throughput'] as const;
export type ProtocolName = (typeof PROTOCOLS)[number];

export interface ProtocolOptions {
  seeds: number;
  /** First seed; seed s of a run is seed + s. */
  seed: number;
  /** Examples per class ('all' = the whole training pool). */
  shots: (number | 'all')[];
  /** Test examples used (stratified: the first of each class, in order). */
  limitTest?: number;
  learners?: LearnerName[];
  /** Neighbours that vote in k-nearest learners (exemplar, projection-exemplar, pixels-knn). Default 1. */
  k?: number;
  /** How k-nearest neighbours vote, for every k-nearest system alike. Default 'majority'. */
  vote?: KnnVote;
  onProgress?: (fraction: number) => void;
}

export type Row = Record<string, unknown>;

export interface ProtocolResult {
  rows: Row[];
  /** Series for the protocol's accuracy plot: x values per learner. */
  plot: { xTitle: string; yTitle: string; logX?: boolean; series: { name: string; x: number[]; y: number[] }[] };
}

/** Features of one split, computed once and shared by the runs of a protocol. */
interface Features {
  sig: Float32Array;
  raw: Float32Array;
  /** Random-projection features of a seed, computed row by row when first needed. */
  proj: (seed: number) => Float32Array;
}

interface Context {
  p: Pipeline;
  train: LabelledData;
  test: LabelledData;
  testRows: number[];
  ftr: Features;
  fte: Features;
  o: ProtocolOptions;
}

/** The latency learner races one output node per stored example: too slow beyond this. */
const LATENCY_MAX_STORED = 500;

export function stratifiedRows(data: LabelledData, limit?: number): number[] {
  if (!limit || limit >= data.n) return Array.from({ length: data.n }, (_, i) => i);
  const per = Math.ceil(limit / data.classes);
  const taken = new Array<number>(data.classes).fill(0);
  const rows: number[] = [];
  for (let i = 0; i < data.n && rows.length < limit; i++) if (taken[data.y[i]]++ < per) rows.push(i);
  return rows;
}

/** k examples per class from the training pool, shuffled by the seed (class-interleaved order). */
export function sampleShots(data: LabelledData, k: number | 'all', seed: number): number[] {
  const rng = createRng(seed);
  const byClass: number[][] = Array.from({ length: data.classes }, () => []);
  for (let i = 0; i < data.n; i++) byClass[data.y[i]].push(i);
  const chosen: number[] = [];
  for (const ids of byClass) {
    for (let i = ids.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [ids[i], ids[j]] = [ids[j], ids[i]];
    }
    chosen.push(...(k === 'all' ? ids : ids.slice(0, k)));
  }
  for (let i = chosen.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [chosen[i], chosen[j]] = [chosen[j], chosen[i]];
  }
  return chosen;
}

function features(p: Pipeline, data: LabelledData, rows: number[] | null, tick: () => void, lazy: boolean): Features {
  const sub = rows ? selectRows(data, rows) : data;
  const sig = lazy ? lazySignatures(p, sub) : signatures(p, sub, undefined, tick);
  const raw = rawFeatures(sub);
  const cache = new Map<number, Float32Array>();
  return {
    sig,
    raw,
    proj: (seed) => {
      let f = cache.get(seed);
      if (!f) cache.set(seed, (f = lazyProjection(sub, p.dim, seed)));
      return f;
    },
  };
}

/**
 * A projection feature array whose rows are filled on first access through `vec` (a full
 * projection of 8,000 images costs 10^10 multiply-adds; few-shot runs touch a few rows).
 */
const lazyRows = new WeakMap<Float32Array, { filled: Uint8Array; fill: (i: number) => void }>();

/** Signatures filled row by row on first access (a few-shot run simulates only what it learns). */
function lazySignatures(p: Pipeline, data: LabelledData): Float32Array {
  const out = new Float32Array(data.n * p.dim);
  const filled = new Uint8Array(data.n);
  lazyRows.set(out, {
    filled,
    fill: (i) => {
      p.extractor.extract(data.x.subarray(i * data.d, (i + 1) * data.d), out.subarray(i * p.dim, (i + 1) * p.dim));
      filled[i] = 1;
    },
  });
  return out;
}

function lazyProjection(data: LabelledData, dim: number, seed: number): Float32Array {
  const out = new Float32Array(data.n * dim);
  const proj = randomProjection(data.d, dim, seed);
  const filled = new Uint8Array(data.n);
  lazyRows.set(out, {
    filled,
    fill: (i) => {
      const v = proj(data.x.subarray(i * data.d, (i + 1) * data.d));
      for (let j = 0; j < dim; j++) v[j] = Math.abs(v[j]);
      l2normalize(v, out.subarray(i * dim, (i + 1) * dim));
      filled[i] = 1;
    },
  });
  return out;
}

function selectRows(data: LabelledData, rows: number[]): LabelledData {
  const x = new Float32Array(rows.length * data.d);
  rows.forEach((i, k) => x.set(data.x.subarray(i * data.d, (i + 1) * data.d), k * data.d));
  return { ...data, x, y: Int32Array.from(rows, (i) => data.y[i]), n: rows.length };
}

export function makeContext(p: Pipeline, train: LabelledData, test: LabelledData, o: ProtocolOptions, progress = (f: number) => o.onProgress?.(f)): Context {
  const testRows = stratifiedRows(test, o.limitTest);
  let done = 0;
  const total = testRows.length;
  const tick = () => {
    if (++done % 64 === 0) progress(done / total);
  };
  // training signatures are simulated when first learned, test ones all up front
  const ftr = features(p, train, null, tick, true);
  const fte = features(p, test, testRows, tick, false);
  return { p, train, test: selectRows(test, testRows), testRows, ftr, fte, o };
}

function vec(f: Float32Array, dim: number, i: number): Float32Array {
  const lazy = lazyRows.get(f);
  if (lazy && !lazy.filled[i]) lazy.fill(i);
  return f.subarray(i * dim, (i + 1) * dim);
}

function evaluate(l: { predict(v: Float32Array): number }, f: Float32Array, dim: number, y: Int32Array, rows?: number[]): number {
  let ok = 0, n = 0;
  const ids = rows ?? Array.from({ length: y.length }, (_, i) => i);
  for (const i of ids) {
    n++;
    if (l.predict(vec(f, dim, i)) === y[i]) ok++;
  }
  return n ? ok / n : NaN;
}

/** The systems compared: learners on signatures, on projections, and pixel baselines. */
interface System {
  name: string;
  make: () => { learn(v: Float32Array, y: number): void; predict(v: Float32Array): number };
  train: (seed: number) => Float32Array;
  test: (seed: number) => Float32Array;
  dim: number;
  maxStored?: number;
}

function systems(c: Context): System[] {
  const { p, ftr, fte, o } = c;
  const learners = o.learners ?? [...LEARNERS];
  const lo = { tauS: p.tauS, latency: p.options.latency, k: o.k, vote: o.vote };
  const out: System[] = [];
  for (const name of learners)
    out.push({ name, make: () => createLearner(name, p.dim, lo), train: () => ftr.sig, test: () => fte.sig, dim: p.dim, maxStored: name === 'latency' ? LATENCY_MAX_STORED : undefined });
  out.push({ name: 'pixels-knn', make: () => new KNearest(c.train.d, { k: o.k ?? 1, vote: o.vote }), train: () => ftr.raw, test: () => fte.raw, dim: c.train.d });
  out.push({ name: 'pixels-prototype', make: () => new NearestPrototype(c.train.d), train: () => ftr.raw, test: () => fte.raw, dim: c.train.d });
  for (const name of learners)
    out.push({
      name: `projection-${name}`,
      make: () => createLearner(name, p.dim, lo),
      train: (s) => ftr.proj(s),
      test: (s) => fte.proj(s),
      dim: p.dim,
      maxStored: name === 'latency' ? LATENCY_MAX_STORED : undefined,
    });
  return out;
}

// ---------------------------------------------------------------------------------- shots

export function shotsProtocol(c: Context): ProtocolResult {
  const { o } = c;
  const sys = systems(c);
  const rows: Row[] = [];
  const series = new Map<string, { x: number[]; y: number[] }>();
  let step = 0;
  const steps = o.shots.length * sys.length;
  for (const k of o.shots) {
    for (const s of sys) {
      const n = k === 'all' ? c.train.n : k * c.train.classes;
      if (s.maxStored && n > s.maxStored) {
        rows.push({ protocol: 'shots', learner: s.name, shots: k, skipped: `more than ${s.maxStored} stored examples (one output node each)` });
        continue;
      }
      const accs: number[] = [];
      for (let r = 0; r < o.seeds; r++) {
        const seed = o.seed + r;
        const l = s.make();
        const ftr = s.train(seed), fte = s.test(seed);
        for (const i of sampleShots(c.train, k, seed)) l.learn(vec(ftr, s.dim, i), c.train.y[i]);
        accs.push(evaluate(l, fte, s.dim, c.test.y));
      }
      const m = meanSd(accs);
      rows.push({ protocol: 'shots', learner: s.name, shots: k, accuracy_mean: m.mean, accuracy_sd: o.seeds > 1 ? m.sd : 0, seeds: o.seeds, n_test: c.test.n });
      if (!series.has(s.name)) series.set(s.name, { x: [], y: [] });
      series.get(s.name)!.x.push(k === 'all' ? c.train.n / c.train.classes : k);
      series.get(s.name)!.y.push(m.mean);
      o.onProgress?.(++step / steps);
    }
  }
  return { rows, plot: { xTitle: 'examples per class (log scale; "all" at the pool size)', yTitle: 'test accuracy', logX: true, series: [...series].map(([name, v]) => ({ name, ...v })) } };
}

// ---------------------------------------------------------------------------------- unsupervised

export function unsupervisedProtocol(c: Context): ProtocolResult {
  const { o, p } = c;
  const K = c.train.classes;
  const rows: Row[] = [];
  const score = (name: string, runs: { acc: number; nmi: number; clusters: number }[]) => {
    const a = meanSd(runs.map((r) => r.acc)), b = meanSd(runs.map((r) => r.nmi));
    rows.push({ protocol: 'unsupervised', learner: name, clusters: K, fine_clusters_mean: meanSd(runs.map((r) => r.clusters)).mean, accuracy_mean: a.mean, accuracy_sd: o.seeds > 1 ? a.sd : 0, nmi_mean: b.mean, nmi_sd: o.seeds > 1 ? b.sd : 0, seeds: o.seeds, n_test: c.test.n });
  };
  const online = (ftr: Float32Array, fte: Float32Array, dim: number, seed: number) => {
    const cl = new OnlineClusters(dim, { novelty: p.options.novelty });
    for (const i of sampleShots(c.train, 'all', seed)) cl.learn(vec(ftr, dim, i)); // labels unused
    const fine = cl.centres.length;
    cl.consolidate(K);
    const assign = Int32Array.from({ length: c.test.n }, (_, i) => cl.assign(vec(fte, dim, i)));
    return { acc: clusterAccuracy(assign, c.test.y, K, K), nmi: nmi(assign, c.test.y), clusters: fine };
  };
  const runs = { cluster: [] as ReturnType<typeof online>[], proj: [] as ReturnType<typeof online>[], km: [] as ReturnType<typeof online>[] };
  for (let r = 0; r < o.seeds; r++) {
    const seed = o.seed + r;
    runs.cluster.push(online(c.ftr.sig, c.fte.sig, p.dim, seed));
    runs.proj.push(online(c.ftr.proj(seed), c.fte.proj(seed), p.dim, seed));
    const km = kmeans(c.ftr.raw, c.train.n, c.train.d, K, seed);
    const assign = Int32Array.from({ length: c.test.n }, (_, i) => nearestCentroid(km.centroids, K, c.train.d, vec(c.fte.raw, c.train.d, i)));
    runs.km.push({ acc: clusterAccuracy(assign, c.test.y, K, K), nmi: nmi(assign, c.test.y), clusters: K });
    o.onProgress?.((r + 1) / o.seeds);
  }
  score('cluster', runs.cluster);
  score('projection-cluster', runs.proj);
  score('pixels-kmeans', runs.km);
  return { rows, plot: { xTitle: 'method', yTitle: 'cluster accuracy', series: rows.map((r, k) => ({ name: String(r.learner), x: [k], y: [r.accuracy_mean as number] })) } };
}

function nearestCentroid(cent: Float64Array, k: number, d: number, v: Float32Array): number {
  let best = -1, bd = Infinity;
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const t = v[j] - cent[c * d + j];
      s += t * t;
    }
    if (s < bd) {
      bd = s;
      best = c;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------- noise and lesion

function shotsFor(o: ProtocolOptions): number | 'all' {
  return o.shots[0] ?? 10;
}

/** Trains every system once per seed on clean data; `evaluateWith` scores it on altered tests. */
function robustness(c: Context, protocol: string, levels: { label: string; value: number; kind?: string }[], testFeatures: (level: { label: string; value: number; kind?: string }, system: string, seed: number) => Float32Array | null): ProtocolResult {
  const { o } = c;
  const k = shotsFor(o);
  const sys = systems(c).filter((s) => !(s.maxStored && (k === 'all' ? c.train.n : k * c.train.classes) > s.maxStored));
  const acc = new Map<string, number[][]>(); // system|level → per seed
  let step = 0;
  for (let r = 0; r < o.seeds; r++) {
    const seed = o.seed + r;
    for (const s of sys) {
      const l = s.make();
      const ftr = s.train(seed);
      for (const i of sampleShots(c.train, k, seed)) l.learn(vec(ftr, s.dim, i), c.train.y[i]);
      for (const lv of levels) {
        const f = testFeatures(lv, s.name, seed);
        if (!f) continue;
        const key = `${s.name}|${lv.label}`;
        if (!acc.has(key)) acc.set(key, []);
        acc.get(key)!.push([evaluate(l, f, s.dim, c.test.y)]);
      }
      o.onProgress?.(++step / (o.seeds * sys.length));
    }
  }
  const rows: Row[] = [];
  const series = new Map<string, { x: number[]; y: number[] }>();
  for (const s of sys)
    for (const lv of levels) {
      const v = acc.get(`${s.name}|${lv.label}`);
      if (!v) continue;
      const m = meanSd(v.map((x) => x[0]));
      const clean = meanSd((acc.get(`${s.name}|${levels[0].label}`) ?? v).map((x) => x[0])).mean;
      rows.push({ protocol, learner: s.name, shots: k, level: lv.label, kind: lv.kind ?? protocol, amount: lv.value, accuracy_mean: m.mean, accuracy_sd: o.seeds > 1 ? m.sd : 0, drop_points: 100 * (clean - m.mean), seeds: o.seeds, n_test: c.test.n });
      const key = lv.kind ? `${s.name} (${lv.kind})` : s.name;
      if (!series.has(key)) series.set(key, { x: [], y: [] });
      series.get(key)!.x.push(lv.value);
      series.get(key)!.y.push(m.mean);
    }
  return { rows, plot: { xTitle: protocol === 'lesion' ? 'fraction of nodes removed (pixels for pixel baselines)' : 'noise amount (salt-and-pepper fraction, Gaussian σ)', yTitle: 'test accuracy', series: [...series].map(([name, v]) => ({ name, ...v })) } };
}

export function noiseProtocol(c: Context): ProtocolResult {
  const levels = [
    { label: 'clean', value: 0, kind: 'salt-and-pepper' },
    ...[0.05, 0.1, 0.2, 0.3].map((v) => ({ label: `salt-and-pepper ${v}`, value: v, kind: 'salt-and-pepper' })),
    ...[0.1, 0.2, 0.3, 0.5].map((v) => ({ label: `gaussian ${v}`, value: v, kind: 'gaussian' })),
  ];
  const cache = new Map<string, LabelledData>();
  const noisy = (lv: { label: string; value: number; kind?: string }, seed: number): LabelledData => {
    const key = `${lv.label}|${seed}`;
    let d = cache.get(key);
    if (!d) cache.set(key, (d = lv.value === 0 ? c.test : corrupt(c.test, lv.kind as Corruption, lv.value, seed + 7919)));
    return d;
  };
  const featCache = new Map<string, Float32Array>();
  return robustness(c, 'noise', levels, (lv, system, seed) => {
    const kind = system.startsWith('pixels') ? 'raw' : system.startsWith('projection') ? 'proj' : 'sig';
    if (lv.value === 0) return kind === 'raw' ? c.fte.raw : kind === 'proj' ? c.fte.proj(seed) : c.fte.sig;
    const key = `${kind}|${lv.label}|${seed}`;
    let f = featCache.get(key);
    if (!f) {
      const d = noisy(lv, seed);
      f = kind === 'raw' ? rawFeatures(d) : kind === 'proj' ? projectionFeatures(d, c.p.dim, seed) : signatures(c.p, d);
      featCache.set(key, f);
    }
    return f;
  });
}

export function lesionProtocol(c: Context): ProtocolResult {
  const fractions = [0, 0.1, 0.2, 0.3, 0.4, 0.5];
  const levels = fractions.map((v) => ({ label: `${Math.round(v * 100)} %`, value: v }));
  const featCache = new Map<string, Float32Array>();
  const n = c.p.dn.net.n;
  return robustness(c, 'lesion', levels, (lv, system, seed) => {
    if (system.startsWith('projection')) return null; // a projection has no nodes to lose
    const pixels = system.startsWith('pixels');
    if (lv.value === 0) return pixels ? c.fte.raw : c.fte.sig;
    const key = `${pixels}|${lv.label}|${seed}`;
    let f = featCache.get(key);
    if (!f) {
      const rng = createRng(seed + 104729);
      if (pixels) {
        // the comparable damage for raw inputs: the same fraction of pixels lost
        const drop = Uint8Array.from({ length: c.test.d }, () => (rng.float() < lv.value ? 1 : 0));
        const x = c.test.x.map((v, i) => (drop[i % c.test.d] ? 0 : v));
        f = rawFeatures({ ...c.test, x });
      } else {
        const mask = Uint8Array.from({ length: n }, () => (rng.float() < lv.value ? 1 : 0));
        c.p.extractor.lesion = lv.value > 0 ? mask : null;
        try {
          f = signatures(c.p, c.test);
        } finally {
          c.p.extractor.lesion = null;
        }
      }
      featCache.set(key, f);
    }
    return f;
  });
}

// ---------------------------------------------------------------------------------- continual

export function continualProtocol(c: Context): ProtocolResult {
  const { o } = c;
  const k = shotsFor(o);
  const K = c.train.classes;
  const stepsList: number[][] = [];
  for (let a = 0; a < K; a += 2) stepsList.push([a, a + 1].filter((x) => x < K));
  const sys = systems(c).filter((s) => !(s.maxStored && (k === 'all' ? c.train.n : k * K) > s.maxStored));
  const rows: Row[] = [];
  const series: { name: string; x: number[]; y: number[] }[] = [];
  let done = 0;
  for (const s of sys) {
    const perStep: number[][] = stepsList.map(() => []);
    const forgetting: number[] = [];
    const orderCost: number[] = [];
    for (let r = 0; r < o.seeds; r++) {
      const seed = o.seed + r;
      const l = s.make();
      const ftr = s.train(seed), fte = s.test(seed);
      const pool = sampleShots(c.train, k, seed);
      const best = new Array<number>(K).fill(NaN);
      const seen: number[] = [];
      stepsList.forEach((cls, si) => {
        for (const i of pool) if (cls.includes(c.train.y[i])) l.learn(vec(ftr, s.dim, i), c.train.y[i]);
        seen.push(...cls);
        const testSeen = Array.from({ length: c.test.n }, (_, i) => i).filter((i) => seen.includes(c.test.y[i]));
        perStep[si].push(evaluate(l, fte, s.dim, c.test.y, testSeen));
        for (const q of seen) {
          const a = evaluate(l, fte, s.dim, c.test.y, testSeen.filter((i) => c.test.y[i] === q));
          best[q] = Number.isNaN(best[q]) ? a : Math.max(best[q], a);
        }
      });
      // forgetting: best accuracy a class ever had minus its final accuracy, averaged
      const all = Array.from({ length: c.test.n }, (_, i) => i);
      let f = 0;
      for (let q = 0; q < K; q++) f += best[q] - evaluate(l, fte, s.dim, c.test.y, all.filter((i) => c.test.y[i] === q));
      forgetting.push((100 * f) / K);
      // the same examples learned all at once, in the pool's order: what the stream cost
      const joint = s.make();
      for (const i of pool) joint.learn(vec(ftr, s.dim, i), c.train.y[i]);
      orderCost.push(100 * (evaluate(joint, fte, s.dim, c.test.y) - evaluate(l, fte, s.dim, c.test.y)));
      o.onProgress?.(++done / (sys.length * o.seeds));
    }
    stepsList.forEach((cls, si) => {
      const m = meanSd(perStep[si]);
      rows.push({ protocol: 'continual', learner: s.name, shots: k, step: si + 1, classes_seen: stepsList.slice(0, si + 1).flat().length, new_classes: cls, accuracy_mean: m.mean, accuracy_sd: o.seeds > 1 ? m.sd : 0, seeds: o.seeds });
    });
    const fm = meanSd(forgetting);
    rows.push({
      protocol: 'continual',
      learner: s.name,
      shots: k,
      step: 'final',
      forgetting_points: fm.mean,
      forgetting_sd: o.seeds > 1 ? fm.sd : 0,
      order_cost_points: meanSd(orderCost).mean,
      accuracy_mean: meanSd(perStep[perStep.length - 1]).mean,
      accuracy_sd: 0,
      seeds: o.seeds,
    });
    series.push({ name: s.name, x: stepsList.map((_, i) => i + 1), y: perStep.map((v) => meanSd(v).mean) });
  }
  return { rows, plot: { xTitle: 'step (two new classes per step)', yTitle: 'accuracy on all classes seen so far', series } };
}

// ---------------------------------------------------------------------------------- throughput

/** Examples learned and classified per second, end to end (encoding and simulation included). */
export function throughputProtocol(p: Pipeline, train: LabelledData, test: LabelledData, o: ProtocolOptions): ProtocolResult {
  const k = shotsFor(o);
  const rows: Row[] = [];
  const learners = o.learners ?? [...LEARNERS];
  const lo = { tauS: p.tauS, latency: p.options.latency };
  const learnRows = sampleShots(train, k, o.seed);
  const testRows = stratifiedRows(test, o.limitTest ?? 500);
  const v = new Float32Array(p.dim);
  learners.forEach((name, li) => {
    const l: Learner = createLearner(name, p.dim, lo);
    let events = 0;
    let t0 = performance.now();
    for (const i of learnRows) {
      p.extractor.extract(train.x.subarray(i * train.d, (i + 1) * train.d), v);
      events += p.extractor.lastEvents;
      l.learn(v, train.y[i]);
    }
    const learnS = (performance.now() - t0) / 1000;
    t0 = performance.now();
    let ok = 0;
    for (const i of testRows) {
      p.extractor.extract(test.x.subarray(i * test.d, (i + 1) * test.d), v);
      events += p.extractor.lastEvents;
      if (l.predict(v) === test.y[i]) ok++;
    }
    const classifyS = (performance.now() - t0) / 1000;
    rows.push({
      protocol: 'throughput',
      learner: name,
      shots: k,
      learned: learnRows.length,
      classified: testRows.length,
      learn_per_s: learnRows.length / learnS,
      classify_per_s: testRows.length / classifyS,
      examples_per_s: (learnRows.length + testRows.length) / (learnS + classifyS),
      events_per_example: events / (learnRows.length + testRows.length),
      accuracy_mean: ok / testRows.length,
      accuracy_sd: 0,
    });
    o.onProgress?.((li + 1) / learners.length);
  });
  return { rows, plot: { xTitle: 'learner', yTitle: 'examples per second', series: rows.map((r, i) => ({ name: String(r.learner), x: [i], y: [r.examples_per_s as number] })) } };
}

export function runProtocol(name: ProtocolName, p: Pipeline, train: LabelledData, test: LabelledData, o: ProtocolOptions): ProtocolResult {
  if (name === 'throughput') return throughputProtocol(p, train, test, o);
  // features of every example first (about half the work), then the protocol
  const c = makeContext(p, train, test, o, (f) => o.onProgress?.(f / 2));
  const inner = { ...o, onProgress: (f: number) => o.onProgress?.(0.5 + f / 2) };
  const ctx = { ...c, o: inner };
  if (name === 'shots') return shotsProtocol(ctx);
  if (name === 'unsupervised') return unsupervisedProtocol(ctx);
  if (name === 'noise') return noiseProtocol(ctx);
  if (name === 'lesion') return lesionProtocol(ctx);
  return continualProtocol(ctx);
}
