#!/usr/bin/env node
// jwtlens against the libraries users would pick instead, in one Node process:
//   node --expose-gc bench/compare.mjs [--rounds 15] [--warmup 2] [--batch-ms 100] [--only decode,prepared,cold,jwks,startup,keygen] [--json FILE]
// (`make bench` runs it; `make pkg` first when running it alone.)
//
// jwtlens is the packed ./pkg tarball installed into bench/node_modules (bench/setup.mjs); the
// other libraries are the exact versions bench/package.json pins.
//
// Cells: decode (a 3-claim token and a 2 KB payload); verify HS256, RS256 (2048), PS256, ES256,
// ES384, ES512, EdDSA prepared (each library's fastest honest way; for jwtlens createVerifier) and
// cold (the PEM or the secret passed on every call); HS256 with jwtlens's verify(token, Key,
// options) as its own cell; a JWKS of 10 RSA keys selected by kid, prepared and cold. No
// cell can be won by a cache: every cell cycles through a pool of 256 distinct tokens, and a cold
// cell through 16 distinct keys (token i is key i % 16's); the JWKS cell's tokens use all ten
// keys. Plus RSA key generation (2048 and 3072 bits, median of 11) of jwtlens/sign. Before
// any timing every cell must return the right claims and reject a tampered token (a flipped
// signature bit; for decode, a payload that is not JSON); a library that cannot do a cell is
// "n/a" with the reason. Async libraries are awaited per operation.
//
// Method: one process; per round, for every cell, the libraries run one batch each (~batch-ms)
// in an order that rotates by one every round; gc() before every batch; the first --warmup
// rounds are dropped; the median of the remaining rounds (>= 11) is reported, with ratios to jose
// and to the fastest library of the cell. Plus "startup": `import('jwtlens')` (the wasm compiled
// and instantiated) in fresh Node processes.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { BENCH, ROOT, ensureInstalled, hasLite, median, pinned } from './setup.mjs';

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = process.argv[i + 1];
  return typeof fallback === 'number' ? Number(v) : v;
}
const ROUNDS = option('rounds', 15);
const WARMUP = option('warmup', 2);
const BATCH_MS = option('batch-ms', 100);
const ONLY = option('only', 'decode,prepared,cold,jwks,breakdown,startup,keygen').split(',');
const STARTS = option('starts', 11);
const JSON_OUT = option('json', path.join(ROOT, 'artifacts', 'bench-compare.json'));
assert.ok(ROUNDS >= 11, '--rounds must be at least 11');
assert.equal(typeof globalThis.gc, 'function', 'run with node --expose-gc (a GC runs between measurements)');

const tgz = ensureInstalled();
const require = createRequire(path.join(BENCH, 'package.json'));
const jwtlens = await import('jwtlens');
const lite = hasLite() ? await import('jwtlens/lite') : null;
const jose = await import('jose');
const { jwtDecode } = await import('jwt-decode');
const fastJwt = require('fast-jwt');
const jsonwebtoken = require('jsonwebtoken');
const tsndr = await import('@tsndr/cloudflare-worker-jwt');
const versions = pinned();

const LIBS = ['jwtlens', 'jwtlens/lite', 'jose', 'fast-jwt', 'jsonwebtoken', '@tsndr/cloudflare-worker-jwt', 'jwt-decode'];
const SHORT = { '@tsndr/cloudflare-worker-jwt': 'tsndr cf-worker-jwt' };
const VERIFY_ALGS = ['HS256', 'RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA'];
// No library may win by caching (issue 18): every cell draws its tokens from a pool of POOL
// distinct tokens, and a cold cell rotates COLD_KEYS distinct keys (token i is key i % COLD_KEYS's).
const POOL = 256;
const COLD_KEYS = 16;
const LITE_NA = 'not built: pkg/ has no exports["./lite"] yet';

// ---- keys and tokens ------------------------------------------------------------------------------

