/**
 * Network view: the engine runs in a worker; this component owns the model clock, the WebGL
 * drawing, the raster and the Λ histogram, and the controls (play / pause / step / speed,
 * R, conduction speed, tortuosity, presets, files).
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorText, readFiles, useFileDrop } from '../files/drop.js';
import { ErrorBox, Panel, Slider } from '../ui/controls.js';
import { drawLambdaHistogram } from './histogram.js';
import { Playback } from './playback.js';
import { project2d } from './projection.js';
import { PRESETS, type FromEngine, type Params, type PresetName, type ToEngine } from './protocol.js';
import { drawRaster } from './raster.js';
import { NetworkRenderer } from './renderer.js';

const PRESET_LABELS: Record<PresetName, string> = {
  ring: 'Ring of 16',
  geometric: 'Geometric, 2,000 nodes',
  'geometric-10k': 'Geometric, 10,000 nodes / 100,000 edges',
  crg: 'CRG small (1,000 × 100)',
  celegans: 'C. elegans connectome',
};

/** The model sliders: each maps its Params value to the slider's scale and back (conduction speed on log10 m/s). */
const PARAM_SLIDERS: {
  key: keyof Params;
  id: string;
  label: string;
  min: number;
  max: number;
  step: number;
  toSlider: (v: number) => number;
  fromSlider: (s: number) => number;
  show: (v: number) => string;
}[] = [
  { key: 'R', id: 'refractory', label: 'R', min: 0.1, max: 20, step: 0.1, toSlider: (v) => v, fromSlider: (s) => s, show: (v) => `${v.toFixed(1)} ms` },
  {
    key: 'speed',
    id: 'conduction',
    label: 'Conduction',
    min: -2,
    max: 1,
    step: 0.02,
    toSlider: (v) => Math.log10(v / 1000),
    fromSlider: (s) => 1000 * 10 ** s,
    show: (v) => `${(v / 1000).toPrecision(2)} m/s`,
  },
  { key: 'tortuosity', id: 'tortuosity', label: 'Tortuosity', min: 1, max: 3, step: 0.05, toSlider: (v) => v, fromSlider: (s) => s, show: (v) => v.toFixed(2) },
];

export interface NetworkStats {
  now: number;
  fps: number;
  frames: number;
  spikes: number;
  rasterSpikes: number;
  blockedPercent: number;
  gen: number;
  n: number;
  m: number;
}

declare global {
  interface Window {
    /** Read by the end-to-end test and the FPS benchmark. */
    __refractNetwork?: NetworkStats;
  }
}

function initialPreset(): PresetName {
  const p = new URLSearchParams(location.search).get('preset');
  return (PRESETS as readonly string[]).includes(p ?? '') ? (p as PresetName) : 'geometric';
}

