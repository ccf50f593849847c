// Benchmark Worker, driven by bench/workers/run.mjs:
//   POST /setup  { cases: { ALG: { key, token, tampered, claims } } }  prepare keys once, check every cell
//   POST /run    { alg, lib: 'jwtlens' | 'jose', ops }                  time `ops` verifications in here
//   GET  /       health
// jwtlens verifies with a Key from importKey() (synchronous); jose with a CryptoKey imported once
// (jwtVerify awaited per operation). Time is read with performance.now() inside workerd.
import { importKey, JwtError, verify } from 'jwtlens';
import * as jose from 'jose';

const HMAC_HASH = { HS256: 'SHA-256', HS384: 'SHA-384', HS512: 'SHA-512' };
let prepared = null;

const b64uBytes = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

async function prepare(alg, c) {
  const options = { algorithms: [alg] };
  let jwtlensKey;
  let joseKey;
  if (HMAC_HASH[alg]) {
    const secret = b64uBytes(c.key.k);
    jwtlensKey = importKey(secret, alg);
    joseKey = await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: HMAC_HASH[alg] }, false, ['verify']);
  } else {
    jwtlensKey = importKey(c.key, alg);
    joseKey = await jose.importJWK(c.key, alg);
  }
  // Every cell proves itself first: the right claims for the token, a rejection for a tampered one.
  const checks = {};
  checks.jwtlensClaims = same(verify(c.token, jwtlensKey, options).payload, c.claims);
  try {
    verify(c.tampered, jwtlensKey, options);
    checks.jwtlensRejectsTampered = false;
  } catch (e) {
    checks.jwtlensRejectsTampered = e instanceof JwtError && e.code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED';
  }
  checks.joseClaims = same((await jose.jwtVerify(c.token, joseKey, options)).payload, c.claims);
  try {
    await jose.jwtVerify(c.tampered, joseKey, options);
    checks.joseRejectsTampered = false;
  } catch (e) {
    checks.joseRejectsTampered = e?.code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED';
  }
  return { options, token: c.token, jwtlensKey, joseKey, checks };
}

async function run(alg, lib, ops) {
  const c = prepared?.[alg];
  if (!c) throw new Error(`no prepared case ${alg}: POST /setup first`);
  let sink = 0;
  const t0 = performance.now();
  if (lib === 'jwtlens') {
    for (let i = 0; i < ops; i++) sink += verify(c.token, c.jwtlensKey, c.options).payload.exp;
  } else if (lib === 'jose') {
    for (let i = 0; i < ops; i++) sink += (await jose.jwtVerify(c.token, c.joseKey, c.options)).payload.exp;
  } else throw new Error(`unknown lib ${lib}`);
  const ms = performance.now() - t0;
  if (!(ms > 0)) throw new Error('the clock did not advance during the batch (frozen timers?)');
  return { alg, lib, ops, ms, opsPerSec: (ops * 1000) / ms, sink };
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
        const { alg, lib, ops } = await request.json();
        return Response.json(await run(alg, lib, ops));
      }
      return new Response('jwtlens bench worker\n');
    } catch (e) {
      return Response.json({ error: String(e?.stack ?? e) }, { status: 500 });
    }
  },
};
