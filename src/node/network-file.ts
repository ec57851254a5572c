/**
 * Network files: the JSON format of formats/network-json.ts on disk, with its binary sidecar
 * beside it for large networks, written so that a killed writer leaves a readable pair.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Network } from '../model/types.js';
import { assertValidNetwork } from '../model/validate.js';
import { formatJson } from '../formats/json-text.js';
import { MAX_NODES_WITHOUT_SIDECAR, assertJsonSafe, networkFromJson, networkToJson, networkToJsonWithSidecar } from '../formats/network-json.js';
import { isSidecarOf } from '../formats/sidecar.js';
import { cleanStaleIn, writeFileAtomic } from './atomic.js';
import { readBytes, readText } from './files.js';

/** Above this many edges, `sidecar: 'auto'` keeps the edges in a binary sidecar file. */
export const SIDECAR_THRESHOLD = 200_000;

export interface WriteNetworkOptions {
  /** Keep edge arrays in `<name>.<crc32>.bin` next to the JSON: always, never, or above 200,000 edges (default 'auto'). */
  sidecar?: boolean | 'auto';
}

/** Reads a network file (and its sidecar, if it has one, from the same folder). */
export function readNetworkFile(path: string): Network {
  return networkFromJson(readText(path), { file: path, sidecar: (name) => readBytes(join(dirname(path), name)) });
}

/** `dir/net.json` → `net`: sidecars of this file are `net.<crc32>.bin` (and `net.bin` before checksums). */
function sidecarStem(path: string): string {
  return basename(path).replace(/\.json$/i, '');
}

/** The sidecar the network file at `path` names now, if it is one of this file's own (a plain name). */
function currentSidecar(path: string, stem: string): string | null {
  try {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { sidecar?: { file?: unknown } };
    const file = doc?.sidecar?.file;
    return typeof file === 'string' && (isSidecarOf(stem, file) || file === `${stem}.bin`) ? file : null;
  } catch {
    return null; // no previous file, or one that does not parse: nothing of it to remove
  }
}

/**
 * Writes `net` to `path` so that a network file and its sidecar are replaced together. The
 * sidecar's name carries its checksum, so the new one is written (atomically) beside the old
 * pair without touching it; the JSON is renamed into place last, which is the moment the
 * network changes; only then is the old sidecar removed (with those of writers that were
 * killed before their JSON landed). A run killed at any point leaves the old pair or the new
 * one, both readable. (Two processes writing the same network file at once are not supported.)
 * Returns the paths written (JSON first).
 */
export function writeNetworkFile(path: string, net: Network, opts: WriteNetworkOptions = {}): string[] {
  assertValidNetwork(net); // never write a file that would not read back
  const mode = opts.sidecar ?? 'auto';
  const useSidecar = mode === 'auto' ? net.m > SIDECAR_THRESHOLD || net.n > MAX_NODES_WITHOUT_SIDECAR : mode;
  if (!useSidecar && net.n > MAX_NODES_WITHOUT_SIDECAR) throw new RangeError(`nodes.count: ${net.n} nodes need a sidecar (more than ${MAX_NODES_WITHOUT_SIDECAR})`);
  assertJsonSafe(net, useSidecar);
  const dir = dirname(path), stem = sidecarStem(path);
  cleanStaleIn(dir, (name) => isSidecarOf(stem, name));
  const previous = currentSidecar(path, stem);
  const leftovers = existsSync(dir) ? readdirSync(dir).filter((name) => isSidecarOf(stem, name)) : [];
  let written: string[];
  if (!useSidecar) {
    writeFileAtomic(path, formatJson(networkToJson(net)) + '\n');
    written = [path];
  } else {
    const { doc, bytes } = networkToJsonWithSidecar(net, stem);
    const binPath = join(dir, doc.sidecar!.file);
    writeFileAtomic(binPath, bytes);
    writeFileAtomic(path, formatJson(doc) + '\n');
    written = [path, binPath];
  }
  const keep = new Set(written.map((p) => basename(p)));
  for (const name of new Set([...(previous ? [previous] : []), ...leftovers])) if (!keep.has(name)) rmSync(join(dir, name), { force: true });
  return written;
}
