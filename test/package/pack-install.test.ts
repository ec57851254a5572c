// The package as a user gets it: `npm pack`, installed into an empty project, then used there
// the way the README says — the core entry in Node loads no Node built-in; the `./node` entry
// reads a network file (written by the installed `refract` bin); the learning pipeline runs
// from code; `npx refract --help` works; TypeScript finds the types of both entries (the
// core's without @types/node). Skipped, with the reason, when npm cannot install the
// dependencies (no registry and no cache).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error a plain .mjs script without types
import { builtinsLoaded, importTime } from '../../scripts/package/core-imports.mjs';

const root = join(import.meta.dirname, '..', '..');
const NAME = 'refract-networks';
const work = mkdtempSync(join(tmpdir(), 'refract-pack-'));
const project = join(work, 'project');

function run(cmd: string, args: string[], cwd: string, timeout = 180_000): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, FORCE_COLOR: '0', npm_config_update_notifier: 'false' } });
}
const node = (args: string[], cwd = project) => run(process.execPath, args, cwd);

let tarball = '';
let files: string[] = [];
let skip: string | false = false;

before(() => {
  // dist/ is built by `npm test` before the tests; `prepare` would only rebuild it
  const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], root);
  assert.equal(packed.status, 0, packed.stderr);
  const info = (JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[])[0];
  tarball = join(work, info.filename);
  files = info.files.map((f) => f.path);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'try-refract', private: true, type: 'module' }));
  const installed = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], project, 300_000);
  if (installed.status !== 0) {
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|ENOTCACHED|network/i.test(installed.stderr))
      skip = `npm could not fetch the dependencies (offline, nothing cached): ${installed.stderr.split('\n').find((l) => /ERR/.test(l)) ?? ''}`;
    else assert.fail(`npm install ${tarball} failed:\n${installed.stderr}`);
  }
});

after(() => rmSync(work, { recursive: true, force: true }));

