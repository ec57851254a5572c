/**
 * Labelled data sets for the learning module, from IDX arrays (the original MNIST format)
 * and CSV text; splits and subsets. Every data set is an n × d row-major Float32Array with
 * values in [0, 1] and integer labels 0..classes-1. The files (and the built-in MNIST
 * digits) are read by io/datasets.ts.
 */
import { MAX_CLASSES, MAX_DATASET_VALUES, type LabelledData } from './pipeline.js';
import { InputError } from '../formats/errors.js';
import type { Idx } from '../formats/idx.js';
import { formatNumber, parseDecimal, showValue } from '../formats/numbers.js';
import { baseName } from '../formats/paths.js';
import { ensureLength } from '../model/typed.js';

/** Labelled rows (see LabelledData in src/learn) with optional class names. */
export interface Dataset extends LabelledData {
  /** Optional names of the classes, indexed by class id. */
  labels?: string[];
}

/** Digits per class in the `mnist` package, 0..9 (10,000 in all). */
export const MNIST_CLASS_SIZES: readonly number[] = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

/**
 * The fixed split: per class, the first ⌊trainFraction · count⌋ rows (in data-set order)
 * form the training pool, the rest the test set. Both keep the data-set order. On the
 * built-in digits this gives 7,996 training and 2,004 test digits.
 */
export function splitPerClass(ds: Dataset, trainFraction = 0.8): { train: Dataset; test: Dataset } {
  if (!(trainFraction >= 0 && trainFraction <= 1)) throw new RangeError(`trainFraction must lie in [0, 1], got ${trainFraction}`);
  const counts = new Array<number>(ds.classes).fill(0);
  for (let i = 0; i < ds.n; i++) counts[ds.y[i]]++;
  const quota = counts.map((c) => Math.floor(c * trainFraction));
  const seen = new Array<number>(ds.classes).fill(0);
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < ds.n; i++) {
    const c = ds.y[i];
    (seen[c]++ < quota[c] ? train : test).push(i);
  }
  return { train: { ...subset(ds, train), name: `${ds.name}:train` }, test: { ...subset(ds, test), name: `${ds.name}:test` } };
}

/** The rows `idx` of `ds` (copied, in the given order). */
export function subset(ds: Dataset, idx: ArrayLike<number>): Dataset {
  const { d } = ds;
  const n = idx.length;
  const x = new Float32Array(n * d);
  const y = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = idx[k];
    if (!Number.isInteger(i) || i < 0 || i >= ds.n) throw new RangeError(`row index ${i} outside 0..${ds.n - 1}`);
    x.set(ds.x.subarray(i * d, (i + 1) * d), k * d);
    y[k] = ds.y[i];
  }
  const out: Dataset = { name: ds.name, x, y, n, d, shape: ds.shape ? [ds.shape[0], ds.shape[1]] : null, classes: ds.classes };
  if (ds.labels) out.labels = ds.labels.slice();
  return out;
}

/** A data set as the CSV `datasetFromCsv` reads: `label,f0,…` rows, values in their shortest form. */
export function datasetToCsv(ds: Dataset): string {
  const head = ['label', ...Array.from({ length: ds.d }, (_, j) => `f${j}`)].join(',');
  const rows = new Array<string>(ds.n);
  for (let i = 0; i < ds.n; i++) {
    const v = new Array<string>(ds.d + 1);
    v[0] = ds.labels ? ds.labels[ds.y[i]] : String(ds.y[i]);
    for (let j = 0; j < ds.d; j++) v[j + 1] = formatNumber(ds.x[i * ds.d + j]);
    rows[i] = v.join(',');
  }
  return head + '\n' + rows.join('\n') + '\n';
}

/** "28x28" (or "28×28") → [28, 28]; both sizes positive integers. */
export function parseShape(s: string): [number, number] {
  const m = /^\s*(\d+)\s*[xX×]\s*(\d+)\s*$/.exec(s);
  const h = m ? Number(m[1]) : 0;
  const w = m ? Number(m[2]) : 0;
  if (!m || h < 1 || w < 1) throw new InputError(`expected HxW with positive integers, e.g. 28x28, got ${showValue(s)}`, { field: 'shape' });
  return [h, w];
}

