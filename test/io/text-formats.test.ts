import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { float32Decimal, formatNumber, parseDecimal } from '../../src/formats/numbers.js';
import { fieldName, formatJson, lineColumn, lineOfPath, parseFieldName } from '../../src/formats/json-text.js';

describe('numbers', () => {
  test('float32Decimal gives the shortest decimal rounding to the same float32 (property)', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true }), (f) => {
        const d = float32Decimal(f);
        assert.ok(Object.is(Math.fround(d), f));
        assert.ok(Object.is(Math.fround(Number(formatNumber(d))), f));
        // No shorter precision would do.
        const digits = formatNumber(d).replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+|0+$/g, '').length;
        if (digits > 1 && Number.isFinite(f) && f !== 0) assert.notEqual(Math.fround(Number(f.toPrecision(digits - 1))), f);
      }),
    );
    assert.equal(float32Decimal(Math.fround(0.1)), 0.1);
  });

  test('formatNumber round-trips every double, -0 included (property)', () => {
    fc.assert(fc.property(fc.double({ noNaN: true }), (x) => assert.ok(Object.is(Number(formatNumber(x)), x))));
    assert.equal(formatNumber(-0), '-0');
  });

  test('parseDecimal accepts plain decimals only', () => {
    assert.equal(parseDecimal('1.5e-3'), 0.0015);
    assert.equal(parseDecimal('-.5'), -0.5);
    assert.ok(Object.is(parseDecimal('-0'), -0));
    for (const s of ['', ' ', 'abc', '0x10', 'NaN', 'Infinity', '1,5', '1e999', '1 2']) assert.equal(parseDecimal(s), null, s);
  });
});

describe('JSON text', () => {
  test('lineColumn and lineOfPath', () => {
    const text = '{\n  "a": {\n    "b": [1,\n      2]\n  }\n}';
    assert.deepEqual(lineColumn(text, text.indexOf('2]')), { line: 4, column: 7 });
    assert.equal(lineOfPath(text, ['a', 'b', 1]), 4);
    assert.equal(lineOfPath(text, ['a', 'missing']), 2); // reported at the nearest parent
    assert.equal(lineOfPath(undefined, ['a']), undefined);
  });

  test('field names convert both ways', () => {
    assert.equal(fieldName(['edges', 'latency', 3]), 'edges.latency[3]');
    assert.equal(fieldName([2, 'weight']), '[2].weight');
    assert.deepEqual(parseFieldName('nodes.position[12]'), ['nodes', 'position', 12]);
  });

  test('formatJson is JSON with one-line number arrays and -0 kept', () => {
    const v = { a: [1, -0, 2.5], b: [[1, 2, 3]], c: 'x', d: undefined, e: {}, f: [] as number[], g: null };
    const text = formatJson(v);
    assert.equal(text, '{\n  "a": [1,-0,2.5],\n  "b": [\n    [1,2,3]\n  ],\n  "c": "x",\n  "e": {},\n  "f": [],\n  "g": null\n}');
    const back = JSON.parse(text) as { a: number[] };
    assert.ok(Object.is(back.a[1], -0));
  });
});
