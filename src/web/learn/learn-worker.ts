/**
 * The learning worker: the pipeline of `refract learn` (encode → dynamics of a fixed
 * geometric network → signature) and an online learner without gradients. Teaching one
 * example stores its signature; the next prediction already uses it. The worker keeps the
 * input on show and answers for it again whenever the learner changes (a teach, a stream, a
 * reset), so the view never shows a prediction or a count of an older learner.
 */
import { createLearner, type Learner } from '../../learn/learners.js';
import { createPipeline } from '../../learn/pipeline.js';
import { loadDigits } from './mnist-subset.js';
import { split } from './split.js';
import type { FromLearner, LearnerKind, Response, ToLearner } from './protocol.js';

interface Scope {
  postMessage(m: FromLearner, transfer?: Transferable[]): void;
  onmessage: ((ev: MessageEvent<ToLearner>) => void) | null;
}
const scope = self as unknown as Scope;

const digits = loadDigits();
const rows = split(digits);
const pipeline = createPipeline(784, [28, 28]);
const dim = pipeline.dim;
let learner: Learner = createLearner('exemplar', dim);
let taught = new Array<number>(10).fill(0);
let streamAt = 0;
const sig = new Float32Array(dim);
/** The input on show, answered for again after the learner changes. */
let shown: { id: number; x: Float32Array; label: number; row: number } | null = null;

function respond(id: number, x: Float32Array, label: number, row = -1): void {
  shown = { id, x: x.slice(), label, row };
  pipeline.extractor.extract(x, sig);
  const prediction = learner.predict(sig);
  const t = pipeline.extractor.times;
  const times = new Float32Array(t.length);
  let fired = 0;
  for (let k = 0; k < t.length; k++) {
    times[k] = Number.isFinite(t[k]) ? t[k] : -1;
    if (times[k] >= 0) fired++;
  }
  const dn = pipeline.dn;
  const r: Response = {
    kind: 'response',
    id,
    x: x.slice(),
    label,
    row,
    times,
    channels: dn.encoder.channels,
    grid: dn.mapGrid,
    horizon: dn.horizon,
    prediction,
    fired,
    events: pipeline.extractor.lastEvents,
    taught: [...taught],
  };
  scope.postMessage(r, [r.x.buffer, r.times.buffer]);
}

function image(row: number): Float32Array {
  return digits.x.subarray(row * 784, (row + 1) * 784);
}

/** The prediction (and counts) for the input on show, after the learner changed. */
function refresh(): void {
  if (shown) respond(shown.id, shown.x, shown.label, shown.row);
}

/** Prequential (test-then-train) accuracy over the next `count` training digits. */
function stream(count: number): void {
  let seen = 0, correct = 0;
  for (let k = 0; k < count; k++) {
    const i = rows.streamRow(streamAt);
    pipeline.extractor.extract(image(i), sig);
    if (learner.predict(sig) === digits.y[i]) correct++;
    learner.learn(sig, digits.y[i]);
    taught[digits.y[i]]++;
    seen++;
    streamAt++;
    if (seen % 10 === 0 || k === count - 1) scope.postMessage({ kind: 'stream', seen, correct, next: rows.streamRow(streamAt), total: rows.train, done: k === count - 1, taught: [...taught] });
  }
  refresh();
}

function handle(msg: ToLearner): void {
  switch (msg.kind) {
    case 'present':
      return respond(msg.id, msg.x, -1);
    case 'teach': {
      pipeline.extractor.extract(msg.x, sig);
      learner.learn(sig, msg.label);
      taught[msg.label]++;
      // teaching the digit on show keeps what it is (a test digit stays labelled as one)
      const same = shown !== null && shown.x.length === msg.x.length && shown.x.every((v, k) => v === msg.x[k]);
      return respond(msg.id, msg.x, same ? shown!.label : -1, same ? shown!.row : -1);
    }
    case 'example': {
      const i = rows.testRow(msg.index);
      return respond(msg.id, image(i).slice(), digits.y[i], i);
    }
    case 'stream':
      return stream(msg.count);
    case 'reset':
      learner = createLearner(msg.learner satisfies LearnerKind, dim);
      taught = new Array<number>(10).fill(0);
      streamAt = 0;
      return refresh();
  }
}

scope.onmessage = (ev) => {
  try {
    handle(ev.data);
  } catch (e) {
    scope.postMessage({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
scope.postMessage({ kind: 'ready', train: rows.train, test: rows.test, dim });
