// Shared by the suites: the package under test (installed from the packed tarball) and its three
// entries, the committed key fixtures (with the forms fixtures/derive.mjs adds), token makers
// (jose for ordinary JWTs, node:crypto for hand-crafted ones), and assertions on jwtlens errors.

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import * as jose from 'jose';
import { installPackage } from '../install-pkg.mjs';
import { deriveForms } from '../fixtures/derive.mjs';

export { jose };

/** The installed package (see install-pkg.mjs) and its entries' namespaces. */
export const installed = installPackage();
/**
 * 'jwtlens': decode, verify, verifyJws, inspect, importKey, createVerifier, createRemoteJWKSet
 * (signing: stubs). With JWTLENS_VERIFY_VIA=createVerifier (scripts/suites.sh runs the claim and
 * attack suites so, issue 20) `m.verify(token, key, options)` goes through `createVerifier(key,
 * options without currentDate)` and a call of the verifier with `{ currentDate }`: the prepared
 * verifier must give the same answer to every case.
 */
export const m = viaVerifier(await import(installed.entryUrl), process.env.JWTLENS_VERIFY_VIA);

function viaVerifier(entry, via) {
  if (via === undefined || via === '') return entry;
  assert.equal(via, 'createVerifier', 'JWTLENS_VERIFY_VIA takes createVerifier');
  const wrapped = { ...entry };
  wrapped.verify = (token, key, options) => {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) return entry.verify(token, key, options);
    const { currentDate, ...fixed } = options;
    const verifier = entry.createVerifier(key, fixed);
    try {
      return verifier(token, currentDate === undefined ? undefined : { currentDate });
    } finally {
      verifier.free();
    }
  };
  return Object.freeze(wrapped);
}
/** 'jwtlens/sign': importSigningKey, sign, signJws, publicJwk, generateKeyPair, generateSecret, toPem. */
export const s = await import(installed.signEntryUrl);
/** 'jwtlens/lite': decode, inspect, HMAC-only verify/verifyJws/importKey (signing: stubs). */
export const lite = await import(installed.liteEntryUrl);

/** keys.json plus the derived forms of fixtures/derive.mjs (sec1NoPublic, pkcs8NoPublic, pkcs8v2...). */
export const fixtures = deriveForms(JSON.parse(fs.readFileSync(new URL('../fixtures/keys.json', import.meta.url), 'utf8')));

/** Every test runs at this fixed time (2023-11-14T22:13:20Z). */
export const NOW = 1700000000;
export const claims = (extra = {}) => ({ sub: 'user-42', iat: NOW - 60, exp: NOW + 3600, ...extra });

export const b64u = (x) => Buffer.from(x).toString('base64url');
export const fromB64u = (s) => Buffer.from(s, 'base64url');

const HASH_BYTES = { sha256: 32, sha384: 48, sha512: 64 };

/** Per algorithm: family, hash, which fixture key signs it, and its signature size when fixed. */
export const ALGS = {
  HS256: { family: 'HMAC', hash: 'sha256', sigBytes: 32 },
  HS384: { family: 'HMAC', hash: 'sha384', sigBytes: 48 },
  HS512: { family: 'HMAC', hash: 'sha512', sigBytes: 64 },
  RS256: { family: 'RSA', hash: 'sha256', key: 'rsa', sigBytes: 256 },
  RS384: { family: 'RSA', hash: 'sha384', key: 'rsa', sigBytes: 256 },
  RS512: { family: 'RSA', hash: 'sha512', key: 'rsa', sigBytes: 256 },
  PS256: { family: 'RSA-PSS', hash: 'sha256', key: 'rsa', sigBytes: 256 },
  PS384: { family: 'RSA-PSS', hash: 'sha384', key: 'rsa', sigBytes: 256 },
  PS512: { family: 'RSA-PSS', hash: 'sha512', key: 'rsa', sigBytes: 256 },
  ES256: { family: 'ECDSA', hash: 'sha256', key: 'p256', crv: 'P-256', sigBytes: 64 },
  ES384: { family: 'ECDSA', hash: 'sha384', key: 'p384', crv: 'P-384', sigBytes: 96 },
  ES512: { family: 'ECDSA', hash: 'sha512', key: 'p521', crv: 'P-521', sigBytes: 132 },
  EdDSA: { family: 'EdDSA', hash: null, key: 'ed25519', sigBytes: 64 },
  // RFC 9864's fully-specified name: the same signatures as EdDSA with an Ed25519 key
  Ed25519: { family: 'EdDSA', hash: null, key: 'ed25519', sigBytes: 64 },
};
export const ALG_NAMES = Object.keys(ALGS);

/** The HMAC secret of the fixtures, as bytes (64 bytes: long enough for HS512). */
export const hmacSecret = fromB64u(fixtures.secrets.hmac);
export const hmacOther = fromB64u(fixtures.secrets.hmacOther);

/** The fixture key set that signs `alg` (undefined for HMAC). */
export const keySetFor = (alg) => (ALGS[alg].key ? fixtures[ALGS[alg].key] : undefined);

