/**
 * Encode → run dynamics → signature (docs/design.md §5), with the defaults chosen on a validation
 * split of the MNIST training pool (per class the last 20 % of the pool; never the test set):
 * three passes of a 3 × 3 median, 16 gradient-direction channels, map nodes every 2 pixels
 * with an 8-pixel input field, τs = 8 ms, novelty 0.5 for the (centred) online clusters. Also
 * the features of the baselines: raw inputs and
 * a random projection.
 */
import { createEncoder, type EncoderOptions } from './encoder.js';
import { buildDynamicNetwork, type DynamicNetwork, type DynamicNetworkOptions } from './dynamic-network.js';
import { SignatureExtractor } from './signature.js';
import { randomProjection } from './baselines.js';
import { l2normalize } from './vectors.js';
import type { LatencyLearnerOptions } from './latency-learner.js';

/**
 * Most classes a data set may have: labels are 0..999. Per-class arrays, class-balanced
 * sampling and the matching of clusters to classes (cubic in the classes) all size
 * themselves by it, so one label of 10^9 in a file would allocate gigabytes or run for
 * hours; 1000 is ImageNet's count, far above MNIST's 10.
 */
export const MAX_CLASSES = 1000;

/**
 * Most feature values (rows × features) of a data set: 2^28 = 268,435,456 values, 1 GiB as
 * float32 (60,000 MNIST digits are 4.7 × 10^7).
 */
export const MAX_DATASET_VALUES = 2 ** 28;

/** Labelled rows: what a learning run needs to know about its data. */
export interface LabelledData {
  name: string;
  /** n × d, row-major, values in [0, 1]. */
  x: Float32Array;
  /** Class of each row, 0..classes-1. */
  y: Int32Array;
  n: number;
  d: number;
  /** Image height × width (h·w = d), or null for data that are not images. */
  shape: [number, number] | null;
  classes: number;
}

export interface PipelineOptions {
  encoder?: Omit<EncoderOptions, 'shape'>;
  network?: DynamicNetworkOptions;
  tauS?: number;
  latency?: LatencyLearnerOptions;
  /** Novelty threshold of the unsupervised learner. */
  novelty?: number;
}

export const LEARN_DEFAULTS = {
  encoder: { orientations: 16, intensity: false, window: 2, cutoff: 0.2, median: 3 },
  network: { stride: 2, radius: 8, speed: 5, spacing: 10, connect: 1, seed: 1 },
  tauS: 8,
  latency: { select: 128, window: 6, thresholdFraction: 0.4, margin: 0.1 },
  novelty: 0.5,
} as const;

export interface Pipeline {
  dn: DynamicNetwork;
  extractor: SignatureExtractor;
  dim: number;
  tauS: number;
  options: Required<PipelineOptions>;
}

export function createPipeline(d: number, shape: [number, number] | null, o: PipelineOptions = {}): Pipeline {
  const options: Required<PipelineOptions> = {
    encoder: { ...LEARN_DEFAULTS.encoder, ...o.encoder },
    network: { ...LEARN_DEFAULTS.network, ...o.network },
    tauS: o.tauS ?? LEARN_DEFAULTS.tauS,
    latency: { ...LEARN_DEFAULTS.latency, ...o.latency },
    novelty: o.novelty ?? LEARN_DEFAULTS.novelty,
  };
  // plain vectors have no geometry for gradients: intensity channel only
  const enc = createEncoder(d, shape ? { ...options.encoder, shape } : { ...options.encoder, shape: null, orientations: 0, intensity: true });
  const dn = buildDynamicNetwork(enc, options.network);
  const extractor = new SignatureExtractor(dn, { tauS: options.tauS });
  return { dn, extractor, dim: extractor.dim, tauS: options.tauS, options };
}

/** Signatures of all rows (n × dim, row-major). */
export function signatures(p: Pipeline, data: { x: Float32Array; n: number; d: number }, rows?: ArrayLike<number>, onRow?: () => void): Float32Array {
  const count = rows ? rows.length : data.n;
  const out = new Float32Array(count * p.dim);
  for (let k = 0; k < count; k++) {
    const i = rows ? rows[k] : k;
    p.extractor.extract(data.x.subarray(i * data.d, (i + 1) * data.d), out.subarray(k * p.dim, (k + 1) * p.dim));
    onRow?.();
  }
  return out;
}

/** Raw inputs, L2-normalised (the pixel baselines' features). */
export function rawFeatures(data: { x: Float32Array; n: number; d: number }): Float32Array {
  const out = new Float32Array(data.n * data.d);
  for (let i = 0; i < data.n; i++) l2normalize(data.x.subarray(i * data.d, (i + 1) * data.d), out.subarray(i * data.d, (i + 1) * data.d));
  return out;
}

/**
 * A seeded random projection of the raw input to `dim` dimensions, made non-negative and
 * normalised like a signature (|·| then L2), so the same learners apply to it unchanged.
 */
export function projectionFeatures(data: { x: Float32Array; n: number; d: number }, dim: number, seed: number): Float32Array {
  const proj = randomProjection(data.d, dim, seed);
  const out = new Float32Array(data.n * dim);
  for (let i = 0; i < data.n; i++) {
    const v = proj(data.x.subarray(i * data.d, (i + 1) * data.d));
    for (let j = 0; j < dim; j++) v[j] = Math.abs(v[j]);
    l2normalize(v, out.subarray(i * dim, (i + 1) * dim));
  }
  return out;
}
