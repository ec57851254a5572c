/**
 * WebGL drawing of the network (regl): edges as faint lines (drawn once into a texture),
 * a dot for every signal in flight (the page passes the signals in flight with their
 * emission time and latency; the GPU places each one along its edge), and nodes coloured by
 * state: resting, refractory, just fired, or just blocked an arrival.
 */
import createREGL from 'regl';
import { fitCanvas } from '../ui/canvas.js';

const NODE_VERT = `
precision highp float;
attribute vec2 pos;
attribute float refr, last, blk;
uniform float now, flashSpike, flashBlocked, size;
uniform vec2 scale;
varying vec3 col;
void main() {
  float since = now - last;
  float sinceB = now - blk;
  vec3 c = vec3(0.32, 0.42, 0.58);
  float s = size;
  // "just fired" takes at most the first 40 % of the refractory period, so R stays visible
  float flash = refr > 0.0 ? min(flashSpike, 0.4 * refr) : flashSpike;
  if (since >= 0.0 && since < refr) c = vec3(0.80, 0.38, 0.12);
  if (since >= 0.0 && since < flash) { c = vec3(1.0, 0.96, 0.55); s = size * 1.7; }
  if (sinceB >= 0.0 && sinceB < flashBlocked) { c = vec3(1.0, 0.12, 0.4); s = size * 1.7; }
  col = c;
  gl_PointSize = s;
  gl_Position = vec4(pos * scale, 0.0, 1.0);
}`;

const ROUND_FRAG = `
precision mediump float;
varying vec3 col;
void main() {
  vec2 d = gl_PointCoord - vec2(0.5);
  if (dot(d, d) > 0.25) discard;
  gl_FragColor = vec4(col, 1.0);
}`;

const EDGE_VERT = `
precision highp float;
attribute vec2 pos;
uniform vec2 scale;
void main() { gl_Position = vec4(pos * scale, 0.0, 1.0); }`;

const EDGE_FRAG = `
precision mediump float;
uniform float alpha;
void main() { gl_FragColor = vec4(0.45, 0.55, 0.7, alpha); }`;

// The edges never move: they are drawn once into a texture, which each frame copies to the screen.
const QUAD_VERT = `
precision highp float;
attribute vec2 corner;
varying vec2 uv;
void main() { uv = 0.5 * (corner + 1.0); gl_Position = vec4(corner, 0.0, 1.0); }`;

const QUAD_FRAG = `
precision mediump float;
uniform sampler2D layer;
varying vec2 uv;
void main() { gl_FragColor = texture2D(layer, uv); }`;

const MARK_VERT = `
precision highp float;
attribute vec2 pos;
uniform vec2 scale, at;
void main() { gl_PointSize = 18.0; gl_Position = vec4(at * scale, 0.0, 1.0); }`;

// a ring: the selected node
const MARK_FRAG = `
precision mediump float;
void main() {
  vec2 d = gl_PointCoord - vec2(0.5);
  float r = dot(d, d);
  if (r > 0.25 || r < 0.12) discard;
  gl_FragColor = vec4(0.3, 1.0, 0.4, 1.0);
}`;

const SIGNAL_VERT = `
precision highp float;
attribute vec2 src, dst;
attribute float emit, lat;
uniform float now, size;
uniform vec2 scale;
varying vec3 col;
void main() {
  float f = (now - emit) / max(lat, 1e-6);
  col = vec3(0.35, 0.95, 1.0);
  if (f < 0.0 || f > 1.0) { gl_Position = vec4(2.0, 2.0, 2.0, 1.0); gl_PointSize = 0.0; return; }
  gl_PointSize = size;
  gl_Position = vec4(mix(src, dst, f) * scale, 0.0, 1.0);
}`;

export interface DrawState {
  now: number;
  flashSpike: number;
  flashBlocked: number;
  showEdges: boolean;
}

type Buffer = ReturnType<createREGL.Regl['buffer']>;

