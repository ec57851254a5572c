/** Paths and small helpers shared by the connectome tests. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

/** MIT / public-domain copies: herm_full_edgelist.csv, c302_soma_positions.csv, owmeta_cache.json. */
export const FIXTURES = join(import.meta.dirname, '..', '..', 'data', 'celegans');
/** The full data set, present in the development checkout only. */
export const SHARED = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'celegans');

/** `false` when `file` exists in SHARED, else a skip reason for node:test. */
export function skipWithoutShared(file: string): false | string {
  return existsSync(join(SHARED, file)) ? false : `${join(SHARED, file)} is absent`;
}

/** Soma positions read the plain way (split lines and commas), to check the loader against. */
export function rawPositions(): Map<string, [number, number, number]> {
  const lines = readFileSync(join(FIXTURES, 'c302_soma_positions.csv'), 'utf8').trim().split('\n').slice(1);
  return new Map(lines.map((l) => {
    const [name, x, y, z] = l.split(',');
    return [name, [Number(x), Number(y), Number(z)]];
  }));
}

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'refract-connectome-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function assertInputError(fn: () => unknown, where: { line?: number; field?: string }, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof Error && e.name === 'InputError', `expected an InputError, got ${String(e)}`);
    const ie = e as Error & { line?: number; field?: string };
    if (where.line !== undefined) assert.equal(ie.line, where.line);
    if (where.field !== undefined) assert.equal(ie.field, where.field);
    assert.match(e.message, pattern);
    return true;
  });
}
