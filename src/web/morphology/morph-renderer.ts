/** WebGL drawing of a morphology scene (regl): coloured segments and terminal dots, the selected terminal ringed. */
import createREGL from 'regl';
import type { Scene } from './arbor-scene.js';

const VERT = `
precision highp float;
attribute vec3 pos;
attribute vec3 color;
uniform mat4 view;
uniform float size;
varying vec3 col;
void main() {
  col = color;
  gl_PointSize = size;
  gl_Position = view * vec4(pos, 1.0);
}`;

const FRAG = `
precision mediump float;
varying vec3 col;
uniform float round;
void main() {
  if (round > 0.5) {
    vec2 d = gl_PointCoord - vec2(0.5);
    if (dot(d, d) > 0.25) discard;
  }
  gl_FragColor = vec4(col, 1.0);
}`;

type Buffer = ReturnType<createREGL.Regl['buffer']>;
interface Props {
  view: Float32Array;
}

export class MorphRenderer {
  private readonly regl: createREGL.Regl;
  private buffers: { lines: Buffer; lineColors: Buffer; terms: Buffer; termColors: Buffer; sel: Buffer; selColor: Buffer } | null = null;
  private nLines = 0;
  private nTerms = 0;
  private selected = false;
  private readonly drawLines: createREGL.DrawCommand;
  private readonly drawTerms: createREGL.DrawCommand;
  private readonly drawSelected: createREGL.DrawCommand;

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.regl = createREGL({ canvas, attributes: { antialias: true, alpha: false } });
    const regl = this.regl;
    const common = { vert: VERT, frag: FRAG, depth: { enable: true } };
    this.drawLines = regl({
      ...common,
      attributes: { pos: () => this.buffers!.lines, color: () => this.buffers!.lineColors },
      uniforms: { view: regl.prop<Props, 'view'>('view'), size: 1, round: 0 },
      primitive: 'lines',
      count: () => this.nLines,
    });
    this.drawTerms = regl({
      ...common,
      attributes: { pos: () => this.buffers!.terms, color: () => this.buffers!.termColors },
      uniforms: { view: regl.prop<Props, 'view'>('view'), size: 7, round: 1 },
      primitive: 'points',
      count: () => this.nTerms,
    });
    this.drawSelected = regl({
      ...common,
      depth: { enable: false },
      attributes: { pos: () => this.buffers!.sel, color: () => this.buffers!.selColor },
      uniforms: { view: regl.prop<Props, 'view'>('view'), size: 16, round: 1 },
      primitive: 'points',
      count: 1,
    });
  }

  setScene(s: Scene): void {
    if (this.buffers) for (const b of Object.values(this.buffers)) b.destroy();
    const regl = this.regl;
    this.nLines = s.lines.length / 3;
    this.nTerms = s.terminals.length / 3;
    this.buffers = {
      lines: regl.buffer(s.lines),
      lineColors: regl.buffer(s.lineColors),
      terms: regl.buffer(s.terminals),
      termColors: regl.buffer(s.terminalColors),
      sel: regl.buffer(new Float32Array(3)),
      selColor: regl.buffer(new Float32Array([0.3, 1, 0.4])),
    };
    this.selected = false;
  }

  select(p: [number, number, number] | null): void {
    this.selected = p !== null && this.buffers !== null;
    if (p && this.buffers) this.buffers.sel.subdata(new Float32Array(p));
  }

  /** Resizes the drawing buffer to the element; returns width / height. */
  fitCanvas(): number {
    const dpr = Math.min(window.devicePixelRatio || 1, 2);
    const w = Math.max(1, Math.round(this.canvas.clientWidth * dpr)), h = Math.max(1, Math.round(this.canvas.clientHeight * dpr));
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
    return w / h;
  }

  draw(view: Float32Array): void {
    this.regl.poll();
    this.regl.clear({ color: [0.04, 0.05, 0.08, 1], depth: 1 });
    if (!this.buffers) return;
    if (this.nLines > 0) this.drawLines({ view });
    if (this.selected) this.drawSelected({ view });
    if (this.nTerms > 0) this.drawTerms({ view });
  }

  destroy(): void {
    this.regl.destroy();
  }
}
