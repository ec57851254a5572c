/** Messages between the learning view and its worker. */
export type LearnerKind = 'exemplar' | 'prototype';

export type ToLearner =
  | { kind: 'present'; x: Float32Array; id: number }
  | { kind: 'teach'; x: Float32Array; label: number; id: number }
  /** The index-th test digit (never one the stream learns). */
  | { kind: 'example'; index: number; id: number }
  | { kind: 'stream'; count: number }
  | { kind: 'reset'; learner: LearnerKind };

export interface Response {
  kind: 'response';
  id: number;
  /** The presented image (28 × 28, [0, 1]). */
  x: Float32Array;
  /** Label of a bundled MNIST test digit, else −1. */
  label: number;
  /** Row of the bundled digit (in the test range), else −1. */
  row: number;
  /** First spike time (ms) of each map node, channel-major; −1 when it stayed silent. */
  times: Float32Array;
  channels: number;
  grid: [number, number];
  horizon: number;
  /** Predicted class by the learner as it is now, −1 when it cannot tell yet. */
  prediction: number;
  /** Map nodes that fired, and recurrent events processed. */
  fired: number;
  events: number;
  /** Examples learned per class when the prediction was made. */
  taught: number[];
}

export interface StreamProgress {
  kind: 'stream';
  seen: number;
  correct: number;
  /** Position of the stream in the training digits (it wraps round). */
  next: number;
  total: number;
  done: boolean;
  /** Examples learned per class so far. */
  taught: number[];
}

export interface Ready {
  kind: 'ready';
  /** Bundled digits in the stream's range and in the test range. */
  train: number;
  test: number;
  dim: number;
}

export type FromLearner = Response | StreamProgress | Ready | { kind: 'error'; message: string };
