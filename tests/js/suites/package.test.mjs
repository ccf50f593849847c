// The packed package itself: what the tarball holds, its package.json, the entry points, and
// that every export the .d.ts declares exists at run time (and nothing else public does).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { installed, m, NOW, craft, hmacSecret, throwsJwt, throwsType } from '../lib/helpers.mjs';

const pj = JSON.parse(fs.readFileSync(path.join(installed.installed, 'package.json'), 'utf8'));
const tarFiles = execFileSync('tar', ['-tzf', installed.tarball], { encoding: 'utf8' })
  .split('\n')
  .filter(Boolean)
  .map((f) => f.replace(/^package\//, ''));
const TOKEN = craft({ alg: 'HS256' }, { sub: 'user-42', exp: NOW + 3600 });

// Runs an ES module snippet in a child Node process from the install directory; returns stdout.
function runChild(source, { cjs = false } = {}) {
  const file = path.join(installed.project, `child-${process.hrtime.bigint()}.${cjs ? 'cjs' : 'mjs'}`);
  fs.writeFileSync(file, source);
  try {
    return execFileSync(process.execPath, [file], { cwd: installed.project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`child process failed (${e.status}):\n${e.stdout}\n${e.stderr}`);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

test('the tarball holds the package layout and nothing unexpected', () => {
  const entries = ['node-entry.js', 'workerd-entry.js', 'web-entry.js', 'browser.js', 'node.js', 'workerd.js', 'web.js', 'jwtlens_bg.wasm'];
  const required = ['package.json', 'jwtlens.js', 'jwtlens.d.ts', ...entries, 'lite/jwtlens.d.ts', ...entries.map((f) => `lite/${f}`)];
  for (const f of required) assert.ok(tarFiles.includes(f), `${f} is missing from the tarball (${tarFiles.join(', ')})`);
  const extra = tarFiles.filter((f) => !required.includes(f) && !/^(README|LICENSE)[^/]*$/i.test(f));
  assert.deepEqual(extra, [], 'files nobody asked for in the tarball');
  // one wasm per build (full and lite), not one per target
  assert.deepEqual(tarFiles.filter((f) => f.endsWith('.wasm')).sort(), ['jwtlens_bg.wasm', 'lite/jwtlens_bg.wasm']);
});

test('package.json: name, version, license, module type, engines, files', () => {
  assert.equal(pj.name, 'jwtlens');
  assert.match(pj.version, /^\d+\.\d+\.\d+/);
  assert.equal(pj.license, 'MIT OR Apache-2.0');
  assert.equal(pj.type, 'module');
  assert.equal(pj.engines.node, '>=20.19');
  assert.equal(pj.types, './jwtlens.d.ts');
  assert.ok(!('dependencies' in pj) || Object.keys(pj.dependencies).length === 0, 'no runtime dependencies');
});

test('package.json exports: conditions in the order bundlers need, every target packed', () => {
  const root = pj.exports['.'];
  assert.deepEqual(Object.keys(root), ['types', 'workerd', 'worker', 'browser', 'node', 'default']);
  assert.deepEqual(root, {
    types: './jwtlens.d.ts',
    workerd: './workerd-entry.js',
    worker: './workerd-entry.js',
    browser: './browser.js',
    node: './node-entry.js',
    default: './browser.js',
  });
  const lite = pj.exports['./lite'];
  assert.deepEqual(Object.keys(lite), ['types', 'workerd', 'worker', 'browser', 'node', 'default']);
  const flat = (v) => (typeof v === 'string' ? [v] : Object.values(v).flatMap(flat));
  const targets = Object.values(pj.exports).flatMap(flat);
  for (const t of targets) assert.ok(tarFiles.includes(t.replace(/^\.\//, '')), `exports target ${t} is not in the tarball`);
});

test('package.json sideEffects keeps every entry and glue module (they install the wasm at import)', () => {
  assert.ok(Array.isArray(pj.sideEffects));
  for (const f of ['./node-entry.js', './workerd-entry.js', './web-entry.js', './browser.js', './node.js', './workerd.js', './web.js']) {
    assert.ok(pj.sideEffects.includes(f), `${f} must be listed in sideEffects`);
    assert.ok(pj.sideEffects.includes(f.replace('./', './lite/')), `lite/${f.slice(2)} must be listed in sideEffects`);
  }
  assert.ok(!pj.sideEffects.includes('./jwtlens.js'), 'jwtlens.js has no import-time side effects');
});

test('the runtime exports are exactly the ones jwtlens.d.ts declares', () => {
  const dts = fs.readFileSync(path.join(installed.installed, 'jwtlens.d.ts'), 'utf8');
  const declared = new Set([...dts.matchAll(/^export (?:declare )?(?:function|class|const) ([A-Za-z_$][\w$]*)/gm)].map((x) => x[1]));
  if (/^export default function/m.test(dts)) declared.add('default');
  const runtime = new Set(Object.keys(m));
  assert.deepEqual([...runtime].sort(), [...declared].sort());
  assert.ok(!/\bany\b/.test(dts.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')), 'the .d.ts uses any');
  for (const name of ['decode', 'verify', 'verifyJws', 'importKey', 'JwtError', 'Key']) assert.ok(declared.has(name), `${name} is not declared`);
});

test('Node: ready on import without init; init() and initSync() are harmless no-ops', async () => {
  assert.equal(m.decode(TOKEN).payload.sub, 'user-42');
  const p = m.default();
  assert.ok(p instanceof Promise);
  assert.equal(await p, undefined);
  assert.equal(await m.default(), undefined);
  assert.equal(m.initSync(), undefined);
  assert.equal(m.decode(TOKEN).header.alg, 'HS256');
});

test('every function is synchronous (returns a value, not a Promise)', () => {
  const key = m.importKey(hmacSecret);
  const results = [
    m.decode(TOKEN),
    m.verify(TOKEN, hmacSecret, { algorithms: ['HS256'], currentDate: NOW }),
    m.verifyJws(TOKEN, key, { algorithms: ['HS256'] }),
    key,
  ];
  for (const r of results) {
    assert.ok(r !== null && typeof r === 'object');
    assert.ok(typeof r.then !== 'function', 'a thenable');
  }
  key.free();
});

test('CommonJS require("jwtlens") works (Node >= 20.19 require(esm))', () => {
  const out = runChild(`const { decode, JwtError } = require('jwtlens');\nconsole.log(decode(${JSON.stringify(TOKEN)}).payload.sub, typeof JwtError);\n`, { cjs: true });
  assert.equal(out.trim(), 'user-42 function');
});

test('web entry in Node: unusable before init (TypeError), ready after init(bytes), init idempotent', () => {
  const web = pathToFileURL(path.join(installed.installed, 'web-entry.js')).href;
  const wasm = path.join(installed.installed, 'jwtlens_bg.wasm');
  const out = runChild(`
import fs from 'node:fs';
const web = await import(${JSON.stringify(web)});
const token = ${JSON.stringify(TOKEN)};
let before;
try { web.decode(token); before = 'returned'; } catch (e) { before = e instanceof TypeError ? 'TypeError' : e.name; }
const first = web.default(fs.readFileSync(${JSON.stringify(wasm)}));
const second = web.default();
const same = first === second;
await first;
let settledAtOnce = false;
const third = web.default();
third.then(() => { settledAtOnce = true; });
await Promise.resolve(); await Promise.resolve();
let code;
try { web.verify(token, 'short', { algorithms: ['RS256'] }); } catch (e) { code = (e instanceof web.JwtError) + ':' + e.code; }
console.log(JSON.stringify({ before, same, settledAtOnce, sub: web.decode(token).payload.sub, code }));
`);
  assert.deepEqual(JSON.parse(out), { before: 'TypeError', same: true, settledAtOnce: true, sub: 'user-42', code: 'true:ERR_JOSE_ALG_NOT_ALLOWED' });
});

test('web entry: initSync({ module }) and initSync(bytes) make it ready', () => {
  const web = pathToFileURL(path.join(installed.installed, 'web-entry.js')).href;
  const wasm = path.join(installed.installed, 'jwtlens_bg.wasm');
  for (const arg of ['{ module: bytes }', 'bytes', 'new WebAssembly.Module(bytes)']) {
    const out = runChild(`
import fs from 'node:fs';
const web = await import(${JSON.stringify(web)});
const bytes = fs.readFileSync(${JSON.stringify(wasm)});
web.initSync(${arg});
web.initSync(${arg});
await web.default();
console.log(web.decode(${JSON.stringify(TOKEN)}).payload.sub);
`);
    assert.equal(out.trim(), 'user-42', `initSync(${arg})`);
  }
});

test('browser.js: ready on import (top-level await fetches the wasm next to it), init() resolves at once', () => {
  const browser = pathToFileURL(path.join(installed.installed, 'browser.js')).href;
  const out = runChild(`
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
const fetched = [];
// Node's fetch has no file: URLs; serve the package's own files the way a web server would.
globalThis.fetch = async (input) => {
  const url = String(input instanceof Request ? input.url : input);
  fetched.push(url.slice(url.lastIndexOf('/') + 1));
  return new Response(fs.readFileSync(fileURLToPath(url)), { headers: { 'content-type': 'application/wasm' } });
};
const b = await import(${JSON.stringify(browser)});
const sub = b.decode(${JSON.stringify(TOKEN)}).payload.sub;
await b.default();
console.log(JSON.stringify({ sub, fetched, hasInitSync: typeof b.initSync }));
`);
  assert.deepEqual(JSON.parse(out), { sub: 'user-42', fetched: ['jwtlens_bg.wasm'], hasInitSync: 'function' });
});

test('one JwtError class whichever entry is imported', () => {
  const web = pathToFileURL(path.join(installed.installed, 'web-entry.js')).href;
  const out = runChild(`
const node = await import('jwtlens');
const web = await import(${JSON.stringify(web)});
const fs = await import('node:fs');
await web.default(fs.readFileSync(new URL('jwtlens_bg.wasm', ${JSON.stringify(web)})));
let viaWeb;
try { web.decode('not a token'); } catch (e) { viaWeb = e; }
console.log(JSON.stringify({ same: node.JwtError === web.JwtError, key: node.Key === web.Key, instance: viaWeb instanceof node.JwtError, code: viaWeb.code }));
`);
  assert.deepEqual(JSON.parse(out), { same: true, key: true, instance: true, code: 'ERR_JWT_INVALID' });
});

test('jwtlens.d.ts is the hand-written one (no wasm-bindgen names leak into the API)', () => {
  const dts = fs.readFileSync(path.join(installed.installed, 'jwtlens.d.ts'), 'utf8');
  assert.doesNotMatch(dts, /WasmKey|keyFromSecret|optionsJson|InitOutput/);
});

test('sanity: the errors used by this suite behave', () => {
  throwsJwt(() => m.decode('a.b'), 'ERR_JWT_INVALID');
  throwsType(() => m.decode(42));
});

test('jwtlens/lite: the same classes, HMAC works, asymmetric algorithms are ERR_JOSE_NOT_SUPPORTED', () => {
  const out = runChild(`
import * as full from 'jwtlens';
import * as lite from 'jwtlens/lite';
const token = ${JSON.stringify(TOKEN)};
const secret = new Uint8Array(${JSON.stringify([...hmacSecret])});
const r = [];
r.push(lite.verify(token, secret, { algorithms: ['HS256'], currentDate: ${NOW} }).payload.sub);
r.push(lite.decode(token).header.alg);
r.push(lite.inspect(token, { now: ${NOW} }).kind);
const signed = lite.sign({ sub: 'lite' }, secret, { alg: 'HS256' });
r.push(full.verify(signed, secret, { algorithms: ['HS256'], requiredClaims: [] }).payload.sub);
try { lite.verify(token, secret, { algorithms: ['RS256'] }); } catch (e) { r.push(e.code); }
const pair = full.generateKeyPair('ES256');
const es = full.sign({ sub: 'x' }, pair.privateJwk, { alg: 'ES256', expiresIn: 60 });
try { lite.verify(es, pair.publicJwk, { algorithms: ['ES256'] }); } catch (e) { r.push(e.code, e instanceof full.JwtError, e instanceof lite.JwtError); }
r.push(full.JwtError === lite.JwtError, full.Key === lite.Key, full.verify === lite.verify);
r.push(Object.keys(lite).sort().join(','));
console.log(JSON.stringify(r));
`);
  const r = JSON.parse(out);
  assert.deepEqual(r.slice(0, 10), ['user-42', 'HS256', 'JWS', 'lite', 'ERR_JOSE_ALG_NOT_ALLOWED', 'ERR_JOSE_NOT_SUPPORTED', true, true, true, true]);
  assert.equal(r[10], false, 'lite has its own functions over its own wasm');
  assert.equal(r[11], 'JwtError,Key,decode,default,importKey,initSync,inspect,sign,verify,verifyJws');
});
