/**
 * The five C. elegans connectome tables, each read into one Connectome of neuron→neuron
 * synapses between the 302 known neurons (names.ts). What every row became is accounted
 * for: a synapse, a merge into one, or a counted `dropped` reason; partners that are not
 * neurons are listed (`nonNeuronal`) or reported with suggestions (`unknown`).
 *
 * Merging rules:
 *  - chemical: one synapse per directed (pre, post) pair; rows repeating a pair are summed
 *    (Varshney lists monadic S and polyadic Sp rows of one pair separately: 381 pairs).
 *  - electrical: one synapse per unordered pair {a, b}. Rows are summed per direction;
 *    when a file lists the pair in both directions (Cook, Varshney and OpenWorm list every
 *    gap junction twice; White and Witvliet once), the two directions describe the same
 *    junctions, so the count is the larger of the two, not their sum. Where the two counts
 *    differ (Cook: AVAL–VA5 4 vs 5) the pair is recorded in `conflicts`. The synapse takes
 *    pre/post and line from the first row that names the pair.
 *  - Varshney R/Rp rows repeat S/Sp rows from the receiving side: dropped (counted), and
 *    checked to mirror the S/Sp counts (a mismatch goes into `conflicts`). NMJ rows have
 *    the pseudo-partner `NMJ`: dropped (counted).
 *  - rows with count 0 (Varshney AVFL→VB1, FLPR→VB1) give no synapse: dropped (counted),
 *    but their names still count as named in the file.
 */
import { cell, numberCell, type CsvRow, type CsvTable } from '../formats/csv.js';
import { InputError } from '../formats/errors.js';
import { isNeuron, KNOWN_NEURONS, nearestNames, nonNeuronalKind, normaliseName } from './names.js';
import { parseDelimited } from './table.js';

export const DATASETS = ['cook2019', 'varshney2011', 'white1986', 'witvliet2020', 'openworm'] as const;
export type DatasetName = (typeof DATASETS)[number];

export type SynapseKind = 'chemical' | 'electrical';

export interface Synapse {
  pre: string;
  post: string;
  kind: SynapseKind;
  /**
   * Size of the connection as the table gives it (DATASET_SPECS[…].weightUnit): for Cook et al.
   * 2019 the number of EM serial sections its synapses span, summed over them (a size, not a
   * number of synapses); for the other tables the number of synapses.
   */
  count: number;
  /** Line of the first row that names the pair. */
  line: number;
}

export interface Connectome {
  dataset: string;
  file: string;
  /** The known neurons named anywhere in the file (also in dropped rows), sorted. */
  neurons: string[];
  synapses: Synapse[];
  /** Names that are neither neurons nor known non-neuronal cells: first line, nearest neurons. */
  unknown: { name: string; line: number; nearest: string[] }[];
  /** Non-neuronal cells (muscles, glia, end organs) named in the file, sorted; their rows are dropped. */
  nonNeuronal: string[];
  /** Rows that gave no synapse, counted by reason. */
  dropped: { reason: string; rows: number }[];
  /** Disagreements inside the file that merging resolved (see the module comment). */
  conflicts: { line: number; message: string }[];
}

/** A kept synapse kind, or a dropped row: why, whether it is a receive row, a pseudo-name it uses. */
type RowRule = SynapseKind | { drop: string; receive?: true; pseudo?: string };

interface DatasetSpec {
  file: string;
  delimiter: string;
  pre: string;
  post: string;
  type: string;
  count: string;
  /** What the count column measures. */
  weightUnit: 'EM serial sections' | 'synapses';
  /** Value of the type column → what the row is. */
  types: Record<string, RowRule>;
}

const ZERO = 'rows with count 0 (the pair is listed without synapses)';
const RECEIVE = 'receive rows (R/Rp) repeat the send rows (S/Sp)';

