// The hand-split fast path of formats/csv.ts gives csv-parse's records, line numbers included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'csv-parse/browser/esm/sync';
import { csvRecords } from '../../src/formats/csv.js';

const OPTIONS = { bom: true, comment: '#', comment_no_infix: true, skip_empty_lines: true, trim: true, relax_column_count: true, info: true };

test('quote-free ASCII text: the fast path gives csv-parse\'s records and lines (property)', () => {
  const text = fc.array(fc.constantFrom('a', '1', '-2.5', ',', ' ', '\t', '#', '\n', '\n', 'x y'), { maxLength: 60 }).map((parts) => parts.join(''));
  fc.assert(
    fc.property(text, fc.boolean(), (t, bom) => {
      const input = (bom ? '\ufeff' : '') + t;
      const want = (parse(input, OPTIONS) as unknown as { record: string[]; info: { lines: number } }[]).map((r) => [r.record, r.info.lines]);
      assert.deepEqual(csvRecords(input, 't.csv').map((r) => [r.record, r.info.lines]), want, JSON.stringify(input));
    }),
    { numRuns: 2000 },
  );
});

test('text with quotes, carriage returns or other characters goes through csv-parse', () => {
  assert.deepEqual(csvRecords('a,b\r\n"x, y",2\r\n', undefined).map((r) => r.record), [['a', 'b'], ['x, y', '2']]);
  assert.deepEqual(csvRecords('a,b\n\u00e9,2\n', undefined).map((r) => r.record), [['a', 'b'], ['\u00e9', '2']]);
  assert.throws(() => csvRecords('a,b\n"x,2\n', 'q.csv'), /^InputError: q\.csv(:\d+)?: malformed CSV: /);
});
