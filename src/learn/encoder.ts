/**
 * Encoding an input vector (an image) as stimulus times (docs/design.md §5): a latency code —
 * a stronger value fires its input node earlier, t = (1 − v)·T, and values at or below the
 * cut-off send nothing. Images are encoded on several channels laid out on the same grid:
 * the intensity itself and its oriented contrast in `orientations` directions (a Sobel
 * gradient, each pixel's contrast going to the direction bin of its gradient, split between
 * the two nearest bins), like the simple cells of early vision.
 */
import { checkNumber, finitePositive, intIn, OptionError } from './option-check.js';

export interface EncoderOptions {
  /** Image shape [height, width]; null for plain vectors (intensity channel only). */
  shape: [number, number] | null;
  /** Latency window T (ms): value 1 fires at 0, values near the cut-off near T. Default 2. */
  window?: number;
  /** Values at or below this send no spike. Default 0.2. */
  cutoff?: number;
  /** Number of gradient-direction channels (0: intensity only). Default 8. */
  orientations?: number;
  /** Include the intensity channel. Default true. */
  intensity?: boolean;
  /** Pre-filter images with this many passes of a 3 × 3 median (removes impulse noise, keeps strokes). Default 0. */
  median?: number;
}

/** 3 × 3 median filter (borders use the available neighbours). */
export function median3(x: ArrayLike<number>, h: number, w: number, out: Float32Array): Float32Array {
  const buf: number[] = [];
  for (let r = 0; r < h; r++)
    for (let c = 0; c < w; c++) {
      buf.length = 0;
      for (let dr = -1; dr <= 1; dr++)
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr, cc = c + dc;
          if (rr >= 0 && rr < h && cc >= 0 && cc < w) buf.push(x[rr * w + cc]);
        }
      buf.sort((a, b) => a - b);
      out[r * w + c] = buf[buf.length >> 1];
    }
  return out;
}

export interface Encoder {
  readonly channels: number;
  readonly size: number; // inputs per channel
  readonly window: number;
  readonly cutoff: number;
  readonly shape: [number, number] | null;
  /** Channel values in [0, 1] (channels × size), into `out`. */
  channelValues(x: ArrayLike<number>, out: Float32Array): void;
}

/** Most gradient-direction channels (16 by default in learning; more only repeat directions). */
export const MAX_ORIENTATIONS = 64;
/** Most passes of the median pre-filter (three are the default; each pass costs a full image). */
export const MAX_MEDIAN_PASSES = 16;

export function createEncoder(d: number, o: EncoderOptions): Encoder {
  const shape = o.shape;
  checkNumber('d', d, intIn(1, 2 ** 28), 'an integer number of inputs 1..2^28');
  if (shape && shape[0] * shape[1] !== d) throw new RangeError(`shape ${shape[0]}x${shape[1]} does not match ${d} inputs`);
  const nOri = shape ? checkNumber('encoder.orientations', o.orientations ?? 8, intIn(0, MAX_ORIENTATIONS), `an integer 0..${MAX_ORIENTATIONS}`) : 0;
  const withIntensity = o.intensity ?? true;
  if (typeof withIntensity !== 'boolean') throw new OptionError('encoder.intensity', `must be true or false, got ${String(withIntensity)}`);
  const channels = (withIntensity ? 1 : 0) + nOri;
  if (channels === 0) throw new OptionError('encoder.orientations', 'the encoder needs at least one channel (orientations or intensity)');
  const window = checkNumber('encoder.window', o.window ?? 2, finitePositive, 'a finite number > 0 (ms)');
  const cutoff = checkNumber('encoder.cutoff', o.cutoff ?? 0.2, (x) => x >= 0 && x < 1, 'a number in [0, 1)');
  const passes = checkNumber('encoder.median', o.median ?? 0, intIn(0, MAX_MEDIAN_PASSES), `an integer 0..${MAX_MEDIAN_PASSES}`);
  const filtered = shape && passes > 0 ? [new Float32Array(d), new Float32Array(d)] : null;
  return {
    channels,
    size: d,
    window,
    cutoff,
    shape,
    channelValues(input, out) {
      out.fill(0);
      let x: ArrayLike<number> = input;
      if (filtered && shape) for (let k = 0; k < passes; k++) x = median3(x, shape[0], shape[1], filtered[k % 2]);
      let c0 = 0;
      if (withIntensity) {
        for (let i = 0; i < d; i++) out[i] = x[i];
        c0 = 1;
      }
      if (nOri === 0 || !shape) return;
      const [h, w] = shape;
      const g = (r: number, c: number) => (r < 0 || r >= h || c < 0 || c >= w ? 0 : x[r * w + c]);
      for (let r = 0; r < h; r++)
        for (let c = 0; c < w; c++) {
          const gx = g(r - 1, c + 1) + 2 * g(r, c + 1) + g(r + 1, c + 1) - g(r - 1, c - 1) - 2 * g(r, c - 1) - g(r + 1, c - 1);
          const gy = g(r + 1, c - 1) + 2 * g(r + 1, c) + g(r + 1, c + 1) - g(r - 1, c - 1) - 2 * g(r - 1, c) - g(r - 1, c + 1);
          const mag = Math.min(1, Math.hypot(gx, gy) / 4); // a clean 0 → 1 step gives 1
          if (mag <= 0) continue;
          let a = Math.atan2(gy, gx) / (2 * Math.PI);
          if (a < 0) a += 1;
          const pos = a * nOri - 0.5; // bin centres at (k + 0.5) / nOri
          const k0 = Math.floor(pos), frac = pos - k0;
          const b0 = ((k0 % nOri) + nOri) % nOri, b1 = (b0 + 1) % nOri;
          out[(c0 + b0) * d + r * w + c] += mag * (1 - frac);
          out[(c0 + b1) * d + r * w + c] += mag * frac;
        }
    },
  };
}

/** Stimulus time (ms) of a channel value, or −1 for no spike. */
export function latencyCode(v: number, window: number, cutoff: number): number {
  return v > cutoff ? (1 - Math.min(1, v)) * window : -1;
}
