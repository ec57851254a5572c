/**
 * Saving and loading learners (`refract learn fit` / `predict`): a versioned container with
 * the pipeline's options (the network is rebuilt from its seed, bit for bit) and the
 * learner's state (prototypes, stored signatures, or stored timings).
 */
import { z } from 'zod';
import { encodeContainer, decodeContainer } from '../formats/container.js';
import { fieldName, type JsonPath } from '../formats/json-text.js';
import { firstIssue } from '../formats/zod-issues.js';
import { OptionError } from '../learn/option-check.js';
import { MAX_CLASSES, MAX_DATASET_VALUES } from '../learn/pipeline.js';
import { writeFileAtomic } from '../node/atomic.js';
import { readBytes } from '../node/files.js';
import { InputError } from '../formats/errors.js';
import type { Dataset } from '../learn/datasets.js';
import { createPipeline, signatures, type PipelineOptions } from '../learn/pipeline.js';
import { createLearner, learnerModel, LEARNERS, wrapModel, type Learner, type LearnerName } from '../learn/learners.js';
import { KNearest, KNN_VOTES, NearestPrototype, type KnnVote } from '../learn/baselines.js';
import { LatencyLearner, type StoredTiming } from '../learn/latency-learner.js';
import { progressBar } from './progress.js';
import { printResult } from './output.js';

const KIND = 'refract-learner';
const VERSION = 1;

interface SavedLearner {
  format: typeof KIND;
  version: number;
  learner: LearnerName;
  d: number;
  shape: [number, number] | null;
  classes: number;
  pipeline: PipelineOptions;
  state: unknown;
}

type Reader = (file: string, labels: string | undefined, shape: [number, number] | undefined) => Dataset;

interface DataArgs {
  data?: string;
  labels?: string;
  shape?: string;
}

function load(o: DataArgs, read: Reader, parseShape: (s: string) => [number, number]): Dataset {
  if (!o.data) throw new InputError('give the data file with --data', { field: '--data' });
  const shape = o.shape ? parseShape(o.shape) : undefined;
  const ds = read(o.data, o.labels, shape);
  if (shape && !ds.shape) ds.shape = shape;
  return ds;
}

function modelState(l: Learner): unknown {
  const m = learnerModel(l);
  if (m instanceof NearestPrototype) return m.state();
  if (m instanceof KNearest) return { ...m.state(), k: m.k, vote: m.vote, memory: Number.isFinite(m.memory) ? m.memory : null };
  return { options: m.options, outputs: m.outputs.map((x) => ({ label: x.label, nodes: x.nodes, latencies: x.latencies })) };
}

export function saveLearner(file: string, l: Learner, ds: { d: number; shape: [number, number] | null; classes: number }, pipeline: PipelineOptions): void {
  const value: SavedLearner = { format: KIND, version: VERSION, learner: l.name, d: ds.d, shape: ds.shape, classes: ds.classes, pipeline, state: modelState(l) };
  writeFileAtomic(file, encodeContainer(KIND, value));
}

// ------------------------------------------------------------------ reading a learner file
//
// A learner file is input: every field is checked before anything is built from it, since
// its numbers size the network (stride, orientations), bound loops (median passes, stored
// counts) and become latencies the engine runs. Structure and types here; ranges of the
// pipeline options in the learning code itself (OptionError, see learn/option-check.ts);
// the state against the pipeline's signature dimension and the classes below.

const finite = z.number().finite();
const count = z.int().nonnegative();
const f32 = z.instanceof(Float32Array, { error: 'expected a float32 array' });
const f64 = z.instanceof(Float64Array, { error: 'expected a float64 array' });
const i32 = z.instanceof(Int32Array, { error: 'expected an int32 array' });

const savedSchema = z.looseObject({
  format: z.literal(KIND),
  version: z.literal(VERSION, { error: (iss) => `learner file version ${String(iss.input)}; this Refract reads ${VERSION}` }),
  learner: z.enum(LEARNERS),
  d: z.int().min(1).max(MAX_DATASET_VALUES),
  shape: z.tuple([z.int().min(1), z.int().min(1)]).nullable(),
  classes: z.int().min(1).max(MAX_CLASSES),
  pipeline: z.strictObject({
    encoder: z.strictObject({ orientations: finite, intensity: z.boolean(), window: finite, cutoff: finite, median: finite }).partial().optional(),
    network: z.strictObject({ stride: finite, radius: finite, spacing: finite, speed: finite, connect: finite, jitter: finite, refractory: finite, quorum: finite, seed: finite }).partial().optional(),
    tauS: finite.optional(),
    latency: z.strictObject({ select: finite, window: finite, thresholdFraction: finite, margin: finite }).partial().optional(),
    novelty: finite.optional(),
  }),
  state: z.unknown(),
});

