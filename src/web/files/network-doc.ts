/**
 * Network JSON (format refract-network, version 1) in the browser. The Node reader
 * (src/io/network-json.ts) also resolves binary sidecars on disk, which a dropped file cannot
 * have; this one reads inline columns only, with the same schema and the same checks, and
 * reports problems as one readable line naming the file and field.
 */
import { InputError } from '../../io/errors.js';
import { parseJsonText } from '../../io/json-text.js';
import { NETWORK_FORMAT, NETWORK_VERSION, networkDocSchema } from '../../io/network-schema.js';
import { showValue } from '../../io/numbers.js';
import { firstIssue } from '../../io/zod-issues.js';
import { makeNetwork } from '../../model/build.js';
import type { Network } from '../../model/types.js';
import { validateNetwork } from '../../model/validate.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Builds the network of a parsed document; throws an InputError naming `file` and the field. */
export function networkFromDoc(raw: unknown, file: string): Network {
  const fail = (field: string, detail: string): never => {
    throw new InputError(detail, { file, field: field || undefined });
  };
  if (!isObject(raw)) fail('', `not a Refract network file: expected a JSON object, got ${showValue(raw)}`);
  const obj = raw as Record<string, unknown>;
  if (obj.format !== NETWORK_FORMAT) fail('format', `not a Refract network file: expected "${NETWORK_FORMAT}", got ${showValue(obj.format)}`);
  if (obj.version !== NETWORK_VERSION) fail('version', `unsupported version ${showValue(obj.version)}: this Refract reads version ${NETWORK_VERSION}`);
  const parsed = networkDocSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    return fail(issue.path.map(String).join('.'), issue.message);
  }
  const doc = parsed.data;
  if (doc.sidecar) fail('sidecar', 'edges in a binary sidecar cannot be loaded in the browser: save the network with inline edges (--sidecar never)');
  const n = doc.nodes.count, e = doc.edges, m = e.count;
  if (n === 0) fail('nodes.count', 'the network is empty: it needs at least one node');
  const source = e.source ?? fail('edges.source', 'missing (required)');
  const target = e.target ?? fail('edges.target', 'missing (required)');
  const latency = e.latency ?? fail('edges.latency', 'missing (required)');
  for (const [k, arr] of [['source', source], ['target', target], ['latency', latency]] as const)
    if (arr.length !== m) fail(`edges.${k}`, `expected ${m} values (edges.count), got ${arr.length}`);
  if (Array.isArray(e.weight) && e.weight.length !== m) fail('edges.weight', `expected ${m} values (edges.count), got ${e.weight.length}`);
  if (e.length && e.length.length !== m) fail('edges.length', `expected ${m} values (edges.count), got ${e.length.length}`);
  if (doc.nodes.position && doc.nodes.position.length !== n) fail('nodes.position', `expected ${n} values (nodes.count), got ${doc.nodes.position.length}`);
  if (doc.nodes.labels && doc.nodes.labels.length !== n) fail('nodes.labels', `expected ${n} values (nodes.count), got ${doc.nodes.labels.length}`);
  for (const k of ['refractory', 'threshold', 'processing', 'window', 'tauM', 'mode'] as const) {
    const v = doc.nodes[k];
    if (Array.isArray(v) && v.length !== n) fail(`nodes.${k}`, `expected ${n} values (nodes.count), got ${v.length}`);
  }
  for (const [k, ids] of [['source', source], ['target', target]] as const)
    for (let i = 0; i < m; i++) if (ids[i] >= n) fail(`edges.${k}[${i}]`, `unknown node id ${ids[i]} (nodes are 0..${n - 1})`);
  const d = doc.nodes;
  const net = makeNetwork({
    n,
    nodes: { refractory: d.refractory, threshold: d.threshold, processing: d.processing, mode: d.mode, window: d.window, tauM: d.tauM },
    position: d.position ? d.position.flat() : null,
    labels: d.labels ?? null,
    meta: doc.meta ?? {},
    edges: { source, target, latency, weight: e.weight ?? 1, length: e.length ?? null },
  });
  const problem = validateNetwork(net)[0];
  if (problem) fail(problem.field, problem.message);
  return net;
}

/** Parses network JSON text (errors name the line of a syntax error). */
export function networkFromText(text: string, file: string): Network {
  return networkFromDoc(parseJsonText(text, file), file);
}