/**
 * A data set from an IDX pair (formats/idx.ts): images (n, h, w) of uint8, scaled by 1/255,
 * and labels (n) of integers ≥ 0; classes = largest label + 1. `files` name the two sources
 * in messages (and the images name the data set).
 */
export function datasetFromIdx(im: Idx, lb: Idx, files: { images: string; labels: string }): Dataset {
  const { images, labels } = files;
  if (im.dims.length !== 3) throw new InputError(`expected 3-D images (n, height, width), got dimensions ${im.dims.join('×')}`, { file: images });
  if (!(im.data instanceof Uint8Array)) throw new InputError(`expected unsigned bytes (IDX type 08) for the images, got ${im.data.constructor.name}`, { file: images });
  if (lb.dims.length !== 1) throw new InputError(`expected 1-D labels, got dimensions ${lb.dims.join('×')}`, { file: labels });
  if (lb.data instanceof Float32Array || lb.data instanceof Float64Array) throw new InputError(`expected integer labels, got ${lb.data.constructor.name}`, { file: labels });
  const [n, h, w] = im.dims;
  if (lb.dims[0] !== n) throw new InputError(`${lb.dims[0]} labels for ${n} images in ${images}`, { file: labels });
  if (n === 0) throw new InputError('no images', { file: images });
  if (h === 0 || w === 0) throw new InputError(`images of ${h}×${w} pixels: expected at least one pixel`, { file: images });
  const y = new Int32Array(n);
  let classes = 0;
  for (let i = 0; i < n; i++) {
    const c = lb.data[i];
    if (c < 0) throw new InputError(`label ${i} is ${c}, labels must be ≥ 0`, { file: labels });
    if (c >= MAX_CLASSES) throw new InputError(`label ${i} is ${c}: labels must be below ${MAX_CLASSES} (at most ${MAX_CLASSES} classes)`, { file: labels });
    y[i] = c;
    if (c + 1 > classes) classes = c + 1;
  }
  const x = new Float32Array(im.data.length);
  for (let i = 0; i < x.length; i++) x[i] = im.data[i] / 255;
  return { name: baseName(images), x, y, n, d: h * w, shape: [h, w], classes };
}

export interface CsvDatasetOptions {
  /** Image height × width; h·w must equal the number of features. */
  shape?: [number, number];
  /** Number of classes (labels must be below it); default largest label + 1. */
  classes?: number;
}

/**
 * A CSV table with rows `label,f0,f1,...`: blank lines and `#` comment lines are skipped,
 * and so is a header row whose first field is not a number. Every row has the same number
 * of fields. Features are kept when all lie in [0, 1], divided by 255 when all lie in
 * [0, 255], and rejected otherwise. Labels are integers 0..classes-1. Problems are
 * InputErrors `file:line: field: message`.
 */
