import assert from 'node:assert/strict';
import { editDistance } from '../../src/model/nearest.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cellType, cellTypes, isGabaergic, KNOWN_NEURONS, nearestNames, NEURON_CLASSES, neuronClass, nonNeuronalKind, normaliseName, transmitters } from '../../src/connectome/index.js';
import { readOwmeta } from '../../src/node/connectome.js';
import { FIXTURES, rawPositions } from './helpers.js';

describe('the 302 neurons', () => {
  test('the built-in list is exactly the neurons of c302_soma_positions.csv and owmeta', () => {
    assert.equal(KNOWN_NEURONS.length, 302);
    assert.deepEqual([...KNOWN_NEURONS], [...rawPositions().keys()].sort());
    const ow = JSON.parse(readFileSync(join(FIXTURES, 'owmeta_cache.json'), 'utf8')) as { neuron_info: Record<string, unknown> };
    assert.deepEqual([...KNOWN_NEURONS], Object.keys(ow.neuron_info).sort());
  });

  test('118 classes, without L/R, D/V or number', () => {
    assert.equal(NEURON_CLASSES.length, 118);
    const cases: [string, string][] = [
      ['VB1', 'VB'], ['VB11', 'VB'], ['DB7', 'DB'], ['VA12', 'VA'], ['DA9', 'DA'], ['AS10', 'AS'], ['DD1', 'DD'], ['VD13', 'VD'], ['VC6', 'VC'],
      ['ASEL', 'ASE'], ['ASER', 'ASE'], ['AVAL', 'AVA'], ['IL1DL', 'IL1'], ['IL1R', 'IL1'], ['CEPVR', 'CEP'], ['RMDDL', 'RMD'], ['RMDL', 'RMD'],
      ['RMED', 'RME'], ['RMEL', 'RME'], ['SABD', 'SAB'], ['SABVL', 'SAB'], ['SAADL', 'SAA'], ['RID', 'RID'], ['RIVL', 'RIV'], ['RIR', 'RIR'],
      ['AVL', 'AVL'], ['PVR', 'PVR'], ['DVA', 'DVA'], ['M1', 'M1'], ['M2L', 'M2'], ['MCR', 'MC'], ['MI', 'MI'], ['I3', 'I3'], ['I2R', 'I2'],
    ];
    for (const [name, cls] of cases) assert.equal(neuronClass(name), cls, name);
    assert.equal(neuronClass('VB12'), undefined);
    assert.equal(neuronClass('MDL01'), undefined);
  });
});

describe('name normalisation', () => {
  test('trim, upper-case, zero padding dropped for neurons only', () => {
    assert.equal(normaliseName(' I2L           '), 'I2L');
    assert.equal(normaliseName('VB01'), 'VB1');
    assert.equal(normaliseName('vb01'), 'VB1');
    assert.equal(normaliseName('DD06'), 'DD6');
    assert.equal(normaliseName('AS09'), 'AS9');
    assert.equal(normaliseName('VA10'), 'VA10');
    assert.equal(normaliseName('MDL01'), 'MDL01', 'muscles keep their padding');
    assert.equal(normaliseName('BWM-DL01'), 'BWM-DL01');
    assert.equal(normaliseName('VB012'), 'VB012', 'VB12 is not a neuron');
    assert.equal(normaliseName('CEPshDL'), 'CEPSHDL');
  });

  test('non-neuronal cells of every dataset are recognised', () => {
    for (const name of ['DBWML1', 'VBWMR24', 'BWM-VR08', 'MDL01', 'MVR24', 'LEGACYBODYWALLMUSCLES'])
      assert.equal(nonNeuronalKind(normaliseName(name)), 'body-wall muscle', name);
    assert.equal(nonNeuronalKind(normaliseName('pm1')), 'pharyngeal muscle');
    assert.equal(nonNeuronalKind(normaliseName('pm7vl')), 'pharyngeal muscle');
    assert.equal(nonNeuronalKind(normaliseName('mc2dl')), 'pharyngeal marginal cell');
    assert.equal(nonNeuronalKind(normaliseName('CEPshDL')), 'glia');
    assert.equal(nonNeuronalKind('GLRVL'), 'glia');
    for (const name of ['hyp', 'intestine', 'intL', 'anal', 'sph', 'um1aL', 'vm2pR']) assert.ok(nonNeuronalKind(normaliseName(name)), name);
    assert.equal(nonNeuronalKind('MCL'), undefined, 'MCL is a neuron');
    assert.equal(nonNeuronalKind('ASEK'), undefined);
  });

  test('nearest names by edit distance', () => {
    assert.equal(editDistance('ASEK', 'ASEL'), 1);
    assert.equal(editDistance('', 'ABC'), 3);
    assert.equal(editDistance('KITTEN', 'SITTING'), 3);
    assert.deepEqual(nearestNames('ASEK').slice(0, 2), ['ASEL', 'ASER']);
    assert.deepEqual(nearestNames('avbl', KNOWN_NEURONS, 1), ['AVBL'], 'the name is normalised first');
    assert.deepEqual(nearestNames('VB01', KNOWN_NEURONS, 1), ['VB1']);
    assert.equal(nearestNames('X', ['A', 'B'], 5).length, 2);
  });
});

describe('owmeta cell types and transmitters', () => {
  const ow = readOwmeta(join(FIXTURES, 'owmeta_cache.json'));

  test('types: one per neuron, sensory > motor > inter for neurons with several', () => {
    assert.equal(ow.neurons.size, 302);
    assert.equal(ow.muscles.length, 95);
    assert.equal(cellType('ASEL', ow), 'sensory');
    assert.equal(cellType('AVAL', ow), 'inter');
    assert.equal(cellType('DD1', ow), 'motor');
    assert.deepEqual(cellTypes('VB1', ow).sort(), ['motor', 'sensory']);
    assert.equal(cellType('VB1', ow), 'sensory');
    assert.deepEqual(cellTypes('RIML', ow).sort(), ['inter', 'motor']);
    assert.equal(cellType('RIML', ow), 'motor');
    assert.equal(cellType('CANL', ow), 'unknown');
    assert.equal(cellType('NOPE', ow), 'unknown');
  });

  test('GABAergic neurons: DD, VD, RME, AVL, DVB, RIS', () => {
    assert.deepEqual(transmitters('DD1', ow), ['GABA']);
    assert.deepEqual(transmitters('ADAL', ow), ['Glutamate']);
    assert.deepEqual(transmitters('NOPE', ow), []);
    const gaba = KNOWN_NEURONS.filter((n) => isGabaergic(n, ow));
    assert.equal(gaba.length, 26);
    assert.deepEqual([...new Set(gaba.map((n) => neuronClass(n)))].sort(), ['AVL', 'DD', 'DVB', 'RIS', 'RME', 'VD']);
  });
});
