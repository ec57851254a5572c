// Bad input never crashes with a stack trace and never leaves partial output: one line on
// stderr naming the file (and line) and field, a non-zero exit code, no output directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './run-cli.js';

const dir = tempDir();
const good = join(dir, 'good.json');
const built = cli(['build', 'ring', '--ring-size', '3', '--out', good]);
assert.equal(built.code, 0, built.stderr);
const text = readFileSync(good, 'utf8');

function variant(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

function edit(name: string, from: RegExp, to: string): string {
  assert.match(text, from, `fixture has ${String(from)}`);
  return variant(name, text.replace(from, to));
}

const emptyDoc = JSON.parse(text) as { nodes: Record<string, unknown>; edges: Record<string, unknown> };
emptyDoc.nodes.count = 0;
delete emptyDoc.nodes.position;
emptyDoc.edges = { count: 0, source: [], target: [], latency: [], weight: [] };

const cases: { name: string; file: string; expect: RegExp }[] = [
  { name: 'malformed JSON', file: variant('malformed.json', '{"format": "refract-network",\n  "nodes": {"count": 3,, }\n}'), expect: /malformed\.json:2: .*malformed JSON/ },
  { name: 'truncated JSON', file: variant('truncated.json', text.slice(0, 200)), expect: /truncated\.json:\d+: .*truncated JSON/ },
  { name: 'unknown node id', file: edit('badtarget.json', /"target": \[1,2,0\]/, '"target": [1,7,0]'), expect: /badtarget\.json:\d+: edges\.target\[1\]: unknown node id 7/ },
  { name: 'negative latency', file: edit('neglat.json', /"latency": \[1,1,1\]/, '"latency": [1,-1,1]'), expect: /neglat\.json:\d+: edges\.latency\[1\]: .*>= 0, got -1/ },
  { name: 'NaN latency', file: edit('nanlat.json', /"latency": \[1,1,1\]/, '"latency": [1,"NaN",1]'), expect: /nanlat\.json:\d+: edges\.latency\[1\]: not a number/ },
  { name: 'R < 0', file: edit('negr.json', /"refractory": 2,/, '"refractory": -2,'), expect: /negr\.json:\d+: nodes\.refractory: .*>= 0, got -2/ },
  { name: 'empty network', file: variant('empty.json', JSON.stringify(emptyDoc)), expect: /empty\.json:\d+: nodes\.count: the network is empty/ },
  { name: 'missing file', file: join(dir, 'nope.json'), expect: /nope\.json: file not found/ },
];

for (const c of cases) {
  test(`simulate rejects ${c.name} with one line and writes nothing`, () => {
    const out = join(dir, `out-${c.name.replace(/\W+/g, '-')}`);
    const r = cli(['simulate', c.file, '--duration', '10', '--out', out, '--quiet']);
    assert.notEqual(r.code, 0);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `one line, got:\n${r.stderr}`);
    assert.match(lines[0], /^refract: /);
    assert.match(lines[0], c.expect);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(existsSync(out), false, 'no partial output');
    assert.equal(r.stdout, '');
  });
}

test('bad option values are rejected before any work', () => {
  for (const args of [
    ['simulate', '--preset', 'ring', '--duration', 'abc'],
    ['simulate', '--preset', 'nosuch'],
    ['simulate', '--preset', 'ring', '--force', '9@0'],
    ['bench', 'crg', '--N', '-5'],
    ['build', 'blob'],
  ]) {
    const out = join(dir, 'opt-out');
    const r = cli([...args, '--out', out]);
    assert.notEqual(r.code, 0, args.join(' '));
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(existsSync(out), false);
  }
});

test('option errors caught by the parser are one `refract:` line with exit 2, the hint kept on that line', () => {
  const cases: [string[], RegExp][] = [
    [['simulate', '--preset', 'ring', '--duration', '-5'], /^refract: option '--duration <ms>' argument '-5' is invalid\. must be >= 0, got -5; see --help$/],
    [['simulate', '--preset', 'ring', '--durration', '5'], /^refract: unknown option '--durration' \(Did you mean --duration\?\); see --help$/],
    [['build', 'gemoetric'], /^refract: .*got "gemoetric" \(did you mean geometric\?\); see --help$/],
    [['morph', 'x.swc', '--velocity', 'fast'], /^refract: .*'--velocity <model>'.*got "fast" \(did you mean constant\?\); see --help$/],
    [['morph', 'x.swc', '-R', '0'], /^refract: option '-R, --R <ms>' argument '0' is invalid\. must be > 0, got 0; see --help$/],
    [['learn', 'eval', '--protocol', 'shotz'], /^refract: .*got "shotz" \(did you mean shots\?\); see --help$/],
    [['simulate', '--preset', 'ring', '--force', 'A@0'], /^refract: --force: "A" is not a node id, and this network has no node labels$/],
  ];
  for (const [args, expect] of cases) {
    const r = cli([...args, '--out', join(dir, 'opt-line')]);
    assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr.trim(), expect);
  }
  assert.equal(cli(['--help']).code, 0);
  assert.equal(cli(['simulate', '--help']).code, 0);
});

test('--force accepts node labels where the network has them', () => {
  const edges = variant('named.csv', 'source,target,latency\nA,B,1\nB,C,1\nC,A,1\n');
  const net = join(dir, 'named.json');
  assert.equal(cli(['build', 'from-edges', '--edges', edges, '--out', net]).code, 0);
  const r = cli(['simulate', net, '--force', 'B@0', '--duration', '2.5', '--json', '--out', join(dir, 'named-run')]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual((JSON.parse(r.stdout) as { stimulus: { force: number[][] } }).stimulus.force, [[1, 0]]);
  const bad = cli(['simulate', net, '--force', 'D@0', '--out', join(dir, 'named-bad')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^refract: --force: unknown node label "D" \(nearest: A, B, C\)\n$/);
});

test('a failed run leaves an existing output directory untouched', () => {
  const out = join(dir, 'keep');
  assert.equal(cli(['simulate', '--preset', 'ring', '--duration', '5', '--out', out, '--quiet']).code, 0);
  const before = readFileSync(join(out, 'spikes.csv'), 'utf8');
  assert.notEqual(cli(['simulate', cases[2].file, '--out', out, '--quiet']).code, 0);
  assert.equal(readFileSync(join(out, 'spikes.csv'), 'utf8'), before);
});

test('an output folder that cannot be created is one line naming it, promptly (not a spin under /proc)', () => {
  for (const [out, expect] of [
    ['/proc/x/y', /^refract: \/proc\/x\/y: cannot create the folder \/proc\/x \(ENOENT\)\n$/],
    [join(good, 'inside-a-file'), /^refract: .*good\.json\/inside-a-file: cannot write there: .*good\.json is a file, not a folder\n$/],
  ] as const) {
    const r = cli(['simulate', '--preset', 'ring', '--out', out]);
    assert.equal(r.code, 2, out);
    assert.match(r.stderr, expect);
  }
});
