/**
 * Reading input files, turning the usual operating-system failures (missing file, a
 * directory, no permission) into one-line InputErrors instead of stack traces.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../formats/errors.js';

const REASONS: Record<string, string> = {
  ENOENT: 'file not found',
  EISDIR: 'is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'file not found (a parent is not a directory)',
};

function fail(path: string, e: unknown): never {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code && code in REASONS) throw new InputError(REASONS[code], { file: path });
  throw e;
}

export function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    fail(path, e);
  }
}

export function readText(path: string): string {
  const text = new TextDecoder('utf-8').decode(readBytes(path));
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // drop a byte-order mark
}