const prototypeState = z.strictObject({ means: z.array(f64), counts: z.array(count) });
const exemplarState = z.strictObject({
  store: f32,
  labels: i32,
  count,
  next: count,
  k: z.int().min(1),
  vote: z.enum(KNN_VOTES).optional(),
  memory: z.int().min(1).nullable(),
});
const latencyState = z.strictObject({
  options: z.strictObject({ select: finite, window: finite, thresholdFraction: finite, margin: finite }).partial(),
  outputs: z.array(z.strictObject({ label: count, nodes: i32, latencies: f64 })),
});

function parseOrFail<T>(schema: z.ZodType<T>, value: unknown, fail: (field: string, detail: string) => never, prefix: JsonPath = []): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = firstIssue(r.error);
  return fail(fieldName([...prefix, ...issue.path]), issue.message);
}

/** Every value of `a` in [lo, hi) and an integer, or the first that is not. */
function firstOutside(a: ArrayLike<number>, lo: number, hi: number): number {
  for (let k = 0; k < a.length; k++) if (!(Number.isInteger(a[k]) && a[k] >= lo && a[k] < hi)) return k;
  return -1;
}

function firstNotFinite(a: ArrayLike<number>, atLeast0 = false): number {
  for (let k = 0; k < a.length; k++) if (!Number.isFinite(a[k]) || (atLeast0 && a[k] < 0)) return k;
  return -1;
}

/** The learner's model from its saved state, every value checked against dim and classes. */
function modelFromState(v: SavedLearner, dim: number, fail: (field: string, detail: string) => never): NearestPrototype | KNearest | LatencyLearner {
  const { classes } = v;
  if (v.learner === 'prototype') {
    const s = parseOrFail(prototypeState, v.state, fail, ['state']);
    if (s.means.length > classes) fail('state.means', `${s.means.length} class means for ${classes} classes`);
    if (s.counts.length !== s.means.length) fail('state.counts', `expected ${s.means.length} counts (one per class mean), got ${s.counts.length}`);
    s.means.forEach((m, c) => {
      if (m.length !== dim) fail(`state.means[${c}]`, `expected ${dim} values (the signature dimension), got ${m.length}`);
      const bad = firstNotFinite(m);
      if (bad >= 0) fail(`state.means[${c}][${bad}]`, `not a finite number: ${m[bad]}`);
    });
    return NearestPrototype.fromState(dim, s);
  }
  if (v.learner === 'exemplar') {
    const s = parseOrFail(exemplarState, v.state, fail, ['state']);
    if (s.labels.length !== s.count) fail('state.labels', `expected ${s.count} labels (state.count), got ${s.labels.length}`);
    if (s.store.length !== s.count * dim) fail('state.store', `expected ${s.count} × ${dim} values (state.count × the signature dimension), got ${s.store.length}`);
    if (s.memory !== null && s.count > s.memory) fail('state.count', `${s.count} stored examples exceed state.memory = ${s.memory}`);
    if (s.next >= Math.max(1, s.memory ?? s.count + 1)) fail('state.next', `must be below ${s.memory ?? s.count + 1}, got ${s.next}`);
    const badLabel = firstOutside(s.labels, 0, classes);
    if (badLabel >= 0) fail(`state.labels[${badLabel}]`, `must be a class 0..${classes - 1}, got ${s.labels[badLabel]}`);
    const bad = firstNotFinite(s.store);
    if (bad >= 0) fail(`state.store[${bad}]`, `not a finite number: ${s.store[bad]}`);
    return KNearest.fromState(dim, { k: s.k, vote: s.vote, memory: s.memory ?? undefined }, s);
  }
  const s = parseOrFail(latencyState, v.state, fail, ['state']);
  const lat = withField('state.', () => new LatencyLearner(dim, s.options), fail);
  s.outputs.forEach((o, k) => {
    const at = `state.outputs[${k}]`;
    if (o.label >= classes) fail(`${at}.label`, `must be a class 0..${classes - 1}, got ${o.label}`);
    if (o.nodes.length === 0 || o.latencies.length !== o.nodes.length) fail(`${at}.latencies`, `expected one latency per node (${o.nodes.length}, at least one), got ${o.latencies.length}`);
    const badNode = firstOutside(o.nodes, 0, dim);
    if (badNode >= 0) fail(`${at}.nodes[${badNode}]`, `must be a map node 0..${dim - 1}, got ${o.nodes[badNode]}`);
    const badLatency = firstNotFinite(o.latencies, true);
    if (badLatency >= 0) fail(`${at}.latencies[${badLatency}]`, `must be a finite latency >= 0 (ms), got ${o.latencies[badLatency]}`);
    lat.outputs.push({ label: o.label, nodes: o.nodes, latencies: o.latencies } satisfies StoredTiming);
  });
  return lat;
}

