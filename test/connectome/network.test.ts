import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { connectomeNetwork, DEFAULT_CONNECTOME_SPEED, connectomeFromText, synapseCounts, type ConnectomeNetwork } from '../../src/connectome/index.js';
import { readConnectome, readOwmeta, readSomaPositions } from '../../src/node/connectome.js';
import { edgeWeight } from '../../src/model/types.js';
import { validateNetwork } from '../../src/model/validate.js';
import { assertInputError, FIXTURES, rawPositions } from './helpers.js';

const cook = readConnectome('cook2019', FIXTURES);
const positions = readSomaPositions(join(FIXTURES, 'c302_soma_positions.csv'));
const owmeta = readOwmeta(join(FIXTURES, 'owmeta_cache.json'));

/** Edges from `pre` to `post` of one kind: [edge index, latency, weight, length]. */
function edgesBetween(r: ConnectomeNetwork, pre: string, post: string, kind: 'chemical' | 'electrical') {
  const i = r.names.indexOf(pre), j = r.names.indexOf(post);
  const out: { e: number; latency: number; weight: number; length: number }[] = [];
  for (let e = r.net.offset[i]; e < r.net.offset[i + 1]; e++)
    if (r.net.target[e] === j && r.edgeKind[e] === kind) out.push({ e, latency: r.net.latency[e], weight: edgeWeight(r.net, e), length: r.net.length![e] });
  return out;
}

