// The packed package itself: what the tarball holds, its package.json (the three entries jwtlens,
// jwtlens/lite and jwtlens/sign), the entry points, that every export each .d.ts declares exists
// at run time (and nothing else public does), and that the verifying entries carry no signing code.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { installed, m, s, lite, NOW, craft, fixtures, hmacSecret, throwsJwt, throwsType } from '../lib/helpers.mjs';

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

const ENTRY_FILES = ['node-entry.js', 'workerd-entry.js', 'web-entry.js', 'browser.js', 'node.js', 'workerd.js', 'web.js', 'jwtlens_bg.wasm'];
const CONDITIONS = ['types', 'workerd', 'worker', 'browser', 'node', 'default'];

test('the tarball holds the package layout and nothing unexpected', () => {
  const required = [
    'package.json', 'jwtlens.js', 'jwtlens.d.ts', ...ENTRY_FILES,
    'lite/jwtlens.d.ts', ...ENTRY_FILES.map((f) => `lite/${f}`),
    'sign.js', 'sign/jwtlens.d.ts', ...ENTRY_FILES.map((f) => `sign/${f}`),
  ];
  for (const f of required) assert.ok(tarFiles.includes(f), `${f} is missing from the tarball (${tarFiles.join(', ')})`);
  const extra = tarFiles.filter((f) => !required.includes(f) && !/^(README|LICENSE)[^/]*$/i.test(f));
  assert.deepEqual(extra, [], 'files nobody asked for in the tarball');
  // one wasm per build (verifying, lite, signing), not one per target
  assert.deepEqual(tarFiles.filter((f) => f.endsWith('.wasm')).sort(), ['jwtlens_bg.wasm', 'lite/jwtlens_bg.wasm', 'sign/jwtlens_bg.wasm']);
});

test('package.json files: every packed entry file is listed, the three wasm included', () => {
  for (const dir of ['', 'lite/', 'sign/']) {
    for (const f of ENTRY_FILES) assert.ok(pj.files.includes(`${dir}${f}`), `files lacks ${dir}${f}`);
    assert.ok(pj.files.includes(`${dir}jwtlens.d.ts`), `files lacks ${dir}jwtlens.d.ts`);
  }
  assert.ok(pj.files.includes('jwtlens.js') && pj.files.includes('sign.js'));
});

test('package.json: name, version, license, module type, engines, files', () => {
  assert.equal(pj.name, 'jwtlens');
  assert.match(pj.version, /^\d+\.\d+\.\d+/);
  // jwtlens/sign (and the stubs whose message says "since jwtlens 0.2.0") came with 0.2.0
  const [major, minor] = pj.version.split('.').map(Number);
  assert.ok(major > 0 || minor >= 2, `version ${pj.version} predates jwtlens/sign (0.2.0)`);
  assert.equal(pj.license, 'MIT OR Apache-2.0');
  assert.equal(pj.type, 'module');
  assert.equal(pj.engines.node, '>=20.19');
  assert.equal(pj.types, './jwtlens.d.ts');
  assert.ok(!('dependencies' in pj) || Object.keys(pj.dependencies).length === 0, 'no runtime dependencies');
});

