/** The bundled MNIST subset (scripts/web/data-plugin.mjs): bytes → rows of 784 values in [0, 1]. */
import data from 'virtual:refract/mnist';

export interface Digits {
  n: number;
  d: number;
  /** Rows [0, train) feed the stream of examples; rows [train, n) are test digits, never streamed. */
  train: number;
  x: Float32Array;
  y: Int32Array;
}

export function loadDigits(): Digits {
  const bin = atob(data.pixels);
  const x = new Float32Array(bin.length);
  for (let k = 0; k < bin.length; k++) x[k] = bin.charCodeAt(k) / 255;
  return { n: data.n, d: data.d, train: data.train, x, y: Int32Array.from(data.labels) };
}
