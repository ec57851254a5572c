import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber, formatTable, groupThousands } from '../../src/report/index.js';

void test('formatNumber: significant digits, no exponent for ordinary magnitudes', () => {
  assert.equal(formatNumber(3.14159), '3.142');
  assert.equal(formatNumber(3.14159, 2), '3.1');
  assert.equal(formatNumber(2), '2');
  assert.equal(formatNumber(1.5), '1.5');
  assert.equal(formatNumber(-0.000123456), '-0.0001235');
  assert.equal(formatNumber(999.96), '1000');
  assert.equal(formatNumber(1234567), '1234567'); // no grouping, integer digits kept
  assert.equal(formatNumber(12345.678), '12346');
  assert.equal(formatNumber(0), '0');
  assert.equal(formatNumber(-0), '0');
  assert.equal(formatNumber(1e-9), '1e-9');
  assert.equal(formatNumber(2.5e20), '2.5e+20');
  assert.equal(formatNumber(NaN), 'NaN');
  assert.equal(formatNumber(-Infinity), '-inf');
});

void test('groupThousands groups integers with commas independent of locale', () => {
  assert.equal(groupThousands(812345), '812,345');
  assert.equal(groupThousands(40000), '40,000');
  assert.equal(groupThousands(999), '999');
  assert.equal(groupThousands(-1234567), '-1,234,567');
});

void test('formatTable right-aligns number columns and left-aligns text', () => {
  const out = formatTable(['name', 'count', 'Λ'], [
    ['a', 1, 0.5],
    ['bbbbbb', 12345, 1.25],
  ]);
  assert.equal(
    out,
    [
      'name    count     Λ',
      '------  -----  ----',
      'a           1   0.5',
      'bbbbbb  12345  1.25',
    ].join('\n'),
  );
});

void test('formatTable honours explicit alignment and pads short rows', () => {
  const out = formatTable(['k', 'v'], [['x', 10], ['yy']], { align: ['r', 'l'] });
  assert.deepEqual(out.split('\n'), [' k  v', '--  --', ' x  10', 'yy']);
});