/** Soma distance computed by hand from the positions file. */
function handDistance(a: string, b: string): number {
  const raw = rawPositions();
  const [p, q] = [raw.get(a)!, raw.get(b)!];
  return Math.sqrt((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2 + (p[2] - q[2]) ** 2);
}

describe('connectome network', () => {
  const r = connectomeNetwork(cook, { positions, owmeta });
  const { chemical, electrical } = synapseCounts(cook);
  const selfGaps = cook.synapses.filter((s) => s.kind === 'electrical' && s.pre === s.post).length;

  test('nodes are the neurons, labelled, at their soma positions; edges: chemical + 2 per gap junction', () => {
    assert.deepEqual(validateNetwork(r.net), []);
    assert.equal(r.net.n, cook.neurons.length);
    assert.deepEqual(r.names, cook.neurons);
    assert.deepEqual(r.net.labels, cook.neurons);
    const i = r.names.indexOf('AVAL');
    assert.deepEqual([...r.net.position!.subarray(3 * i, 3 * i + 3)], rawPositions().get('AVAL'));
    assert.equal(r.net.m, chemical + 2 * (electrical - selfGaps));
    assert.equal(r.edgeKind.length, r.net.m);
    assert.equal(r.net.meta.chemicalEdges, chemical);
    assert.equal(r.net.meta.electricalEdges, 2 * (electrical - selfGaps));
    assert.equal(r.net.meta.selfGapJunctions && (r.net.meta.selfGapJunctions as string[]).length, selfGaps);
  });

  test('classes and cell types go into the result and meta', () => {
    const k = r.names.indexOf('VB1');
    assert.equal(r.classOf[k], 'VB');
    assert.equal(r.typeOf[r.names.indexOf('AVAL')], 'inter');
    assert.equal(r.typeOf[r.names.indexOf('DD1')], 'motor');
    assert.equal(r.typeOf[r.names.indexOf('ASEL')], 'sensory');
    assert.deepEqual(r.net.meta.classes, r.classOf);
    assert.deepEqual(r.net.meta.cellTypes, r.typeOf);
    assert.equal(r.net.meta.builder, 'connectome');
    assert.equal(r.net.meta.speed, DEFAULT_CONNECTOME_SPEED);
    assert.equal(r.net.meta.synDelay, undefined, 'chemical 1 ms and gap junctions 0 ms: no single synaptic delay');
  });

  test('latency = soma distance / speed + synDelay, checked by hand', () => {
    const custom = connectomeNetwork(cook, { positions, speed: 250, synDelay: 0.5, gapDelay: 0.1 });
    for (const [a, b] of [['I1L', 'I2L'], ['AVAL', 'VA5'], ['ASEL', 'AIYL'], ['PVCL', 'AVBL']]) {
      const d = handDistance(a, b);
      const [e] = edgesBetween(custom, a, b, 'chemical');
      assert.ok(e, `${a}→${b} is an edge`);
      assert.ok(Math.abs(e.length - d) < 1e-9, `${a}→${b} length`);
      assert.ok(Math.abs(e.latency - (d / 250 + 0.5)) < 1e-12, `${a}→${b} latency ${e.latency} vs ${d / 250 + 0.5}`);
      const [e0] = edgesBetween(r, a, b, 'chemical');
      assert.ok(Math.abs(e0.latency - (d / DEFAULT_CONNECTOME_SPEED + 1)) < 1e-12);
    }
    // a gap junction: one edge each way, same latency (with gapDelay) and weight
    const d = handDistance('AVAL', 'AVAR');
    const [ab] = edgesBetween(custom, 'AVAL', 'AVAR', 'electrical');
    const [ba] = edgesBetween(custom, 'AVAR', 'AVAL', 'electrical');
    assert.ok(Math.abs(ab.latency - (d / 250 + 0.1)) < 1e-12);
    assert.equal(ab.latency, ba.latency);
    assert.equal(ab.weight, ba.weight);
    assert.equal(custom.net.meta.synDelay, undefined, 'two delays: no single synDelay in meta');
  });

  test('weights: EM sections (optionally scaled), normalized per target, or unit; gap: none leaves gap junctions out', () => {
    const syn = cook.synapses.find((s) => s.kind === 'chemical' && s.pre === 'I1L' && s.post === 'I2L')!;
    assert.equal(edgesBetween(r, 'I1L', 'I2L', 'chemical')[0].weight, syn.count);
    const scaled = connectomeNetwork(cook, { positions, sectionScale: 4 });
    assert.equal(edgesBetween(scaled, 'I1L', 'I2L', 'chemical')[0].weight, Math.fround(syn.count / 4));
    // normalized: each neuron's inputs sum to 1 (the I2L input share of the I1L synapse, computed from the table)
    const norm = connectomeNetwork(cook, { positions, weight: 'normalized' });
    const intoI2L = cook.synapses.reduce((t, q) => t + (q.post === 'I2L' ? q.count : 0) + (q.kind === 'electrical' && q.pre === 'I2L' && q.post !== 'I2L' ? q.count : 0), 0);
    assert.ok(Math.abs(edgesBetween(norm, 'I1L', 'I2L', 'chemical')[0].weight - syn.count / intoI2L) < 1e-6);
    const inSum = new Float64Array(norm.net.n);
    for (let e = 0; e < norm.net.m; e++) inSum[norm.net.target[e]] += Math.abs(edgeWeight(norm.net, e));
    for (let j = 0; j < norm.net.n; j++) if (inSum[j] > 0) assert.ok(Math.abs(inSum[j] - 1) < 1e-5, `${norm.names[j]}: ${inSum[j]}`);
    const unit = connectomeNetwork(cook, { positions, weight: 'unit' });
    for (let e = 0; e < unit.net.m; e++) assert.equal(edgeWeight(unit.net, e), 1);
    const noGap = connectomeNetwork(cook, { positions, gap: 'none' });
    assert.equal(noGap.net.m, chemical);
    assert.ok(noGap.edgeKind.every((k) => k === 'chemical'));
  });

  test('node parameters from the options', () => {
    const x = connectomeNetwork(cook, { positions, refractory: 5, mode: 'leaky', threshold: 3, window: 2, tauM: 20 });
    assert.equal(x.net.refractory[0], 5);
    assert.equal(x.net.mode[0], 2);
    assert.equal(x.net.threshold[0], 3);
    assert.equal(x.net.window[0], 2);
    assert.equal(x.net.tauM[0], 20);
  });

  test('sign by transmitter: chemical edges from GABAergic neurons (DD, VD, …) are negative', () => {
    const s = connectomeNetwork(cook, { positions, owmeta, sign: 'gaba' });
    // transmitters read straight from the JSON, not through the loader
    const info = (JSON.parse(readFileSync(join(FIXTURES, 'owmeta_cache.json'), 'utf8')) as { neuron_info: Record<string, [string, string[], string[], string[]]> }).neuron_info;
    const gaba = new Set(Object.keys(info).filter((n) => info[n][3].includes('GABA')));
    assert.ok(gaba.has('DD1') && gaba.has('VD5') && !gaba.has('VB1'));
    let negative = 0;
    for (let i = 0; i < s.net.n; i++)
      for (let e = s.net.offset[i]; e < s.net.offset[i + 1]; e++) {
        const w = edgeWeight(s.net, e);
        const inhibitory = s.edgeKind[e] === 'chemical' && gaba.has(s.names[i]);
        assert.equal(w < 0, inhibitory, `${s.names[i]} → ${s.names[s.net.target[e]]} (${s.edgeKind[e]})`);
        assert.equal(Math.abs(w), edgeWeight(r.net, e), 'only the sign changes');
        if (w < 0) negative++;
      }
    assert.ok(negative > 100, `${negative} inhibitory edges`);
    const [dd] = edgesBetween(s, 'DD1', 'VB2', 'chemical').concat(edgesBetween(s, 'VD2', 'VA2', 'chemical'));
    assert.ok(dd && dd.weight < 0);
    assertInputError(() => connectomeNetwork(cook, { positions, sign: 'gaba' }), { field: 'sign' }, /owmeta/);
  });

  test('sign by receptors: the receiver\'s ionotropic receptors for the sender\'s transmitter decide, else the transmitter', () => {
    const s = connectomeNetwork(cook, { positions, owmeta, sign: 'receptors' });
    const info = (JSON.parse(readFileSync(join(FIXTURES, 'owmeta_cache.json'), 'utf8')) as { neuron_info: Record<string, [string, string[], string[], string[]]> }).neuron_info;
    // ASEL releases glutamate; AIYL lists the glutamate-gated chloride channel GLC-3 and no GLR/NMR: inhibitory by receptor
    assert.deepEqual(info.ASEL[3], ['Glutamate']);
    assert.ok(info.AIYL[2].includes('GLC-3') && !info.AIYL[2].some((g) => /^(GLR|NMR)-/.test(g)));
    const [asel] = edgesBetween(s, 'ASEL', 'AIYL', 'chemical');
    assert.ok(asel && asel.weight < 0, 'ASEL → AIYL inhibitory');
    // DD1 releases GABA, VB2 lists no GABA receptor: inhibitory by the transmitter rule
    assert.ok(edgesBetween(s, 'DD1', 'VB2', 'chemical')[0].weight < 0);
    // gap junctions are never signed; every chemical edge has a basis
    for (let e = 0; e < s.net.m; e++) if (s.edgeKind[e] === 'electrical') assert.ok(edgeWeight(s.net, e) > 0);
    const basis = s.net.meta.signBasis as Record<string, number>;
    assert.equal(basis.receptor + basis.transmitter + basis.unknown, chemical);
    assert.ok(basis.receptor > 0 && basis.transmitter > 0);
    assertInputError(() => connectomeNetwork(cook, { positions, sign: 'receptors' }), { field: 'sign' }, /owmeta/);
  });

  test('a neuron without a position gets its class mean, or an error when its class has none', () => {
    const c = connectomeFromText('cook2019', 'Source,Target,Weight,Type\nASEL,ASER,1,chemical\nVB1,VB2,1,chemical\n', 'x.csv');
    const p = new Map(positions);
    p.delete('ASER');
    p.delete('VB2');
    const x = connectomeNetwork(c, { positions: p });
    assert.deepEqual(x.net.meta.imputedPositions, ['ASER', 'VB2']);
    const k = x.names.indexOf('ASER');
    assert.deepEqual([...x.net.position!.subarray(3 * k, 3 * k + 3)], positions.get('ASEL'));
    const vbs = [...p].filter(([n]) => /^VB\d+$/.test(n)).map(([, q]) => q[1]);
    const j = x.names.indexOf('VB2');
    assert.ok(Math.abs(x.net.position![3 * j + 1] - vbs.reduce((t, y) => t + y, 0) / vbs.length) < 1e-9);
    p.delete('ASEL');
    assertInputError(() => connectomeNetwork(c, { positions: p }), { field: 'positions' }, /no soma position for ASEL, ASER/);
  });

  test('bad options are InputErrors', () => {
    assertInputError(() => connectomeNetwork(cook, { positions, speed: 0 }), { field: 'speed' }, /> 0/);
    assertInputError(() => connectomeNetwork(cook, { positions, synDelay: -1 }), { field: 'synDelay' }, />= 0/);
    assertInputError(() => connectomeNetwork(cook, { positions, sectionScale: NaN }), { field: 'sectionScale' }, /finite/);
  });
});
