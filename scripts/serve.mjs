#!/usr/bin/env node
// Static file server for www/ (make serve) and for test fixtures. Plain Node, no dependencies.
//
//   node scripts/serve.mjs [--root DIR] [--host 127.0.0.1] [--port 8080] [--no-csp]
//
// Port: --port, else $JWTLENS_PORT, else $PORT, else 8080 (0 picks a free one). Prints
// "serving DIR on http://HOST:PORT/" once listening. Sends the page's Content-Security-Policy
// (STYLE.md) with every response unless --no-csp, correct MIME types (application/wasm for
// .wasm, which WebAssembly.instantiateStreaming requires), and nothing outside the root.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; connect-src 'self'; worker-src 'self'";

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Create (not start) the server. Returns the http.Server.
 * @param {{ root: string, csp?: boolean }} options
 */
export function createServer({ root, csp = true }) {
  const rootReal = fs.realpathSync(root);
  return http.createServer((req, res) => {
    const headers = {
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    };
    if (csp) headers['Content-Security-Policy'] = CSP;
    const send = (status, body, extra = {}) => {
      res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(405, 'method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      send(400, 'bad request\n');
      return;
    }
    if (pathname.includes('\0')) {
      send(400, 'bad request\n');
      return;
    }
    let file = path.resolve(rootReal, '.' + pathname);
    const inside = (p) => p === rootReal || p.startsWith(rootReal + path.sep);
    let stat;
    try {
      if (!inside(file)) throw new Error('outside');
      file = fs.realpathSync(file);
      if (!inside(file)) throw new Error('outside');
      stat = fs.statSync(file);
      if (stat.isDirectory()) {
        if (!pathname.endsWith('/')) {
          send(301, 'moved\n', { Location: pathname + '/' });
          return;
        }
        file = path.join(file, 'index.html');
        stat = fs.statSync(file);
      }
      if (!stat.isFile()) throw new Error('not a file');
    } catch {
      send(404, 'not found\n');
      return;
    }
    const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': stat.size });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
}

function parseArgs(argv) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const o = {
    root: path.join(here, '..', 'www'),
    host: '127.0.0.1',
    port: Number(process.env.JWTLENS_PORT || process.env.PORT || 8080),
    csp: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--root') o.root = value();
    else if (a === '--host') o.host = value();
    else if (a === '--port') o.port = Number(value());
    else if (a === '--no-csp') o.csp = false;
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown argument ${a}`);
  }
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) usage('bad port');
  return o;
}

function usage(msg) {
  if (msg) console.error(`serve.mjs: ${msg}`);
  console.error('usage: node scripts/serve.mjs [--root DIR] [--host HOST] [--port N] [--no-csp]');
  process.exit(2);
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const o = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(o.root)) usage(`no such directory ${o.root}`);
  const server = createServer(o);
  server.on('error', (e) => {
    console.error(`serve.mjs: ${e.message}`);
    process.exit(1);
  });
  server.listen(o.port, o.host, () => {
    const { port } = server.address();
    console.log(`serving ${path.relative(process.cwd(), o.root) || '.'} on http://${o.host}:${port}/`);
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
}
