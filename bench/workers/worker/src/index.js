// Benchmark Worker, driven by bench/workers/run.mjs:
//   POST /setup  { cases: { ALG: { key, pem?, token, tampered, claims, keys, preparedPool, coldPool } } }
//                prepare keys once, check every cell
//   POST /run    { alg, lib: 'jwtlens' | 'jose', mode: 'prepared' | 'cold', ops }  time `ops` verifications in here
//   POST /first  { cases: { ALG: case }, order: [ALG…] }  importKey + verify of one token per alg, in
//                this isolate's state (the driver sends it first thing after a fresh start)
//   POST /curve  { alg, lib, mode, batches, ms }  `batches` back-to-back batches of about `ms` each
//                in this isolate, ops/s per batch: how throughput grows as V8 tiers the code up
//   GET  /       health
// Prepared: jwtlens verifies with a verifier from createVerifier() (synchronous; issue 20), and
// "jwtlens/key" with verify(token, Key, options); jose with a CryptoKey
// imported once (jwtVerify awaited per operation). Cold: the key material is passed on every
// call (jwtlens: the PEM or the secret bytes; jose: importSPKI per call, or the secret bytes).
// Every cell cycles through its pool of distinct tokens (they differ in `jti`); a cold cell's
// token i is signed by keys[i % keys.length], whose material that call passes. No cache.
// Time is read with performance.now() inside workerd.
import './t0.js';
import { createVerifier, importKey, JwtError, verify } from 'jwtlens';
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
  // Cold material per key: the secret bytes (HMAC) or the PEM.
  const cold = c.keys.map((k) => (hs ? b64uBytes(k.key.k) : k.pem));
  const secret = hs ? cold[0] : null;
  const jwtlensKey = importKey(hs ? secret : c.key, alg);
  const jwtlensVerifier = createVerifier(jwtlensKey, options);
  const joseKey = hs
    ? await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: HMAC_HASH[alg] }, false, ['verify'])
    : await jose.importJWK(c.key, alg);
  const n = c.keys.length;
  // fn(token, i): i is the token's index in its pool (the cold cells pick the key with it).
  const fns = {
    'jwtlens/prepared': (t) => jwtlensVerifier(t).payload,
    'jwtlens/key': (t) => verify(t, jwtlensKey, options).payload,
    'jwtlens/cold': (t, i) => verify(t, cold[i % n], options).payload,
    'jose/prepared': async (t) => (await jose.jwtVerify(t, joseKey, options)).payload,
    // the "key" cell compares jwtlens's verify(token, Key, options) with jose's prepared way
    'jose/key': async (t) => (await jose.jwtVerify(t, joseKey, options)).payload,
    'jose/cold': hs
      ? async (t, i) => (await jose.jwtVerify(t, cold[i % n], options)).payload
      : async (t, i) => (await jose.jwtVerify(t, await jose.importSPKI(cold[i % n], alg), options)).payload,
  };
  const pools = { prepared: c.preparedPool, key: c.preparedPool, cold: c.coldPool };
  // Every cell proves itself first: the right claims for the first, second and last tokens of its
  // pool, a rejection for a tampered one.
  const checks = {};
  for (const [name, fn] of Object.entries(fns)) {
    const pool = pools[name.split('/')[1]];
    for (const i of [0, 1, pool.length - 1]) {
      checks[`${name}: claims of token ${i}`] = same(await fn(pool[i], i), { ...c.claims, jti: `t-${i}` });
    }
    try {
      await fn(c.tampered, 0);
      checks[`${name}: rejects tampered`] = false;
    } catch (e) {
      checks[`${name}: rejects tampered`] = name.startsWith('jwtlens')
        ? e instanceof JwtError && e.code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
        : e?.code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED';
    }
  }
  return { pools, fns, checks };
}

async function run(alg, lib, mode, ops) {
  const c = prepared?.[alg];
  if (!c) throw new Error(`no prepared case ${alg}: POST /setup first`);
  const fn = c.fns[`${lib}/${mode}`];
  if (!fn) throw new Error(`unknown cell ${lib}/${mode}`);
  const pool = c.pools[mode];
  const size = pool.length;
  let sink = 0;
  const t0 = performance.now();
  if (lib === 'jwtlens') {
    for (let i = 0; i < ops; i++) sink += fn(pool[i % size], i % size).exp;
  } else {
    for (let i = 0; i < ops; i++) sink += (await fn(pool[i % size], i % size)).exp;
  }
  // workerd's clock has 1 ms steps: a short calibration batch may read 0 (the driver then grows
  // it; a timed batch of 0 ms is an error there).
  const ms = performance.now() - t0;
  return { alg, lib, mode, ops, ms, opsPerSec: ms > 0 ? (ops * 1000) / ms : null, sink };
}

/**
 * Back-to-back batches of about `ms` each (sized from the previous one, the first one is 5
 * operations): ops/s per batch, from the first call of the cell on. Run in a fresh isolate, it
 * shows V8's tiers: lazy compilation and Liftoff first, then TurboFan for the hot functions.
 */
async function curve(alg, lib, mode, batches, ms) {
  const out = [];
  let ops = 5;
  for (let b = 0; b < batches; b++) {
    const r = await run(alg, lib, mode, ops);
    out.push({ ops, ms: r.ms, opsPerSec: r.opsPerSec });
    const rate = r.ms > 0 ? r.opsPerSec : (ops * 1000) / 0.5;
    ops = Math.max(5, Math.round((rate * ms) / 1000));
  }
  return out;
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
      if (pathname === '/curve' && request.method === 'POST') {
        const { alg, lib, mode, batches, ms } = await request.json();
        return Response.json(await curve(alg, lib, mode ?? 'prepared', batches, ms));
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