export class NetworkRenderer {
  private readonly regl: createREGL.Regl;
  private n = 0;
  private m = 0;
  private buffers: Record<'node' | 'refr' | 'last' | 'blk' | 'edge' | 'signal', Buffer> | null = null;
  private signalCount = 0;
  private signalCapacity = 0;
  private readonly drawNodes: createREGL.DrawCommand;
  private readonly drawEdges: createREGL.DrawCommand;
  private readonly drawSignals: createREGL.DrawCommand;
  private readonly drawLayer: createREGL.DrawCommand;
  private readonly drawMark: createREGL.DrawCommand;
  /** Position (in [-1, 1]² network coordinates) of the selected node, or null. */
  private mark: [number, number] | null = null;
  private readonly edgeLayer: createREGL.Framebuffer2D;
  /** The edge texture must be redrawn (new network or new canvas size). */
  private layerStale = true;

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.regl = createREGL({ canvas, attributes: { antialias: false, alpha: false, preserveDrawingBuffer: false } });
    const regl = this.regl;
    const buf = (k: 'node' | 'refr' | 'last' | 'blk' | 'edge' | 'signal') => () => this.buffers![k];
    const uniforms = {
      now: regl.prop<DrawState, 'now'>('now'),
      scale: () => this.scale(),
    };
    this.drawEdges = regl({
      vert: EDGE_VERT,
      frag: EDGE_FRAG,
      attributes: { pos: buf('edge') },
      uniforms: { scale: uniforms.scale, alpha: () => Math.min(0.3, Math.max(0.03, 10 / Math.sqrt(this.m + 1))) },
      blend: { enable: true, func: { src: 'src alpha', dst: 'one minus src alpha' } },
      depth: { enable: false },
      primitive: 'lines',
      count: () => 2 * this.m,
    });
    this.edgeLayer = regl.framebuffer({ width: 1, height: 1, depth: false });
    this.drawLayer = regl({
      vert: QUAD_VERT,
      frag: QUAD_FRAG,
      attributes: { corner: [-1, -1, 1, -1, -1, 1, -1, 1, 1, -1, 1, 1] },
      uniforms: { layer: () => this.edgeLayer },
      depth: { enable: false },
      count: 6,
    });
    this.drawMark = regl({
      vert: MARK_VERT,
      frag: MARK_FRAG,
      attributes: { pos: [0, 0] },
      uniforms: { scale: uniforms.scale, at: () => this.mark ?? [0, 0] },
      depth: { enable: false },
      primitive: 'points',
      count: 1,
    });
    this.drawSignals = regl({
      vert: SIGNAL_VERT,
      frag: ROUND_FRAG,
      attributes: {
        src: () => ({ buffer: this.buffers!.signal, stride: 24, offset: 0 }),
        dst: () => ({ buffer: this.buffers!.signal, stride: 24, offset: 8 }),
        emit: () => ({ buffer: this.buffers!.signal, stride: 24, offset: 16 }),
        lat: () => ({ buffer: this.buffers!.signal, stride: 24, offset: 20 }),
      },
      uniforms: { ...uniforms, size: () => (this.n > 3000 ? 2.5 : 4) },
      depth: { enable: false },
      primitive: 'points',
      count: () => this.signalCount,
    });
    this.drawNodes = regl({
      vert: NODE_VERT,
      frag: ROUND_FRAG,
      attributes: { pos: buf('node'), refr: buf('refr'), last: buf('last'), blk: buf('blk') },
      uniforms: {
        ...uniforms,
        flashSpike: regl.prop<DrawState, 'flashSpike'>('flashSpike'),
        flashBlocked: regl.prop<DrawState, 'flashBlocked'>('flashBlocked'),
        size: () => Math.max(2.5, Math.min(10, 300 / Math.sqrt(this.n + 1))),
      },
      depth: { enable: false },
      primitive: 'points',
      count: () => this.n,
    });
  }

  /** Keeps the network's square [-1, 1]² inside the canvas with a margin, aspect ratio kept. */
  private scale(): [number, number] {
    const w = this.canvas.width, h = this.canvas.height;
    const k = 0.92;
    return w > h ? [(k * h) / w, k] : [k, (k * w) / h];
  }

  /** Where network point (x, y) is drawn, in CSS pixels from the canvas's top-left corner. */
  toScreen(x: number, y: number): [number, number] {
    const [sx, sy] = this.scale();
    return [((x * sx + 1) / 2) * this.canvas.clientWidth, ((1 - y * sy) / 2) * this.canvas.clientHeight];
  }

  setMark(p: [number, number] | null): void {
    this.mark = p;
  }

  setNetwork(xy: Float32Array, source: Int32Array, target: Int32Array, refractory: Float32Array): void {
    const regl = this.regl;
    if (this.buffers) for (const b of Object.values(this.buffers)) b.destroy();
    this.n = refractory.length;
    this.m = source.length;
    const edge = new Float32Array(4 * this.m);
    for (let e = 0; e < this.m; e++) {
      edge[4 * e] = xy[2 * source[e]];
      edge[4 * e + 1] = xy[2 * source[e] + 1];
      edge[4 * e + 2] = xy[2 * target[e]];
      edge[4 * e + 3] = xy[2 * target[e] + 1];
    }
    const never = (k: number) => new Float32Array(k).fill(-1e9);
    this.buffers = {
      node: regl.buffer({ data: xy }),
      refr: regl.buffer({ data: refractory }),
      last: regl.buffer({ usage: 'dynamic', type: 'float', data: never(this.n) }),
      blk: regl.buffer({ usage: 'dynamic', type: 'float', data: never(this.n) }),
      edge: regl.buffer({ data: edge }),
      signal: regl.buffer({ usage: 'dynamic', type: 'float', length: 4 }),
    };
    this.signalCount = 0;
    this.signalCapacity = 0;
    this.layerStale = true;
  }

  /** New per-node times (ms), passed only when they changed since the last frame. */
  upload(lastSpike: Float32Array | null, lastBlocked: Float32Array | null): void {
    if (!this.buffers) return;
    if (lastSpike) this.buffers.last.subdata(lastSpike);
    if (lastBlocked) this.buffers.blk.subdata(lastBlocked);
  }

  /** Signals in flight: `count` records of (x0, y0, x1, y1, emission time, latency). */
  setSignals(data: Float32Array, count: number): void {
    if (!this.buffers) return;
    this.signalCount = count;
    if (count === 0) return;
    if (count > this.signalCapacity) {
      this.signalCapacity = Math.max(count, 2 * this.signalCapacity);
      this.buffers.signal({ usage: 'dynamic', type: 'float', length: this.signalCapacity * 24 });
    }
    this.buffers.signal.subdata(data.subarray(0, 6 * count));
  }

  draw(s: DrawState): void {
    if (fitCanvas(this.canvas)) this.layerStale = true;
    this.regl.poll();
    if (this.layerStale && this.buffers) {
      this.edgeLayer.resize(this.canvas.width, this.canvas.height);
      this.edgeLayer.use(() => {
        this.regl.clear({ color: [0.04, 0.05, 0.08, 1] });
        if (this.m > 0) this.drawEdges();
      });
      this.layerStale = false;
    }
    this.regl.clear({ color: [0.04, 0.05, 0.08, 1] });
    if (!this.buffers) return;
    if (s.showEdges && this.m > 0) this.drawLayer();
    if (this.signalCount > 0) this.drawSignals(s);
    this.drawNodes(s);
    if (this.mark) this.drawMark();
  }

  destroy(): void {
    this.regl.destroy();
  }
}
