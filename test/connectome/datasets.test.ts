import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DATASETS, connectomeFromText, synapseCounts, type Connectome } from '../../src/connectome/index.js';
import { readConnectome } from '../../src/node/connectome.js';
import { assertInputError, FIXTURES, rawPositions, SHARED, skipWithoutShared, tempDir } from './helpers.js';

interface RawSpec {
  file: string;
  delimiter: string;
  columns: [pre: string, post: string, type: string, count: string];
  chemical: string[];
  electrical: string[];
  /** Numbers the loader printed when this was written; the independent count must agree too. */
  expect: { neurons: number; chemical: number; electrical: number; nonNeuronal: number };
}

const RAW: Record<(typeof DATASETS)[number], RawSpec> = {
  cook2019: {
    file: 'herm_full_edgelist.csv', delimiter: ',', columns: ['Source', 'Target', 'Type', 'Weight'], chemical: ['chemical'], electrical: ['electrical'],
    expect: { neurons: 300, chemical: 3638, electrical: 1093, nonNeuronal: 148 },
  },
  varshney2011: {
    file: 'varshney2011_NeuronConnect.csv', delimiter: ',', columns: ['Neuron 1', 'Neuron 2', 'Type', 'Nbr'], chemical: ['S', 'Sp'], electrical: ['EJ'],
    expect: { neurons: 280, chemical: 2194, electrical: 517, nonNeuronal: 0 },
  },
  white1986: {
    file: 'aconnectome_white_1986_whole.csv', delimiter: '\t', columns: ['pre', 'post', 'type', 'synapses'], chemical: ['chemical'], electrical: ['electrical'],
    expect: { neurons: 300, chemical: 2266, electrical: 569, nonNeuronal: 9 },
  },
  witvliet2020: {
    file: 'witvliet2020_8_adult.csv', delimiter: ',', columns: ['pre', 'post', 'type', 'synapses'], chemical: ['chemical'], electrical: ['electrical'],
    expect: { neurons: 180, chemical: 1933, electrical: 304, nonNeuronal: 39 },
  },
  openworm: {
    file: 'CElegansNeuronTables_Connectome.csv', delimiter: ',', columns: ['Origin', 'Target', 'Type', 'Number of Connections'], chemical: ['Send'], electrical: ['GapJunction'],
    expect: { neurons: 299, chemical: 2279, electrical: 557, nonNeuronal: 0 },
  },
};

/**
 * Counts from the raw file with plain string handling, independent of the loader: neurons
 * named anywhere, distinct directed chemical pairs and distinct unordered electrical pairs
 * between neurons (count > 0), the summed chemical count, and per unordered electrical pair
 * the larger of its two directions' counts.
 */
function rawCounts(path: string, spec: RawSpec) {
  const known = new Set(rawPositions().keys());
  const norm = (s: string) => {
    const u = s.trim().toUpperCase();
    const m = /^([A-Z]+)0+(\d+)$/.exec(u);
    return m && known.has(m[1] + m[2]) ? m[1] + m[2] : u;
  };
  const [head, ...lines] = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const col = head.split(spec.delimiter).map((s) => s.trim());
  const [ia, ib, it, ic] = spec.columns.map((c) => col.indexOf(c));
  const neurons = new Set<string>();
  const chemical = new Set<string>();
  const gapDir = new Map<string, number>();
  let chemicalSum = 0;
  for (const line of lines) {
    const f = line.split(spec.delimiter);
    const a = norm(f[ia]), b = norm(f[ib]), type = f[it].trim(), n = Number(f[ic]);
    if (known.has(a)) neurons.add(a);
    if (known.has(b)) neurons.add(b);
    if (!known.has(a) || !known.has(b) || n === 0) continue;
    if (spec.chemical.includes(type)) {
      chemical.add(`${a}>${b}`);
      chemicalSum += n;
    }
    if (spec.electrical.includes(type)) gapDir.set(`${a}>${b}`, (gapDir.get(`${a}>${b}`) ?? 0) + n);
  }
  const electrical = new Map<string, number>();
  for (const [k, n] of gapDir) {
    const [a, b] = k.split('>');
    const pair = [a, b].sort().join('-');
    electrical.set(pair, Math.max(electrical.get(pair) ?? 0, n));
  }
  return { neurons, chemical, chemicalSum, electrical };
}

