// `refract serve`: a free port and its URL on stdout, cross-origin isolation headers, no
// files outside dist/web, a busy --port falls back, Ctrl-C (SIGINT) exits with 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe } from '../../scripts/web/chromium.js';
import { resolveRequestPath, staticServer } from '../../src/cli/static-server.js';
import { cli } from './run-cli.js';

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