/** Runs `build`, turning an OptionError into `fail(prefix + its field, …)`. */
function withField<T>(prefix: string, build: () => T, fail: (field: string, detail: string) => never): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof OptionError) return fail(prefix + e.field, e.detail);
    if (e instanceof RangeError) return fail(prefix.replace(/\.$/, ''), e.message);
    throw e;
  }
}

export function loadLearner(file: string): { saved: SavedLearner; learner: Learner } {
  const fail = (field: string, detail: string): never => {
    throw new InputError(detail, { file, field: field || undefined });
  };
  const v = parseOrFail(savedSchema, decodeContainer(readBytes(file), KIND, 'learner', file), fail) as SavedLearner;
  if (v.shape && v.shape[0] * v.shape[1] !== v.d) fail('shape', `${v.shape[0]}x${v.shape[1]} has ${v.shape[0] * v.shape[1]} pixels, but d = ${v.d}`);
  const p = withField('pipeline.', () => createPipeline(v.d, v.shape, v.pipeline), fail);
  const model = modelFromState(v, p.dim, fail);
  return { saved: v, learner: wrapModel(model, p.tauS) };
}

export function fitCommand(o: DataArgs & { learner: LearnerName; model: string; k?: number; vote?: KnnVote; quiet?: boolean }, read: Reader, parseShape: (s: string) => [number, number]): void {
  const ds = load(o, read, parseShape);
  const p = createPipeline(ds.d, ds.shape);
  const l = createLearner(o.learner, p.dim, { tauS: p.tauS, latency: p.options.latency, k: o.k, vote: o.vote });
  const bar = progressBar('learn fit', o.quiet ?? false);
  let k = 0;
  const v = new Float32Array(p.dim);
  for (let i = 0; i < ds.n; i++) {
    p.extractor.extract(ds.x.subarray(i * ds.d, (i + 1) * ds.d), v);
    l.learn(v, ds.y[i]);
    bar.update(++k / ds.n);
  }
  bar.stop();
  saveLearner(o.model, l, ds, p.options);
  printResult({ command: 'learn fit', learner: o.learner, data: o.data, examples: ds.n, features: ds.d, shape: ds.shape ? `${ds.shape[0]}x${ds.shape[1]}` : null, classes: ds.classes, signature_dim: p.dim }, false, [o.model]);
}

export function predictCommand(o: DataArgs & { model: string; out: string; json?: boolean; quiet?: boolean }, read: Reader, parseShape: (s: string) => [number, number]): void {
  const { saved, learner } = loadLearner(o.model);
  const ds = load(o, read, parseShape);
  if (ds.d !== saved.d) throw new InputError(`rows have ${ds.d} features; the learner was fitted on ${saved.d}`, { file: o.data, field: 'columns' });
  const p = createPipeline(saved.d, saved.shape, saved.pipeline);
  const bar = progressBar('learn predict', o.quiet ?? false);
  const sig = signatures(p, ds, undefined, () => undefined);
  const pred = new Int32Array(ds.n);
  let ok = 0;
  for (let i = 0; i < ds.n; i++) {
    pred[i] = learner.predict(sig.subarray(i * p.dim, (i + 1) * p.dim));
    if (pred[i] === ds.y[i]) ok++;
    bar.update((i + 1) / ds.n);
  }
  bar.stop();
  const lines = ['row,label,predicted', ...Array.from(pred, (y, i) => `${i},${ds.y[i]},${y}`)];
  writeFileAtomic(o.out, lines.join('\n') + '\n');
  printResult({ command: 'learn predict', learner: saved.learner, data: o.data, examples: ds.n, accuracy: ok / ds.n }, o.json ?? false, [o.out]);
}