describe('npm pack, installed into an empty project', () => {
  test('the tarball holds the built package and nothing of the repository besides', () => {
    assert.match(tarball, /refract-networks-\d+\.\d+\.\d+\.tgz$/);
    for (const f of ['package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/node/index.js', 'dist/node/index.d.ts', 'dist/cli/main.js', 'dist/web/index.html', 'data/celegans/herm_full_edgelist.csv', 'schema/network.schema.json', 'NOTICE.md', 'LICENSE'])
      assert.ok(files.includes(f), `${f} is packed`);
    assert.deepEqual(files.filter((f) => /^(src|test|bench|examples|refract-out|node_modules)\//.test(f)), []);
    assert.deepEqual(files.filter((f) => f.startsWith('scripts/')), ['scripts/prepare.mjs']);
    // only what this build made: a dist/ file without a source is left over from an older build
    const stale = files.filter((f) => f.startsWith('dist/') && !f.startsWith('dist/web/')).filter((f) => {
      const src = join(root, 'src', f.slice('dist/'.length).replace(/\.(js|js\.map|d\.ts|d\.ts\.map)$/, '.ts'));
      return !existsSync(src);
    });
    assert.deepEqual(stale, []);
  });

  test('importing the core entry loads no Node built-in', (t) => {
    if (skip) return t.skip(skip);
    assert.deepEqual((builtinsLoaded as (s: string, cwd: string) => string[])(NAME, project), []);
    const time = (importTime as (s: string, cwd: string) => { wall: number; cpu: number })(NAME, project);
    t.diagnostic(`import('${NAME}') here: ${time.wall.toFixed(0)} ms wall, ${time.cpu.toFixed(0)} ms CPU (budget 150 ms; npm run bench measures it)`);
  });

  test('the ./node entry reads a network file written by the installed bin; `npx refract --help` works', (t) => {
    if (skip) return t.skip(skip);
    const help = run('npx', ['--no-install', 'refract', '--help'], project);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^Usage: refract /);
    const built = run('npx', ['--no-install', 'refract', 'build', 'ring', '--ring-size', '7', '--out', 'ring.json'], project);
    assert.equal(built.status, 0, built.stderr);
    const code = `import { readNetworkFile } from '${NAME}/node';
      import { Simulation } from '${NAME}';
      const net = readNetworkFile('ring.json');
      const sim = new Simulation(net).force(0, 0).run(20);
      console.log(JSON.stringify({ n: net.n, m: net.m, spikes: sim.spikes().node.length }));`;
    const r = node(['--input-type=module', '-e', code]);
    assert.equal(r.status, 0, r.stderr);
    const got = JSON.parse(r.stdout) as { n: number; m: number; spikes: number };
    assert.equal(got.n, 7);
    assert.equal(got.m, 7);
    assert.ok(got.spikes > 7, r.stdout);
  });

  test('the learning pipeline runs from code: MNIST digits, signatures, a prototype learner, better than chance', (t) => {
    if (skip) return t.skip(skip);
    const code = `import { createPipeline, createLearner, signatures, splitPerClass, subset, accuracy } from '${NAME}';
      import { readMnist } from '${NAME}/node';
      const { train, test } = splitPerClass(readMnist());
      const first = (ds, per) => { const seen = new Array(10).fill(0), rows = []; for (let i = 0; i < ds.n; i++) if (seen[ds.y[i]]++ < per) rows.push(i); return subset(ds, rows); };
      const tr = first(train, 5), te = first(test, 5);
      const p = createPipeline(tr.d, tr.shape);
      const ftr = signatures(p, tr), fte = signatures(p, te);
      const learner = createLearner('prototype', p.dim);
      for (let i = 0; i < tr.n; i++) learner.learn(ftr.subarray(i * p.dim, (i + 1) * p.dim), tr.y[i]);
      const predicted = Array.from({ length: te.n }, (_, i) => learner.predict(fte.subarray(i * p.dim, (i + 1) * p.dim)));
      console.log(JSON.stringify({ n: te.n, accuracy: accuracy(predicted, te.y) }));`;
    const r = node(['--input-type=module', '-e', code]);
    assert.equal(r.status, 0, r.stderr);
    const got = JSON.parse(r.stdout) as { n: number; accuracy: number };
    assert.equal(got.n, 50);
    assert.ok(got.accuracy > 0.4, `accuracy ${got.accuracy} on 50 test digits after 5 per class (chance 0.1)`);
  });

  test('TypeScript finds both entries\' types; the core\'s compile without @types/node', (t) => {
    if (skip) return t.skip(skip);
    writeFileSync(
      join(project, 'core.ts'),
      `import { ring, Simulation, networkFromJson, networkToJson, type Network, type SpikeList } from '${NAME}';
       const net: Network = networkFromJson(JSON.stringify(networkToJson(ring({ n: 3, latency: 1 }))));
       const spikes: SpikeList = new Simulation(net).force(0, 0).run(5).spikes();
       export const count: number = spikes.node.length;\n`,
    );
    writeFileSync(join(project, 'edge.ts'), `import { readNetworkFile, type WriteNetworkOptions } from '${NAME}/node';\nexport const o: WriteNetworkOptions = { sidecar: 'auto' };\nexport const read: (p: string) => unknown = readNetworkFile;\n`);
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const options = { noEmit: true, strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022' };
    // the core: no Node types, and its declarations checked too (no skipLibCheck)
    writeFileSync(join(project, 'tsconfig.core.json'), JSON.stringify({ compilerOptions: { ...options, lib: ['es2023', 'dom'], types: [] }, files: ['core.ts'] }));
    writeFileSync(join(project, 'tsconfig.edge.json'), JSON.stringify({ compilerOptions: { ...options, lib: ['es2023'], skipLibCheck: true, typeRoots: [join(root, 'node_modules', '@types')], types: ['node'] }, files: ['edge.ts'] }));
    for (const config of ['tsconfig.core.json', 'tsconfig.edge.json']) {
      const r = node([tsc, '-p', config]);
      assert.equal(r.status, 0, `${config}: ${r.stdout}${r.stderr}`);
    }
  });

  test('an npm that runs `prepare` in the installed copy builds nothing and succeeds', (t) => {
    if (skip) return t.skip(skip);
    const r = node([join(project, 'node_modules', NAME, 'scripts', 'prepare.mjs')]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout + r.stderr, '');
  });
});