export function NetworkView(props: { active: boolean }) {
  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const rasterRef = useRef<HTMLCanvasElement>(null);
  const histRef = useRef<HTMLCanvasElement>(null);
  const workerRef = useRef<Worker | null>(null);
  const rendererRef = useRef<NetworkRenderer | null>(null);
  const pbRef = useRef<{ pb: Playback; xy: Float32Array } | null>(null);
  const [selected, setSelected] = useState(-1);
  const query = new URLSearchParams(location.search);
  // what the menu shows: the preset on screen, or "file" while a loaded file is
  const [preset, setPreset] = useState<PresetName | 'file'>(initialPreset);
  const [loadedFile, setLoadedFile] = useState<string | null>(null);
  // plays from the start unless ?play=0; ?speedLog=x sets the playback speed to 10^x model ms/s
  const [playing, setPlaying] = useState(query.get('play') !== '0');
  const [speedLog, setSpeedLog] = useState(() => {
    const v = Number(query.get('speedLog') ?? NaN);
    return Number.isFinite(v) ? Math.min(3, Math.max(0, v)) : 1.3;
  });
  const [showEdges, setShowEdges] = useState(true);
  const [params, setParams] = useState<Params | null>(null);
  const [name, setName] = useState('');
  const [status, setStatus] = useState('starting the engine…');
  const [error, setError] = useState<string | null>(null);
  const [stats, setStats] = useState<NetworkStats | null>(null);
  const live = useRef({ playing, speed: 10 ** speedLog, showEdges, active: props.active, stepTo: 0, stepPending: false });
  live.current.playing = playing;
  live.current.speed = 10 ** speedLog;
  live.current.showEdges = showEdges;
  live.current.active = props.active;

  const send = useCallback((m: ToEngine) => workerRef.current?.postMessage(m), []);

  useEffect(() => {
    const canvas = canvasRef.current!;
    let renderer: NetworkRenderer;
    try {
      renderer = new NetworkRenderer(canvas);
      rendererRef.current = renderer;
    } catch (e) {
      setError(`WebGL is not available: ${errorText(e)}`);
      return;
    }
    const worker = new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module' });
    workerRef.current = worker;
    let pb: Playback | null = null;
    worker.onmessage = (ev: MessageEvent<FromEngine>) => {
      const msg = ev.data;
      if (msg.kind === 'network') {
        const xy = project2d(msg.position, msg.n);
        pb = new Playback(msg, xy);
        pbRef.current = { pb, xy };
        renderer.setNetwork(xy, msg.source, msg.target, msg.refractory);
        renderer.setMark(null);
        setSelected(-1);
        drawLambdaHistogram(histRef.current!, msg.lambda);
        setParams(msg.params);
        setName(msg.name);
        setPreset(msg.origin.kind === 'preset' ? msg.origin.preset : 'file');
        setLoadedFile(msg.origin.kind === 'file' ? msg.origin.file : null);
        setStatus(`${msg.n.toLocaleString('en')} nodes, ${msg.m.toLocaleString('en')} edges, median Λ ${msg.medianLambda.toPrecision(3)}`);
      } else if (msg.kind === 'events') {
        if (pb && msg.gen === pb.info.gen) pb.receive(msg);
      } else if (msg.kind === 'error') setError(msg.message);
      else setStatus(msg.message);
    };
    worker.onerror = (e) => setError(`engine worker failed: ${e.message}`);
    worker.postMessage({ kind: 'preset', preset: initialPreset(), seed: 1 } satisfies ToEngine);

    let raf = 0, last = performance.now(), frames = 0, lastStats = 0, lastHist = 0;
    const frameTimes: number[] = [];
    const frame = (ts: number) => {
      raf = requestAnimationFrame(frame);
      const L = live.current;
      if (!L.active) {
        last = ts;
        return;
      }
      const dt = Math.min(100, ts - last);
      last = ts;
      frames++;
      frameTimes.push(ts);
      while (frameTimes.length > 0 && frameTimes[0] < ts - 1000) frameTimes.shift();
      if (!pb) {
        renderer.draw({ now: 0, flashSpike: 0, flashBlocked: 0, showEdges: false });
        return;
      }
      const target = L.playing ? pb.now + (dt / 1000) * L.speed : L.stepPending ? L.stepTo : pb.now;
      pb.advanceTo(target);
      if (L.stepPending && pb.now >= L.stepTo) L.stepPending = false;
      const lookahead = Math.max(1, L.speed * 0.3);
      if (pb.requested <= pb.bufferedUntil && pb.bufferedUntil < target + lookahead) {
        pb.requested = pb.bufferedUntil + Math.max(0.25, L.speed * 0.1);
        worker.postMessage({ kind: 'advance', gen: pb.info.gen, until: pb.requested } satisfies ToEngine);
      }
      renderer.upload(pb.dirtyNodes ? pb.lastSpike : null, pb.dirtyBlocked ? pb.lastBlocked : null);
      pb.dirtyNodes = pb.dirtyBlocked = false;
      renderer.setSignals(pb.signals, pb.signalsInFlight());
      // flashes last ~150 ms of wall time whatever the playback speed (at least 0.2 ms of model time)
      const flash = Math.max(0.2, L.speed * 0.15);
      renderer.draw({ now: pb.now, flashSpike: flash, flashBlocked: flash * 1.5, showEdges: L.showEdges });
      const rasterSpikes = drawRaster(rasterRef.current!, pb.spikes, pb.info.n, pb.now, Math.min(2000, Math.max(10, L.speed * 4)));
      if (pb.latest && ts - lastHist > 250) {
        drawLambdaHistogram(histRef.current!, pb.latest.lambda);
        lastHist = ts;
      }
      const t = pb.latest?.totals;
      const s: NetworkStats = {
        now: pb.now,
        fps: frameTimes.length,
        frames,
        spikes: pb.spikesShown,
        rasterSpikes,
        blockedPercent: t && t.delivered + t.blocked > 0 ? (100 * t.blocked) / (t.delivered + t.blocked) : 0,
        gen: pb.info.gen,
        n: pb.info.n,
        m: pb.info.m,
      };
      window.__refractNetwork = s;
      if (ts - lastStats > 250) {
        setStats(s);
        lastStats = ts;
      }
    };
    raf = requestAnimationFrame(frame);
    return () => {
      cancelAnimationFrame(raf);
      worker.terminate();
      renderer.destroy();
    };
  }, []);

  const onFiles = useCallback(
    (list: FileList | null) => {
      readFiles(list)
        .then((files) => {
          setError(null);
          // the network first, so a run's spikes.csv dropped with it replays on it
          const ordered = [...files].sort((a, b) => Number(a.name.endsWith('.csv')) - Number(b.name.endsWith('.csv')));
          for (const f of ordered) {
            if (/\.json$/i.test(f.name)) send({ kind: 'load-network', text: f.text, file: f.name });
            else if (/\.csv$/i.test(f.name)) send({ kind: 'replay', text: f.text, file: f.name });
            else setError(`${f.name}: unsupported file: drop a network JSON (network.json) or a run's spikes CSV (spikes.csv)`);
          }
        })
        .catch((e: unknown) => setError(errorText(e)));
    },
    [send],
  );
  useFileDrop(rootRef, onFiles);

  // a click picks the nearest node within 12 px
  const onCanvasClick = (e: MouseEvent) => {
    const cur = pbRef.current, r = rendererRef.current;
    if (!cur || !r) return;
    const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const mx = e.clientX - rect.left, my = e.clientY - rect.top;
    let best = -1, bestD = 12;
    for (let i = 0; i < cur.pb.info.n; i++) {
      const [px, py] = r.toScreen(cur.xy[2 * i], cur.xy[2 * i + 1]);
      const d = Math.hypot(px - mx, py - my);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    setSelected(best);
    r.setMark(best >= 0 ? [cur.xy[2 * best], cur.xy[2 * best + 1]] : null);
  };
  const node = selected >= 0 && pbRef.current && selected < pbRef.current.pb.info.n ? pbRef.current.pb : null;

  const commitParams = (p: Params) => {
    setParams(p);
    send({ kind: 'params', params: p });
  };
  const step = () => {
    const L = live.current;
    setPlaying(false);
    L.stepTo = (pbRef.current?.pb.now ?? 0) + 1;
    L.stepPending = true;
  };
  const onKey = (e: KeyboardEvent) => {
    if ((e.target as HTMLElement).tagName === 'INPUT' || (e.target as HTMLElement).tagName === 'SELECT') return;
    if (e.key === ' ') {
      e.preventDefault();
      setPlaying((p) => !p);
    } else if (e.key === '.') step();
  };

  return (
    <div class="view network-view" ref={rootRef} onKeyDown={onKey}>
      <div class="toolbar" role="toolbar" aria-label="Simulation controls">
        <div class="control">
          <label for="preset">Preset</label>
          <select
            id="preset"
            value={preset}
            onChange={(e) => {
              const p = e.currentTarget.value as PresetName;
              setPreset(p);
              setError(null);
              send({ kind: 'preset', preset: p, seed: 1 });
            }}
          >
            {PRESETS.map((p) => (
              <option value={p} key={p}>
                {PRESET_LABELS[p]}
              </option>
            ))}
            {loadedFile !== null && (
              // not selectable (the file cannot be read again from here); any preset can
              <option value="file" disabled>
                File: {loadedFile}
              </option>
            )}
          </select>
        </div>
        <button type="button" id="play" onClick={() => setPlaying((p) => !p)} aria-pressed={playing} title="Play / pause (space)">
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" id="step" onClick={step} title="Advance 1 ms of model time (.)">
          Step 1 ms
        </button>
        <button type="button" id="kick" onClick={() => send({ kind: 'kick', count: 10 })} title="Force 10 nodes to fire now">
          Stimulate
        </button>
        <Slider id="playback-speed" label="Playback" min={0} max={3} step={0.05} value={speedLog} display={`${(10 ** speedLog).toPrecision(2)} ms/s`} onInput={setSpeedLog} />
        {params &&
          PARAM_SLIDERS.map((p) => (
            <Slider
              key={p.id}
              id={p.id}
              label={p.label}
              min={p.min}
              max={p.max}
              step={p.step}
              value={p.toSlider(params[p.key])}
              display={p.show(params[p.key])}
              onInput={(v) => setParams({ ...params, [p.key]: p.fromSlider(v) })}
              onCommit={(v) => commitParams({ ...params, [p.key]: p.fromSlider(v) })}
            />
          ))}
        <div class="control inline">
          <input id="show-edges" type="checkbox" checked={showEdges} onChange={(e) => setShowEdges(e.currentTarget.checked)} />
          <label for="show-edges">Edges</label>
        </div>
        <div class="control">
          <label for="network-file">Network JSON / spikes CSV</label>
          <input id="network-file" type="file" accept=".json,.csv" multiple onChange={(e) => {
              // read, then clear the input: the same file can be picked again, and it does not look loaded after a preset change
              const input = e.currentTarget;
              onFiles(input.files);
              setTimeout(() => (input.value = ''), 0);
            }} />
        </div>
      </div>
      <ErrorBox message={error} onDismiss={() => setError(null)} />
      <p class="status" role="status" aria-live="polite">
        <strong>{name}</strong> {status}
      </p>
      <div class="network-main">
        <canvas ref={canvasRef} id="network-canvas" class="gl" role="img" aria-label="Network: nodes at their positions, signals travelling along edges; click a node for its numbers" tabIndex={0} onClick={onCanvasClick} />
        <div class="side">
          <Panel title="Raster (node × time)">
            <canvas ref={rasterRef} id="raster" class="plot" role="img" aria-label="Spike raster" data-spikes={stats?.rasterSpikes ?? 0} />
          </Panel>
          <Panel title="Λ = R/τ: edges per bin (bars), share of their arrivals blocked (red)">
            <canvas ref={histRef} id="lambda-histogram" class="plot" role="img" aria-label="Histogram of refraction ratios" />
          </Panel>
          <dl class="stats" id="network-stats" data-spikes={stats?.spikes ?? 0} data-fps={stats?.fps ?? 0}>
            <dt>model time</dt>
            <dd>{(stats?.now ?? 0).toFixed(1)} ms</dd>
            <dt>spikes shown</dt>
            <dd>{(stats?.spikes ?? 0).toLocaleString('en')}</dd>
            <dt>arrivals blocked</dt>
            <dd>{(stats?.blockedPercent ?? 0).toFixed(1)} %</dd>
            <dt>frames / s</dt>
            <dd>{stats?.fps ?? 0}</dd>
          </dl>
          {node && (
            <dl class="stats" id="node-info" data-node={selected}>
              <dt>node</dt>
              <dd>
                {selected}
                {node.info.labels ? ` (${node.info.labels[selected]})` : ''}
              </dd>
              <dt>R</dt>
              <dd>{node.info.refractory[selected].toPrecision(3)} ms</dd>
              <dt>out-edges</dt>
              <dd>{node.outDegree(selected)}</dd>
              <dt>spikes shown</dt>
              <dd>{node.spikeCount[selected]}</dd>
              <dt>last spike</dt>
              <dd>{node.lastSpike[selected] > -1e8 ? `${node.lastSpike[selected].toFixed(2)} ms` : '–'}</dd>
            </dl>
          )}
          <p class="legend">
            <span class="swatch rest" /> resting <span class="swatch refr" /> refractory <span class="swatch fired" /> just fired <span class="swatch blocked" /> blocked an arrival <span class="swatch signal" /> signal
          </p>
        </div>
      </div>
    </div>
  );
}