const now = Math.floor(Date.now() / 1000);
const claims = { sub: 'user-42', iss: 'https://issuer.example', aud: 'api', name: 'bench', iat: now, exp: now + 86400 };
// COLD_KEYS keys per family; key 0 is the prepared cells' key.
const secretText = () => crypto.randomBytes(36).toString('base64url'); // 48 ASCII characters: the same bytes as string or Uint8Array
const FAMILY = { RS256: 'RSA', PS256: 'RSA', ES256: 'P-256', ES384: 'P-384', ES512: 'P-521', EdDSA: 'Ed25519' };
const newPair = {
  RSA: () => crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }),
  'P-256': () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  'P-384': () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' }),
  'P-521': () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-521' }),
  Ed25519: () => crypto.generateKeyPairSync('ed25519'),
};
const familyKeys = {};
for (const family of Object.keys(newPair)) {
  familyKeys[family] = Array.from({ length: COLD_KEYS }, () => {
    const { publicKey, privateKey } = newPair[family]();
    return { privateKey, pem: publicKey.export({ type: 'spki', format: 'pem' }), jwk: publicKey.export({ format: 'jwk' }), keyObject: publicKey };
  });
}
familyKeys.HMAC = Array.from({ length: COLD_KEYS }, () => {
  const secret = secretText();
  return { secret, bytes: new TextEncoder().encode(secret) };
});
const keysOf = (alg) => familyKeys[alg === 'HS256' ? 'HMAC' : FAMILY[alg]];
const SECRET = familyKeys.HMAC[0].secret;

function tamperSignature(t) {
  const [h, p, s] = t.split('.');
  const sig = Buffer.from(s, 'base64url');
  sig[Math.floor(sig.length / 2)] ^= 1;
  return `${h}.${p}.${sig.toString('base64url')}`;
}

async function signed(payload, alg, key, header = {}) {
  const signWith = alg === 'HS256' ? key.bytes : key.privateKey;
  return new jose.SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT', ...header }).sign(signWith);
}

/** POOL distinct tokens (their `jti` differs); token i is signed with keys[i % keys.length]. */
async function pool(alg, keys, claimsOf = (i) => ({ ...claims, jti: `t-${i}` }), header = () => ({})) {
  const out = [];
  for (let i = 0; i < POOL; i++) {
    const j = i % keys.length;
    const expected = claimsOf(i);
    out.push({ token: await signed(expected, alg, keys[j], header(j)), key: keys[j], expected });
  }
  return out;
}

const preparedPools = {};
const coldPools = {};
for (const alg of VERIFY_ALGS) {
  preparedPools[alg] = await pool(alg, [keysOf(alg)[0]]);
  coldPools[alg] = await pool(alg, keysOf(alg));
}

// The JWKS: 10 RSA-2048 public keys (kid key-0 … key-9, alg RS256, use sig); token i is key-(i % 10)'s.
const jwksPairs = familyKeys.RSA.slice(0, 10);
const JWKS = { keys: jwksPairs.map((p, i) => ({ ...p.jwk, kid: `key-${i}`, alg: 'RS256', use: 'sig' })) };
const jwksPool = await pool('RS256', jwksPairs, undefined, (j) => ({ kid: `key-${j}` }));

// Decode tokens: 3 claims, and a 2 KB payload (the usual claims plus a list of permissions); the
// pool's tokens differ in `sub`.
const claims3 = (i) => ({ sub: `user-${i}`, iat: now, exp: now + 3600 });
const permissions = [];
while (JSON.stringify({ ...claims, permissions }).length < 2048) permissions.push(`read:resource-${String(permissions.length).padStart(3, '0')}`);
const claims2k = (i) => ({ ...claims, sub: `user-${i}`, permissions });
const decodePools = {
  '3 claims': await pool('HS256', [familyKeys.HMAC[0]], claims3),
  '2 KB payload': await pool('HS256', [familyKeys.HMAC[0]], claims2k),
};
const notJson = (t) => {
  const [h, , s] = t.split('.');
  return `${h}.${Buffer.from('{"sub":"user-42",').toString('base64url')}.${s}`;
};

// ---- cells ------------------------------------------------------------------------------------------
// Each library entry: async () => fn, where fn(token) returns the payload (or a promise of it) and
// throws (or returns null/undefined) for a token it refuses. Or { na: reason }.