test('package.json exports: ".", "./lite" and "./sign", conditions in the order bundlers need, every target packed', () => {
  assert.deepEqual(Object.keys(pj.exports), ['.', './lite', './sign', './jwtlens_bg.wasm', './lite/jwtlens_bg.wasm', './sign/jwtlens_bg.wasm', './package.json']);
  const entry = (dir) => ({
    types: `./${dir}jwtlens.d.ts`,
    workerd: `./${dir}workerd-entry.js`,
    worker: `./${dir}workerd-entry.js`,
    browser: `./${dir}browser.js`,
    node: `./${dir}node-entry.js`,
    default: `./${dir}browser.js`,
  });
  for (const [key, dir] of [['.', ''], ['./lite', 'lite/'], ['./sign', 'sign/']]) {
    assert.deepEqual(Object.keys(pj.exports[key]), CONDITIONS, `${key}: condition order`);
    assert.deepEqual(pj.exports[key], entry(dir), key);
    assert.equal(pj.exports[`./${dir}jwtlens_bg.wasm`], `./${dir}jwtlens_bg.wasm`);
  }
  const flat = (v) => (typeof v === 'string' ? [v] : Object.values(v).flatMap(flat));
  const targets = Object.values(pj.exports).flatMap(flat);
  for (const t of targets) assert.ok(tarFiles.includes(t.replace(/^\.\//, '')), `exports target ${t} is not in the tarball`);
});

test('package.json sideEffects keeps every entry and glue module (they install the wasm at import)', () => {
  assert.ok(Array.isArray(pj.sideEffects));
  for (const f of ['./node-entry.js', './workerd-entry.js', './web-entry.js', './browser.js', './node.js', './workerd.js', './web.js']) {
    assert.ok(pj.sideEffects.includes(f), `${f} must be listed in sideEffects`);
    assert.ok(pj.sideEffects.includes(f.replace('./', './lite/')), `lite/${f.slice(2)} must be listed in sideEffects`);
    assert.ok(pj.sideEffects.includes(f.replace('./', './sign/')), `sign/${f.slice(2)} must be listed in sideEffects`);
  }
  assert.ok(!pj.sideEffects.includes('./jwtlens.js'), 'jwtlens.js has no import-time side effects');
  assert.ok(!pj.sideEffects.includes('./sign.js'), 'sign.js has no import-time side effects');
});

/** The value names a .d.ts exports: declarations, `export { a, b as c } from` lists and `export default`. */
function declaredExports(file) {
  const dts = fs.readFileSync(path.join(installed.installed, file), 'utf8');
  const names = new Set([...dts.matchAll(/^export (?:declare )?(?:function|class|const) ([A-Za-z_$][\w$]*)/gm)].map((x) => x[1]));
  if (/^export default function/m.test(dts)) names.add('default');
  for (const [, list] of dts.matchAll(/^export \{([^}]*)\} from /gm)) {
    for (const item of list.split(',').map((x) => x.trim()).filter(Boolean)) names.add(item.split(/\s+as\s+/).at(-1));
  }
  return { dts, names };
}

for (const [file, entry, label] of [['jwtlens.d.ts', () => m, 'jwtlens'], ['lite/jwtlens.d.ts', () => lite, 'jwtlens/lite'], ['sign/jwtlens.d.ts', () => s, 'jwtlens/sign']]) {
  test(`${label}: the runtime exports are exactly the ones ${file} declares`, () => {
    const { dts, names: declared } = declaredExports(file);
    const runtime = new Set(Object.keys(entry()));
    assert.deepEqual([...runtime].sort(), [...declared].sort());
    assert.ok(!/\bany\b/.test(dts.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')), `${file} uses any`);
  });
}

test('each entry exports what the contract gives it', () => {
  for (const name of ['decode', 'verify', 'verifyJws', 'importKey', 'inspect', 'createRemoteJWKSet', 'JwtError', 'Key', 'default', 'initSync']) assert.equal(typeof m[name], 'function', `jwtlens.${name}`);
  for (const name of ['decode', 'verify', 'verifyJws', 'importKey', 'inspect', 'JwtError', 'Key', 'default', 'initSync']) assert.equal(typeof lite[name], 'function', `jwtlens/lite.${name}`);
  assert.equal(lite.createRemoteJWKSet, undefined);
  for (const name of ['importSigningKey', 'sign', 'signJws', 'publicJwk', 'generateKeyPair', 'generateSecret', 'toPem', 'SigningKey', 'JwtError', 'default', 'initSync']) assert.equal(typeof s[name], 'function', `jwtlens/sign.${name}`);
  // the signing entry has no verifying functions, nor the Key class
  for (const name of ['decode', 'verify', 'verifyJws', 'importKey', 'inspect', 'createRemoteJWKSet', 'Key']) assert.equal(s[name], undefined, `jwtlens/sign.${name}`);
  // one JwtError and one Key class for all three
  assert.equal(s.JwtError, m.JwtError);
  assert.equal(lite.JwtError, m.JwtError);
  assert.equal(lite.Key, m.Key);
});

test('verifiers do not carry signing code: the verifying wasm exports no signing function, and no verifying module imports sign.js', () => {
  const wasmExports = (f) => new Set(WebAssembly.Module.exports(new WebAssembly.Module(fs.readFileSync(path.join(installed.installed, f)))).map((e) => e.name));
  const SIGNING = ['sign', 'signJws', 'publicJwk', 'keyFromPrivateJwk', 'generateKeyPair', 'generateSecret', 'toPem'];
  const VERIFYING = ['decodeIo', 'verifyIo', 'verifierIo', 'verifyJwsIo', 'inspect', 'keyFromJwk'];
  for (const f of ['jwtlens_bg.wasm', 'lite/jwtlens_bg.wasm']) {
    const names = wasmExports(f);
    for (const n of VERIFYING) assert.ok(names.has(n), `${f} lacks ${n}`);
    for (const n of SIGNING) assert.ok(!names.has(n), `${f} exports ${n}`);
  }
  const signNames = wasmExports('sign/jwtlens_bg.wasm');
  for (const n of SIGNING) assert.ok(signNames.has(n), `sign/jwtlens_bg.wasm lacks ${n}`);
  for (const n of VERIFYING) assert.ok(!signNames.has(n), `sign/jwtlens_bg.wasm exports ${n}`);
  // the static import graph of every verifying entry file (relative specifiers, as bundlers follow them)
  const reached = (start) => {
    const seen = new Set();
    const walk = (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      if (!file.endsWith('.js')) return;
      const text = fs.readFileSync(path.join(installed.installed, file), 'utf8');
      for (const [, spec] of text.matchAll(/(?:^|[\s;])(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*\(?\s*['"]([^'"]+)['"]/gm)) {
        if (spec && spec.startsWith('.')) walk(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)));
      }
    };
    walk(start);
    return [...seen];
  };
  for (const dir of ['', 'lite/']) {
    for (const f of ['node-entry.js', 'workerd-entry.js', 'web-entry.js', 'browser.js']) {
      const files = reached(`${dir}${f}`);
      assert.ok(files.includes('jwtlens.js'), `${dir}${f} reaches ${files}`);
      assert.deepEqual(files.filter((x) => x === 'sign.js' || x.startsWith('sign/')), [], `${dir}${f} reaches signing code`);
    }
  }
  for (const f of ['node-entry.js', 'workerd-entry.js', 'web-entry.js', 'browser.js']) {
    const files = reached(`sign/${f}`);
    assert.ok(files.includes('sign.js') && files.includes('jwtlens.js'), `sign/${f} reaches ${files}`);
  }
});

test('Node: ready on import without init; init() and initSync() are harmless no-ops', async () => {
  for (const entry of [m, lite]) {
    assert.equal(entry.decode(TOKEN).payload.sub, 'user-42');
    const p = entry.default();
    assert.ok(p instanceof Promise);
    assert.equal(await p, undefined);
    assert.equal(await entry.default(), undefined);
    assert.equal(entry.initSync(), undefined);
    assert.equal(entry.decode(TOKEN).header.alg, 'HS256');
  }
});

test('Node: jwtlens/sign is ready on import too; its init() and initSync() are no-ops', async () => {
  assert.equal(s.sign({ sub: 'user-42' }, hmacSecret, { alg: 'HS256', issuedAt: false }), craft({ alg: 'HS256', typ: 'JWT' }, { sub: 'user-42' }));
  const p = s.default();
  assert.ok(p instanceof Promise);
  assert.equal(await p, undefined);
  assert.equal(s.initSync(), undefined);
  assert.equal(s.generateSecret('HS256').length, 32);
});

test('every function is synchronous (returns a value, not a Promise)', () => {
  const key = m.importKey(hmacSecret);
  const signingKey = s.importSigningKey(fixtures.ed25519.privateJwk);
  const results = [
    m.decode(TOKEN),
    m.verify(TOKEN, hmacSecret, { algorithms: ['HS256'], currentDate: NOW }),
    m.verifyJws(TOKEN, key, { algorithms: ['HS256'] }),
    m.inspect(TOKEN),
    key,
    signingKey,
    s.publicJwk(signingKey),
    s.generateKeyPair('EdDSA'),
    s.generateSecret('HS256'),
  ];
  for (const r of results) {
    assert.ok(r !== null && typeof r === 'object');
    assert.ok(typeof r.then !== 'function', 'a thenable');
  }
  for (const r of [s.sign({}, signingKey, { alg: 'EdDSA' }), s.signJws('x', signingKey, { alg: 'EdDSA' }), s.toPem(fixtures.ed25519.publicJwk)]) assert.equal(typeof r, 'string');
  key.free();
  signingKey.free();
});

test('CommonJS require("jwtlens"), require("jwtlens/sign") and require("jwtlens/lite") work (Node >= 20.19 require(esm))', () => {
  const out = runChild(`const { decode, JwtError } = require('jwtlens');
const { sign, JwtError: SignJwtError } = require('jwtlens/sign');
const lite = require('jwtlens/lite');
const token = sign({ sub: 'cjs' }, new Uint8Array(32).fill(1), { alg: 'HS256' });
console.log(decode(${JSON.stringify(TOKEN)}).payload.sub, typeof JwtError, decode(token).payload.sub, SignJwtError === JwtError, lite.decode(token).header.alg);
`, { cjs: true });
  assert.equal(out.trim(), 'user-42 function cjs true HS256');
});

for (const dir of ['', 'sign/']) {
  const label = dir === '' ? 'web entry' : 'jwtlens/sign web entry';
  // a call that needs the module ready, and its expected result printed by the child
  const probe = dir === ''
    ? { call: `web.decode(${JSON.stringify(TOKEN)}).payload.sub`, result: 'user-42' }
    : { call: 'web.decode ? "decode" : web.generateSecret("HS512").length', result: 64 };

  test(`${label} in Node: initSync({ module }), initSync(bytes) and initSync(Module) make it ready`, () => {
    const web = pathToFileURL(path.join(installed.installed, dir, 'web-entry.js')).href;
    const wasm = path.join(installed.installed, dir, 'jwtlens_bg.wasm');
    for (const arg of ['{ module: bytes }', 'bytes', 'new WebAssembly.Module(bytes)']) {
      const out = runChild(`
import fs from 'node:fs';
const web = await import(${JSON.stringify(web)});
const bytes = fs.readFileSync(${JSON.stringify(wasm)});
let before;
try { ${probe.call}; before = 'returned'; } catch (e) { before = e instanceof TypeError && /init/.test(e.message) ? 'TypeError' : e.name; }
web.initSync(${arg});
web.initSync(${arg});
await web.default();
console.log(JSON.stringify({ before, result: ${probe.call} }));
`);
      assert.deepEqual(JSON.parse(out), { before: 'TypeError', result: probe.result }, `initSync(${arg})`);
    }
  });
}

test('jwtlens/sign web entry in Node: unusable before init (TypeError), ready after init(bytes), init idempotent', () => {
  const web = pathToFileURL(path.join(installed.installed, 'sign', 'web-entry.js')).href;
  const out = runChild(`
import fs from 'node:fs';
const web = await import(${JSON.stringify(web)});
const secret = new Uint8Array(32).fill(2);
let before;
try { web.sign({}, secret, { alg: 'HS256' }); before = 'returned'; } catch (e) { before = e instanceof TypeError ? 'TypeError' : e.name; }
const first = web.default(fs.readFileSync(new URL('jwtlens_bg.wasm', ${JSON.stringify(web)})));
const same = first === web.default();
await first;
const token = web.sign({ sub: 'web' }, secret, { alg: 'HS256' });
let code;
try { web.sign({}, new Uint8Array(4), { alg: 'HS256' }); } catch (e) { code = (e instanceof web.JwtError) + ':' + e.code; }
console.log(JSON.stringify({ before, same, sub: JSON.parse(Buffer.from(token.split('.')[1], 'base64url')).sub, code }));
`);
  assert.deepEqual(JSON.parse(out), { before: 'TypeError', same: true, sub: 'web', code: 'true:ERR_JOSE_ALG_NOT_ALLOWED' });
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

for (const [dir, call, result] of [
  ['', `b.decode(${JSON.stringify(TOKEN)}).payload.sub`, 'user-42'],
  ['lite/', `b.decode(${JSON.stringify(TOKEN)}).payload.sub`, 'user-42'],
  ['sign/', 'b.generateSecret("HS384").length', 48],
]) {
  test(`${dir}browser.js: ready on import (top-level await fetches its own wasm, no other), init() resolves at once`, () => {
    const browser = pathToFileURL(path.join(installed.installed, dir, 'browser.js')).href;
    const root = pathToFileURL(`${installed.installed}/`).href;
    const out = runChild(`
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
const fetched = [];
// Node's fetch has no file: URLs; serve the package's own files the way a web server would.
globalThis.fetch = async (input) => {
  const url = String(input instanceof Request ? input.url : input);
  fetched.push(url.startsWith(${JSON.stringify(root)}) ? url.slice(${root.length}) : url);
  return new Response(fs.readFileSync(fileURLToPath(url)), { headers: { 'content-type': 'application/wasm' } });
};
const b = await import(${JSON.stringify(browser)});
const result = ${call};
await b.default();
console.log(JSON.stringify({ result, fetched, hasInitSync: typeof b.initSync }));
`);
    assert.deepEqual(JSON.parse(out), { result, fetched: [`${dir}jwtlens_bg.wasm`], hasInitSync: 'function' });
  });
}

test('a page that verifies and signs downloads each wasm once: jwtlens\'s and jwtlens/sign\'s', () => {
  const out = runChild(`
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
const fetched = [];
globalThis.fetch = async (input) => {
  const url = String(input instanceof Request ? input.url : input);
  fetched.push(url.slice(${JSON.stringify(pathToFileURL(`${installed.installed}/`).href.length)}));
  return new Response(fs.readFileSync(fileURLToPath(url)), { headers: { 'content-type': 'application/wasm' } });
};
const v = await import(${JSON.stringify(pathToFileURL(path.join(installed.installed, 'browser.js')).href)});
const before = [...fetched];
const sg = await import(${JSON.stringify(pathToFileURL(path.join(installed.installed, 'sign', 'browser.js')).href)});
const token = sg.sign({ sub: 'page' }, new Uint8Array(32).fill(5), { alg: 'HS256' });
const sub = v.verify(token, new Uint8Array(32).fill(5), { algorithms: ['HS256'], requiredClaims: [] }).payload.sub;
console.log(JSON.stringify({ before, fetched, sub, same: v.JwtError === sg.JwtError }));
`);
  assert.deepEqual(JSON.parse(out), { before: ['jwtlens_bg.wasm'], fetched: ['jwtlens_bg.wasm', 'sign/jwtlens_bg.wasm'], sub: 'page', same: true });
});

test('one JwtError class whichever entry is imported (node and web, verifying and signing)', () => {
  const web = pathToFileURL(path.join(installed.installed, 'web-entry.js')).href;
  const signWeb = pathToFileURL(path.join(installed.installed, 'sign', 'web-entry.js')).href;
  const out = runChild(`
const node = await import('jwtlens');
const signNode = await import('jwtlens/sign');
const web = await import(${JSON.stringify(web)});
const signWeb = await import(${JSON.stringify(signWeb)});
const fs = await import('node:fs');
await web.default(fs.readFileSync(new URL('jwtlens_bg.wasm', ${JSON.stringify(web)})));
await signWeb.default(fs.readFileSync(new URL('jwtlens_bg.wasm', ${JSON.stringify(signWeb)})));
const thrown = (f) => { try { f(); } catch (e) { return e; } };
const viaWeb = thrown(() => web.decode('not a token'));
const viaSignWeb = thrown(() => signWeb.sign({}, new Uint8Array(4), { alg: 'HS256' }));
const viaSignNode = thrown(() => signNode.generateKeyPair('ES256K'));
console.log(JSON.stringify({
  same: [web.JwtError, signNode.JwtError, signWeb.JwtError].every((c) => c === node.JwtError),
  key: node.Key === web.Key,
  signingKey: signNode.SigningKey === signWeb.SigningKey,
  instance: [viaWeb, viaSignWeb, viaSignNode].every((e) => e instanceof node.JwtError && e instanceof signWeb.JwtError),
  codes: [viaWeb.code, viaSignWeb.code, viaSignNode.code],
}));
`);
  assert.deepEqual(JSON.parse(out), { same: true, key: true, signingKey: true, instance: true, codes: ['ERR_JWT_INVALID', 'ERR_JOSE_ALG_NOT_ALLOWED', 'ERR_JOSE_NOT_SUPPORTED'] });
});

test('the .d.ts files are the hand-written ones (no wasm-bindgen names leak into the API)', () => {
  for (const f of ['jwtlens.d.ts', 'lite/jwtlens.d.ts', 'sign/jwtlens.d.ts']) {
    const dts = fs.readFileSync(path.join(installed.installed, f), 'utf8');
    assert.doesNotMatch(dts, /WasmKey|keyFromSecret|keyFromPrivateJwk|optionsJson|InitOutput/, f);
  }
});

test('sanity: the errors used by this suite behave', () => {
  throwsJwt(() => m.decode('a.b'), 'ERR_JWT_INVALID');
  throwsType(() => m.decode(42));
});

test('jwtlens/lite: the same classes, HMAC works, asymmetric algorithms are ERR_JOSE_NOT_SUPPORTED', () => {
  const out = runChild(`
import * as full from 'jwtlens';
import * as lite from 'jwtlens/lite';
import { sign, generateKeyPair } from 'jwtlens/sign';
const token = ${JSON.stringify(TOKEN)};
const secret = new Uint8Array(${JSON.stringify([...hmacSecret])});
const r = [];
r.push(lite.verify(token, secret, { algorithms: ['HS256'], currentDate: ${NOW} }).payload.sub);
r.push(lite.decode(token).header.alg);
r.push(lite.inspect(token, { now: ${NOW} }).kind);
const signed = sign({ sub: 'lite' }, secret, { alg: 'HS256' });
r.push(lite.verify(signed, secret, { algorithms: ['HS256'], requiredClaims: [] }).payload.sub);
try { lite.verify(token, secret, { algorithms: ['RS256'] }); } catch (e) { r.push(e.code); }
const pair = generateKeyPair('ES256');
const es = sign({ sub: 'x' }, pair.privateJwk, { alg: 'ES256', expiresIn: 60 });
try { lite.verify(es, pair.publicJwk, { algorithms: ['ES256'] }); } catch (e) { r.push(e.code, e instanceof full.JwtError, e instanceof lite.JwtError); }
r.push(full.JwtError === lite.JwtError, full.Key === lite.Key, full.verify === lite.verify);
r.push(Object.keys(lite).sort().join(','));
console.log(JSON.stringify(r));
`);
  const r = JSON.parse(out);
  assert.deepEqual(r.slice(0, 10), ['user-42', 'HS256', 'JWS', 'lite', 'ERR_JOSE_ALG_NOT_ALLOWED', 'ERR_JOSE_NOT_SUPPORTED', true, true, true, true]);
  assert.equal(r[10], false, 'lite has its own functions over its own wasm');
  assert.equal(r[11], 'JwtError,Key,createVerifier,decode,default,generateKeyPair,generateSecret,importKey,initSync,inspect,sign,toPem,verify,verifyJws');
});
