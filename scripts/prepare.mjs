#!/usr/bin/env node
// `npm prepare`: build dist/ unless it is already newer than every source it is built from.
// (`npm pack` runs it too: the tarball gets a fresh dist/.)
// `npm ci` on a fresh clone builds; the first `npx refract` in the repository (which installs
// the package from its own folder and so runs prepare) no longer rebuilds an up-to-date dist/.
// `npm run build` always builds.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
// An installed copy of the package (scripts/prepare.mjs is in its `files`, in case an npm
// runs `prepare` there): dist/ came built in the tarball, and there is nothing to build from.
if (!existsSync(join(root, 'src'))) process.exit(0);
// what the two build steps write last (tsc, then the web app)
const outputs = [join(root, 'dist', 'cli', 'main.js'), join(root, 'dist', 'web', 'index.html')];
const inputs = ['src', 'scripts/web', 'data', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

function newest(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const name of readdirSync(p)) t = Math.max(t, newest(join(p, name)));
  return t;
}

const built = Math.min(...outputs.map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)));
const sources = Math.max(...inputs.map((p) => newest(join(root, p))));
if (built > sources) process.exit(0);
const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(r.status ?? 1);