export const DATASET_SPECS: Record<DatasetName, DatasetSpec> = {
  cook2019: {
    file: 'herm_full_edgelist.csv', delimiter: ',', pre: 'Source', post: 'Target', type: 'Type', count: 'Weight', weightUnit: 'EM serial sections',
    types: { chemical: 'chemical', electrical: 'electrical' },
  },
  varshney2011: {
    file: 'varshney2011_NeuronConnect.csv', delimiter: ',', pre: 'Neuron 1', post: 'Neuron 2', type: 'Type', count: 'Nbr', weightUnit: 'synapses',
    types: {
      S: 'chemical', Sp: 'chemical', EJ: 'electrical',
      R: { drop: RECEIVE, receive: true }, Rp: { drop: RECEIVE, receive: true },
      NMJ: { drop: 'neuromuscular junction rows (NMJ)', pseudo: 'NMJ' },
    },
  },
  white1986: {
    file: 'aconnectome_white_1986_whole.csv', delimiter: '\t', pre: 'pre', post: 'post', type: 'type', count: 'synapses', weightUnit: 'synapses',
    types: { chemical: 'chemical', electrical: 'electrical' },
  },
  witvliet2020: {
    file: 'witvliet2020_8_adult.csv', delimiter: ',', pre: 'pre', post: 'post', type: 'type', count: 'synapses', weightUnit: 'synapses',
    types: { chemical: 'chemical', electrical: 'electrical' },
  },
  openworm: {
    file: 'CElegansNeuronTables_Connectome.csv', delimiter: ',', pre: 'Origin', post: 'Target', type: 'Type', count: 'Number of Connections', weightUnit: 'synapses',
    types: { Send: 'chemical', GapJunction: 'electrical' },
  },
};

export function isDataset(name: string): name is DatasetName {
  return (DATASETS as readonly string[]).includes(name);
}

export function datasetSpec(name: string): DatasetSpec {
  if (!isDataset(name)) throw new InputError(`unknown connectome "${name}" (datasets: ${DATASETS.join(', ')})`, { field: 'dataset' });
  return DATASET_SPECS[name];
}

function required(t: CsvTable, row: CsvRow, column: string): string {
  const v = cell(t, row, column);
  if (v === undefined) throw new InputError('empty cell', { file: t.file, line: row.line, field: column });
  return v;
}

function synapseCount(t: CsvTable, row: CsvRow, column: string): number {
  const v = numberCell(t, row, column);
  if (v === undefined) throw new InputError('empty cell', { file: t.file, line: row.line, field: column });
  if (!Number.isInteger(v) || v < 0) throw new InputError(`a synapse count must be a whole number >= 0, got ${v}`, { file: t.file, line: row.line, field: column });
  return v;
}

/** An electrical pair being merged: summed counts per direction, `ab` being the first-seen direction. */
interface GapPair {
  syn: Synapse;
  ab: number;
  ba: number;
  baLine: number;
}

