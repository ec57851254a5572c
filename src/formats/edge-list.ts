/**
 * Networks from plain edge lists (text; the files are io/edge-list.ts), as people export them from other tools: CSV
 * (`source,target[,latency][,length][,weight]`, columns in any order, `#` comment lines) or
 * JSON (`[{source, target, latency?, length?, weight?}]` or `{edges: [...], positions?: {id: [x,y,z]}}`).
 *
 * Latency of an edge, first that applies: its latency; length / speed + synDelay; the
 * straight-line distance between the nodes' positions × tortuosity / speed + synDelay.
 * Every bad value is reported with file, line and column (`edges.csv:7: latency: not a number: "abc"`).
 */
import { z } from 'zod';
import { makeNetwork } from '../model/build.js';
import type { Network, NodeParams } from '../model/types.js';
import { validateNetwork } from '../model/validate.js';
import { cell, numberCell, parseCsvTable, type CsvTable } from './csv.js';
import { InputError } from './errors.js';
import { fieldName, lineOfPath, parseJsonText, type JsonPath } from './json-text.js';
import { NodeIds } from './node-ids.js';
import { showValue } from './numbers.js';
import { baseName, extName } from './paths.js';
import { firstIssue } from './zod-issues.js';

/** How edges become a network (both for text, networkFromEdgeList, and files, readEdgeList). */
export interface EdgeListNetworkOptions {
  /** Conduction speed (µm/ms), to turn lengths and distances into latencies. */
  speed?: number;
  /** Synaptic delay (ms) added to latencies computed from lengths or distances. Default 0. */
  synDelay?: number;
  /** Path length / straight-line distance, for latencies from positions (>= 1). Default 1. */
  tortuosity?: number;
  /** Weight of edges that give none. Default 1. */
  weight?: number;
  /** Node parameters (one value for all nodes, or one per node in id order). */
  nodes?: NodeParams;
  /** false: each row also adds the reverse edge. Default true. */
  directed?: boolean;
}

export interface EdgeListTextOptions extends EdgeListNetworkOptions {
  /** Names the source in messages and in the network's meta. */
  file?: string;
  /** 'csv' or 'json'; default from the file name's extension, else from the text (`[` or `{` first: JSON). */
  format?: 'csv' | 'json';
  /** CSV text `node,x,y,z` (µm) with node positions, and the name of its file for messages. */
  positions?: { text: string; file?: string };
}

const COLUMNS = ['source', 'target', 'latency', 'length', 'weight'] as const;
type Column = (typeof COLUMNS)[number];

/** Where a value came from, for error messages. */
interface Where {
  file?: string;
  line?: number;
  field: string;
}

interface RawEdge {
  source: number;
  target: number;
  latency?: number;
  length?: number;
  weight?: number;
  where: (column: Column) => Where;
}

function fail(where: Where, detail: string): never {
  throw new InputError(detail, where);
}

// ------------------------------------------------------------------------------ CSV

function edgesFromCsv(text: string, file: string | undefined, ids: NodeIds): RawEdge[] {
  const t = parseCsvTable(text, file, COLUMNS, ['source', 'target']);
  return t.rows.map((row) => {
    const where = (field: Column): Where => ({ file, line: row.line, field });
    const id = (c: 'source' | 'target') => ids.id(cell(t, row, c) ?? '', (d) => fail(where(c), d));
    const num = (c: Column) => numberCell(t, row, c);
    return { source: id('source'), target: id('target'), latency: num('latency'), length: num('length'), weight: num('weight'), where };
  });
}

function positionsFromCsv(t: CsvTable, ids: NodeIds): Map<number, [number, number, number]> {
  const out = new Map<number, [number, number, number]>();
  const lineOf = new Map<number, number>();
  for (const row of t.rows) {
    const at = (field: string): Where => ({ file: t.file, line: row.line, field });
    const id = ids.id(cell(t, row, 'node') ?? '', (d) => fail(at('node'), d));
    if (out.has(id)) fail(at('node'), `position of node ${ids.describe(id)} given twice (first on line ${lineOf.get(id)})`);
    const xyz = (['x', 'y', 'z'] as const).map((c) => numberCell(t, row, c) ?? fail(at(c), 'missing (required)'));
    out.set(id, xyz as [number, number, number]);
    lineOf.set(id, row.line);
  }
  return out;
}

