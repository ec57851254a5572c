/**
 * Morphology view: an SWC file (a bundled example, a picked file or a dropped one) drawn in
 * 3-D with the axon coloured by Λ; clicking a terminal (or stepping through them with the
 * keyboard) shows its path length, latency and Λ. The analysis is the CLI's `refract morph`
 * (checked, repaired, paths from the axon root).
 */
import swcExamples from 'virtual:refract/swc';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { analyzeArbor, type ArborAnalysis, type TerminalInfo } from '../../morphology/arbor.js';
import { repairMorphology } from '../../morphology/repair.js';
import type { Morphology } from '../../morphology/types.js';
import { checkSwc } from '../../morphology/validate.js';
import { describeVelocity, velocityModel, type VelocityModelName } from '../../morphology/velocity.js';
import { errorText, readFiles, useFileDrop, type TextFile } from '../files/drop.js';
import { ErrorBox } from '../ui/controls.js';
import { buildScene, LAMBDA_SCALE } from './arbor-scene.js';
import { fitPoints, project, viewMatrix, type Fit, type Orbit } from './camera.js';
import { MorphRenderer } from './morph-renderer.js';

const VELOCITY_MODELS: VelocityModelName[] = ['unmyelinated', 'myelinated', 'constant'];

interface Cell {
  file: string;
  morphology: Morphology;
  analysis: ArborAnalysis | null;
  problems: number;
  repairs: string[];
  fit: Fit;
}

declare global {
  interface Window {
    /** Read by the end-to-end test: the cell shown, and where its terminals are on the canvas (CSS px). */
    __refractMorph?: { file: string; points: number; terminals: number; selected: TerminalInfo | null; onScreen: [number, number][] };
  }
}

function loadCell(f: TextFile, R: number, velocity: VelocityModelName): Cell {
  const { morphology, problems } = checkSwc(f.text, f.name);
  if (morphology.n === 0) throw new Error(`${f.name}: no points: is this an SWC file?`);
  const r = repairMorphology(morphology);
  const m = r.morphology;
  const analysis = analyzeArbor(m, { refractory: R, velocity: velocityModel(velocity) });
  return { file: f.name, morphology: m, analysis, problems: problems.length, repairs: r.actions, fit: fitPoints(m.x, m.y, m.z) };
}

/** Where point i is drawn, in CSS pixels from the canvas's top-left corner. */
function toScreen(m: Float32Array, rect: DOMRect, g: Morphology, i: number): [number, number] {
  const [cx, cy] = project(m, g.x[i], g.y[i], g.z[i]);
  return [((cx + 1) / 2) * rect.width, ((1 - cy) / 2) * rect.height];
}

