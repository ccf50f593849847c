// Benchmark Worker, driven by bench/workers/run.mjs:
//   POST /setup  { cases: { ALG: { key, pem?, token, tampered, claims } } }  prepare keys once, check every cell
//   POST /run    { alg, lib: 'jwtlens' | 'jose', mode: 'prepared' | 'cold', ops }  time `ops` verifications in here
//   POST /first  { cases: { ALG: case }, order: [ALG…] }  importKey + verify of one token per alg, in
//                this isolate's state (the driver sends it first thing after a fresh start)
//   GET  /       health
// Prepared: jwtlens verifies with a Key from importKey() (synchronous); jose with a CryptoKey
// imported once (jwtVerify awaited per operation). Cold: the key material is passed on every
// call (jwtlens: the PEM or the secret bytes; jose: importSPKI per call, or the secret bytes).
// Time is read with performance.now() inside workerd.
import './t0.js';
import { importKey, JwtError, verify } from 'jwtlens';
import * as jose from 'jose';

// After the imports above have run: the jwtlens module (its wasm instantiated) and jose are ready.
const MODULE_READY_MS = performance.now() - globalThis.__jwtlensBenchT0;

const HMAC_HASH = { HS256: 'SHA-256', HS384: 'SHA-384', HS512: 'SHA-512' };
let prepared = null;

const b64uBytes = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

async function prepare(alg, c) {
  const options = { algorithms: [alg] };
  const hs = Boolean(HMAC_HASH[alg]);
  const secret = hs ? b64uBytes(c.key.k) : null;
  const jwtlensKey = importKey(hs ? secret : c.key, alg);
  const joseKey = hs
    ? await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: HMAC_HASH[alg] }, false, ['verify'])
    : await jose.importJWK(c.key, alg);
  const fns = {
    'jwtlens/prepared': (t) => verify(t, jwtlensKey, options).payload,
    'jwtlens/cold': (t) => verify(t, hs ? secret : c.pem, options).payload,
    'jose/prepared': async (t) => (await jose.jwtVerify(t, joseKey, options)).payload,
    'jose/cold': hs
      ? async (t) => (await jose.jwtVerify(t, secret, options)).payload
      : async (t) => (await jose.jwtVerify(t, await jose.importSPKI(c.pem, alg), options)).payload,
  };
  // Every cell proves itself first: the right claims for the token, a rejection for a tampered one.
  const checks = {};
  for (const [name, fn] of Object.entries(fns)) {
    checks[`${name}: claims`] = same(await fn(c.token), c.claims);
    try {
      await fn(c.tampered);
      checks[`${name}: rejects tampered`] = false;
    } catch (e) {
      checks[`${name}: rejects tampered`] = name.startsWith('jwtlens')
        ? e instanceof JwtError && e.code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
        : e?.code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED';
    }
  }
  return { token: c.token, fns, checks };
}

async function run(alg, lib, mode, ops) {
  const c = prepared?.[alg];
  if (!c) throw new Error(`no prepared case ${alg}: POST /setup first`);
  const fn = c.fns[`${lib}/${mode}`];
  if (!fn) throw new Error(`unknown cell ${lib}/${mode}`);
  let sink = 0;
  const t0 = performance.now();
  if (lib === 'jwtlens') {
    for (let i = 0; i < ops; i++) sink += fn(c.token).exp;
  } else {
    for (let i = 0; i < ops; i++) sink += (await fn(c.token)).exp;
  }
  // workerd's clock has 1 ms steps: a short calibration batch may read 0 (the driver then grows
  // it; a timed batch of 0 ms is an error there).
  const ms = performance.now() - t0;
  return { alg, lib, mode, ops, ms, opsPerSec: ms > 0 ? (ops * 1000) / ms : null, sink };
}

/** importKey + verify of one token per alg, timed one by one (the isolate's first verifications). */
function first(cases, order) {
  const out = [];
  for (const alg of order) {
    const c = cases[alg];
    const t0 = performance.now();
    const key = importKey(HMAC_HASH[alg] ? b64uBytes(c.key.k) : c.key, alg);
    const payload = verify(c.token, key, { algorithms: [alg] }).payload;
    const ms = performance.now() - t0;
    if (!same(payload, c.claims)) throw new Error(`${alg}: wrong claims`);
    key.free();
    out.push({ alg, ms });
  }
  return { moduleReadyMs: MODULE_READY_MS, verifies: out };
}

export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    try {
      if (pathname === '/setup' && request.method === 'POST') {
        const { cases } = await request.json();
        prepared = {};
        const checks = {};
        for (const [alg, c] of Object.entries(cases)) {
          prepared[alg] = await prepare(alg, c);
          checks[alg] = prepared[alg].checks;
        }
        return Response.json({ checks });
      }
      if (pathname === '/run' && request.method === 'POST') {
        const { alg, lib, mode, ops } = await request.json();
        return Response.json(await run(alg, lib, mode ?? 'prepared', ops));
      }
      if (pathname === '/first' && request.method === 'POST') {
        const { cases, order } = await request.json();
        return Response.json(first(cases, order));
      }
      return new Response('jwtlens bench worker\n');
    } catch (e) {
      return Response.json({ error: String(e?.stack ?? e) }, { status: 500 });
    }
  },
};