// ------------------------------------------------------------------------------ JSON

const bad = (what: string) => (iss: { input?: unknown }) => (iss.input === undefined ? 'missing (required)' : `${what}: ${showValue(iss.input)}`);
const num = z.number({ error: bad('not a number') });
const nodeToken = z.union([z.number(), z.string()], { error: bad('not a node id (an integer >= 0 or a name)') });
const jsonEdge = z.strictObject({ source: nodeToken, target: nodeToken, latency: num.optional(), length: num.optional(), weight: num.optional() });
const jsonEdges = z.array(jsonEdge);
const jsonDoc = z.strictObject({
  edges: jsonEdges,
  positions: z.record(z.string(), z.tuple([num, num, num], { error: bad('expected [x, y, z]') })).optional(),
});

interface JsonInput {
  edges: RawEdge[];
  positions: Map<number, [number, number, number]> | null;
}

function fromJson(text: string, file: string | undefined, ids: NodeIds): JsonInput {
  const raw = parseJsonText(text, file);
  const at = (path: JsonPath): Where => ({ file, line: lineOfPath(text, path), field: fieldName(path) });
  const isList = Array.isArray(raw);
  if (!isList && (typeof raw !== 'object' || raw === null))
    fail({ file, line: 1, field: '' }, 'expected an array of edges or an object {"edges": [...], "positions": {...}}');
  const parsed = isList ? jsonEdges.safeParse(raw) : jsonDoc.safeParse(raw);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    fail(at(issue.path as JsonPath), issue.message);
  }
  const doc = Array.isArray(parsed.data) ? { edges: parsed.data, positions: undefined } : parsed.data;
  const prefix: JsonPath = isList ? [] : ['edges'];
  const edges = doc.edges.map((e, i): RawEdge => {
    const where = (c: Column) => at([...prefix, i, c]);
    const id = (c: 'source' | 'target') => ids.id(e[c], (d) => fail(where(c), d));
    return { source: id('source'), target: id('target'), latency: e.latency, length: e.length, weight: e.weight, where };
  });
  let positions: Map<number, [number, number, number]> | null = null;
  if (doc.positions) {
    positions = new Map();
    for (const [key, xyz] of Object.entries(doc.positions)) positions.set(ids.id(key, (d) => fail(at(['positions', key]), d)), xyz);
  }
  return { edges, positions };
}

// ------------------------------------------------------------------------------ assembly

function checkOptions(o: EdgeListNetworkOptions): void {
  const check = (name: keyof EdgeListNetworkOptions, v: number | undefined, ok: (v: number) => boolean, rule: string) => {
    if (v !== undefined && !(Number.isFinite(v) && ok(v))) throw new InputError(`must be ${rule}, got ${showValue(v)}`, { field: name });
  };
  check('speed', o.speed, (v) => v > 0, 'a number > 0 (µm/ms)');
  check('synDelay', o.synDelay, (v) => v >= 0, 'a number >= 0 (ms)');
  check('tortuosity', o.tortuosity, (v) => v >= 1, 'a number >= 1');
  check('weight', o.weight, () => true, 'a finite number');
}

