/**
 * The learning worker: the pipeline of `refract learn` (encode → dynamics of a fixed
 * geometric network → signature) and an online learner without gradients. Teaching one
 * example stores its signature; the next prediction already uses it.
 */
import { createLearner, type Learner } from '../../learn/learners.js';
import { createPipeline } from '../../learn/pipeline.js';
import { loadDigits } from './mnist-subset.js';
import type { FromLearner, LearnerKind, Response, ToLearner } from './protocol.js';

interface Scope {
  postMessage(m: FromLearner, transfer?: Transferable[]): void;
  onmessage: ((ev: MessageEvent<ToLearner>) => void) | null;
}
const scope = self as unknown as Scope;

const digits = loadDigits();
const pipeline = createPipeline(784, [28, 28]);
const dim = pipeline.dim;
let learner: Learner = createLearner('exemplar', dim);
let taught = new Array<number>(10).fill(0);
let streamAt = 0;
const sig = new Float32Array(dim);

function respond(id: number, x: Float32Array, label: number): void {
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

function example(index: number): Float32Array {
  const i = ((index % digits.n) + digits.n) % digits.n;
  return digits.x.subarray(i * 784, (i + 1) * 784);
}

/** Prequential (test-then-train) accuracy over the next `count` bundled examples. */
function stream(count: number): void {
  let seen = 0, correct = 0;
  for (let k = 0; k < count; k++) {
    const i = streamAt % digits.n;
    pipeline.extractor.extract(example(i), sig);
    if (learner.predict(sig) === digits.y[i]) correct++;
    learner.learn(sig, digits.y[i]);
    taught[digits.y[i]]++;
    seen++;
    streamAt++;
    if (seen % 10 === 0 || k === count - 1) scope.postMessage({ kind: 'stream', seen, correct, next: streamAt % digits.n, total: digits.n, done: k === count - 1 });
  }
}

function handle(msg: ToLearner): void {
  switch (msg.kind) {
    case 'present':
      return respond(msg.id, msg.x, -1);
    case 'teach':
      pipeline.extractor.extract(msg.x, sig);
      learner.learn(sig, msg.label);
      taught[msg.label]++;
      return respond(msg.id, msg.x, -1);
    case 'example': {
      const i = ((msg.index % digits.n) + digits.n) % digits.n;
      return respond(msg.id, example(i).slice(), digits.y[i]);
    }
    case 'stream':
      return stream(msg.count);
    case 'reset':
      learner = createLearner(msg.learner satisfies LearnerKind, dim);
      taught = new Array<number>(10).fill(0);
      streamAt = 0;
      return;
  }
}

scope.onmessage = (ev) => {
  try {
    handle(ev.data);
  } catch (e) {
    scope.postMessage({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
scope.postMessage({ kind: 'ready', examples: digits.n, dim });
