/**
 * Networks in the versioned JSON format (see network-schema.ts), to and from JSON documents
 * and text; no file access (the files are src/node/network-file.ts), so it runs in a browser.
 *
 * Writing is exact: float64 values use the shortest text that parses back to the same
 * bits, float32 weights the shortest decimal that rounds back to the same float32, per-node
 * fields shared by every node are written once. Large networks keep their edge arrays in a
 * binary sidecar (sidecar.ts). Reading reports the first problem as a one-line InputError
 * naming the file, the field path (e.g. `edges.latency[3]`) and, when known, the line.
 */
import { makeNetwork } from '../model/build.js';
import { MODES, edgeSources, type Network, type NodeParams } from '../model/types.js';
import { validateNetwork } from '../model/validate.js';
import { InputError } from './errors.js';
import { fieldName, lineOfPath, parseFieldName, parseJsonText } from './json-text.js';
import { NETWORK_FORMAT, NETWORK_VERSION, networkDocSchema, type NetworkDoc } from './network-schema.js';
import { float32Decimal, showValue } from './numbers.js';
import { decodeSidecar, encodeSidecar, type SidecarSection } from './sidecar.js';
import { firstIssue } from './zod-issues.js';

export { networkJsonSchema, networkJsonSchemaText, type NetworkDoc } from './network-schema.js';

/**
 * Most nodes of a network file without a sidecar. Per-node values may be one number for all
 * nodes, so nothing in such a file backs `nodes.count` with data: one edited digit would
 * make the reader allocate gigabytes. Larger networks keep their offsets (n + 1 values) in
 * the sidecar, whose bytes back the count (`sidecar: 'auto'` writes one above this).
 */
export const MAX_NODES_WITHOUT_SIDECAR = 10_000_000;

export interface NetworkReadOptions {
  /** Names the source in messages (`file:line: field: problem`); a sidecar is named beside it. */
  file?: string;
  /**
   * The bytes of the binary sidecar that a large network document names (`sidecar.file`, a
   * plain name relative to the document, checked before this is called). Without it, a
   * document whose edges are in a sidecar is refused; readNetworkFile (refract-networks/node) reads
   * the sidecar next to the file.
   */
  sidecar?: (name: string) => Uint8Array;
}

const PER_NODE = ['refractory', 'threshold', 'processing', 'window', 'tauM'] as const;
type PerNodeField = (typeof PER_NODE)[number];

// ------------------------------------------------------------------------------ writing

/** One value when every element has the same bits (so -0 and 0 stay distinct), else all of them. */
function compact<T>(values: ArrayLike<T>): T | T[] {
  for (let i = 1; i < values.length; i++) if (!Object.is(values[i], values[0])) return Array.from(values);
  return values.length > 0 ? values[0] : [];
}

function nodesSection(net: Network, withPosition: boolean): NetworkDoc['nodes'] {
  const nodes: NetworkDoc['nodes'] = { count: net.n };
  for (const k of PER_NODE) nodes[k] = compact(net[k]);
  nodes.mode = compact(Array.from(net.mode, (c) => MODES[c]));
  if (withPosition && net.position) {
    const p = net.position;
    nodes.position = Array.from({ length: net.n }, (_, i): [number, number, number] => [p[3 * i], p[3 * i + 1], p[3 * i + 2]]);
  }
  if (net.labels) nodes.labels = [...net.labels];
  return nodes;
}

/** Meta as plain JSON data (drops undefined values and functions, as JSON.stringify does). */
function plainMeta(net: Network): Record<string, unknown> {
  return JSON.parse(JSON.stringify(net.meta)) as Record<string, unknown>;
}

function docFor(net: Network, sidecar: SidecarSection | null): NetworkDoc {
  const w = net.weight;
  const edges: NetworkDoc['edges'] = { count: net.m };
  if (!sidecar) {
    edges.source = Array.from(edgeSources(net));
    edges.target = Array.from(net.target);
    edges.latency = Array.from(net.latency);
  }
  if (typeof w === 'number') edges.weight = w;
  else if (!sidecar) edges.weight = Array.from(w, float32Decimal);
  if (net.length && !sidecar) edges.length = Array.from(net.length);
  const doc: NetworkDoc = {
    format: NETWORK_FORMAT,
    version: NETWORK_VERSION,
    units: { time: 'ms', length: 'um', speed: 'um/ms' },
    meta: plainMeta(net),
    nodes: nodesSection(net, !sidecar?.arrays.position),
    edges,
  };
  if (sidecar) doc.sidecar = sidecar;
  return doc;
}

/** The network as a JSON document (edges inline). JSON.stringify writes -0 as 0; writeNetworkFile keeps it. */
export function networkToJson(net: Network): NetworkDoc {
  return docFor(net, null);
}

/**
 * The network as a document whose edge arrays (and positions) are in a binary sidecar named
 * `STEM.<crc32>.bin`, and that sidecar's bytes.
 */