export function MorphologyView(props: { active: boolean }) {
  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const rendererRef = useRef<MorphRenderer | null>(null);
  const orbit = useRef<Orbit>({ yaw: 0, pitch: 0, zoom: 0.95 });
  const [source, setSource] = useState<TextFile>(swcExamples[0]);
  const [R, setR] = useState(1);
  const [velocity, setVelocity] = useState<VelocityModelName>('unmyelinated');
  const [cell, setCell] = useState<Cell | null>(null);
  const [selected, setSelected] = useState<number>(-1);
  const [error, setError] = useState<string | null>(null);
  const cellRef = useRef<Cell | null>(null);
  const selectedRef = useRef(-1);
  cellRef.current = cell;
  selectedRef.current = selected;

  const redraw = useCallback(() => {
    const r = rendererRef.current, c = cellRef.current;
    if (!r || !c) return;
    const m = viewMatrix(c.fit, orbit.current, r.fitCanvas());
    r.draw(m);
    const rect = canvasRef.current!.getBoundingClientRect();
    const terminals = c.analysis?.terminals ?? [];
    window.__refractMorph = {
      file: c.file,
      points: c.morphology.n,
      terminals: terminals.length,
      selected: terminals[selectedRef.current] ?? null,
      onScreen: terminals.map((t) => toScreen(m, rect, c.morphology, t.point)),
    };
  }, []);

  useEffect(() => {
    try {
      rendererRef.current = new MorphRenderer(canvasRef.current!);
    } catch (e) {
      setError(`WebGL is not available: ${errorText(e)}`);
    }
    const onResize = () => redraw();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      rendererRef.current?.destroy();
    };
  }, [redraw]);

  // (re)analyse when the file, R or the velocity model change; a bad file leaves the last good cell in place
  useEffect(() => {
    try {
      const c = loadCell(source, R, velocity);
      setCell(c);
      setSelected(-1);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [source, R, velocity]);

  // the scene is uploaded when the cell changes; a selection only moves the ring
  useEffect(() => {
    if (cell) rendererRef.current?.setScene(buildScene(cell.morphology, cell.analysis));
  }, [cell]);

  useEffect(() => {
    const r = rendererRef.current;
    if (!r || !cell) return;
    const t = selected >= 0 ? cell.analysis?.terminals[selected] : undefined;
    r.select(t ? [cell.morphology.x[t.point], cell.morphology.y[t.point], cell.morphology.z[t.point]] : null);
    redraw();
  }, [cell, selected, redraw]);

  useEffect(() => {
    if (props.active) redraw();
  }, [props.active, redraw]);

  const onFiles = useCallback((list: FileList | null) => {
    readFiles(list)
      .then((files) => {
        const f = files[0];
        if (!f) return;
        if (!/\.swc$/i.test(f.name)) throw new Error(`${f.name}: unsupported file: drop an SWC morphology (.swc)`);
        setSource(f);
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  useFileDrop(rootRef, onFiles);

  // orbit with the mouse; a click that did not drag picks the nearest terminal
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  const onPointerDown = (e: PointerEvent) => {
    drag.current = { x: e.clientX, y: e.clientY, moved: false };
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x, dy = e.clientY - d.y;
    if (Math.abs(dx) + Math.abs(dy) > 2) d.moved = true;
    if (!d.moved) return;
    orbit.current.yaw += dx * 0.01;
    orbit.current.pitch = Math.max(-1.5, Math.min(1.5, orbit.current.pitch + dy * 0.01));
    d.x = e.clientX;
    d.y = e.clientY;
    redraw();
  };
  const onPointerUp = (e: PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.moved || !cell?.analysis) return;
    const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const m = viewMatrix(cell.fit, orbit.current, rect.width / rect.height);
    let best = -1, bestD = 14; // px
    cell.analysis.terminals.forEach((t, k) => {
      const [px, py] = toScreen(m, rect, cell.morphology, t.point);
      const dist = Math.hypot(px - (e.clientX - rect.left), py - (e.clientY - rect.top));
      if (dist < bestD) {
        bestD = dist;
        best = k;
      }
    });
    setSelected(best);
  };
  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    orbit.current.zoom = Math.max(0.2, Math.min(20, orbit.current.zoom * Math.exp(-e.deltaY * 0.001)));
    redraw();
  };
  const onKey = (e: KeyboardEvent) => {
    const o = orbit.current;
    const keys: Record<string, () => void> = {
      ArrowLeft: () => (o.yaw -= 0.1),
      ArrowRight: () => (o.yaw += 0.1),
      ArrowUp: () => (o.pitch = Math.max(-1.5, o.pitch - 0.1)),
      ArrowDown: () => (o.pitch = Math.min(1.5, o.pitch + 0.1)),
      '+': () => (o.zoom = Math.min(20, o.zoom * 1.2)),
      '-': () => (o.zoom = Math.max(0.2, o.zoom / 1.2)),
    };
    const f = keys[e.key];
    if (!f) return;
    e.preventDefault();
    f();
    redraw();
  };
  const terminals = cell?.analysis?.terminals ?? [];
  const t = selected >= 0 ? terminals[selected] : undefined;
  const stats = cell?.analysis?.stats.lambda;

  return (
    <div class="view morph-view" ref={rootRef}>
      <div class="toolbar" role="toolbar" aria-label="Morphology controls">
        <div class="control">
          <label for="swc-example">Example</label>
          <select id="swc-example" onChange={(e) => setSource(swcExamples[Number(e.currentTarget.value)])}>
            {swcExamples.map((f, k) => (
              <option value={k} key={f.name}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
        <div class="control">
          <label for="swc-file">SWC file</label>
          <input id="swc-file" type="file" accept=".swc" onChange={(e) => {
              // read, then clear the input: the same file can be picked again, and it does not look loaded after a preset change
              const input = e.currentTarget;
              onFiles(input.files);
              setTimeout(() => (input.value = ''), 0);
            }} />
        </div>
        <div class="control">
          <label for="morph-R">R (ms)</label>
          <input id="morph-R" type="number" min={0.01} step={0.1} value={R} onChange={(e) => Number(e.currentTarget.value) > 0 && setR(Number(e.currentTarget.value))} />
        </div>
        <div class="control">
          <label for="velocity">Conduction</label>
          <select id="velocity" value={velocity} onChange={(e) => setVelocity(e.currentTarget.value as VelocityModelName)}>
            {VELOCITY_MODELS.map((name) => (
              <option value={name} key={name}>
                {describeVelocity(velocityModel(name))}
              </option>
            ))}
          </select>
        </div>
        <button type="button" id="next-terminal" disabled={terminals.length === 0} onClick={() => setSelected((s) => (s + 1) % terminals.length)}>
          Next terminal
        </button>
      </div>
      <ErrorBox message={error} onDismiss={() => setError(null)} />
      <p class="status" role="status" aria-live="polite">
        {cell && (
          <>
            <strong>{cell.file}</strong> {cell.morphology.n} points
            {cell.analysis
              ? `, ${cell.analysis.terminals.length} axon terminals, median Λ ${stats ? stats.median.toPrecision(3) : '–'}`
              : ': no axon (type 2) points, so nothing to colour by Λ'}
            {cell.repairs.length > 0 ? ` (${cell.repairs.length} repairs)` : ''}
          </>
        )}
      </p>
      <div class="morph-main">
        <canvas
          ref={canvasRef}
          id="morph-canvas"
          class="gl"
          tabIndex={0}
          role="img"
          aria-label="Neuron morphology in 3-D; drag or use the arrow keys to turn it, + and - to zoom; click a terminal for its numbers"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onWheel={onWheel}
          onKeyDown={onKey}
        />
        <div class="side">
          <section class="panel" aria-label="Colour scale">
            <h3>Axon colour: Λ = R / latency from the axon root</h3>
            <div class="lambda-scale" />
            <div class="scale-labels">
              <span>≤ {1 / LAMBDA_SCALE}</span>
              <span>Λ = 1</span>
              <span>≥ {LAMBDA_SCALE}</span>
            </div>
          </section>
          <section class="panel" aria-label="Selected terminal" aria-live="polite">
            <h3>Terminal</h3>
            {t ? (
              <dl class="stats" id="terminal-info" data-lambda={t.lambda}>
                <dt>SWC line</dt>
                <dd>{t.line}</dd>
                <dt>path length</dt>
                <dd>{t.pathLength.toFixed(1)} µm</dd>
                <dt>latency</dt>
                <dd>{t.latency.toPrecision(4)} ms</dd>
                <dt>Λ = R / latency</dt>
                <dd>{t.lambda.toPrecision(4)}</dd>
                <dt>tortuosity</dt>
                <dd>{t.tortuosity.toFixed(3)}</dd>
                <dt>branch order</dt>
                <dd>{t.order}</dd>
              </dl>
            ) : (
              <p>Click a terminal (a dot at the end of an axon branch), or press “Next terminal”.</p>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
