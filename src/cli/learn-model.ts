/**
 * Saving and loading learners (`refract learn fit` / `predict`): a versioned container with
 * the pipeline's options (the network is rebuilt from its seed, bit for bit) and the
 * learner's state (prototypes, stored signatures, or stored timings).
 */
import { encodeContainer, decodeContainer } from '../io/container.js';
import { writeFileAtomic } from '../io/atomic.js';
import { readBytes } from '../io/files.js';
import { InputError } from '../io/errors.js';
import type { Dataset } from '../io/datasets.js';
import { createPipeline, signatures, type PipelineOptions } from '../learn/pipeline.js';
import { createLearner, learnerModel, wrapModel, type Learner, type LearnerName } from '../learn/learners.js';
import { KNearest, NearestPrototype, type KnnVote } from '../learn/baselines.js';
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

export function loadLearner(file: string): { saved: SavedLearner; learner: Learner } {
  const v = decodeContainer(readBytes(file), KIND, 'learner', file) as SavedLearner;
  if (v.version !== VERSION) throw new InputError(`learner file version ${v.version}; this Refract reads ${VERSION}`, { file, field: 'version' });
  const p = createPipeline(v.d, v.shape, v.pipeline);
  const tauS = p.tauS;
  let model: NearestPrototype | KNearest | LatencyLearner;
  if (v.learner === 'prototype') model = NearestPrototype.fromState(p.dim, v.state as { means: Float64Array[]; counts: number[] });
  else if (v.learner === 'exemplar') {
    const s = v.state as { store: Float32Array; labels: Int32Array; count: number; next: number; k: number; vote?: KnnVote; memory: number | null };
    model = KNearest.fromState(p.dim, { k: s.k, vote: s.vote, memory: s.memory ?? undefined }, s);
  } else {
    const s = v.state as { options: ConstructorParameters<typeof LatencyLearner>[1]; outputs: StoredTiming[] };
    const lat = new LatencyLearner(p.dim, s.options);
    for (const o of s.outputs) lat.outputs.push({ label: o.label, nodes: o.nodes, latencies: o.latencies });
    model = lat;
  }
  return { saved: v, learner: wrapModel(model, tauS) };
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
