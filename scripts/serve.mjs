// A small static server for dist/ (make serve; the e2e tests use it too):
//   - serves NAME.br / NAME.gz written by scripts/compress.mjs when the
//     request's Accept-Encoding allows it (Content-Encoding, Vary);
//   - hashed files under assets/ are cached for a year (immutable); other
//     files (index.html, docker-sim.js, lessons/) are revalidated;
//   - CORS and Cross-Origin-Resource-Policy: cross-origin on everything, so
//     the embed (docker-sim.js, its chunks, worker and wasm) loads on any site;
//   - the right MIME types (application/wasm for streaming compilation);
//   - unknown paths under lessons/ or assets/ are 404, never index.html.
// Usage: node scripts/serve.mjs [--port 8080] [--host 127.0.0.1] [--root dist]  (PORT= also works)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

async function exists(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** A request handler serving `root`. */
export function handler(root) {
  const base = resolve(root);
  return async (req, res) => {
    const headers = {
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'x-content-type-options': 'nosniff',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...headers, 'access-control-allow-methods': 'GET, HEAD', 'access-control-max-age': '86400' });
      res.end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers);
      res.end();
      return;
    }
    let path;
    try {
      path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    } catch {
      res.writeHead(400, headers);
      res.end('bad path');
      return;
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = join(base, path);
    if (!file.startsWith(base + '/') || !(await exists(file))) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    const accept = String(req.headers['accept-encoding'] ?? '');
    let body = file;
    let encoding = null;
    if (/\bbr\b/.test(accept) && (await exists(`${file}.br`))) [body, encoding] = [`${file}.br`, 'br'];
    else if (/\bgzip\b/.test(accept) && (await exists(`${file}.gz`))) [body, encoding] = [`${file}.gz`, 'gzip'];
    const hashed = /\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(path);
    Object.assign(headers, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'Accept-Encoding',
    });
    if (encoding) headers['content-encoding'] = encoding;
    const data = await readFile(body);
    headers['content-length'] = String(data.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : data);
  };
}

/** Starts a server on `port` (0: any free port); resolves to { url, port, close }. */
export async function serve({ root, port = 0, host = '127.0.0.1' }) {
  const server = createServer(handler(root));
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, ok);
  });
  const actual = server.address().port;
  return { url: `http://${host}:${actual}/`, port: actual, close: () => new Promise((r) => server.close(r)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const root = opt('root', fileURLToPath(new URL('../dist/', import.meta.url)));
  const { url } = await serve({ root, port: Number(opt('port', process.env.PORT ?? 8080)), host: opt('host', '127.0.0.1') });
  console.log(`dockersim: serving ${root} at ${url}`);
}