function checkAgainstRaw(c: Connectome, path: string, spec: RawSpec): void {
  const raw = rawCounts(path, spec);
  const counts = synapseCounts(c);
  assert.deepEqual(c.neurons, [...raw.neurons].sort());
  assert.equal(counts.chemical, raw.chemical.size);
  assert.equal(counts.electrical, raw.electrical.size);
  assert.deepEqual(
    { neurons: c.neurons.length, chemical: counts.chemical, electrical: counts.electrical, nonNeuronal: c.nonNeuronal.length },
    spec.expect,
  );
  assert.deepEqual(c.unknown, [], 'every name in the real files is a neuron or a known non-neuronal cell');

  const chem = c.synapses.filter((s) => s.kind === 'chemical');
  assert.equal(new Set(chem.map((s) => `${s.pre}>${s.post}`)).size, chem.length, 'one chemical synapse per directed pair');
  assert.equal(chem.reduce((t, s) => t + s.count, 0), raw.chemicalSum, 'summed chemical counts');
  const gaps = c.synapses.filter((s) => s.kind === 'electrical');
  const pairs = gaps.map((s) => [s.pre, s.post].sort().join('-'));
  assert.equal(new Set(pairs).size, gaps.length, 'one electrical synapse per unordered pair');
  gaps.forEach((s, k) => assert.equal(s.count, raw.electrical.get(pairs[k]), pairs[k]));
}

describe('datasets: counts equal counts made independently from the raw file', () => {
  test('cook2019 from the test fixture', () => {
    const c = readConnectome('cook2019', FIXTURES);
    assert.equal(c.dataset, 'cook2019');
    assert.equal(c.file, join(FIXTURES, 'herm_full_edgelist.csv'));
    checkAgainstRaw(c, c.file, RAW.cook2019);
    assert.ok(!c.neurons.includes('CANL') && c.neurons.includes('VB1') && !c.neurons.includes('VB01'));
    for (const name of ['DBWML1', 'PM1D', 'HYP', 'INTESTINE', 'MC1DL', 'UM1AL']) assert.ok(c.nonNeuronal.includes(name), name);
    assert.deepEqual(c.dropped, [{ reason: 'a partner is a non-neuronal cell', rows: 1573 }]);
    // gap junctions listed both ways with different counts: kept the larger, reported
    assert.equal(c.conflicts.length, 12);
    const avalVa5 = c.synapses.find((s) => s.kind === 'electrical' && [s.pre, s.post].sort().join('-') === 'AVAL-VA5');
    assert.equal(avalVa5?.count, 5);
    assert.ok(c.conflicts.some((x) => x.message.includes('AVAL–VA5')));
  });

  for (const name of DATASETS.filter((d) => d !== 'cook2019')) {
    const spec = RAW[name];
    test(name, { skip: skipWithoutShared(spec.file) }, () => {
      const c = readConnectome(name, SHARED);
      checkAgainstRaw(c, join(SHARED, spec.file), spec);
    });
  }

  test('cook2019 from shared/ equals the fixture', { skip: skipWithoutShared('herm_full_edgelist.csv') }, () => {
    const a = readConnectome('cook2019', SHARED);
    const b = readConnectome('cook2019', FIXTURES);
    assert.deepEqual(a.synapses, b.synapses);
  });
});

