#!/usr/bin/env node
// make dist: the decoder page as ONE self-contained HTML file that works opened from disk
// (file://), with no server and no network at all.
//
//   node scripts/dist.mjs [--out dist/jwtlens.html] [--pkg pkg]
//
// What goes in:
//   - one inline <script type="module">: www/app.js and the modules it imports, the package's two
//     entries the page uses (jwtlens: web-entry.js / web.js / jwtlens.js; jwtlens/sign:
//     sign/web-entry.js / sign/web.js / sign.js) and both wasm as base64, bundled by esbuild (the
//     copy that wrangler brings into the tool cache, pinned below). Each wasm is instantiated with
//     its entry's initSync(). Key generation runs inline: browsers do not start Web Workers from
//     file:// pages.
//   - one inline <style>: www/style.css, then www/panels.css.
//   - a <meta http-equiv="Content-Security-Policy"> allowing exactly that script and that style by
//     their sha256 hashes, 'wasm-unsafe-eval' for the wasm, and nothing else: connect-src 'none'.
//   - the favicon as a data: URL.
// Needs pkg/ (make pkg) and the npm tools (make tools); `make dist` does both first.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');

// esbuild is not a pin of its own in scripts/versions.sh: it is the exact version that the pinned
// wrangler depends on. Checked here so that a wrangler bump cannot change the bundler silently.
const ESBUILD_VERSION = '0.27.3';