export function datasetFromCsv(text: string, file: string | undefined, opts: CsvDatasetOptions = {}): Dataset {
  const fixed = opts.classes;
  if (fixed !== undefined && !(Number.isInteger(fixed) && fixed >= 1 && fixed <= MAX_CLASSES)) throw new InputError(`must be a positive integer (at most ${MAX_CLASSES}), got ${showValue(fixed)}`, { field: 'classes' });
  const lines = text.split('\n');
  let header: string[] | null = null;
  let headerLine = 0;
  let width = -1; // fields per row
  let firstDataLine = 0;
  let x = new Float32Array(0);
  const labels: number[] = [];
  let outside01 = 0; // first line with a value outside [0, 1] (0: none)
  let outsideLine = 0; // first line with a value outside [0, 255]
  let outsideValue = 0;
  let outsideField = '';
  let maxLabel = -1;
  let n = 0;
  const limit = Math.min(fixed ?? MAX_CLASSES, MAX_CLASSES);
  const fieldName = (c: number) => (header && header[c] ? `column ${c + 1} (${header[c]})` : `column ${c + 1}`);
  for (let li = 0; li < lines.length; li++) {
    const raw = lines[li];
    const s = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const t = s.trim();
    if (t === '' || t.startsWith('#')) continue;
    const line = li + 1;
    const cells = s.split(',').map((c) => c.trim());
    if (width < 0) {
      if (cells.length < 2) throw new InputError(`expected label,feature,... with at least one feature, got ${cells.length} field`, { file, line });
      width = cells.length;
      if (parseDecimal(cells[0]) === null) {
        header = cells;
        headerLine = line;
        continue;
      }
    }
    if (cells.length !== width) {
      throw new InputError(`the row has ${cells.length} fields, ${header ? `the header (line ${headerLine})` : `the first row (line ${firstDataLine})`} has ${width}`, { file, line });
    }
    if (n === 0) firstDataLine = line;
    // Room grows with the rows actually read (doubling): sizing it by the lines left would
    // let one wide row followed by many blank lines allocate gigabytes.
    const base = n * (width - 1);
    if (base + width - 1 > MAX_DATASET_VALUES)
      throw new InputError(`more than ${MAX_DATASET_VALUES} feature values (rows × features; 1 GiB as float32), the limit of a data set`, { file, line });
    if (base + width - 1 > x.length) x = ensureLength(x, base + width - 1, 1024);
    const label = parseDecimal(cells[0]);
    const lf = header ? `label (${header[0]})` : 'label';
    if (label === null) throw new InputError(`not a number: ${showValue(cells[0])}`, { file, line, field: lf });
    if (!Number.isInteger(label)) throw new InputError(`must be an integer class id, got ${showValue(cells[0])}`, { file, line, field: lf });
    if (label < 0) throw new InputError(`must be ≥ 0, got ${showValue(cells[0])}`, { file, line, field: lf });
    if (label >= limit)
      throw new InputError(fixed !== undefined && fixed <= MAX_CLASSES ? `class ${label} is not below classes = ${fixed}` : `class ${showValue(cells[0])} is not below ${MAX_CLASSES} (at most ${MAX_CLASSES} classes)`, { file, line, field: lf });
    if (label > maxLabel) maxLabel = label;
    labels.push(label);
    for (let c = 1; c < width; c++) {
      const v = parseDecimal(cells[c]);
      if (v === null) throw new InputError(`not a number: ${showValue(cells[c])}`, { file, line, field: fieldName(c) });
      if (!(v >= 0 && v <= 1) && outside01 === 0) outside01 = line;
      if (!(v >= 0 && v <= 255) && outsideLine === 0) {
        outsideLine = line;
        outsideValue = v;
        outsideField = fieldName(c);
      }
      x[base + c - 1] = v;
    }
    n++;
  }
  if (n === 0) {
    if (header) throw new InputError('no data rows after the header', { file, line: headerLine });
    throw new InputError('empty file: expected rows label,feature,...', { file });
  }
  const d = width - 1;
  if (opts.shape && opts.shape[0] * opts.shape[1] !== d) {
    throw new InputError(`shape ${opts.shape[0]}x${opts.shape[1]} has ${opts.shape[0] * opts.shape[1]} pixels, the rows have ${d} features`, { file, line: firstDataLine, field: 'shape' });
  }
  if (outsideLine !== 0) {
    throw new InputError(`value ${showValue(outsideValue)} outside [0, 255]: features must all lie in [0, 1] or all in [0, 255]`, { file, line: outsideLine, field: outsideField });
  }
  x = x.slice(0, n * d);
  if (outside01 !== 0) for (let i = 0; i < x.length; i++) x[i] /= 255;
  const classes = fixed ?? maxLabel + 1;
  return { name: file ? baseName(file) : 'csv', x, y: Int32Array.from(labels), n, d, shape: opts.shape ? [opts.shape[0], opts.shape[1]] : null, classes };
}
