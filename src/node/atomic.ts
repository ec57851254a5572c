/**
 * Writing outputs without ever leaving half a file: each file is written to a temporary
 * sibling and renamed into place; a directory of outputs is staged in a temporary sibling
 * directory and moved in only when every file is complete.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, basename, relative, resolve, sep } from 'node:path';
import { InputError } from '../formats/errors.js';

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

/** A sibling name for temporary files and folders that says what it is and whose process made it. */
function sibling(path: string, role: 'tmp' | 'staging' | 'previous'): string {
  return join(dirname(path), `.${basename(path)}.refract-${role}-${process.pid}-${++counter}`);
}
const SIBLING = /^\.(.+)\.refract-(tmp|staging|previous)-(\d+)-\d+$/;
/** What earlier versions named their temporary files and staging folders. */
const LEGACY = /^\.(.+)\.tmp-(\d+)-\d+$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes `data` to `path` atomically (temp file + rename). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  writeThroughTemp(path, (tmp) => writeFileSync(tmp, data));
}

/**
 * Lets `write` fill a temporary file beside `path` (named `.NAME.refract-tmp-PID-N`, so two
 * processes never share one and the next writer removes those of dead ones), then renames it
 * into place; on failure the temporary file is removed.
 */
export function writeThroughTemp(path: string, write: (tmp: string) => void): void {
  ensureDir(dirname(path) || '.', path);
  cleanStale(path);
  const tmp = sibling(path, 'tmp');
  try {
    write(tmp);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** The list of files a run wrote, kept in its output folder so the next run can replace them all. */
export const MANIFEST = '.refract-run.json';

interface Journal {
  /** Names moved from the folder into the backup (the previous run's files). */
  replaced: string[];
  /** Names moved from the staging folder into the folder. */
  added: string[];
}

/**
 * What a killed run left beside `path`: temporary files and staging folders of dead processes
 * are removed; a backup of a commit that did not finish is rolled back (the previous outputs
 * restored), one that finished is removed.
 */
function cleanStale(path: string): void {
  cleanStaleIn(dirname(path) || '.', (name) => name === basename(path));
}

/**
 * `cleanStale` for every file name of folder `parent` that `belongs` accepts: the writer of a
 * file whose name varies (a sidecar named by its checksum) clears what killed writers left
 * under earlier names.
 */
export function cleanStaleIn(parent: string, belongs: (name: string) => boolean): void {
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    const m = SIBLING.exec(name), old = m ? null : LEGACY.exec(name);
    const [of, pid] = m ? [m[1], m[3]] : old ? [old[1], old[2]] : [null, null];
    if (of === null || !belongs(of) || alive(Number(pid))) continue;
    const entry = join(parent, name);
    if (m?.[2] === 'previous') recover(join(parent, of), entry);
    rmSync(entry, { recursive: true, force: true });
  }
}

function recover(dir: string, backup: string): void {
  const journalFile = join(backup, JOURNAL);
  if (!existsSync(journalFile) || existsSync(join(backup, COMMITTED))) return;
  const j = JSON.parse(readFileSync(journalFile, 'utf8')) as Journal;
  for (const name of j.added) if (!j.replaced.includes(name)) rmSync(join(dir, name), { force: true });
  for (const name of j.replaced) if (existsSync(join(backup, name))) moveInto(join(backup, name), join(dir, name));
}

const JOURNAL = '.journal.json', COMMITTED = '.committed';

function moveInto(from: string, to: string): void {
  ensureDir(dirname(to));
  renameSync(from, to);
}

/**
 * Stages the files of a run for folder `dir` and commits them as a whole. `write(name, data)`
 * collects files in a staging folder beside `dir`; `commit()` then replaces the previous run's
 * files (those its manifest lists, and any the new run rewrites) with the new ones — so no file
 * of an older run survives beside the new ones, files the user put there are left alone, and
 * files this run read from the folder (`keep`) stay. The previous files go to a backup folder
 * first, with a journal: when a rename fails, everything moves back and the error is one line
 * (exit 2); a run killed mid-commit is rolled back by the next one. `abort()` discards the stage.
 */
export class OutputDir {
  readonly dir: string;
  private readonly stage: string;
  private readonly kept = new Set<string>();
  private done = false;

  constructor(dir: string) {
    this.dir = dir.replace(/\/+$/, '') || '.';
    ensureDir(dirname(resolve(this.dir)), dir);
    cleanStale(this.dir);
    this.stage = sibling(this.dir, 'staging');
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

  /** The staging folder itself, for writers that lay out a tree of files (a SONATA circuit). */
  get staging(): string {
    return this.stage;
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

  /** A file this run read that lies in the output folder (e.g. the network being resumed): it stays. */
  keep(file: string): void {
    const rel = relative(resolve(this.dir), resolve(file));
    if (rel && !rel.startsWith('..') && !rel.startsWith(sep)) this.kept.add(rel.split(sep).join('/'));
  }

  commit(): string[] {
    if (this.done) throw new Error('OutputDir already committed or aborted');
    const added = listFiles(this.stage);
    writeFileSync(join(this.stage, MANIFEST), JSON.stringify({ files: [...new Set([...added, ...this.kept])].sort() }, null, 1) + '\n');
    const previous = this.previousFiles();
    const replaced = [...new Set([...previous.filter((n) => !this.kept.has(n)), ...added.filter((n) => existsSync(join(this.dir, n)))])].filter((n) => existsSync(join(this.dir, n)));
    const moves = [...added, MANIFEST];
    for (const name of [...replaced, ...moves]) {
      const there = join(this.dir, name);
      if (existsSync(there) && lstatSync(there).isDirectory()) {
        this.abort();
        throw new InputError(`a folder is in the way of the output file ${name}; nothing was changed`, { file: this.dir });
      }
    }
    const backup = sibling(this.dir, 'previous');
    ensureDir(backup, this.dir);
    writeFileSync(join(backup, JOURNAL), JSON.stringify({ replaced, added: moves } satisfies Journal) + '\n');
    const movedOld: string[] = [], movedNew: string[] = [];
    try {
      ensureDir(this.dir);
      for (const name of replaced) {
        moveInto(join(this.dir, name), join(backup, name));
        movedOld.push(name);
      }
      for (const name of moves) {
        moveInto(join(this.stage, name), join(this.dir, name));
        movedNew.push(name);
      }
      writeFileSync(join(backup, COMMITTED), '');
    } catch (e) {
      // put everything back as it was: the new files into the stage, the old ones into the folder
      for (const name of movedNew.reverse()) renameSync(join(this.dir, name), join(this.stage, name));
      for (const name of movedOld.reverse()) moveInto(join(backup, name), join(this.dir, name));
      rmSync(backup, { recursive: true, force: true });
      this.abort();
      const err = e as NodeJS.ErrnoException;
      throw new InputError(`could not put the outputs in place (${err.code ?? err.message}${err.path ? ` at ${err.path}` : ''}); the folder is as it was`, { file: this.dir });
    }
    rmSync(backup, { recursive: true, force: true });
    rmSync(this.stage, { recursive: true, force: true });
    this.done = true;
    // folders the previous run's files emptied (an export's inputs/ without a run) go too
    for (const name of replaced) removeEmptyParents(this.dir, name);
    return added.map((n) => join(this.dir, n));
  }

  /** The files the previous run's manifest lists (none when the folder was not written by Refract). */
  private previousFiles(): string[] {
    const m = join(this.dir, MANIFEST);
    if (!existsSync(m)) return [];
    try {
      const doc = JSON.parse(readFileSync(m, 'utf8')) as { files?: unknown };
      const files = Array.isArray(doc.files) ? doc.files.filter((f): f is string => typeof f === 'string' && !f.startsWith('..') && !f.startsWith('/')) : [];
      return [...files, MANIFEST];
    } catch {
      return [MANIFEST];
    }
  }

  abort(): void {
    if (this.done) return;
    rmSync(this.stage, { recursive: true, force: true });
    this.done = true;
  }
}

function removeEmptyParents(root: string, name: string): void {
  for (let d = dirname(name); d !== '.' && d !== ''; d = dirname(d)) {
    const p = join(root, d);
    if (!existsSync(p) || readdirSync(p).length > 0) return;
    rmSync(p, { recursive: true, force: true });
  }
}

function listFiles(root: string, prefix = ''): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  for (const e of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(root, rel));
    else out.push(rel);
  }
  return out.sort();
}