function isJson(path: string | undefined, text: string): boolean {
  const ext = path === undefined ? '' : extName(path).toLowerCase();
  if (ext === '.json') return true;
  if (ext === '.csv') return false;
  return /^\s*[[{]/.test(text);
}

/** An edge list (CSV or JSON text) and, optionally, positions (CSV text), as a Network. */
export function networkFromEdgeList(text: string, opts: EdgeListTextOptions = {}): Network {
  checkOptions(opts);
  const ids = new NodeIds();
  const path = opts.file;
  let edges: RawEdge[];
  let positions: Map<number, [number, number, number]> | null = null;
  let positionsFile = path;
  if (opts.format ? opts.format === 'json' : isJson(path, text)) ({ edges, positions } = fromJson(text, path, ids));
  else edges = edgesFromCsv(text, path, ids);
  if (opts.positions) {
    if (positions) throw new InputError('positions are given both in this file and as a positions file', { file: path, field: 'positions' });
    positionsFile = opts.positions.file;
    positions = positionsFromCsv(parseCsvTable(opts.positions.text, positionsFile, ['node', 'x', 'y', 'z'], ['node', 'x', 'y', 'z']), ids);
  }

  ids.checkCount(edges.length + (positions?.size ?? 0));
  const n = ids.count;
  if (n === 0) throw new InputError('the network is empty: no edges', { file: path });
  let position: Float64Array | null = null;
  if (positions) {
    position = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      const p = positions.get(i);
      if (!p) throw new InputError(`node ${ids.describe(i)} has no position`, { file: positionsFile });
      position.set(p, 3 * i);
    }
  }

  const speed = opts.speed, synDelay = opts.synDelay ?? 0, tort = opts.tortuosity ?? 1;
  const directed = opts.directed ?? true;
  const m = directed ? edges.length : 2 * edges.length;
  const source = new Int32Array(m), target = new Int32Array(m), latency = new Float64Array(m), length = new Float64Array(m);
  const weight = new Float32Array(m).fill(opts.weight ?? 1);
  let allLengths = true, anyWeight = false;
  edges.forEach((e, k) => {
    const nonNegative = (c: Column, v: number | undefined) => {
      if (v !== undefined && !(v >= 0)) fail(e.where(c), `must be >= 0, got ${showValue(v)}`);
    };
    nonNegative('latency', e.latency);
    nonNegative('length', e.length);
    if (e.weight !== undefined && !Number.isFinite(Math.fround(e.weight))) fail(e.where('weight'), `out of range (weights are float32), got ${showValue(e.weight)}`);
    let len = e.length;
    if (len === undefined && position) {
      const a = 3 * e.source, b = 3 * e.target;
      len = tort * Math.hypot(position[a] - position[b], position[a + 1] - position[b + 1], position[a + 2] - position[b + 2]);
    }
    let lat = e.latency;
    if (lat === undefined) {
      if (len === undefined) fail(e.where('latency'), 'no latency: give a latency, a length (with speed) or node positions (with speed)');
      if (speed === undefined) fail(e.where('latency'), `no latency, and no speed to compute it from the ${e.length !== undefined ? 'length' : 'positions'} (give the speed option, µm/ms)`);
      lat = len / speed + synDelay;
    }
    const rows = directed ? [k] : [2 * k, 2 * k + 1];
    rows.forEach((r, back) => {
      source[r] = back ? e.target : e.source;
      target[r] = back ? e.source : e.target;
      latency[r] = lat;
      length[r] = len ?? NaN;
      if (e.weight !== undefined) weight[r] = e.weight;
    });
    if (len === undefined) allLengths = false;
    if (e.weight !== undefined) anyWeight = true;
  });

  const nodes = opts.nodes ?? {};
  for (const [k, v] of Object.entries(nodes) as [string, unknown][])
    if (typeof v === 'object' && v !== null && (v as ArrayLike<unknown>).length !== n)
      throw new InputError(`expected ${n} values (one per node), got ${(v as ArrayLike<unknown>).length}`, { field: `nodes.${k}` });
  const net = makeNetwork({
    n,
    nodes,
    position,
    labels: ids.labels,
    // Lengths are kept only when every edge has one; weights only when some edge gave one.
    edges: { source, target, latency, weight: anyWeight ? weight : (opts.weight ?? 1), length: allLengths ? length : null },
    meta: {
      name: path !== undefined ? baseName(path, extName(path)) : 'edge-list',
      builder: 'edge-list',
      params: { ...(path !== undefined ? { file: baseName(path) } : {}), directed, ...(opts.positions?.file !== undefined ? { positions: baseName(opts.positions.file) } : {}), tortuosity: tort },
      ...(speed !== undefined ? { speed, synDelay } : {}),
    },
  });
  // Values from the files were checked above; what is left are the node parameters (options).
  const problem = validateNetwork(net)[0];
  if (problem) throw new InputError(problem.message, { field: problem.field });
  return net;
}
