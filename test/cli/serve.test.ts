// `refract serve`: a free port and its URL on stdout, cross-origin isolation headers, no
// files outside dist/web, a busy --port falls back, Ctrl-C (SIGINT) exits with 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe } from '../../scripts/web/chromium.js';
import { resolveRequestPath, staticServer } from '../../src/cli/static-server.js';
import { cli } from './run-cli.js';
import { isLoopback } from '../../src/cli/serve.js';

test('serves the built app with COOP/COEP headers and exits with 0 on SIGINT', async () => {
  const s = await startServe();
  try {
    assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(s.url);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cross-origin-opener-policy'), 'same-origin');
    assert.equal(page.headers.get('cross-origin-embedder-policy'), 'require-corp');
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const html = await page.text();
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html);
    assert.ok(script, 'index.html loads a bundled script');
    const js = await fetch(s.url + script[1]);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.equal(js.headers.get('cross-origin-embedder-policy'), 'require-corp');
    assert.equal((await fetch(s.url + 'no-such-file.js')).status, 404);
    assert.equal((await fetch(s.url, { method: 'POST' })).status, 405);
    for (const bad of ['..%2f..%2f..%2fetc%2fpasswd', '%2e%2e/%2e%2e/package.json']) assert.notEqual((await fetch(s.url + bad)).status, 200, bad);
  } finally {
    assert.equal(await s.stop(), 0);
  }
});

test('a busy --port falls back to a free one and says so', async () => {
  const blocker = createServer();
  await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
  const busy = (blocker.address() as { port: number }).port;
  const s = await startServe(['--port', String(busy)]);
  try {
    assert.notEqual(new URL(s.url).port, String(busy));
    assert.equal((await fetch(s.url)).status, 200);
  } finally {
    assert.equal(await s.stop(), 0);
    blocker.close();
  }
});

test('a bad --port is one line on stderr and exit code 2', () => {
  const r = cli(['serve', '--port', 'eighty']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--port: not a port number/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});

test('request paths never leave the served folder', () => {
  const root = join('/srv', 'web');
  assert.equal(resolveRequestPath(root, '/'), join(root, 'index.html'));
  assert.equal(resolveRequestPath(root, '/assets/a.js?v=1'), join(root, 'assets', 'a.js'));
  assert.equal(resolveRequestPath(root, '/../etc/passwd'), join(root, 'etc', 'passwd'));
  assert.equal(resolveRequestPath(root, '/%2e%2e/%2e%2e/etc/passwd'), join(root, 'etc', 'passwd'));
  assert.equal(resolveRequestPath(root, '/a%00b'), null);
  assert.equal(resolveRequestPath(root, '/%E0%A4%A'), null);
});

test('only the app\'s own assets/ folder is cached as immutable, wherever the app lives', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'refract-serve-'));
  const root = join(tmp, 'assets', 'web'); // a served folder whose own path has an "assets" in it
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'a.js'), '');
  const server = staticServer(root);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  try {
    assert.equal((await fetch(url)).headers.get('cache-control'), 'no-cache');
    assert.match((await fetch(url + 'assets/a.js')).headers.get('cache-control') ?? '', /immutable/);
  } finally {
    server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('symbolic links are followed only to regular files inside the served folder; 405 names the allowed methods', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'refract-serve-'));
  const root = join(tmp, 'web');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'a.js'), 'export {}');
  writeFileSync(join(tmp, 'secret.txt'), 'secret');
  symlinkSync('/etc/passwd', join(root, 'passwd'));
  symlinkSync(join(tmp, 'secret.txt'), join(root, 'secret.txt'));
  symlinkSync(join(root, 'assets', 'a.js'), join(root, 'inside.js')); // a link within the root is fine
  symlinkSync(tmp, join(root, 'up')); // a directory link out of the root
  const server = staticServer(root);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  try {
    for (const p of ['passwd', 'secret.txt', 'up/secret.txt']) assert.equal((await fetch(url + p)).status, 404, p);
    const inside = await fetch(url + 'inside.js');
    assert.equal(inside.status, 200);
    assert.equal(await inside.text(), 'export {}');
    const post = await fetch(url, { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
  } finally {
    server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('listening off loopback warns on stderr', async () => {
  assert.equal(isLoopback('127.0.0.1'), true);
  assert.equal(isLoopback('::1'), true);
  assert.equal(isLoopback('0.0.0.0'), false);
  const main = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');
  const child = spawn(process.execPath, [main, 'serve', '--host', '0.0.0.0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += String(d)));
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  for (let i = 0; i < 150 && !/WARNING/.test(err); i++) await new Promise((ok) => setTimeout(ok, 100));
  child.kill('SIGINT');
  assert.equal(await exited, 0);
  assert.match(err, /^refract serve: WARNING: listening on 0\.0\.0\.0, not only on this machine/m);
});