function parseArgs(argv) {
  const o = { out: path.join(ROOT, 'dist', 'jwtlens.html'), pkg: path.join(ROOT, 'pkg') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--out') o.out = path.resolve(value());
    else if (a === '--pkg') o.pkg = path.resolve(value());
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown argument ${a}`);
  }
  return o;
}

function usage(msg) {
  if (msg) console.error(`dist.mjs: ${msg}`);
  console.error('usage: node scripts/dist.mjs [--out FILE] [--pkg DIR]');
  process.exit(2);
}

function die(msg) {
  console.error(`dist.mjs: ${msg}`);
  process.exit(1);
}

/** The npm tool directory (scripts/env.sh), from the environment or by sourcing env.sh. */
function npmDir() {
  if (process.env.JWTLENS_NPM_DIR) return process.env.JWTLENS_NPM_DIR;
  return execFileSync('bash', ['-c', '. scripts/env.sh && printf %s "$JWTLENS_NPM_DIR"'], { cwd: ROOT, encoding: 'utf8' });
}

function loadEsbuild() {
  const dir = npmDir();
  const req = createRequire(path.join(dir, 'package.json'));
  let esbuild;
  try {
    esbuild = req('esbuild');
  } catch {
    die(`esbuild is not installed under ${dir}: run make tools`);
  }
  if (esbuild.version !== ESBUILD_VERSION) {
    die(`esbuild ${esbuild.version} found, ${ESBUILD_VERSION} expected (the version wrangler pins): update ESBUILD_VERSION in scripts/dist.mjs after checking the output`);
  }
  return esbuild;
}

const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Replace exactly one occurrence of `from` (a string) in `text`, or fail. */
function replaceOnce(text, from, to, what) {
  const at = text.indexOf(from);
  if (at === -1 || text.indexOf(from, at + 1) !== -1) die(`www/index.html: expected exactly one ${what} (${from})`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const needed = ['web-entry.js', 'web.js', 'jwtlens.js', 'jwtlens_bg.wasm', 'sign.js', 'sign/web-entry.js', 'sign/web.js', 'sign/jwtlens_bg.wasm'];
  for (const f of needed) {
    if (!fs.existsSync(path.join(o.pkg, f))) die(`${path.join(o.pkg, f)} is missing: run make pkg`);
  }
  const esbuild = loadEsbuild();
  // 'jwtlens:wasm-base64/NAME': the wasm of an entry, as base64 text.
  const wasmBase64 = {
    jwtlens: fs.readFileSync(path.join(o.pkg, 'jwtlens_bg.wasm')).toString('base64'),
    sign: fs.readFileSync(path.join(o.pkg, 'sign', 'jwtlens_bg.wasm')).toString('base64'),
  };

  // The entry: the package's two web entries (their ./jwtlens/ path mapped to pkg/), each wasm
  // from its inlined bytes, then the same start() as the served page, with inline key generation.
  const entry = `
import * as lib from './jwtlens/web-entry.js';
import * as signer from './jwtlens/sign/web-entry.js';
import wasmBase64 from 'jwtlens:wasm-base64/jwtlens';
import signWasmBase64 from 'jwtlens:wasm-base64/sign';
import { showLoadError, start } from './app.js';
import { inlineKeygen } from './keygen.js';

function bytesOf(base64) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let ready = false;
try {
  lib.initSync({ module: bytesOf(wasmBase64) });
  signer.initSync({ module: bytesOf(signWasmBase64) });
  ready = true;
} catch (err) {
  showLoadError(err);
}
if (ready) start({ lib, signer, keygen: inlineKeygen(signer), build: 'single' });
`;
  const pkgDir = o.pkg;
  const plugin = {
    name: 'jwtlens-single-file',
    setup(build) {
      build.onResolve({ filter: /^\.\/jwtlens\// }, (args) => ({ path: path.join(pkgDir, args.path.slice('./jwtlens/'.length)) }));
      build.onResolve({ filter: /^jwtlens:wasm-base64\/(jwtlens|sign)$/ }, (args) => ({ path: args.path.split('/')[1], namespace: 'jwtlens-wasm' }));
      build.onLoad({ filter: /.*/, namespace: 'jwtlens-wasm' }, (args) => ({ contents: `export default ${JSON.stringify(wasmBase64[args.path])};`, loader: 'js' }));
    },
  };
  const result = await esbuild.build({
    stdin: { contents: entry, resolveDir: WWW, sourcefile: 'single-file-entry.js', loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    legalComments: 'none',
    charset: 'ascii',
    write: false,
    plugins: [plugin],
    logLevel: 'warning',
  });
  const script = result.outputFiles[0].text.trimEnd();
  // Both would end the inline element early: never expected from esbuild's output or our CSS.
  if (/<\/script/i.test(script) || /<!--/.test(script)) die('the bundle contains "</script" or "<!--"');
  const STYLESHEETS = ['style.css', 'panels.css']; // in the order of index.html's <link>s
  const style = STYLESHEETS.map((name) => {
    const css = fs.readFileSync(path.join(WWW, name), 'utf8');
    if (/<\/style/i.test(css)) die(`${name} contains "</style"`);
    return css;
  }).join('\n');
  const favicon = fs.readFileSync(path.join(WWW, 'favicon.svg'), 'utf8');
  const faviconUrl = `data:image/svg+xml,${encodeURIComponent(favicon.trim())}`;

  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
    `style-src ${sha256(style)}`,
    'img-src data:',
    "connect-src 'none'",
    "worker-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

  let html = fs.readFileSync(path.join(WWW, 'index.html'), 'utf8');
  if ((html.match(/<script\b/gi) ?? []).length !== 1) die('www/index.html must have exactly one <script> (main.js): the single file allows one');
  html = replaceOnce(html, '<html lang="en">', '<html lang="en" data-build="single">', 'html element');
  html = replaceOnce(html, '<meta charset="utf-8">', `<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="${csp}">`, 'charset meta');
  html = replaceOnce(html, '<link rel="icon" href="favicon.svg" type="image/svg+xml">', `<link rel="icon" href="${faviconUrl}" type="image/svg+xml">`, 'favicon link');
  html = replaceOnce(html, '<link rel="stylesheet" href="style.css">', `<style>${style}</style>`, 'stylesheet link');
  html = replaceOnce(html, '\n    <link rel="stylesheet" href="panels.css">', '', 'second stylesheet link');
  html = replaceOnce(html, '<script type="module" src="main.js"></script>', `<script type="module">${script}</script>`, 'module script');

  fs.mkdirSync(path.dirname(o.out), { recursive: true });
  fs.writeFileSync(o.out, html);
  const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
  console.log(`dist.mjs: wrote ${path.relative(process.cwd(), o.out) || o.out} (${kib(Buffer.byteLength(html))}: script ${kib(script.length)} with the two wasm as base64, style ${kib(style.length)})`);
  console.log(`dist.mjs: Content-Security-Policy: ${csp}`);
}

main().catch((err) => die(err?.stack ?? String(err)));