const opts = (alg) => ({ algorithms: [alg] });
const tsndrAlg = {
  HS256: { name: 'HMAC', hash: { name: 'SHA-256' } },
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } },
  ES256: { name: 'ECDSA', namedCurve: 'P-256', hash: { name: 'SHA-256' } },
  ES384: { name: 'ECDSA', namedCurve: 'P-384', hash: { name: 'SHA-384' } },
  ES512: { name: 'ECDSA', namedCurve: 'P-521', hash: { name: 'SHA-512' } },
};
const tsndrNa = (alg) => (tsndrAlg[alg] ? null : { na: `has no ${alg} (algorithms: ES256/384/512, HS256/384/512, RS256/384/512)` });
const jsonwebtokenNa = (alg) => (alg === 'EdDSA' ? { na: 'jsonwebtoken 9 has no EdDSA ("invalid algorithm")' } : null);
const liteNa = (alg) => (!lite ? { na: LITE_NA } : alg === 'HS256' ? null : { na: 'HMAC only by design (ERR_JOSE_NOT_SUPPORTED)' });
const noJwks = (what) => ({ na: `no JWKS support (${what})` });

function decodeCell(label) {
  const entries = decodePools[label];
  return {
    group: 'decode',
    name: `decode, ${label}`,
    pool: entries,
    bad: { ...entries[0], token: notJson(entries[0].token) },
    libs: {
      jwtlens: async () => (e) => jwtlens.decode(e.token).payload,
      'jwtlens/lite': async () => (lite ? (e) => lite.decode(e.token).payload : { na: LITE_NA }),
      jose: async () => (e) => jose.decodeJwt(e.token),
      'fast-jwt': async () => {
        const decoder = fastJwt.createDecoder();
        return (e) => decoder(e.token);
      },
      jsonwebtoken: async () => (e) => jsonwebtoken.decode(e.token),
      '@tsndr/cloudflare-worker-jwt': async () => (e) => tsndr.decode(e.token).payload,
      'jwt-decode': async () => (e) => jwtDecode(e.token),
    },
  };
}

/**
 * `keyCall`: jwtlens (and lite) verify with verify(token, Key, options), a fresh options object
 * per call as an application writes it; otherwise with a verifier from createVerifier. The other
 * libraries use their prepared way in both.
 */
