/**
 * A 32-bit FNV-1a digest of a network's structure and parameters, to check that a saved
 * run or checkpoint belongs to the network it is applied to.
 */
import type { Network } from './types.js';

const FNV_PRIME = 0x01000193;

function mixArray(h: number, a: ArrayBufferView): number {
  const words = new Uint32Array(a.buffer, a.byteOffset, a.byteLength >>> 2);
  for (let k = 0; k < words.length; k++) h = Math.imul(h ^ words[k], FNV_PRIME);
  const bytes = new Uint8Array(a.buffer, a.byteOffset + (words.length << 2), a.byteLength & 3);
  for (let k = 0; k < bytes.length; k++) h = Math.imul(h ^ bytes[k], FNV_PRIME);
  return h;
}

export function fingerprint(net: Network): number {
  let h = 0x811c9dc5;
  h = Math.imul(h ^ net.n, FNV_PRIME);
  h = Math.imul(h ^ (net.m % 0x100000000), FNV_PRIME);
  for (const a of [net.refractory, net.threshold, net.processing, net.mode, net.window, net.tauM, net.offset, net.target, net.latency])
    h = mixArray(h, a.byteOffset % 4 === 0 ? a : a.slice());
  h = typeof net.weight === 'number' ? mixArray(h, new Float64Array([net.weight])) : mixArray(h, net.weight);
  return h >>> 0;
}
