#!/usr/bin/env node
// The size budget (issue 19): brotli (quality 11) of everything an import of each entry loads,
// before and during one call of each of its functions, per export condition. Builds nothing: it
// reads pkg/ as `make pkg` left it (only files the package publishes count, and every file it
// counts must be published). Size is deterministic, so this is a test: it fails over budget.
//
//   node tests/size/budget.mjs [--json FILE]
//
// What an import loads is found twice, and the two must agree:
//   1. statically, per condition (browser, node, workerd): from the package.json export, every
//      relative `import … from`, `export … from`, bare `import '…'`, dynamic `import('…')` and
//      `new URL('…', import.meta.url)`, transitively; a dynamic import whose specifier is not a
//      string literal fails the test (it could not be followed);
//   2. at run time, for the node condition: a child Node process imports the entry and calls every
//      exported function once (a table of sample calls below; an export without one fails the
//      test), recording each module and file it loads and refusing any fetch; what it loads must be
//      inside the static set, and every call must return (no promise) where the API is synchronous.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { closure } from './closure.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const PKG = path.join(ROOT, 'pkg');
const KiB = 1024;
const CONDITIONS = ['browser', 'node', 'workerd'];
// Budgets in bytes of brotli. jwtlens/sign: no larger than at the split into jwtlens/sign (0.2.0,
// bench/README.md "Sizes at the split": 313.7 KiB).
const BUDGETS = { jwtlens: 120 * KiB, 'jwtlens/lite': 40 * KiB, 'jwtlens/sign': 313.7 * KiB };
const ENTRIES = { jwtlens: '.', 'jwtlens/lite': './lite', 'jwtlens/sign': './sign' };
const JSON_OUT = process.argv.includes('--json') ? process.argv[process.argv.indexOf('--json') + 1] : path.join(ROOT, 'artifacts', 'size-budget.json');

assert.ok(fs.existsSync(path.join(PKG, 'package.json')), 'no pkg/: run `make pkg` first (this test builds nothing)');
const pj = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));

const brotli = (bytes) =>
  zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;

/** Is `rel` (posix, relative to pkg/) published by package.json "files"? */
const published = (rel) => pj.files.some((f) => f === rel || rel.startsWith(`${f.replace(/\/$/, '')}/`));

// ---- 1. static closure (tests/size/closure.mjs) -------------------------------------------------
const rows = [];
for (const [entry, spec] of Object.entries(ENTRIES)) {
  for (const cond of CONDITIONS) {
    const target = pj.exports[spec]?.[cond];
    assert.ok(target, `package.json exports["${spec}"] has no "${cond}" condition`);
    const members = closure(PKG, target);
    for (const m of members) assert.ok(published(m), `${entry} (${cond}) loads ${m}, which package.json "files" does not publish`);
    const wasm = members.filter((m) => m.endsWith('.wasm'));
    assert.equal(wasm.length, 1, `${entry} (${cond}) loads exactly one wasm: ${members.join(', ')}`);
    const parts = members.map((m) => ({ file: m, brotli: brotli(fs.readFileSync(path.join(PKG, m))) }));
    const total = parts.reduce((a, p) => a + p.brotli, 0);
    rows.push({ entry, cond, members, parts, total, budget: BUDGETS[entry] });
  }
}

// ---- 2. what a Node process really loads ---------------------------------------------------------
// Sample calls: each exported function once. Errors are fine (a call that throws still runs the
// code that would load anything lazily); a Promise from a synchronous function is not.
const SAMPLES = String.raw`
const token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4IiwiZXhwIjo0MTAyNDQ0ODAwfQ.' + 'x'.repeat(43);
const secret = 'a-secret-of-at-least-thirty-two-bytes!!';
const jwk = { kty: 'oct', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0' };
export const SAMPLES = {
  decode: (m) => m.decode(token),
  verify: (m) => m.verify(token, secret, { algorithms: ['HS256'] }),
  verifyJws: (m) => m.verifyJws(token, secret, { algorithms: ['HS256'] }),
  importKey: (m) => m.importKey(jwk, 'HS256'),
  createVerifier: (m) => m.createVerifier(jwk, { algorithms: ['HS256'] })(token),
  inspect: (m) => m.inspect(token),
  createRemoteJWKSet: (m) => m.createRemoteJWKSet('https://issuer.invalid/jwks.json'),
  importSigningKey: (m) => m.importSigningKey(jwk, 'HS256'),
  publicJwk: (m) => m.publicJwk(jwk),
  sign: (m) => m.sign({ sub: 'x' }, secret, { alg: 'HS256' }),
  signJws: (m) => m.signJws('payload', secret, { alg: 'HS256' }),
  generateSecret: (m) => m.generateSecret('HS256'),
  generateKeyPair: (m) => m.generateKeyPair('ES256'),
  toPem: (m) => m.toPem(jwk),
  initSync: (m) => m.initSync(),
  default: (m) => m.default(),
};
// Classes: constructed through their factory above (new Key() is refused by design).
export const CLASSES = new Set(['JwtError', 'Key', 'SigningKey']);
// Asynchronous by contract (docs/API.md): init() only.
export const ASYNC = new Set(['default']);
`;