function preparedCell(alg, keyCall = false) {
  const k = keysOf(alg)[0];
  const hs = alg === 'HS256';
  const entries = preparedPools[alg];
  const jwtlensWay = (lib, material) => {
    const key = lib.importKey(material, alg);
    if (keyCall) return (e) => lib.verify(e.token, key, opts(alg)).payload;
    const verifier = lib.createVerifier(key, opts(alg));
    return (e) => verifier(e.token).payload;
  };
  return {
    group: keyCall ? 'key' : 'prepared',
    name: keyCall ? `${alg} verify(token, Key, options)` : `${alg} prepared`,
    alg,
    pool: entries,
    bad: { ...entries[0], token: tamperSignature(entries[0].token) },
    libs: {
      jwtlens: async () => jwtlensWay(jwtlens, hs ? k.bytes : k.jwk),
      'jwtlens/lite': async () => liteNa(alg) ?? jwtlensWay(lite, k.bytes),
      jose: async () => {
        const key = hs
          ? await crypto.webcrypto.subtle.importKey('raw', k.bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
          : await jose.importJWK(k.jwk, alg);
        assert.ok(key instanceof globalThis.CryptoKey, 'jose verifies with a CryptoKey');
        return async (e) => (await jose.jwtVerify(e.token, key, opts(alg))).payload;
      },
      'fast-jwt': async () => {
        const verifier = fastJwt.createVerifier({ key: hs ? SECRET : k.pem, algorithms: [alg], cache: false });
        return (e) => verifier(e.token);
      },
      jsonwebtoken: async () => {
        const na = jsonwebtokenNa(alg);
        if (na) return na;
        const key = hs ? crypto.createSecretKey(Buffer.from(k.bytes)) : k.keyObject;
        return (e) => jsonwebtoken.verify(e.token, key, opts(alg));
      },
      '@tsndr/cloudflare-worker-jwt': async () => {
        const na = tsndrNa(alg);
        if (na) return na;
        const key = hs
          ? await crypto.webcrypto.subtle.importKey('raw', k.bytes, tsndrAlg[alg], false, ['verify'])
          : await crypto.webcrypto.subtle.importKey('jwk', k.jwk, tsndrAlg[alg], false, ['verify']);
        return async (e) => (await tsndr.verify(e.token, key, { algorithm: alg }))?.payload;
      },
      'jwt-decode': async () => ({ na: 'decode only' }),
    },
  };
}

function coldCell(alg) {
  const hs = alg === 'HS256';
  const entries = coldPools[alg];
  const text = (e) => (hs ? e.key.secret : e.key.pem);
  return {
    group: 'cold',
    name: `${alg} cold (${hs ? 'secret' : 'PEM'} every call, ${COLD_KEYS} keys)`,
    alg,
    pool: entries,
    bad: { ...entries[0], token: tamperSignature(entries[0].token) },
    libs: {
      jwtlens: async () => (e) => jwtlens.verify(e.token, text(e), opts(alg)).payload,
      'jwtlens/lite': async () => liteNa(alg) ?? ((e) => lite.verify(e.token, text(e), opts(alg)).payload),
      // jose takes no string secret: the bytes (encoded once, as an app holds them); it imports a CryptoKey per call.
      jose: async () =>
        hs
          ? async (e) => (await jose.jwtVerify(e.token, e.key.bytes, opts(alg))).payload
          : async (e) => (await jose.jwtVerify(e.token, await jose.importSPKI(e.key.pem, alg), opts(alg))).payload,
      'fast-jwt': async () => (e) => fastJwt.createVerifier({ key: text(e), algorithms: [alg], cache: false })(e.token),
      jsonwebtoken: async () => jsonwebtokenNa(alg) ?? ((e) => jsonwebtoken.verify(e.token, text(e), opts(alg))),
      '@tsndr/cloudflare-worker-jwt': async () => tsndrNa(alg) ?? (async (e) => (await tsndr.verify(e.token, text(e), { algorithm: alg }))?.payload),
      'jwt-decode': async () => ({ na: 'decode only' }),
    },
  };
}

function jwksCell(mode) {
  return {
    group: 'jwks',
    name: `JWKS of 10 RSA keys by kid, ${mode}`,
    pool: jwksPool,
    bad: { ...jwksPool[7], token: tamperSignature(jwksPool[7].token) },
    libs:
      mode === 'prepared'
        ? {
            jwtlens: async () => {
              const key = jwtlens.importKey(JWKS);
              return (e) => jwtlens.verify(e.token, key, opts('RS256')).payload;
            },
            'jwtlens/lite': async () => ({ na: lite ? 'HMAC only by design' : LITE_NA }),
            jose: async () => {
              const set = jose.createLocalJWKSet(JWKS);
              return async (e) => (await jose.jwtVerify(e.token, set, opts('RS256'))).payload;
            },
            'fast-jwt': async () => noJwks('a separate package, get-jwks, fetches and selects keys'),
            jsonwebtoken: async () => noJwks('a separate package, jwks-rsa'),
            '@tsndr/cloudflare-worker-jwt': async () => noJwks('one key per call'),
            'jwt-decode': async () => ({ na: 'decode only' }),
          }
        : {
            jwtlens: async () => (e) => jwtlens.verify(e.token, JWKS, opts('RS256')).payload,
            'jwtlens/lite': async () => ({ na: lite ? 'HMAC only by design' : LITE_NA }),
            jose: async () => async (e) => (await jose.jwtVerify(e.token, jose.createLocalJWKSet(JWKS), opts('RS256'))).payload,
            'fast-jwt': async () => noJwks('a separate package, get-jwks'),
            jsonwebtoken: async () => noJwks('a separate package, jwks-rsa'),
            '@tsndr/cloudflare-worker-jwt': async () => noJwks('one key per call'),
            'jwt-decode': async () => ({ na: 'decode only' }),
          },
  };
}

const cells = [];
if (ONLY.includes('decode')) cells.push(decodeCell('3 claims'), decodeCell('2 KB payload'));
if (ONLY.includes('prepared')) cells.push(...VERIFY_ALGS.map((alg) => preparedCell(alg)), preparedCell('HS256', true));
if (ONLY.includes('cold')) cells.push(...VERIFY_ALGS.map(coldCell));
if (ONLY.includes('jwks')) cells.push(jwksCell('prepared'), jwksCell('cold'));

// ---- checks -----------------------------------------------------------------------------------------

/** The payload as plain JSON (libraries differ only in object prototypes). */
const plain = (v) => JSON.parse(JSON.stringify(v));

async function prove(cell, lib, fn) {
  const first = fn(cell.pool[0]);
  const isAsync = first instanceof Promise;
  for (const e of [cell.pool[0], cell.pool[1], cell.pool[POOL - 1]]) {
    assert.deepEqual(plain(await fn(e)), e.expected, `${cell.name} / ${lib}: wrong claims`);
  }
  let refused = false;
  try {
    const r = await fn(cell.bad);
    refused = r === null || r === undefined;
  } catch {
    refused = true;
  }
  assert.ok(refused, `${cell.name} / ${lib}: accepted a ${cell.group === 'decode' ? 'token whose payload is not JSON' : 'tampered token'}`);
  return isAsync;
}

for (const cell of cells) {
  cell.run = {};
  cell.na = {};
  for (const lib of LIBS) {
    const made = await cell.libs[lib]();
    if (typeof made !== 'function') {
      cell.na[lib] = made.na;
      continue;
    }
    cell.run[lib] = { fn: made, isAsync: await prove(cell, lib, made) };
  }
}
const checked = cells.map((c) => Object.keys(c.run).length).reduce((a, b) => a + b, 0);
if (cells.length) console.log(`checked ${checked} cells: right claims, tampered (or non-JSON) token refused`);

// ---- timing -----------------------------------------------------------------------------------------

let sink = 0;
async function batch({ fn, isAsync }, entries, n) {
  const t0 = performance.now();
  if (isAsync) {
    for (let i = 0; i < n; i++) sink += (await fn(entries[i % POOL])).exp;
  } else {
    for (let i = 0; i < n; i++) sink += fn(entries[i % POOL]).exp;
  }
  return performance.now() - t0;
}

async function calibrate(run, entries) {
  let n = 1;
  for (;;) {
    const ms = await batch(run, entries, n);
    if (ms >= BATCH_MS / 5 || n >= 1 << 24) return Math.max(3, Math.round((n * BATCH_MS) / Math.max(ms, 0.001)));
    n *= 4;
  }
}

if (cells.length) {
  for (const cell of cells) {
    cell.n = {};
    cell.samples = {};
    for (const lib of Object.keys(cell.run)) {
      cell.n[lib] = await calibrate(cell.run[lib], cell.pool);
      cell.samples[lib] = [];
    }
  }
  const t0 = performance.now();
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    for (const cell of cells) {
      const libs = Object.keys(cell.run);
      const shift = round % libs.length;
      for (const lib of [...libs.slice(shift), ...libs.slice(0, shift)]) {
        globalThis.gc();
        const ms = await batch(cell.run[lib], cell.pool, cell.n[lib]);
        if (round >= WARMUP) cell.samples[lib].push((cell.n[lib] * 1000) / ms);
      }
    }
    process.stderr.write(round < WARMUP ? 'w' : '.');
  }
  process.stderr.write(` ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
}

// ---- breakdown: where a jwtlens call spends its time (issue 20) ------------------------------------
// decode (3 claims) and HS256 prepared (createVerifier), from JS, split into: "core", the same work
// timed inside wasm (a bench hook runs the core N times on one token, so no crossing is counted);
// "crossing", the token written into wasm memory with encodeInto plus an empty call; "result", the
// output text decoded and JSON.parse'd; "JS", what is left (argument checks, the wrapper). Per-call
// overhead = whole call - core, taken per round (the two run back to back) and then the median:
// these machines drift by tens of percent within seconds, and a difference of two medians taken
// at different moments carries that drift. BREAKDOWN_ROUNDS interleaved rounds of ~BATCH_MS/4.

function breakdown() {
  const hooks = globalThis[Symbol.for('jwtlens.internals')]?.entries.get('jwtlens')?.benchCore;
  assert.ok(hooks, 'jwtlens has no bench hooks (benchCore): an old package?');
  const key = jwtlens.importKey(familyKeys.HMAC[0].bytes, 'HS256');
  const verifier = jwtlens.createVerifier(key, opts('HS256'));
  const decodePool = decodePools['3 claims'];
  const hsPool = preparedPools.HS256;
  const t0Decode = decodePool[0].token;
  const t0Verify = hsPool[0].token;
  const nowSeconds = Math.floor(Date.now() / 1000);
  // Each part: a function running k operations; µs per operation.
  const parts = {
    'decode: whole call': (k) => { for (let i = 0; i < k; i++) sink += jwtlens.decode(decodePool[i % POOL].token).payload.exp; },
    'decode: core in wasm': (k) => { assert.equal(hooks.decode(t0Decode, k), k); },
    'decode: crossing': (k) => { sink += hooks.crossing(t0Decode, k); },
    'decode: result': (k) => { jwtlens.decode(t0Decode); sink += hooks.result(k); },
    'HS256 verifier: whole call': (k) => { for (let i = 0; i < k; i++) sink += verifier(hsPool[i % POOL].token).payload.exp; },
    'HS256 verifier: core in wasm': (k) => { assert.equal(hooks.verifier(verifier, t0Verify, k, nowSeconds), k); },
    'HS256 verifier: crossing': (k) => { sink += hooks.crossing(t0Verify, k); },
    'HS256 verifier: result': (k) => { verifier(t0Verify); sink += hooks.result(k); },
  };
  const sizes = {};
  for (const [name, run] of Object.entries(parts)) {
    let k = 16;
    for (;;) {
      const t = performance.now();
      run(k);
      const ms = performance.now() - t;
      if (ms >= BATCH_MS / 10) {
        sizes[name] = Math.max(16, Math.round((k * BATCH_MS) / 4 / ms));
        break;
      }
      k *= 4;
    }
  }
  const samples = Object.fromEntries(Object.keys(parts).map((n) => [n, []]));
  for (let round = 0; round < WARMUP + BREAKDOWN_ROUNDS; round++) {
    for (const [name, run] of Object.entries(parts)) {
      globalThis.gc();
      const t = performance.now();
      run(sizes[name]);
      const us = ((performance.now() - t) * 1000) / sizes[name];
      if (round >= WARMUP) samples[name].push(us);
    }
  }
  const med = Object.fromEntries(Object.entries(samples).map(([n, s]) => [n, median(s)]));
  const rows = {};
  for (const what of ['decode', 'HS256 verifier']) {
    const whole = med[`${what}: whole call`];
    const core = med[`${what}: core in wasm`];
    const crossing = med[`${what}: crossing`];
    const result = med[`${what}: result`];
    const wholes = samples[`${what}: whole call`];
    const cores = samples[`${what}: core in wasm`];
    const overhead = median(wholes.map((w, i) => w - cores[i]));
    rows[what] = { whole, core, crossing, result, js: Math.max(0, overhead - crossing - result), overhead, rounds: BREAKDOWN_ROUNDS };
  }
  verifier.free();
  key.free();
  return rows;
}
const BREAKDOWN_ROUNDS = Math.max(ROUNDS, 31);
const breakdownResults = ONLY.includes('breakdown') ? breakdown() : null;

// ---- startup: module ready in a fresh process ---------------------------------------------------------

function startup() {
  const probe = (specifier, extra = '') =>
    `const t0 = performance.now(); const m = await import(${JSON.stringify(specifier)}); const t1 = performance.now(); ${extra} process.stdout.write(JSON.stringify({ ready: t1 - t0, first: performance.now() - t1, sinceStart: t1 }));`;
  const firstVerify = `const k = m.importKey(${JSON.stringify(SECRET)}, 'HS256'); if (m.verify(${JSON.stringify(preparedPools.HS256[0].token)}, k, { algorithms: ['HS256'] }).payload.sub !== 'user-42') throw new Error('verify');`;
  const probes = [['jwtlens', probe('jwtlens', firstVerify)]];
  if (lite) probes.push(['jwtlens/lite', probe('jwtlens/lite', firstVerify)]);
  probes.push(['jose', probe('jose')], ['jwt-decode', probe('jwt-decode')]);
  const results = Object.fromEntries(probes.map(([name]) => [name, []]));
  for (let i = 0; i < STARTS; i++) {
    for (const [name, code] of i % 2 ? [...probes].reverse() : probes) {
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: BENCH, encoding: 'utf8' });
      results[name].push(JSON.parse(out));
    }
  }
  return Object.fromEntries(
    Object.entries(results).map(([name, runs]) => [
      name,
      {
        readyMs: median(runs.map((r) => r.ready)),
        readyMin: Math.min(...runs.map((r) => r.ready)),
        readyMax: Math.max(...runs.map((r) => r.ready)),
        firstVerifyMs: name.startsWith('jwtlens') ? median(runs.map((r) => r.first)) : null,
        runs,
      },
    ]),
  );
}
const startupResults = ONLY.includes('startup') ? startup() : null;

// ---- RSA key generation (jwtlens/sign) ------------------------------------------------------------------
// Median of KEYGEN_RUNS per size, libraries alternating; node:crypto (OpenSSL) for reference.

const KEYGEN_RUNS = 11;
async function keygen() {
  const signer = await import('jwtlens/sign');
  const makers = {
    'jwtlens/sign': async (bits) => signer.generateKeyPair('RS256', { modulusLength: bits }),
    jose: async (bits) => jose.generateKeyPair('RS256', { modulusLength: bits }),
    'node:crypto': async (bits) => crypto.generateKeyPairSync('rsa', { modulusLength: bits }),
  };
  const out = {};
  for (const bits of [2048, 3072]) {
    const times = Object.fromEntries(Object.keys(makers).map((n) => [n, []]));
    for (let i = 0; i < KEYGEN_RUNS; i++) {
      const order = Object.keys(makers);
      for (const name of i % 2 ? order.reverse() : order) {
        const t0 = performance.now();
        await makers[name](bits);
        times[name].push(performance.now() - t0);
      }
    }
    out[bits] = Object.fromEntries(Object.entries(times).map(([n, t]) => [n, { medianMs: median(t), minMs: Math.min(...t), maxMs: Math.max(...t) }]));
  }
  return out;
}
const keygenResults = ONLY.includes('keygen') ? await keygen() : null;

// ---- report -------------------------------------------------------------------------------------------

const fmtOps = (n) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3));
const fmtX = (r) => `${r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
const results = cells.map((cell) => {
  const med = Object.fromEntries(Object.entries(cell.samples).map(([lib, s]) => [lib, median(s)]));
  const fastest = Math.max(...Object.values(med));
  const jose = med.jose;
  return {
    cell: cell.name,
    group: cell.group,
    medians: med,
    spread: Object.fromEntries(Object.entries(cell.samples).map(([lib, s]) => [lib, { min: Math.min(...s), max: Math.max(...s) }])),
    batch: cell.n,
    vsJose: Object.fromEntries(Object.entries(med).map(([lib, m]) => [lib, jose ? m / jose : null])),
    vsFastest: Object.fromEntries(Object.entries(med).map(([lib, m]) => [lib, m / fastest])),
    fastest: Object.entries(med).find(([, m]) => m === fastest)?.[0],
    async: Object.fromEntries(Object.entries(cell.run).map(([lib, r]) => [lib, r.isAsync])),
    na: cell.na,
  };
});

const shownLibs = LIBS.filter((lib) => results.some((r) => lib in r.medians) || lib === 'jwtlens/lite');
const header = `| cell | ${shownLibs.map((l) => SHORT[l] ?? l).join(' | ')} |\n| --- | ${shownLibs.map(() => '---:').join(' | ')} |`;
const naNotes = new Map();
function naMark(reason) {
  if (!naNotes.has(reason)) naNotes.set(reason, naNotes.size + 1);
  return `n/a[${naNotes.get(reason)}]`;
}
function table(title, value) {
  console.log(`\n${title}\n`);
  console.log(header);
  for (const r of results) {
    const cols = shownLibs.map((lib) => (lib in r.medians ? value(r, lib) : naMark(r.na[lib] ?? 'not measured')));
    console.log(`| ${r.cell} | ${cols.join(' | ')} |`);
  }
}

console.log(`\njwtlens ${tgz.file ? path.basename(tgz.file) : ''} vs ${Object.entries(versions).map(([n, v]) => `${n} ${v}`).join(', ')}`);
console.log(`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ${os.platform()} ${os.release()}`);
if (results.length) {
  console.log(`median of ${ROUNDS} rounds (${WARMUP} warm-up rounds dropped), ~${BATCH_MS} ms batches, libraries interleaved, gc() before every batch`);
  table('ops/s (median)', (r, lib) => fmtOps(r.medians[lib]) + (r.fastest === lib ? ' **' : ''));
  table('ratio to jose (ops/s ÷ jose ops/s; > 1 is faster than jose)', (r, lib) => (r.vsJose[lib] == null ? '—' : fmtX(r.vsJose[lib])));
  table('ratio to the fastest library of the cell (1.00× = fastest)', (r, lib) => fmtX(r.vsFastest[lib]));
  console.log('\n** fastest of the cell. Async (awaited per operation): ' + [...new Set(results.flatMap((r) => Object.entries(r.async).filter(([, a]) => a).map(([l]) => l)))].join(', ') + '.');
  for (const [reason, i] of naNotes) console.log(`[${i}] ${reason}`);
}
if (breakdownResults) {
  console.log(`\nbreakdown of a jwtlens call (µs per operation, medians of ${BREAKDOWN_ROUNDS} rounds): core = the same work timed inside wasm; overhead = median over rounds of (whole call - core), the two timed back to back; JS = overhead - crossing - result`);
  console.log('\n| call | whole call | core in wasm | crossing | result building | JS wrapper | per-call overhead |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [what, r] of Object.entries(breakdownResults)) {
    const f = (x) => x.toFixed(2);
    console.log(`| ${what} | ${f(r.whole)} | ${f(r.core)} | ${f(r.crossing)} | ${f(r.result)} | ${f(r.js)} | ${f(r.overhead)} |`);
  }
}
if (startupResults) {
  console.log(`\nstartup in a fresh Node process (median of ${STARTS}): \`await import(...)\`; for jwtlens the wasm is compiled and instantiated by then`);
  console.log('\n| module | import → ready, ms (min–max) | then importKey + first HS256 verify, ms |\n| --- | ---: | ---: |');
  for (const [name, s] of Object.entries(startupResults)) {
    console.log(`| ${name} | ${s.readyMs.toFixed(1)} (${s.readyMin.toFixed(1)}–${s.readyMax.toFixed(1)}) | ${s.firstVerifyMs == null ? '—' : s.firstVerifyMs.toFixed(2)} |`);
  }
  if (!lite) console.log(`| jwtlens/lite | ${LITE_NA} | |`);
}

if (keygenResults) {
  console.log(`\nRSA key generation (median of ${KEYGEN_RUNS} per size, ms; min–max)`);
  console.log('\n| modulus | jwtlens/sign | jose (WebCrypto) | node:crypto |\n| --- | ---: | ---: | ---: |');
  for (const [bits, r] of Object.entries(keygenResults)) {
    const cell = (n) => `${r[n].medianMs.toFixed(0)} (${r[n].minMs.toFixed(0)}–${r[n].maxMs.toFixed(0)})`;
    console.log(`| ${bits} | ${cell('jwtlens/sign')} | ${cell('jose')} | ${cell('node:crypto')} |`);
  }
}

fs.mkdirSync(path.dirname(JSON_OUT), { recursive: true });
fs.writeFileSync(
  JSON_OUT,
  JSON.stringify(
    { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, versions, tarball: { bytes: tgz.bytes, sha256: tgz.sha256 }, lite: Boolean(lite), rounds: ROUNDS, warmup: WARMUP, batchMs: BATCH_MS, pool: POOL, coldKeys: COLD_KEYS, results, breakdown: breakdownResults, startup: startupResults, keygen: keygenResults, sink },
    null,
    2,
  ),
);
console.log(`\nfull results: ${path.relative(process.cwd(), JSON_OUT)}`);
