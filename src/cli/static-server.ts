/**
 * A static file server for the built visualiser (dist/web). It sends the cross-origin
 * isolation headers (COOP same-origin, COEP require-corp) that SharedArrayBuffer needs in a
 * page, never serves outside its folder, and answers index.html for `/`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, lstatSync, realpathSync } from 'node:fs';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Headers on every response: cross-origin isolation, and no sniffing. */
export const ISOLATION_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
};

/**
 * The file a request path names inside `root`, or null when it is outside it or malformed.
 * (Symbolic links are resolved when the file is opened: see servedFile.)
 */
export function resolveRequestPath(root: string, url: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const rootAbs = resolve(root);
  const file = resolve(rootAbs, '.' + normalize(path.endsWith('/') ? path + 'index.html' : path));
  return file === rootAbs || file.startsWith(rootAbs + sep) ? file : null;
}

/**
 * A regular file inside `root` once every symbolic link on the way is resolved, with its size;
 * null otherwise (a link pointing outside the root, e.g. to /etc/passwd, is not served).
 */
export function servedFile(root: string, file: string): { path: string; size: number } | null {
  try {
    const real = realpathSync(file), realRoot = realpathSync(root);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return null;
    const st = lstatSync(real);
    return st.isFile() ? { path: real, size: st.size } : null;
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...ISOLATION_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}

export function staticServer(root: string): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
    const requested = resolveRequestPath(root, req.url ?? '/');
    if (!requested) return send(res, 400, 'bad path\n');
    const found = servedFile(root, requested);
    if (!found) return send(res, 404, 'not found\n');
    const { path: file, size } = found;
    res.writeHead(200, {
      ...ISOLATION_HEADERS,
      'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(size),
      // hashed asset names never change; the page itself is revalidated
      'Cache-Control': relative(realpathSync(root), file).startsWith(`assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    // a file that vanishes or fails mid-read ends this response, not the server
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
}

/** The built app's folder: dist/web next to this file's dist/cli. */
export function webRoot(): string {
  return join(import.meta.dirname, '..', 'web');
}
