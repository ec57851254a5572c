// Nothing a user reads points outside the repository: the sources (comments included), every
// command's --help, the README, docs/ and the notes beside the bundled data name no file of
// the workspace this repository was written in (../shared/…, DESIGN.md, WORKLOAD.md, a
// SOURCES.md that is not here), and the relative links of the Markdown files land inside the
// repository, on files that exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const MAIN = join(root, 'dist', 'cli', 'main.js');

/** Names of files outside the repository (the workspace's spec and shared data). */
const OUTSIDE: RegExp[] = [/\.\.\/shared\b/, /\bshared\/(data|bench|docs|notes)\b/, /\bDESIGN\.md\b/, /\bWORKLOAD\.md\b/];

function walk(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, keep));
    else if (keep(name)) out.push(p);
  }
  return out;
}

const TEXT = /\.(ts|tsx|mjs|js|json|html|css|svg|md|py|csv)$/;
const userFiles = [
  ...walk(join(root, 'src'), (n) => TEXT.test(n)),
  ...walk(join(root, 'docs'), (n) => n.endsWith('.md')),
  ...walk(join(root, 'data'), (n) => n.endsWith('.md')),
  ...walk(join(root, 'python'), (n) => TEXT.test(n)),
  ...walk(join(root, 'schema'), (n) => TEXT.test(n)),
  join(root, 'README.md'),
  join(root, 'NOTICE.md'),
];

/** Problems of one text: outside names, and SOURCES.md files that do not exist here. */
function problems(text: string, file: string | null): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, k) => {
    const at = `${file ? relative(root, file) : '--help'}:${k + 1}`;
    for (const re of OUTSIDE) if (re.test(line)) out.push(`${at}: ${line.trim()}`);
    for (const m of line.matchAll(/([\w./-]*)SOURCES\.md/g)) {
      const path = m[1] + 'SOURCES.md';
      const here = [join(root, path), ...(file ? [join(dirname(file), path)] : [])];
      if (!here.some((p) => existsSync(p) && !relative(root, resolve(p)).startsWith('..'))) out.push(`${at}: ${path} is not in the repository`);
    }
  });
  return out;
}

test('sources, README, docs and data notes name no file outside the repository', () => {
  assert.ok(userFiles.length > 150, `${userFiles.length} files`);
  const found = userFiles.flatMap((f) => problems(readFileSync(f, 'utf8'), f));
  assert.deepEqual(found, []);
});

test('relative links of the Markdown files land on files inside the repository', () => {
  const bad: string[] = [];
  for (const f of userFiles.filter((p) => p.endsWith('.md'))) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1].split('#')[0];
      if (target === '' || /^[a-z]+:/i.test(target)) continue; // an anchor, a URL, mailto:
      const p = resolve(dirname(f), decodeURIComponent(target));
      if (relative(root, p).startsWith('..') || !existsSync(p)) bad.push(`${relative(root, f)}: ${m[1]}`);
    }
  }
  assert.deepEqual(bad, []);
});

/** `refract [path…] --help`, and the sub-commands it lists. */
function helpTree(path: string[] = []): { path: string[]; text: string }[] {
  const r = spawnSync(process.execPath, [MAIN, ...path, '--help'], { encoding: 'utf8', env: { ...process.env, COLUMNS: '200' } });
  assert.equal(r.status, 0, `refract ${path.join(' ')} --help: ${r.stderr}`);
  const section = /\nCommands:\n([\s\S]*?)(\n\n|$)/.exec(r.stdout)?.[1] ?? '';
  const subs = [...section.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1].replace(/\|.*$/, '')).filter((c) => c !== 'help');
  return [{ path, text: r.stdout }, ...subs.flatMap((c) => helpTree([...path, c]))];
}

test('no --help text of any command names a file outside the repository', { timeout: 300_000 }, () => {
  const tree = helpTree();
  assert.ok(tree.length >= 20, `${tree.length} commands`);
  const found = tree.flatMap(({ path, text }) => problems(text, null).map((p) => `refract ${path.join(' ')} ${p}`));
  assert.deepEqual(found, []);
});
