// A plain static file server for dist/, as any static host: files by path, a folder's index.html
// (each route's prerendered page), index.html for any other path, and the precompressed `.br`/`.gz` the build writes beside each asset when the browser
// accepts them.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Starts serving `root` on 127.0.0.1:`port`; resolves to { url, close, requests }. `headers` go
 * with every page; `html`, when given, rewrites every page (served uncompressed then); `hold`,
 * when given, is awaited before each file is served (`hold(path)`: a promise holds it back);
 * `answer`, when given, may answer a request in place of the file (`answer(path, request)`
 * returns `{ status, headers, body }`, or nothing to serve the file). */
export async function serveDist(root, port, { headers = {}, html = null, hold = null, answer = null } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    if (hold) await hold(path);
    const instead = answer && (await answer(path, req));
    if (instead) {
      res.writeHead(instead.status, { 'cache-control': 'no-store', ...instead.headers }).end(instead.body);
      return;
    }
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(403).end();
      return;
    }
    let target = file;
    const isFile = (f) => stat(f).then((s) => s.isFile(), () => false);
    // A route's own prerendered page (dist/auth/login/index.html for /auth/login).
    if (!(await isFile(target)) && !extname(path) && (await isFile(join(file, 'index.html')))) {
      target = join(file, 'index.html');
    }
    if (!(await isFile(target))) {
      // Deep-link fallback: a path without a file extension is an app route.
      if (extname(path)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      target = join(root, 'index.html');
    }
    const page = extname(target) === '.html';
    if (page && html) {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store', ...headers });
      res.end(html(await readFile(target, 'utf8')));
      return;
    }
    const accepts = String(req.headers['accept-encoding'] || '');
    let encoding = null;
    for (const [name, ext] of [['br', '.br'], ['gzip', '.gz']]) {
      if (accepts.includes(name) && (await isFile(target + ext))) {
        encoding = { name, ext };
        break;
      }
    }
    const body = await readFile(encoding ? target + encoding.ext : target);
    res.writeHead(200, {
      'content-type': TYPES[extname(target)] || 'application/octet-stream',
      'cache-control': 'no-store',
      vary: 'accept-encoding',
      ...(encoding ? { 'content-encoding': encoding.name } : {}),
      ...(page ? headers : {}),
    });
    res.end(body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    // Port 0 asks the system for a free one.
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
