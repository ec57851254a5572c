/** Messages between the learning view and its worker. */
export type LearnerKind = 'exemplar' | 'prototype';

export type ToLearner =
  | { kind: 'present'; x: Float32Array; id: number }
  | { kind: 'teach'; x: Float32Array; label: number; id: number }
  | { kind: 'example'; index: number; id: number }
  | { kind: 'stream'; count: number }
  | { kind: 'reset'; learner: LearnerKind };

export interface Response {
  kind: 'response';
  id: number;
  /** The presented image (28 × 28, [0, 1]). */
  x: Float32Array;
  /** Label of a bundled MNIST example, else −1. */
  label: number;
  /** First spike time (ms) of each map node, channel-major; −1 when it stayed silent. */
  times: Float32Array;
  channels: number;
  grid: [number, number];
  horizon: number;
  /** Predicted class, −1 when the learner cannot tell yet. */
  prediction: number;
  /** Map nodes that fired, and recurrent events processed. */
  fired: number;
  events: number;
  taught: number[];
}

export interface StreamProgress {
  kind: 'stream';
  seen: number;
  correct: number;
  /** Position of the stream in the bundled examples (it wraps round). */
  next: number;
  total: number;
  done: boolean;
}

export type FromLearner = Response | StreamProgress | { kind: 'ready'; examples: number; dim: number } | { kind: 'error'; message: string };
