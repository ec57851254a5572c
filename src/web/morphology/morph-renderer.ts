/** WebGL drawing of a morphology scene (regl): coloured segments and terminal dots, the selected terminal ringed. */
import createREGL from 'regl';
import { fitCanvas } from '../ui/canvas.js';
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
type Part = 'lines' | 'terms' | 'sel';
interface Props {
  view: Float32Array;
}

export class MorphRenderer {
  private readonly regl: createREGL.Regl;
  /** Positions and colours of each part of the scene: segments, terminals, the selected terminal. */
  private buffers: Record<Part, { pos: Buffer; color: Buffer }> | null = null;
  private nLines = 0;
  private nTerms = 0;
  private selected = false;
  private readonly drawLines: createREGL.DrawCommand;
  private readonly drawTerms: createREGL.DrawCommand;
  private readonly drawSelected: createREGL.DrawCommand;

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.regl = createREGL({ canvas, attributes: { antialias: true, alpha: false } });
    // one shader for all three parts; points are drawn as round dots of `size` px
    const command = (part: Part, primitive: 'lines' | 'points', size: number, depth: boolean, count: () => number) =>
      this.regl({
        vert: VERT,
        frag: FRAG,
        depth: { enable: depth },
        attributes: { pos: () => this.buffers![part].pos, color: () => this.buffers![part].color },
        uniforms: { view: this.regl.prop<Props, 'view'>('view'), size, round: primitive === 'points' ? 1 : 0 },
        primitive,
        count,
      });
    this.drawLines = command('lines', 'lines', 1, true, () => this.nLines);
    this.drawTerms = command('terms', 'points', 7, true, () => this.nTerms);
    this.drawSelected = command('sel', 'points', 16, false, () => 1);
  }

  setScene(s: Scene): void {
    if (this.buffers)
      for (const b of Object.values(this.buffers)) {
        b.pos.destroy();
        b.color.destroy();
      }
    const buffer = (data: Float32Array) => this.regl.buffer(data);
    this.nLines = s.lines.length / 3;
    this.nTerms = s.terminals.length / 3;
    this.buffers = {
      lines: { pos: buffer(s.lines), color: buffer(s.lineColors) },
      terms: { pos: buffer(s.terminals), color: buffer(s.terminalColors) },
      sel: { pos: buffer(new Float32Array(3)), color: buffer(new Float32Array([0.3, 1, 0.4])) },
    };
    this.selected = false;
  }

  select(p: [number, number, number] | null): void {
    this.selected = p !== null && this.buffers !== null;
    if (p && this.buffers) this.buffers.sel.pos.subdata(new Float32Array(p));
  }

  /** Resizes the drawing buffer to the element; returns width / height. */
  fitCanvas(): number {
    fitCanvas(this.canvas);
    return this.canvas.width / this.canvas.height;
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
