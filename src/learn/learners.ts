/**
 * Learners without gradient descent, all online and single-pass (docs/design.md §5): learning one
 * example is storing or updating a signature. They share one interface so that every
 * protocol runs each learner — and the same learner on baseline features — the same way.
 */
import { KNearest, NearestPrototype, type KnnVote } from './baselines.js';
import { LatencyLearner, type LatencyLearnerOptions } from './latency-learner.js';

export const LEARNERS = ['prototype', 'exemplar', 'latency'] as const;
export type LearnerName = (typeof LEARNERS)[number];

export interface Learner {
  readonly name: LearnerName;
  learn(v: Float32Array, label: number): void;
  /** Predicted class, or −1 when it cannot tell (nothing learned, or no output fired). */
  predict(v: Float32Array): number;
}

export interface LearnerOptions {
  /** exemplar: neighbours that vote (default 1) and most examples kept (default: all). */
  k?: number;
  memory?: number;
  /** exemplar: how the k neighbours vote (KNearestOptions.vote). */
  vote?: KnnVote;
  /** latency: the race's parameters, and τs to turn a signature back into spike times. */
  latency?: LatencyLearnerOptions;
  tauS?: number;
}

/**
 * Spike times from a signature s = exp(−t/τs)/‖·‖: t = −τs·ln s, up to one shift common to
 * all nodes (the norm), which does not change which output wins a race. Silent: Infinity.
 */
export function timesFromSignature(v: ArrayLike<number>, tauS: number, out: Float64Array = new Float64Array(v.length)): Float64Array {
  for (let j = 0; j < v.length; j++) out[j] = v[j] > 0 ? -tauS * Math.log(v[j]) : Infinity;
  return out;
}

/** A learner that is its model: prototype (NearestPrototype) and exemplar (KNearest). */
class ModelLearner<M extends NearestPrototype | KNearest> implements Learner {
  constructor(
    readonly name: 'prototype' | 'exemplar',
    readonly model: M,
  ) {}
  learn(v: Float32Array, label: number): void {
    this.model.learn(v, label);
  }
  predict(v: Float32Array): number {
    return this.model.predict(v);
  }
}

class RaceLearner implements Learner {
  readonly name = 'latency';
  private readonly times: Float64Array;
  constructor(
    readonly model: LatencyLearner,
    readonly tauS: number,
  ) {
    this.times = new Float64Array(model.mapCount);
  }
  learn(v: Float32Array, label: number): void {
    this.model.learnTimes(timesFromSignature(v, this.tauS, this.times), label);
  }
  predict(v: Float32Array): number {
    return this.model.race(timesFromSignature(v, this.tauS, this.times))?.label ?? -1;
  }
}

export function createLearner(name: LearnerName, dim: number, o: LearnerOptions = {}): Learner {
  if (name === 'prototype') return new ModelLearner(name, new NearestPrototype(dim));
  if (name === 'exemplar') return new ModelLearner(name, new KNearest(dim, { k: o.k ?? 1, memory: o.memory, vote: o.vote }));
  return new RaceLearner(new LatencyLearner(dim, o.latency), o.tauS ?? 8);
}

/** The model inside a learner, for saving. */
export function learnerModel(l: Learner): NearestPrototype | KNearest | LatencyLearner {
  return (l as ModelLearner<NearestPrototype | KNearest> | RaceLearner).model;
}

/** Wraps a restored model as a learner. */
export function wrapModel(model: NearestPrototype | KNearest | LatencyLearner, tauS: number): Learner {
  if (model instanceof NearestPrototype) return new ModelLearner('prototype', model);
  if (model instanceof KNearest) return new ModelLearner('exemplar', model);
  return new RaceLearner(model, tauS);
}
