/**
 * Learning view: draw a digit (or take a bundled MNIST test digit), see the map nodes of the
 * fixed geometric network respond, teach the label with one click and see the prediction
 * change at once; a stream of MNIST examples gives a running (test-then-train) accuracy. The
 * stream and the test digits are disjoint, so a test digit shows recognition, not recall.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from '../files/drop.js';
import { ErrorBox } from '../ui/controls.js';
import { DrawPad, type DrawPadHandle } from './DrawPad.js';
import { toMnist } from './preprocess.js';
import type { FromLearner, LearnerKind, Ready, Response, StreamProgress, ToLearner } from './protocol.js';
import { drawDigit, drawResponse } from './response-map.js';

export function LearnView() {
  const workerRef = useRef<Worker | null>(null);
  const padRef = useRef<DrawPadHandle>(null);
  const mapRef = useRef<HTMLCanvasElement>(null);
  const digitRef = useRef<HTMLCanvasElement>(null);
  const current = useRef<Float32Array | null>(null);
  const nextId = useRef(1);
  const exampleAt = useRef(0);
  const [ready, setReady] = useState<Ready | null>(null);
  // examples learned per class: from the latest answer of the worker, a response or the stream's progress
  const [taught, setTaught] = useState<number[]>(() => new Array<number>(10).fill(0));
  const [busy, setBusy] = useState(false);
  const [response, setResponse] = useState<Response | null>(null);
  const [stream, setStream] = useState<StreamProgress | null>(null);
  const [learner, setLearner] = useState<LearnerKind>('exemplar');
  const [error, setError] = useState<string | null>(null);

  const send = (m: ToLearner, transfer: Transferable[] = []) => workerRef.current?.postMessage(m, transfer);

  useEffect(() => {
    const w = new Worker(new URL('./learn-worker.ts', import.meta.url), { type: 'module' });
    workerRef.current = w;
    w.onmessage = (ev: MessageEvent<FromLearner>) => {
      const m = ev.data;
      if (m.kind === 'ready') setReady(m);
      else if (m.kind === 'response') {
        setBusy(false);
        current.current = m.x;
        setResponse(m);
        setTaught(m.taught);
        drawResponse(mapRef.current!, m.times, m.channels, m.grid, m.horizon);
        drawDigit(digitRef.current!, m.x);
      } else if (m.kind === 'stream') {
        setStream(m);
        setTaught(m.taught);
        // with an input on show, the worker answers for it again after the stream: not idle yet
        if (m.done && !current.current) setBusy(false);
      } else {
        setBusy(false);
        setError(m.message);
      }
    };
    w.onerror = (e) => setError(`learning worker failed: ${e.message}`);
    return () => w.terminate();
  }, []);

  const present = (x: Float32Array) => {
    setBusy(true);
    send({ kind: 'present', x, id: nextId.current++ });
  };
  const onDrawn = (ink: Float32Array, w: number, h: number) => {
    try {
      const x = toMnist(ink, w, h);
      if (x) present(x);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const showExample = () => {
    setBusy(true);
    send({ kind: 'example', index: exampleAt.current++, id: nextId.current++ });
  };
  const teach = (label: number) => {
    if (!current.current) return;
    setBusy(true);
    send({ kind: 'teach', x: current.current, label, id: nextId.current++ });
  };
  const runStream = (count: number) => {
    setBusy(true);
    send({ kind: 'stream', count });
  };
  const reset = (kind: LearnerKind) => {
    setLearner(kind);
    setStream(null);
    setTaught(new Array<number>(10).fill(0));
    // the worker answers again for the input on show, with the new (empty) learner
    if (current.current) setBusy(true);
    send({ kind: 'reset', learner: kind });
  };
  // MNIST example digits show on the pad too
  useEffect(() => {
    if (response && response.label >= 0) padRef.current?.show(response.x);
  }, [response]);

  const taughtTotal = taught.reduce((a, b) => a + b, 0);
  const testNumber = response && ready && response.row >= 0 ? response.row - ready.train + 1 : 0;
  return (
    <div class="view learn-view">
      <ErrorBox message={error} onDismiss={() => setError(null)} />
      <p class="status" role="status" aria-live="polite">
        {ready ? 'Draw a digit in the box (or take an MNIST test digit), then teach the network its label.' : 'building the network…'}
        {busy ? ' working…' : ''}
      </p>
      <div class="learn-main">
        <section class="panel" aria-label="Input">
          <h3>Input</h3>
          <DrawPad handle={padRef} onDone={onDrawn} />
          <div class="toolbar">
            <button type="button" id="clear-pad" onClick={() => padRef.current?.clear()}>
              Clear
            </button>
            <button type="button" id="mnist-example" disabled={!ready} onClick={showExample}>
              Next test digit
            </button>
          </div>
          {ready && (
            <p class="note" id="test-digits-note" data-train={ready.train} data-test={ready.test}>
              Test digits: {ready.test} bundled MNIST digits that “Run 100 examples” never learns (it streams {ready.train} others), so a prediction for one is recognition, not recall — unless you teach it.
            </p>
          )}
          <p>
            as the network sees it (28 × 28): <canvas ref={digitRef} class="map" style={{ width: '84px', height: '84px' }} aria-label="Input image, 28 by 28" />
          </p>
        </section>
        <section class="panel" aria-label="Network response">
          <h3>Response: first spike of each map node (bright = early), one tile per orientation channel</h3>
          <canvas ref={mapRef} id="response-map" class="map" role="img" aria-label="First spike times of the map nodes" />
          {response && (
            <p>
              {response.fired.toLocaleString('en')} of {response.times.length.toLocaleString('en')} map nodes fired; {response.events.toLocaleString('en')} recurrent events
              {response.label >= 0 && ready ? `; MNIST test digit ${testNumber} of ${ready.test}, label ${response.label}` : ''}
            </p>
          )}
        </section>
        <section class="panel" aria-label="Prediction and teaching">
          <h3>Prediction</h3>
          <p
            class="prediction"
            id="prediction"
            aria-live="polite"
            data-prediction={response?.prediction ?? -1}
            data-learned={response ? response.taught.reduce((a, b) => a + b, 0) : 0}
            data-row={response?.row ?? -1}
          >
            {!response ? '' : response.prediction >= 0 ? response.prediction : '?'}
          </p>
          <p>{response && response.prediction < 0 ? 'Nothing learned yet: teach it.' : ''}</p>
          <h3>Teach the label</h3>
          <div class="digits" role="group" aria-label="Teach the label">
            {Array.from({ length: 10 }, (_, d) => (
              <button type="button" key={d} id={`teach-${d}`} disabled={!response || busy} onClick={() => teach(d)} aria-label={`Teach: this is a ${d}`}>
                {d}
              </button>
            ))}
          </div>
          <p id="taught-count" data-taught={taughtTotal}>
            {taughtTotal} {taughtTotal === 1 ? 'example' : 'examples'} learned ({taught.join(' / ')} per class 0–9)
          </p>
          <div class="control">
            <label for="learner">Learner (resets what was learned)</label>
            <select id="learner" value={learner} onChange={(e) => reset(e.currentTarget.value as LearnerKind)}>
              <option value="exemplar">exemplar memory (1-nearest signature)</option>
              <option value="prototype">class prototypes (mean signature)</option>
            </select>
          </div>
          <h3>Stream of MNIST examples (predict, then learn)</h3>
          <button type="button" id="stream" disabled={!ready || busy} onClick={() => runStream(100)}>
            Run 100 examples
          </button>
          <dl class="stats" id="stream-stats" data-seen={stream?.seen ?? 0} data-correct={stream?.correct ?? 0}>
            <dt>seen</dt>
            <dd>{stream?.seen ?? 0}</dd>
            <dt>correct</dt>
            <dd>{stream?.correct ?? 0}</dd>
            <dt>running accuracy</dt>
            <dd>{stream && stream.seen > 0 ? `${((100 * stream.correct) / stream.seen).toFixed(1)} %` : '–'}</dd>
          </dl>
        </section>
      </div>
    </div>
  );
}