export function networkToJsonWithSidecar(net: Network, stem: string): { doc: NetworkDoc; bytes: Uint8Array } {
  const { bytes, section } = encodeSidecar(net, stem);
  return { doc: docFor(net, section), bytes };
}

/**
 * JSON has no Infinity or NaN. validateNetwork lets a few fields be infinite (tauM, edge
 * lengths); rather than write null and fail on reading, refuse to write them inline.
 */
export function assertJsonSafe(net: Network, inSidecar: boolean): void {
  const fields: [string, ArrayLike<number> | null][] = PER_NODE.map((k) => [`nodes.${k}`, net[k]]);
  if (!inSidecar) fields.push(['edges.length', net.length]);
  for (const [field, a] of fields)
    if (a) for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) throw new RangeError(`${field}[${i}]: ${a[i]} cannot be written to JSON`);
}

// ------------------------------------------------------------------------------ reading

interface Context {
  file?: string;
  /** The JSON text, to find the line of a bad field. */
  text?: string;
  sidecar?: (name: string) => Uint8Array;
}

function failAt(ctx: Context, field: string, detail: string): never {
  throw new InputError(detail, { file: ctx.file, line: lineOfPath(ctx.text, parseFieldName(field)), field: field || undefined });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Edge e of the CSR network came from file position order[e] (makeNetwork's stable sort). */
function csrOrder(source: readonly number[], n: number): Float64Array {
  const start = new Float64Array(n + 1);
  for (const s of source) start[s + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const order = new Float64Array(source.length);
  source.forEach((s, k) => (order[start[s]++] = k));
  return order;
}

function checkLength(ctx: Context, field: string, got: number, want: number, of: string): void {
  if (got !== want) failAt(ctx, field, `expected ${want} values (${of}), got ${got}`);
}

function nodeParams(d: NetworkDoc['nodes']): NodeParams {
  return { refractory: d.refractory, threshold: d.threshold, processing: d.processing, mode: d.mode, window: d.window, tauM: d.tauM };
}

/**
 * Builds the network of a document. `ctx.text` (the file's text) lets errors name a line;
 * a sidecar is looked up next to `ctx.file`.
 */
function networkFromDoc(raw: unknown, ctx: Context): Network {
  // Format and version first: for another kind of file, they are the only useful message.
  if (!isObject(raw)) failAt(ctx, '', `not a Refract network file: expected a JSON object, got ${showValue(raw)}`);
  if (raw.format !== NETWORK_FORMAT)
    failAt(ctx, 'format', `not a Refract network file: expected "${NETWORK_FORMAT}", got ${showValue(raw.format)}`);
  if (raw.version !== NETWORK_VERSION)
    failAt(ctx, 'version', `unsupported version ${showValue(raw.version)}: this Refract reads version ${NETWORK_VERSION}`);
  const parsed = networkDocSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    failAt(ctx, fieldName(issue.path), issue.message);
  }
  const doc = parsed.data;
  const n = doc.nodes.count;
  if (n === 0) failAt(ctx, 'nodes.count', 'the network is empty: it needs at least one node');
  if (!doc.sidecar && n > MAX_NODES_WITHOUT_SIDECAR)
    failAt(ctx, 'nodes.count', `${n} nodes: a network file without a sidecar holds at most ${MAX_NODES_WITHOUT_SIDECAR} (10^7); larger networks keep their offsets in a sidecar (refract build --sidecar)`);
  for (const k of [...PER_NODE, 'mode'] as const) {
    const v = doc.nodes[k];
    if (Array.isArray(v)) checkLength(ctx, `nodes.${k}`, v.length, n, 'nodes.count');
  }
  if (doc.nodes.position) checkLength(ctx, 'nodes.position', doc.nodes.position.length, n, 'nodes.count');
  if (doc.nodes.labels) checkLength(ctx, 'nodes.labels', doc.nodes.labels.length, n, 'nodes.count');
  const base = {
    n,
    nodes: nodeParams(doc.nodes),
    position: doc.nodes.position ? doc.nodes.position.flat() : null,
    labels: doc.nodes.labels ?? null,
    meta: doc.meta ?? {},
  };
  return doc.sidecar ? fromSidecar(doc, doc.sidecar, base, ctx) : fromColumns(doc, base, ctx);
}

type Base = Omit<Parameters<typeof makeNetwork>[0], 'edges'>;

function fromColumns(doc: NetworkDoc, base: Base, ctx: Context): Network {
  const { n } = base;
  const e = doc.edges, m = e.count;
  const need = (k: 'source' | 'target' | 'latency') => e[k] ?? failAt(ctx, `edges.${k}`, 'missing (required unless the edges are in a sidecar)');
  const source = need('source'), target = need('target'), latency = need('latency');
  checkLength(ctx, 'edges.source', source.length, m, 'edges.count');
  checkLength(ctx, 'edges.target', target.length, m, 'edges.count');
  checkLength(ctx, 'edges.latency', latency.length, m, 'edges.count');
  if (Array.isArray(e.weight)) checkLength(ctx, 'edges.weight', e.weight.length, m, 'edges.count');
  if (e.length) checkLength(ctx, 'edges.length', e.length.length, m, 'edges.count');
  // Ids are checked here, in file order: makeNetwork would misplace an edge with a bad source.
  for (const [k, ids] of [['source', source], ['target', target]] as const)
    for (let i = 0; i < m; i++) if (ids[i] >= n) failAt(ctx, `edges.${k}[${i}]`, `unknown node id ${ids[i]} (nodes are 0..${n - 1})`);
  const net = makeNetwork({ ...base, edges: { source, target, latency, weight: e.weight ?? 1, length: e.length ?? null } });
  const problem = validateNetwork(net)[0];
  if (problem) {
    let field = problem.field;
    const edge = /^edges\.(\w+)\[(\d+)\]$/.exec(field);
    if (edge) field = `edges.${edge[1]}[${csrOrder(source, n)[Number(edge[2])]}]`;
    failAt(ctx, nodeField(doc, field), problem.message);
  }
  return net;
}

/** `nodes.refractory[3]` → `nodes.refractory` when the file gave one value for all nodes. */
function nodeField(doc: NetworkDoc, field: string): string {
  const m = /^nodes\.(\w+)\[\d+\]$/.exec(field);
  if (m && !Array.isArray(doc.nodes[m[1] as PerNodeField])) return `nodes.${m[1]}`;
  return field;
}

function fromSidecar(doc: NetworkDoc, sc: SidecarSection, base: Base, ctx: Context): Network {
  const { n } = base;
  // first: in a browser, the one thing to say about any sidecar file
  if (!ctx.sidecar)
    failAt(ctx, 'sidecar', `the edges are in the binary sidecar ${showValue(sc.file)}, which this reader was not given: read the file with readNetworkFile (refract-networks/node) or pass the sidecar's bytes (options.sidecar); networks up to 200,000 edges are written with their edges inline`);
  const e = doc.edges, m = e.count;
  for (const k of ['source', 'target', 'latency', 'length'] as const)
    if (e[k] !== undefined) failAt(ctx, `edges.${k}`, 'the edges are in the sidecar: this field must be absent');
  if (Array.isArray(e.weight)) failAt(ctx, 'edges.weight', 'the edges are in the sidecar: give per-edge weights there');
  if (sc.arrays.weight && e.weight !== undefined) failAt(ctx, 'edges.weight', 'given both here and in the sidecar');
  if (sc.arrays.position && doc.nodes.position) failAt(ctx, 'nodes.position', 'given both here and in the sidecar');
  if (!isPlainRelative(sc.file))
    failAt(ctx, 'sidecar.file', `must name a file inside the network file's folder (a relative path without ".."), got ${showValue(sc.file)}`);
  const binPath = besideFile(ctx.file, sc.file);
  const load = ctx.sidecar;
  const arrays = decodeSidecar(sc, () => load(sc.file), binPath, n, m, (field, detail) => failAt(ctx, field, detail));
  const nodesOnly = makeNetwork({ ...base, edges: { source: [], target: [], latency: [], weight: 1 } });
  const net: Network = {
    ...nodesOnly,
    m,
    offset: arrays.offset,
    target: arrays.target,
    latency: arrays.latency,
    weight: arrays.weight ?? (typeof e.weight === 'number' ? e.weight : 1),
    length: arrays.length,
    position: arrays.position ?? nodesOnly.position,
  };
  const problem = validateNetwork(net)[0];
  if (problem) {
    // Problems in edge arrays (or sidecar positions) are problems of the sidecar file.
    const inSidecar = /^edges\./.test(problem.field) || (/^nodes\.position/.test(problem.field) && !!arrays.position);
    if (inSidecar) throw new InputError(problem.message, { file: binPath, field: problem.field.replace(/^edges\./, '') });
    failAt(ctx, nodeField(doc, problem.field), problem.message);
  }
  return net;
}

/**
 * Whether a sidecar name stays inside the network file's folder: not absolute, no "..". A
 * name such as `/etc/passwd` or `../../secret` would make reading a network read any file
 * the user can read (and echo parts of it in messages); Refract writes a plain name.
 */
function isPlainRelative(name: string): boolean {
  if (/^([\\/]|[A-Za-z]:)/.test(name)) return false; // POSIX, UNC or drive-letter absolute
  const parts = name.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
  return parts.length > 0 && !parts.includes('..');
}

/** `dir/net.json`, `net.abc.bin` → `dir/net.abc.bin` (how messages name the sidecar). */
function besideFile(file: string | undefined, name: string): string {
  const k = file === undefined ? -1 : Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return k < 0 ? name : file!.slice(0, k + 1) + name;
}

/**
 * Checks a network document and builds its network; throws an InputError naming the file,
 * the field and (for text) the line. `input` is the JSON text or the parsed document.
 */
export function networkFromJson(input: unknown, options: NetworkReadOptions = {}): Network {
  if (typeof input === 'string') return networkFromDoc(parseJsonText(input, options.file), { ...options, text: input });
  return networkFromDoc(input, { ...options });
}
