import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { owmetaFromJson, somaPositionsFromCsv } from '../../src/connectome/index.js';
import { readOwmeta, readSomaPositions } from '../../src/node/connectome.js';
import { assertInputError, FIXTURES, rawPositions } from './helpers.js';

describe('soma positions', () => {
  test('c302_soma_positions.csv: 302 neurons, µm, as in the file', () => {
    const p = readSomaPositions(join(FIXTURES, 'c302_soma_positions.csv'));
    assert.equal(p.size, 302);
    assert.deepEqual(p.get('ADAL'), [8.65, -239.25, 31.05]);
    assert.deepEqual(p, rawPositions());
  });

  test('names are normalised, extra columns optional', () => {
    const p = somaPositionsFromCsv('neuron,x,y,z\n vb01 ,1,2,3\n');
    assert.deepEqual([...p], [['VB1', [1, 2, 3]]]);
  });

  test('errors name file, line and column', () => {
    assertInputError(() => somaPositionsFromCsv('neuron,x,y,z\nAVAL,1,2,3\nAVAR,1,two,3\n', 'p.csv'), { line: 3, field: 'y' }, /^p\.csv:3: y: not a number: "two"/);
    assertInputError(() => somaPositionsFromCsv('neuron,x,y\nAVAL,1,2\n', 'p.csv'), { line: 1 }, /missing column "z"/);
    assertInputError(() => somaPositionsFromCsv('neuron,x,y,z\nAVAL,1,2,3\nAVAL,1,2,3\n', 'p.csv'), { line: 3, field: 'neuron' }, /AVAL is listed twice/);
    assertInputError(() => somaPositionsFromCsv('neuron,x,y,z\nAVAL,1,,3\n', 'p.csv'), { line: 2, field: 'y' }, /missing coordinate/);
    assertInputError(() => readSomaPositions(join(FIXTURES, 'nope.csv')), {}, /file not found/);
  });
});

describe('owmeta', () => {
  test('the fixture reads', () => {
    const ow = readOwmeta(join(FIXTURES, 'owmeta_cache.json'));
    assert.deepEqual(ow.neurons.get('ADEL'), {
      types: ['sensory'],
      receptors: ['ACR-16', 'DOP-2', 'EXP-1', 'OCTR-1', 'TRP-4', 'TYRA-3'],
      transmitters: ['Dopamine'],
    });
    assert.ok(ow.muscles.includes('MDL01'));
  });

  test('errors name the field', () => {
    assertInputError(() => owmetaFromJson('{', 'o.json'), { line: 1 }, /^o\.json:1: truncated JSON at column 2/);
    // V8's own message for this spans lines (a snippet of the text); the error is one line
    assertInputError(() => owmetaFromJson('{"neuron_info": {\n  "AVAL": [1,\n  2,, 3]}}', 'o.json'), { line: 3 }, /^o\.json:3: malformed JSON at column 5/);
    assertInputError(() => owmetaFromJson('{"neurons": {}}', 'o.json'), { field: 'neuron_info' }, /neuron_info/);
    assertInputError(() => owmetaFromJson('{"neuron_info": {"AVAL": ["uri", ["motor"]]}}', 'o.json'), { field: 'neuron_info.AVAL' }, /expected \[uri, types/);
    assertInputError(() => owmetaFromJson('{"neuron_info": {"AVAL": ["uri", ["motor"], [], "GABA"]}}', 'o.json'), { field: 'neuron_info.AVAL[3]' }, /list of strings/);
  });
});
