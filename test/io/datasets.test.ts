import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { MNIST_CLASS_SIZES, parseShape, splitPerClass, subset, type Dataset } from '../../src/learn/datasets.js';
import { readCsvDataset, readIdxDataset, readMnist } from '../../src/node/datasets.js';
import { idxToBytes, idxFromBytes, type IdxArray } from '../../src/formats/idx.js';
import { readIdx } from '../../src/node/idx.js';
import { assertInputError, tempDir } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'data');

function classSizes(ds: Dataset): number[] {
  const counts = new Array<number>(ds.classes).fill(0);
  for (const c of ds.y) counts[c]++;
  return counts;
}

describe('built-in MNIST digits', () => {
  const ds = readMnist();

  test('10,000 × 784 with the documented class sizes, values in [0, 1]', () => {
    assert.equal(ds.n, 10000);
    assert.equal(ds.d, 784);
    assert.deepEqual(ds.shape, [28, 28]);
    assert.equal(ds.classes, 10);
    assert.equal(ds.x.length, 10000 * 784);
    assert.equal(ds.y.length, 10000);
    assert.deepEqual(classSizes(ds), [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    assert.deepEqual(classSizes(ds), MNIST_CLASS_SIZES);
    for (let i = 1; i < ds.n; i++) assert.ok(ds.y[i] >= ds.y[i - 1], 'classes in order 0..9');
    let min = Infinity;
    let max = -Infinity;
    for (const v of ds.x) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    assert.equal(min, 0);
    assert.equal(max, 1);
  });

  test('digits in file order within a class', () => {
    const require = createRequire(import.meta.url);
    const three = (JSON.parse(readFileSync(require.resolve('mnist/src/digits/3.json'), 'utf8')) as { data: number[] }).data;
    const start = 1001 + 1127 + 991; // the first 3
    for (const k of [0, 1, 1031])
      assert.deepEqual(Array.from(ds.x.subarray((start + k) * 784, (start + k + 1) * 784)), Array.from(Float32Array.from(three.slice(k * 784, (k + 1) * 784))));
  });

  test('the fixed per-class split: 7,996 training and 2,004 test digits', () => {
    const { train, test: held } = splitPerClass(ds);
    assert.equal(train.n, 7996);
    assert.equal(held.n, 2004);
    assert.deepEqual(classSizes(train), MNIST_CLASS_SIZES.map((c) => Math.floor(0.8 * c)));
    assert.deepEqual(classSizes(held), MNIST_CLASS_SIZES.map((c) => c - Math.floor(0.8 * c)));
    // The first 800 zeros train, zeros 800..1000 test; then the ones.
    assert.deepEqual(train.x.subarray(0, 784), ds.x.subarray(0, 784));
    assert.deepEqual(held.x.subarray(0, 784), ds.x.subarray(800 * 784, 801 * 784));
    assert.deepEqual(held.x.subarray(201 * 784, 202 * 784), ds.x.subarray(1001 * 784 + 901 * 784, 1001 * 784 + 902 * 784));
    assert.equal(train.name, 'mnist:train');
    assert.deepEqual(train.shape, [28, 28]);
  });
});

describe('subset, split and parseShape', () => {
  const ds: Dataset = { name: 't', x: Float32Array.of(0, 0.1, 1, 0.2, 0, 0.3, 1, 0.4), y: Int32Array.of(0, 1, 0, 1), n: 4, d: 2, shape: [1, 2], classes: 2, labels: ['a', 'b'] };

  test('subset copies the rows in the given order', () => {
    const s = subset(ds, [3, 0]);
    assert.equal(s.n, 2);
    assert.deepEqual(Array.from(s.x), Array.from(Float32Array.of(1, 0.4, 0, 0.1)));
    assert.deepEqual(Array.from(s.y), [1, 0]);
    assert.deepEqual(s.labels, ['a', 'b']);
    s.x[0] = 9;
    assert.equal(ds.x[6], 1);
    assert.throws(() => subset(ds, [4]), RangeError);
  });

  test('splitPerClass keeps the data-set order and floors the quota', () => {
    const { train, test: held } = splitPerClass(ds, 0.5);
    assert.deepEqual(Array.from(train.x), Array.from(Float32Array.of(0, 0.1, 1, 0.2)));
    assert.deepEqual(Array.from(held.y), [0, 1]);
    assert.equal(splitPerClass(ds, 0.6).train.n, 2); // ⌊0.6 · 2⌋ = 1 per class
    assert.throws(() => splitPerClass(ds, 1.5), RangeError);
  });

  test('parseShape', () => {
    assert.deepEqual(parseShape('28x28'), [28, 28]);
    assert.deepEqual(parseShape('3X5'), [3, 5]);
    assert.deepEqual(parseShape('2×7'), [2, 7]);
    for (const s of ['28', '0x5', 'ax3', '2x3x4', '-2x3', '']) assertInputError(() => parseShape(s), /shape: expected HxW/);
  });
});

describe('IDX files', () => {
  const dir = tempDir();
  const arrays: [string, number[], IdxArray][] = [
    ['uint8', [2, 3], Uint8Array.of(0, 1, 127, 128, 254, 255)],
    ['int8', [4], Int8Array.of(-128, -1, 0, 127)],
    ['int16', [2, 2], Int16Array.of(-32768, -2, 258, 32767)],
    ['int32', [3], Int32Array.of(-2147483648, 16909060, 2147483647)],
    ['float32', [1, 2, 2], Float32Array.of(-0, 1.5, Math.fround(0.1), -3e38)],
    ['float64', [2], Float64Array.of(0.1 + 0.2, -Number.MIN_VALUE)],
  ];

  test('round trip of every type, plain and gzip-compressed', () => {
    for (const [name, dims, data] of arrays)
      for (const gz of [false, true]) {
        const bytes = idxToBytes(dims, data);
        const path = join(dir, `${name}${gz ? '.gz' : ''}`);
        writeFileSync(path, gz ? gzipSync(bytes) : bytes);
        const back = readIdx(path);
        assert.deepEqual(back.dims, dims, name);
        assert.equal(back.data.constructor, data.constructor, name);
        assert.deepEqual(Array.from(back.data), Array.from(data), name);
        assert.ok(Object.is(back.data[0], data[0]), `${name}: -0 kept`);
      }
  });

  test('big-endian header and values, as in the MNIST files', () => {
    const bytes = Uint8Array.of(0, 0, 0x0b, 1, 0, 0, 0, 2, 0x01, 0x02, 0xff, 0xfe);
    assert.deepEqual(idxFromBytes(bytes), { dims: [2], data: Int16Array.of(258, -2) });
    assert.deepEqual(idxToBytes([2], Int16Array.of(258, -2)), bytes);
  });

  test('one-line errors: bad magic, unknown type, truncated, trailing bytes, corrupt gzip, missing file', () => {
    const good = idxToBytes([2, 3], Uint8Array.of(1, 2, 3, 4, 5, 6));
    const write = (name: string, b: Uint8Array) => {
      const p = join(dir, name);
      writeFileSync(p, b);
      return p;
    };
    assertInputError(() => readIdx(write('magic', Uint8Array.of(1, 0, 8, 1, 0, 0, 0, 0))), /magic: not an IDX file: bad magic number 01 00 08 01/);
    assertInputError(() => readIdx(write('type', Uint8Array.of(0, 0, 7, 1, 0, 0, 0, 0))), /type: not an IDX file: unknown data type 0x07/);
    assertInputError(() => readIdx(write('short', Uint8Array.of(0, 0))), /short: not an IDX file: 2 bytes/);
    assertInputError(() => readIdx(write('header', good.subarray(0, 9))), /header: truncated IDX file: 9 bytes, the header alone needs 12/);
    assertInputError(() => readIdx(write('data', good.subarray(0, good.length - 1))), /data: truncated IDX file: dimensions 2×3 need 18 bytes, the file has 17/);
    assertInputError(() => readIdx(write('data.gz', gzipSync(good.subarray(0, 15)))), /data\.gz: truncated IDX file/);
    assertInputError(() => readIdx(write('extra', Uint8Array.from([...good, 0]))), /extra: IDX file has 1 bytes after/);
    assertInputError(() => readIdx(write('bad.gz', gzipSync(good).subarray(0, 12))), /bad\.gz: corrupt gzip data/);
    assertInputError(() => readIdx(join(dir, 'missing')), /missing: file not found/);
  });

  test('readIdxDataset: images scaled by 1/255, labels checked against the images', () => {
    const images = join(dir, 'images-idx3-ubyte.gz');
    const labels = join(dir, 'labels-idx1-ubyte');
    writeFileSync(images, gzipSync(idxToBytes([3, 2, 2], Uint8Array.of(0, 51, 102, 255, 255, 0, 0, 0, 1, 2, 3, 4))));
    writeFileSync(labels, idxToBytes([3], Uint8Array.of(2, 0, 4)));
    const ds = readIdxDataset(images, labels);
    assert.equal(ds.n, 3);
    assert.equal(ds.d, 4);
    assert.deepEqual(ds.shape, [2, 2]);
    assert.equal(ds.classes, 5);
    assert.deepEqual(Array.from(ds.y), [2, 0, 4]);
    assert.deepEqual(Array.from(ds.x.subarray(0, 4)), Array.from(Float32Array.of(0, 0.2, 0.4, 1)));
    assert.equal(ds.name, 'images-idx3-ubyte.gz');

    const fewer = join(dir, 'fewer');
    writeFileSync(fewer, idxToBytes([2], Uint8Array.of(0, 1)));
    assertInputError(() => readIdxDataset(images, fewer), /fewer: 2 labels for 3 images/);
    const flat = join(dir, 'flat');
    writeFileSync(flat, idxToBytes([3, 4], new Uint8Array(12)));
    assertInputError(() => readIdxDataset(flat, labels), /flat: expected 3-D images \(n, height, width\), got dimensions 3×4/);
    const negative = join(dir, 'negative');
    writeFileSync(negative, idxToBytes([3], Int8Array.of(0, -1, 2)));
    assertInputError(() => readIdxDataset(images, negative), /negative: label 1 is -1/);
  });
});

describe('CSV data sets', () => {
  const dir = tempDir();
  let count = 0;
  const csv = (text: string) => {
    const p = join(dir, `t${count++}.csv`);
    writeFileSync(p, text);
    return p;
  };

  test('a header, comments and blank lines; 0..255 values divided by 255', () => {
    const ds = readCsvDataset(join(FIXTURES, 'tiny-255.csv'), { shape: [2, 2] });
    assert.equal(ds.n, 4);
    assert.equal(ds.d, 4);
    assert.equal(ds.classes, 3);
    assert.deepEqual(ds.shape, [2, 2]);
    assert.deepEqual(Array.from(ds.y), [0, 1, 2, 1]);
    assert.deepEqual(Array.from(ds.x.subarray(8, 12)), Array.from(Float32Array.of(0.2, 0.4, 0.6, 0.8)));
    assert.equal(ds.name, 'tiny-255.csv');
  });

  test('values within [0, 1] are kept; CRLF line ends; classes from the options', () => {
    const ds = readCsvDataset(join(FIXTURES, 'tiny-unit.csv'), { classes: 4 });
    assert.equal(ds.classes, 4);
    assert.equal(ds.shape, null);
    assert.deepEqual(Array.from(ds.y), [1, 0]);
    assert.deepEqual(Array.from(ds.x), Array.from(Float32Array.of(0, 0.5, 1, 0.25, 0.75, 0)));
  });

  test('errors carry the right line number', () => {
    const cases: [string, RegExp, { shape?: [number, number]; classes?: number }?][] = [
      ['0,1,2\n1,3\n', /:2: the row has 2 fields, the first row \(line 1\) has 3$/],
      ['label,a,b\n\n0,1,2\n1,3,4,5\n', /:4: the row has 4 fields, the header \(line 1\) has 3$/],
      ['# comment\n0,1,2\n1.5,3,4\n', /:3: label: must be an integer class id, got "1.5"$/],
      ['0,1,2\n-1,3,4\n', /:2: label: must be ≥ 0, got "-1"$/],
      ['0,1,2\n1,3,4\n\n3,0,0\n', /:4: label: class 3 is not below classes = 3$/, { classes: 3 }],
      ['label,a,b\n0,1,2\nx,3,4\n', /:3: label \(label\): not a number: "x"$/],
      ['0,1,2\n1,NaN,4\n', /:2: column 2: not a number: "NaN"$/],
      ['p,a,b\n0,1,2\n1,3,\n', /:3: column 3 \(b\): not a number: ""$/],
      ['0,0.5,1\n0,2,3\n1,4,300\n1,-1,0\n', /:3: column 3: value 300 outside \[0, 255\]/],
      ['\n\n0,1,2,3\n1,1,2,3\n', /:3: shape: shape 2x2 has 4 pixels, the rows have 3 features$/, { shape: [2, 2] }],
      ['', /t\d+\.csv: empty file/],
      ['# only a comment\n\n', /t\d+\.csv: empty file/],
      ['label,a\n', /:1: no data rows after the header$/],
      ['5\n', /:1: expected label,feature,\.\.\. with at least one feature/],
    ];
    for (const [text, pattern, opts] of cases) assertInputError(() => readCsvDataset(csv(text), opts), pattern);
    assertInputError(() => readCsvDataset(csv('0,1\n'), { classes: 0 }), /classes: must be a positive integer/);
    assertInputError(() => readCsvDataset(join(dir, 'missing.csv')), /missing\.csv: file not found/);
  });
});
