/**
 * Writing outputs without ever leaving half a file: each file is written to a temporary
 * sibling and renamed into place; a directory of outputs is staged in a temporary sibling
 * directory and moved in only when every file is complete.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, basename, resolve } from 'node:path';
import { InputError } from './errors.js';

/**
 * Creates folder `dir` and its missing parents one at a time. (Node's recursive mkdir spins
 * forever under /proc, where every missing path reports ENOENT; one level at a time, the first
 * failure is a one-line error naming the folder.)
 */
export function ensureDir(dir: string, shownAs = dir): void {
  const missing: string[] = [];
  let p = resolve(dir);
  while (!existsSync(p)) {
    missing.push(p);
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  if (existsSync(p) && !statSync(p).isDirectory()) throw new InputError(`cannot write there: ${p} is a file, not a folder`, { file: shownAs });
  for (const m of missing.reverse()) {
    try {
      mkdirSync(m);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && statSync(m).isDirectory()) continue;
      throw new InputError(`cannot create the folder ${m} (${code ?? (e as Error).message})`, { file: shownAs });
    }
  }
}

let counter = 0;
function tmpName(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${++counter}`);
}

/** Writes `data` to `path` atomically (temp file + rename). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  ensureDir(dirname(path) || '.', path);
  const tmp = tmpName(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Stages files for directory `dir`: `write(name, data)` collects them in a temporary
 * directory; `commit()` moves each into `dir` (created if missing), `abort()` discards them.
 */
export class OutputDir {
  readonly dir: string;
  private readonly stage: string;
  private done = false;

  constructor(dir: string) {
    this.dir = dir;
    this.stage = tmpName(dir.replace(/\/+$/, '') || '.');
    ensureDir(this.stage, dir);
  }

  /** Full path a file will have once committed. */
  path(name: string): string {
    return join(this.dir, name);
  }

  /** Path inside the staging directory, for writers that want a file name of their own. */
  stagedPath(name: string): string {
    const p = join(this.stage, name);
    ensureDir(dirname(p));
    return p;
  }

  /** Reads back a staged file (text). */
  readStaged(name: string): string {
    return readFileSync(join(this.stage, name), 'utf8');
  }

  write(name: string, data: string | Uint8Array): void {
    const p = join(this.stage, name);
    ensureDir(dirname(p));
    writeFileSync(p, data);
  }

  commit(): string[] {
    if (this.done) throw new Error('OutputDir already committed or aborted');
    ensureDir(this.dir);
    const names = listFiles(this.stage);
    for (const name of names) {
      const target = join(this.dir, name);
      ensureDir(dirname(target));
      renameSync(join(this.stage, name), target);
    }
    rmSync(this.stage, { recursive: true, force: true });
    this.done = true;
    return names.map((n) => join(this.dir, n));
  }

  abort(): void {
    if (this.done) return;
    rmSync(this.stage, { recursive: true, force: true });
    this.done = true;
  }
}

function listFiles(root: string, prefix = ''): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  for (const e of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? join(prefix, e.name) : e.name;
    if (e.isDirectory()) out.push(...listFiles(root, rel));
    else out.push(rel);
  }
  return out.sort();
}