describe('dataset rules', () => {
  test('varshney2011 keeps each chemical synapse once (S + Sp summed, R/Rp and NMJ dropped and counted)', { skip: skipWithoutShared('varshney2011_NeuronConnect.csv') }, () => {
    const c = readConnectome('varshney2011', SHARED);
    const rows = readFileSync(join(SHARED, 'varshney2011_NeuronConnect.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const sum = (a: string, b: string, types: string[]) => rows.filter((r) => r[0] === a && r[1] === b && types.includes(r[2])).reduce((t, r) => t + Number(r[3]), 0);
    // ADAL → AIBL: a pair with S and Sp rows, and R/Rp rows from AIBL's side
    for (const [a, b] of [['ADAL', 'AIBL'], ['AVAL', 'VA8'], ['ASEL', 'AWCL']]) {
      const s = c.synapses.filter((x) => x.kind === 'chemical' && x.pre === a && x.post === b);
      assert.equal(s.length, 1, `${a}→${b} once`);
      assert.equal(s[0].count, sum(a, b, ['S', 'Sp']), `${a}→${b} = S + Sp`);
      assert.equal(sum(b, a, ['R', 'Rp']), s[0].count, 'the R rows mirror it');
    }
    const byReason = Object.fromEntries(c.dropped.map((d) => [d.reason, d.rows]));
    assert.equal(byReason['receive rows (R/Rp) repeat the send rows (S/Sp)'], rows.filter((r) => r[2] === 'R' || r[2] === 'Rp').length);
    assert.equal(byReason['neuromuscular junction rows (NMJ)'], rows.filter((r) => r[2] === 'NMJ').length);
    assert.equal(byReason['rows with count 0 (the pair is listed without synapses)'], 2);
    assert.deepEqual(c.conflicts, [], 'every R row mirrors an S row');
    // EJ rows list each junction both ways: one synapse, count not doubled
    const ej = c.synapses.filter((x) => x.kind === 'electrical' && [x.pre, x.post].sort().join('-') === 'ADAL-ADAR');
    assert.equal(ej.length, 1);
    assert.equal(ej[0].count, sum('ADAL', 'ADAR', ['EJ']));
  });

  test('varshney2011: R rows are checked against S rows; names in dropped rows are still checked', () => {
    const text = 'Neuron 1,Neuron 2,Type,Nbr\nAVAL,AVAR,S,2\nAVAR,AVAL,R,1\nAVAL,AVBL,Sp,1\nAVBL,AVAL,Rp,1\nASEK,NMJ,NMJ,3\n';
    const c = connectomeFromText('varshney2011', text, 'v.csv');
    assert.deepEqual(c.conflicts, [{ line: 3, message: 'AVAR receives 1 from AVAL but AVAL sends 2 to AVAR; kept the send count' }]);
    assert.deepEqual(c.synapses.map((s) => [s.pre, s.post, s.count]), [['AVAL', 'AVAR', 2], ['AVAL', 'AVBL', 1]]);
    assert.deepEqual(c.unknown.map((u) => [u.name, u.line]), [['ASEK', 6]]);
    assert.deepEqual(c.nonNeuronal, [], 'NMJ is a pseudo-name, not a cell');
    assert.deepEqual(c.dropped, [
      { reason: 'receive rows (R/Rp) repeat the send rows (S/Sp)', rows: 2 },
      { reason: 'neuromuscular junction rows (NMJ)', rows: 1 },
    ]);
  });

  test('white1986 is TAB-separated', () => {
    const text = 'pre\tpost\ttype\tsynapses\nADAL\tAIBL\tchemical\t1\nADAL\tADFL\telectrical\t2\nAIBL\tpm1\tchemical\t3\nVA8\tVA8\telectrical\t1\n';
    const c = connectomeFromText('white1986', text, 'white.csv');
    assert.deepEqual(c.synapses, [
      { pre: 'ADAL', post: 'AIBL', kind: 'chemical', count: 1, line: 2 },
      { pre: 'ADAL', post: 'ADFL', kind: 'electrical', count: 2, line: 3 },
      { pre: 'VA8', post: 'VA8', kind: 'electrical', count: 1, line: 5 },
    ]);
    assert.deepEqual(c.nonNeuronal, ['PM1']);
    assert.deepEqual(c.neurons, ['ADAL', 'ADFL', 'AIBL', 'VA8']);
    // the same table with commas is refused, not read as one column
    assertInputError(() => connectomeFromText('white1986', text.replaceAll('\t', ','), 'white.csv'), { line: 1 }, /missing column "pre".*separated by TAB/);
  });

  test('white1986 real file parses with TAB', { skip: skipWithoutShared('aconnectome_white_1986_whole.csv') }, () => {
    const c = readConnectome('white1986', SHARED);
    assert.ok(c.nonNeuronal.includes('LEGACYBODYWALLMUSCLES'));
    assert.deepEqual(c.synapses[0], { pre: 'ADAL', post: 'ADFL', kind: 'electrical', count: 1, line: 2 });
  });

  test('chemical pairs listed twice are summed; gap junctions merge per unordered pair', () => {
    const text = [
      'Source,Target,Weight,Type',
      'AVAL,AVAR,2,chemical',
      'AVAL,AVAR,3,chemical', // same pair again: summed
      'AVAR,AVAL,1,chemical', // the other direction: its own synapse
      'AVAL,AVBL,4,electrical',
      'AVBL,AVAL,4,electrical', // the same junction listed from the other side
      'AVBL,AVBR,2,electrical',
      'AVBR,AVBL,3,electrical', // listed both ways, counts disagree: larger kept, reported
      'ASEL,ASER,1,electrical', // listed once only
    ].join('\n');
    const c = connectomeFromText('cook2019', text, 'x.csv');
    assert.deepEqual(c.synapses, [
      { pre: 'AVAL', post: 'AVAR', kind: 'chemical', count: 5, line: 2 },
      { pre: 'AVAR', post: 'AVAL', kind: 'chemical', count: 1, line: 4 },
      { pre: 'AVAL', post: 'AVBL', kind: 'electrical', count: 4, line: 5 },
      { pre: 'AVBL', post: 'AVBR', kind: 'electrical', count: 3, line: 7 },
      { pre: 'ASEL', post: 'ASER', kind: 'electrical', count: 1, line: 9 },
    ]);
    assert.deepEqual(c.conflicts, [{ line: 8, message: 'gap junction AVBL–AVBR: 2 (line 7) but AVBR–AVBL: 3; kept 3' }]);
  });

  test('unknown names are reported with line and nearest neurons, non-neuronal cells listed, nothing dropped silently', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'herm_full_edgelist.csv'), 'Source,Target,Weight,Type\nASEL , AIYL ,3,chemical\nASEK,AIYL,2,chemical\nAIYL,ASEK,1,chemical\nVB01,dBWML1,5,chemical\nAVAL,XYZ9,1,electrical\n');
    const c = readConnectome('cook2019', dir);
    assert.equal(c.unknown.length, 2);
    assert.equal(c.unknown[0].name, 'ASEK');
    assert.equal(c.unknown[0].line, 3, 'the first line naming it');
    assert.ok(c.unknown[0].nearest.includes('ASEL') && c.unknown[0].nearest.includes('ASER'), c.unknown[0].nearest.join());
    assert.equal(c.unknown[0].nearest.length, 3);
    assert.equal(c.unknown[1].name, 'XYZ9');
    assert.equal(c.unknown[1].line, 6);
    assert.deepEqual(c.nonNeuronal, ['DBWML1']);
    assert.deepEqual(c.neurons, ['AIYL', 'ASEL', 'AVAL', 'VB1']);
    assert.equal(c.synapses.length, 1);
    assert.deepEqual(c.dropped, [
      { reason: 'a partner is an unknown name', rows: 3 },
      { reason: 'a partner is a non-neuronal cell', rows: 1 },
    ]);
  });

  test('quoted cells, CRLF and blank lines read the same as plain ones', () => {
    const plain = connectomeFromText('cook2019', 'Source,Target,Weight,Type\nAVAL , AVAR ,2,chemical\n\nVB01,DD01,1,electrical\n', 'x.csv');
    const quoted = connectomeFromText('cook2019', 'Source,Target,Weight,Type\r\n"AVAL" , "AVAR",2,chemical\r\n\r\n"VB01","DD01","1",electrical\r\n', 'x.csv');
    assert.deepEqual(quoted, plain);
    assert.deepEqual(plain.synapses.map((s) => s.line), [2, 4]);
    assertInputError(() => connectomeFromText('cook2019', 'Source,Target,Weight,Type\n"AVAL,AVAR,2,chemical\n', 'x.csv'), {}, /^x\.csv.*malformed table/);
  });

  test('errors in the file name file, line and field', () => {
    const head = 'Source,Target,Weight,Type\n';
    assertInputError(() => connectomeFromText('cook2019', 'Source,Target,Type\nAVAL,AVAR,chemical\n', 'x.csv'), { line: 1 }, /^x\.csv:1: missing column "Weight"/);
    assertInputError(() => connectomeFromText('cook2019', `${head}AVAL,AVAR,1,chemical\nAVAL,AVBL,many,chemical\n`, 'x.csv'), { line: 3, field: 'Weight' }, /^x\.csv:3: Weight: not a number: "many"/);
    assertInputError(() => connectomeFromText('cook2019', `${head}AVAL,AVAR,2.5,chemical\n`, 'x.csv'), { line: 2, field: 'Weight' }, /whole number/);
    assertInputError(() => connectomeFromText('cook2019', `${head}AVAL,AVAR,-1,chemical\n`, 'x.csv'), { line: 2, field: 'Weight' }, /whole number >= 0/);
    assertInputError(() => connectomeFromText('cook2019', `${head}AVAL,AVAR,1,chem\n`, 'x.csv'), { line: 2, field: 'Type' }, /unknown synapse type "chem" \(expected chemical, electrical\)/);
    assertInputError(() => connectomeFromText('cook2019', `${head}AVAL,,1,chemical\n`, 'x.csv'), { line: 2, field: 'Target' }, /empty cell/);
    assertInputError(() => connectomeFromText('cook2019', `${head}AVAL,AVAR,1\n`, 'x.csv'), { line: 2 }, /3 fields, the header has 4/);
    assertInputError(() => connectomeFromText('cook2019', '', 'x.csv'), {}, /empty file/);
    assertInputError(() => connectomeFromText('celegans', head, 'x.csv'), { field: 'dataset' }, /unknown connectome "celegans" \(datasets: cook2019, varshney2011, white1986, witvliet2020, openworm\)/);
    assertInputError(() => readConnectome('white1986', tempDir()), {}, /aconnectome_white_1986_whole\.csv: file not found/);
  });
});