// Module loads are seen by a loader hook (module.register, which runs on its own thread and reports
// each URL through a MessagePort); file reads by wrapping node:fs; fetch is refused and recorded.
const LOADER = String.raw`
let port;
export function initialize(data) { port = data.port; }
export async function load(url, context, nextLoad) {
  port.postMessage(url);
  return nextLoad(url, context);
}
`;
const HOOKS = String.raw`
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import fs from 'node:fs';
globalThis.__loaded = new Set();
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => globalThis.__loaded.add(url));
port1.unref();
register(new URL('./loader.mjs', import.meta.url), { data: { port: port2 }, transferList: [port2] });
for (const name of ['readFileSync', 'readFile', 'openSync', 'createReadStream']) {
  const original = fs[name];
  fs[name] = function (p, ...rest) {
    globalThis.__loaded.add(p instanceof URL ? p.href : String(p));
    return original.call(this, p, ...rest);
  };
}
globalThis.fetch = (input) => {
  globalThis.__fetched = (globalThis.__fetched ?? []).concat(String(input));
  return Promise.reject(new TypeError('fetch refused by the size budget test'));
};
`;

function runtimeLoads(entry) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwtlens-budget-'));
  try {
    fs.writeFileSync(path.join(dir, 'hooks.mjs'), HOOKS);
    fs.writeFileSync(path.join(dir, 'loader.mjs'), LOADER);
    fs.writeFileSync(path.join(dir, 'samples.mjs'), SAMPLES);
    const main = String.raw`
      import { SAMPLES, CLASSES, ASYNC } from './samples.mjs';
      const m = await import(${JSON.stringify(path.join(PKG, pj.exports[ENTRIES[entry]].node))});
      const called = [];
      const problems = [];
      for (const [name, value] of Object.entries(m)) {
        if (typeof value !== 'function' || CLASSES.has(name)) continue;
        const sample = SAMPLES[name];
        if (!sample) { problems.push('no sample call for export ' + name); continue; }
        let result;
        try { result = sample(m); } catch (e) { result = e; }
        if (result && typeof result.then === 'function') {
          if (!ASYNC.has(name)) problems.push(name + ' returned a Promise');
          try { await result; } catch {}
        }
        called.push(name);
      }
      await new Promise((r) => setTimeout(r, 50));
      process.stdout.write(JSON.stringify({ loaded: [...globalThis.__loaded], fetched: globalThis.__fetched ?? [], called, problems }));
    `;
    fs.writeFileSync(path.join(dir, 'main.mjs'), main);
    const out = execFileSync(process.execPath, ['--import', pathToFileURL(path.join(dir, 'hooks.mjs')).href, path.join(dir, 'main.mjs')], {
      encoding: 'utf8',
      cwd: dir,
      timeout: 60_000,
    });
    return JSON.parse(out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const inPkg = (s) => {
  const p = s.startsWith('file:') ? fileURLToPath(s) : s;
  const rel = path.relative(PKG, path.resolve(p));
  return rel.startsWith('..') || path.isAbsolute(rel) ? null : rel.split(path.sep).join('/');
};
for (const entry of Object.keys(ENTRIES)) {
  const r = runtimeLoads(entry);
  assert.deepEqual(r.problems, [], `${entry}: ${r.problems.join('; ')}`);
  assert.deepEqual(r.fetched, [], `${entry}: fetched on first use: ${r.fetched.join(', ')}`);
  const loaded = [...new Set(r.loaded.map(inPkg).filter(Boolean))].sort();
  const stat = rows.find((x) => x.entry === entry && x.cond === 'node').members;
  const outside = loaded.filter((f) => !stat.includes(f));
  assert.deepEqual(outside, [], `${entry} (node) loaded files the static analysis missed`);
  assert.ok(loaded.some((f) => f.endsWith('.wasm')), `${entry} (node): the wasm load was not seen (the recording hooks are broken)`);
  console.log(`${entry} (node, run): ${r.called.length} functions called once (${r.called.join(', ')}); loaded ${loaded.length} package files, all counted`);
}

// ---- report ------------------------------------------------------------------------------------
const kib = (n) => (n / KiB).toFixed(1);
console.log('\n| entry | condition | files | brotli KiB | budget KiB | |');
console.log('| --- | --- | --- | ---: | ---: | --- |');
for (const r of rows) {
  const files = r.parts.map((p) => `${p.file} ${kib(p.brotli)}`).join(', ');
  console.log(`| ${r.entry} | ${r.cond} | ${files} | ${kib(r.total)} | ${kib(r.budget)} | ${r.total <= r.budget ? 'ok' : `**over by ${kib(r.total - r.budget)}**`} |`);
}
fs.mkdirSync(path.dirname(JSON_OUT), { recursive: true });
fs.writeFileSync(JSON_OUT, JSON.stringify({ date: new Date().toISOString(), budgets: BUDGETS, rows }, null, 2));
const over = rows.filter((r) => r.total > r.budget);
if (over.length) {
  console.error(`\nsize budget: ${over.length} of ${rows.length} over: ${over.map((r) => `${r.entry} (${r.cond}) ${kib(r.total)} > ${kib(r.budget)} KiB`).join('; ')}`);
  process.exit(1);
}
console.log(`\nsize budget: all ${rows.length} within budget`);