/** Parses one dataset's table from text (the file name is for messages and `Connectome.file`). */
export function connectomeFromText(dataset: string, text: string, file: string): Connectome {
  const spec = datasetSpec(dataset);
  const t = parseDelimited(text, file, spec.delimiter, [spec.pre, spec.post, spec.type, spec.count]);

  const neurons = new Set<string>();
  const nonNeuronal = new Set<string>();
  const unknown = new Map<string, { name: string; line: number; nearest: string[] }>();
  const dropped = new Map<string, number>();
  const drop = (reason: string) => dropped.set(reason, (dropped.get(reason) ?? 0) + 1);
  const conflicts: { line: number; message: string }[] = [];
  const chemical = new Map<string, Synapse>();
  const gaps = new Map<string, GapPair>();
  const received = new Map<string, { count: number; line: number }>();
  const order: Synapse[] = [];

  /** Sorts a name into neuron / non-neuronal / unknown; true for a neuron. */
  const classify = (name: string, line: number): boolean => {
    if (isNeuron(name)) {
      neurons.add(name);
      return true;
    }
    if (nonNeuronalKind(name) !== undefined) nonNeuronal.add(name);
    else if (!unknown.has(name)) unknown.set(name, { name, line, nearest: nearestNames(name, KNOWN_NEURONS, 3) });
    return false;
  };

  for (const row of t.rows) {
    const rawType = required(t, row, spec.type);
    const rule = Object.hasOwn(spec.types, rawType) ? spec.types[rawType] : undefined;
    if (rule === undefined)
      throw new InputError(`unknown synapse type ${JSON.stringify(rawType)} (expected ${Object.keys(spec.types).join(', ')})`, { file, line: row.line, field: spec.type });
    const count = synapseCount(t, row, spec.count);
    const pre = normaliseName(required(t, row, spec.pre));
    const post = normaliseName(required(t, row, spec.post));

    if (typeof rule !== 'string') {
      // names of dropped rows are still sorted (a typo there is reported too), except
      // Varshney's pseudo-partner "NMJ", which stands for the muscles
      for (const name of [pre, post]) if (name !== rule.pseudo) classify(name, row.line);
      if (rule.receive) {
        // R row "pre post": pre receives from post; kept to check it mirrors the S rows
        const key = `${post}\t${pre}`;
        const r = received.get(key);
        if (r) r.count += count;
        else received.set(key, { count, line: row.line });
      }
      drop(rule.drop);
      continue;
    }

    const preOk = classify(pre, row.line);
    const postOk = classify(post, row.line);
    if (count === 0) {
      drop(ZERO);
      continue;
    }
    if (!preOk || !postOk) {
      const isUnknown = (n: string) => unknown.has(n);
      drop(isUnknown(pre) || isUnknown(post) ? 'a partner is an unknown name' : 'a partner is a non-neuronal cell');
      continue;
    }

    if (rule === 'chemical') {
      const key = `${pre}\t${post}`;
      const s = chemical.get(key);
      if (s) s.count += count;
      else {
        const syn: Synapse = { pre, post, kind: 'chemical', count, line: row.line };
        chemical.set(key, syn);
        order.push(syn);
      }
      continue;
    }

    const key = pre < post ? `${pre}\t${post}` : `${post}\t${pre}`;
    const g = gaps.get(key);
    if (!g) {
      const syn: Synapse = { pre, post, kind: 'electrical', count, line: row.line };
      gaps.set(key, { syn, ab: count, ba: 0, baLine: 0 });
      order.push(syn);
    } else if (g.syn.pre === pre) g.ab += count;
    else {
      g.ba += count;
      if (g.baLine === 0) g.baLine = row.line;
    }
  }

  for (const g of gaps.values()) {
    g.syn.count = Math.max(g.ab, g.ba);
    if (g.ba > 0 && g.ba !== g.ab)
      conflicts.push({
        line: g.baLine,
        message: `gap junction ${g.syn.pre}–${g.syn.post}: ${g.ab} (line ${g.syn.line}) but ${g.syn.post}–${g.syn.pre}: ${g.ba}; kept ${g.syn.count}`,
      });
  }
  if (received.size > 0) {
    for (const [key, r] of received) {
      const sent = chemical.get(key)?.count ?? 0;
      const [pre, post] = key.split('\t');
      if (isNeuron(pre) && isNeuron(post) && sent !== r.count)
        conflicts.push({ line: r.line, message: `${post} receives ${r.count} from ${pre} but ${pre} sends ${sent} to ${post}; kept the send count` });
    }
  }

  return {
    dataset,
    file,
    neurons: [...neurons].sort(),
    synapses: order,
    unknown: [...unknown.values()],
    nonNeuronal: [...nonNeuronal].sort(),
    dropped: [...dropped].map(([reason, rows]) => ({ reason, rows })),
    conflicts: conflicts.sort((a, b) => a.line - b.line),
  };
}

/** Number of chemical and electrical synapses (edges before `gap: 'pair'` doubling). */
export function synapseCounts(c: Connectome): { chemical: number; electrical: number } {
  let chemical = 0;
  for (const s of c.synapses) if (s.kind === 'chemical') chemical++;
  return { chemical, electrical: c.synapses.length - chemical };
}