/** Signs bytes the way `alg` does, with node:crypto (ECDSA as raw R || S). */
export function rawSign(alg, input, key) {
  const { family, hash } = ALGS[alg];
  const data = Buffer.from(input);
  switch (family) {
    case 'HMAC':
      return crypto.createHmac(hash, key).update(data).digest();
    case 'RSA':
      return crypto.sign(hash, data, { key, padding: crypto.constants.RSA_PKCS1_PADDING });
    case 'RSA-PSS':
      return crypto.sign(hash, data, { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_BYTES[hash] });
    case 'ECDSA':
      return crypto.sign(hash, data, { key, dsaEncoding: 'ieee-p1363' });
    case 'EdDSA':
      return crypto.sign(null, data, key);
    default:
      throw new Error(`no signer for ${alg}`);
  }
}

/** The default signing key of `alg` for node:crypto: HMAC secret bytes or a private key PEM. */
export const signingKey = (alg) => (ALGS[alg].family === 'HMAC' ? hmacSecret : keySetFor(alg).pkcs8);

const segment = (x) => (typeof x === 'string' ? b64u(x) : Buffer.isBuffer(x) || x instanceof Uint8Array ? b64u(x) : b64u(JSON.stringify(x)));

/**
 * A hand-made compact JWS. `header`/`payload`: an object (JSON-encoded), a string (its UTF-8
 * bytes) or bytes; `signWith`: the signing algorithm when it differs from header.alg (or
 * 'none' for no signature); `key`: the signing key (default: the fixture key of the algorithm).
 */
export function craft(header, payload, { signWith, key, signature } = {}) {
  const h = segment(header);
  const p = segment(payload);
  const alg = signWith ?? header.alg;
  let sig;
  if (signature !== undefined) sig = typeof signature === 'string' ? signature : b64u(signature);
  else if (alg === 'none') sig = '';
  else sig = b64u(rawSign(alg, `${h}.${p}`, key ?? signingKey(alg)));
  return `${h}.${p}.${sig}`;
}

/** A JWT signed by jose with the fixture key of `alg` (or `key`: a JWK, a CryptoKey or secret bytes). */
export async function joseSign(alg, payload = claims(), { header = {}, key } = {}) {
  let k = key;
  if (k === undefined) k = ALGS[alg].family === 'HMAC' ? new Uint8Array(hmacSecret) : await jose.importJWK(keySetFor(alg).privateJwk, alg);
  else if (k && typeof k === 'object' && 'kty' in k) k = await jose.importJWK(k, alg);
  return new jose.SignJWT(payload).setProtectedHeader({ alg, ...header }).sign(k);
}

/** Options for verify at the fixed time. */
export const at = (algorithms, extra = {}) => ({ algorithms: Array.isArray(algorithms) ? algorithms : [algorithms], currentDate: NOW, ...extra });

const CLAIM_CODES = new Set(['ERR_JWT_EXPIRED', 'ERR_JWT_CLAIM_VALIDATION_FAILED']);

/**
 * Asserts `fn` throws a JwtError with `code` (or one of an array of codes, where the contract
 * leaves the choice open), and on claim failures `claim` and `reason` (on other failures neither).
 */
export function throwsJwt(fn, code, { claim, reason, message } = {}) {
  const codes = Array.isArray(code) ? code : [code];
  let thrown = null;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown !== null, `expected JwtError ${code}, but the call returned`);
  const what = `${thrown && thrown.name}${thrown && thrown.code ? ` ${thrown.code}` : ''}: ${thrown && thrown.message}`;
  assert.ok(thrown instanceof m.JwtError, `expected a JwtError ${code}, got ${what}`);
  assert.ok(thrown instanceof Error);
  assert.equal(thrown.name, 'JwtError');
  assert.ok(codes.includes(thrown.code), `expected ${codes.join(' or ')}, got ${what}`);
  assert.equal(typeof thrown.message, 'string');
  assert.ok(thrown.message.length > 0, 'an empty message');
  if (claim !== undefined) assert.equal(thrown.claim, claim, `claim (${what})`);
  if (reason !== undefined) assert.equal(thrown.reason, reason, `reason (${what})`);
  if (!CLAIM_CODES.has(thrown.code)) {
    assert.equal(thrown.claim, undefined, `a ${code} carries no claim`);
    assert.equal(thrown.reason, undefined, `a ${code} carries no reason`);
  }
  if (message) assert.match(thrown.message, message);
  return thrown;
}

/** Asserts `fn` throws a TypeError (not a JwtError), optionally with a message matching `message`. */
export function throwsType(fn, message) {
  let thrown = null;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown !== null, 'expected a TypeError, but the call returned');
  assert.ok(thrown instanceof TypeError, `expected a TypeError, got ${thrown && thrown.name}: ${thrown && thrown.message}`);
  assert.ok(!(thrown instanceof m.JwtError), 'a TypeError, not a JwtError');
  if (message) assert.match(thrown.message, message);
  return thrown;
}

/** Replaces globalThis.fetch with a spy for the duration of `fn`; returns the calls it saw. */
export function withFetchSpy(fn) {
  const calls = [];
  const saved = globalThis.fetch;
  globalThis.fetch = (...args) => {
    calls.push(args);
    return Promise.reject(new TypeError('fetch is disabled in this test'));
  };
  try {
    fn();
  } finally {
    globalThis.fetch = saved;
  }
  return calls;
}
