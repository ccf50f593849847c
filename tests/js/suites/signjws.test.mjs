// signJws() of jwtlens/sign (issue 17), the counterpart of verifyJws: any payload (bytes, or a
// string as its UTF-8 bytes) signed as a compact JWS for every algorithm and key form, verified by
// jwtlens's verifyJws, by jose's compactVerify and by node:crypto; byte-for-byte equality with
// jose's CompactSign where the algorithm is deterministic; the header (alg, then the key's kid,
// then options.header; no typ unless given); every refusal, the same as sign()'s.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  m, s, jose, installed, NOW, ALGS, ALG_NAMES, at, b64u, fromB64u, fixtures, hmacSecret, keySetFor, rawSign, throwsJwt, throwsType,
} from '../lib/helpers.mjs';

const DETERMINISTIC = new Set(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'EdDSA', 'Ed25519']);
const HASH_BYTES = { sha256: 32, sha384: 48, sha512: 64 };

const headerText = (token) => fromB64u(token.split('.')[0]).toString('utf8');
const payloadBytes = (token) => fromB64u(token.split('.')[1]);
const signatureBytes = (token) => fromB64u(token.split('.')[2]);

/** Payloads: [label, the input given to signJws, the bytes it stands for]. */
const random257 = crypto.randomBytes(257);
const PAYLOADS = [
  ['a string (its UTF-8 bytes)', 'Zoë signs 🚀 "quoted" \\ /', Buffer.from('Zoë signs 🚀 "quoted" \\ /')],
  ['the empty string', '', Buffer.alloc(0)],
  ['JSON text', '{"sub":"user-42","n":[1,2]}', Buffer.from('{"sub":"user-42","n":[1,2]}')],
  ['random bytes (a Uint8Array)', new Uint8Array(random257), random257],
  ['bytes that are not UTF-8 (a Buffer)', Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80]), Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80])],
  ['no bytes (an empty Uint8Array)', new Uint8Array(0), Buffer.alloc(0)],
  ['180 KB of bytes (a token just under the default 256 KiB limit)', new Uint8Array(crypto.randomBytes(180_000)), null],
];
for (const p of PAYLOADS) if (p[2] === null) p[2] = Buffer.from(p[1]);

/** Key forms that sign `alg`: [label, signing input (or a thunk making a SigningKey), kid it carries]. */
function signingForms(alg) {
  if (ALGS[alg].family === 'HMAC') {
    return [
      ['secret bytes', hmacSecret, undefined],
      ['oct JWK with kid', { kty: 'oct', k: b64u(hmacSecret), kid: 'oct-1' }, 'oct-1'],
      ['SigningKey of the secret', () => s.importSigningKey(hmacSecret, alg), undefined],
    ];
  }
  const k = keySetFor(alg);
  return [
    ['PKCS#8 PEM', k.pkcs8, undefined],
    ['private JWK with kid', { ...k.privateJwk, kid: `kid-${alg}` }, `kid-${alg}`],
    ['SigningKey of a private JWK with kid', () => s.importSigningKey({ ...k.privateJwk, kid: 'sk-kid' }), 'sk-kid'],
  ];
}

/** What verifies `alg`: the public key (PEM) for jwtlens and jose's key. */
const verifyKeyFor = (alg) => (ALGS[alg].family === 'HMAC' ? hmacSecret : keySetFor(alg).spki);
const joseKeys = {};
for (const alg of ALG_NAMES) {
  const family = ALGS[alg].family;
  joseKeys[alg] = family === 'HMAC'
    ? { public: new Uint8Array(hmacSecret), private: new Uint8Array(hmacSecret) }
    : { public: await jose.importJWK(keySetFor(alg).publicJwk, alg), private: await jose.importJWK(keySetFor(alg).privateJwk, alg) };
}

function withInput(input, fn) {
  if (typeof input !== 'function') return fn(input);
  const key = input();
  assert.ok(key instanceof s.SigningKey);
  try {
    return fn(key);
  } finally {
    key.free();
  }
}

// ---------------------------------------------------------------------------------------------

for (const alg of ALG_NAMES) {
  describe(`${alg}: signJws round trips`, () => {
    for (const [keyLabel, input, kid] of signingForms(alg)) {
      test(`${keyLabel}: every payload, verified by verifyJws, jose and node:crypto`, async () => {
        const header = kid === undefined ? { alg } : { alg, kid };
        for (const [label, payload, bytes] of PAYLOADS) {
          const token = withInput(input, (key) => s.signJws(payload, key, { alg }));
          assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/, label);
          // the header: alg and the key's kid, nothing else (no typ)
          assert.equal(headerText(token), JSON.stringify(header), label);
          // the payload segment is exactly the bytes, base64url
          assert.ok(payloadBytes(token).equals(bytes), label);
          assert.equal(token.split('.')[1], b64u(bytes), label);
          assert.equal(signatureBytes(token).length, ALGS[alg].sigBytes, label);
          // verifyJws gives the same bytes back
          const v = m.verifyJws(token, verifyKeyFor(alg), { algorithms: [alg] });
          assert.ok(v.payload instanceof Uint8Array, label);
          assert.ok(Buffer.from(v.payload).equals(bytes), label);
          assert.deepEqual(v.protectedHeader, header, label);
          // jose agrees
          const j = await jose.compactVerify(token, joseKeys[alg].public, { algorithms: [alg] });
          assert.ok(Buffer.from(j.payload).equals(bytes), label);
          assert.deepEqual(j.protectedHeader, header, label);
          // and so does node:crypto, over the signing input
          const signingInput = token.slice(0, token.lastIndexOf('.'));
          if (ALGS[alg].family === 'HMAC') {
            assert.ok(crypto.createHmac(ALGS[alg].hash, hmacSecret).update(signingInput).digest().equals(signatureBytes(token)), label);
          } else {
            const { family, hash } = ALGS[alg];
            const k = { key: keySetFor(alg).spki };
            if (family === 'RSA-PSS') Object.assign(k, { padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_BYTES[hash] });
            if (family === 'ECDSA') k.dsaEncoding = 'ieee-p1363';
            assert.ok(crypto.verify(hash, Buffer.from(signingInput), k, signatureBytes(token)), label);
          }
          // a changed payload does not verify
          const [h, , sig] = token.split('.');
          throwsJwt(() => m.verifyJws(`${h}.${b64u(Buffer.concat([bytes, Buffer.from('!')]))}.${sig}`, verifyKeyFor(alg), { algorithms: [alg] }), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
        }
      });
    }

    if (DETERMINISTIC.has(alg)) {
      test('the token equals jose\'s CompactSign byte for byte, and node:crypto\'s own', async () => {
        for (const [label, payload, bytes] of PAYLOADS) {
          const token = s.signJws(payload, ALGS[alg].family === 'HMAC' ? hmacSecret : keySetFor(alg).pkcs8, { alg });
          const joseToken = await new jose.CompactSign(bytes).setProtectedHeader({ alg }).sign(joseKeys[alg].private);
          assert.equal(token, joseToken, label);
          const input = `${b64u(JSON.stringify({ alg }))}.${b64u(bytes)}`;
          assert.equal(token, `${input}.${b64u(rawSign(alg, input, ALGS[alg].family === 'HMAC' ? hmacSecret : keySetFor(alg).pkcs8))}`, label);
        }
      });
    }

    test('jose signs (CompactSign), jwtlens verifies; then signJws of the verified payload gives the same token', async () => {
      for (const [label, , bytes] of PAYLOADS) {
        const joseToken = await new jose.CompactSign(bytes).setProtectedHeader({ alg }).sign(joseKeys[alg].private);
        const v = m.verifyJws(joseToken, verifyKeyFor(alg), { algorithms: [alg] });
        assert.ok(Buffer.from(v.payload).equals(bytes), label);
        if (DETERMINISTIC.has(alg)) assert.equal(s.signJws(v.payload, ALGS[alg].family === 'HMAC' ? hmacSecret : keySetFor(alg).privateJwk, { alg }), joseToken, label);
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------

describe('signJws: the header', () => {
  const ed = { ...fixtures.ed25519.privateJwk, kid: 'ed-1' };
  const H = (key, options) => headerText(s.signJws('x', key, options));

  test('alg, then the key\'s kid, then options.header in its order; no typ unless given', () => {
    assert.equal(H(fixtures.ed25519.pkcs8, { alg: 'EdDSA' }), '{"alg":"EdDSA"}');
    assert.equal(H(ed, { alg: 'EdDSA' }), '{"alg":"EdDSA","kid":"ed-1"}');
    assert.equal(H(ed, { alg: 'EdDSA', header: { z: 1, cty: 'text/plain', a: { y: 2, b: 1 } } }), '{"alg":"EdDSA","kid":"ed-1","z":1,"cty":"text/plain","a":{"y":2,"b":1}}');
    assert.equal(H(ed, { alg: 'EdDSA', header: {} }), '{"alg":"EdDSA","kid":"ed-1"}');
    // a kid given in the header wins over the key's
    assert.equal(H(ed, { alg: 'EdDSA', header: { kid: 'h-kid', x: 1 } }), '{"alg":"EdDSA","kid":"h-kid","x":1}');
    // header.alg equal to options.alg is accepted once
    assert.equal(H(ed, { alg: 'EdDSA', header: { alg: 'EdDSA' } }), '{"alg":"EdDSA","kid":"ed-1"}');
  });

  test('typ only when options.header gives it (in sign()\'s place: after alg, before kid); typ: null adds none', () => {
    assert.equal(H(ed, { alg: 'EdDSA', header: { cty: 'b', typ: 'JOSE' } }), '{"alg":"EdDSA","typ":"JOSE","kid":"ed-1","cty":"b"}');
    assert.equal(H(hmacSecret, { alg: 'HS256', header: { typ: 'JWT' } }), '{"alg":"HS256","typ":"JWT"}');
    assert.equal(H(ed, { alg: 'EdDSA', header: { typ: null } }), '{"alg":"EdDSA","kid":"ed-1"}');
    // sign() for comparison: typ "JWT" by default
    assert.equal(headerText(s.sign({}, ed, { alg: 'EdDSA' })), '{"alg":"EdDSA","typ":"JWT","kid":"ed-1"}');
  });

  test('the kid of a SigningKey, of a private JWK and of an oct JWK', () => {
    const key = s.importSigningKey(ed);
    assert.deepEqual(m.verifyJws(s.signJws('x', key, { alg: 'EdDSA' }), fixtures.ed25519.spki, { algorithms: ['EdDSA'] }).protectedHeader, { alg: 'EdDSA', kid: 'ed-1' });
    key.free();
    assert.equal(H({ kty: 'oct', k: b64u(hmacSecret), kid: 'o-1' }, { alg: 'HS384' }), '{"alg":"HS384","kid":"o-1"}');
    assert.equal(H({ ...fixtures.rsa.privateJwk, kid: 'r-1' }, { alg: 'PS256' }), '{"alg":"PS256","kid":"r-1"}');
    // a PEM or a secret has no kid
    assert.equal(H(fixtures.rsa.pkcs1Private, { alg: 'RS256' }), '{"alg":"RS256"}');
  });

  test('verifyJws with the key set selects by the kid signJws wrote', () => {
    const keys = { keys: [{ ...fixtures.ed25519Other.publicJwk, kid: 'other' }, { ...fixtures.ed25519.publicJwk, kid: 'ed-1' }] };
    assert.equal(Buffer.from(m.verifyJws(s.signJws('selected', ed, { alg: 'EdDSA' }), keys, { algorithms: ['EdDSA'] }).payload).toString(), 'selected');
  });

  test('a JSON object payload signed by signJws is a JWT verify() accepts (no typ needed)', () => {
    const token = s.signJws(JSON.stringify({ sub: 'user-42', exp: NOW + 60 }), ed, { alg: 'EdDSA' });
    assert.deepEqual(m.verify(token, fixtures.ed25519.spki, at('EdDSA')), { payload: { sub: 'user-42', exp: NOW + 60 }, protectedHeader: { alg: 'EdDSA', kid: 'ed-1' } });
    // and a payload that is not a JSON object is not a JWT
    throwsJwt(() => m.verify(s.signJws('[1]', ed, { alg: 'EdDSA' }), fixtures.ed25519.spki, at('EdDSA')), 'ERR_JWT_INVALID');
  });

  test('claims options of sign() are not signJws options: no iat, exp or nbf appear', () => {
    const token = s.signJws('{}', hmacSecret, { alg: 'HS256', expiresIn: 60, notBefore: 10, issuedAt: true });
    assert.equal(payloadBytes(token).toString(), '{}');
    assert.equal(headerText(token), '{"alg":"HS256"}');
  });
});

// ---------------------------------------------------------------------------------------------

describe('signJws: refusals (the same as sign())', () => {
  const ed = fixtures.ed25519.privateJwk;

  test('alg "none" in any letter case is a TypeError, whatever the key', () => {
    for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
      for (const key of [hmacSecret, { kty: 'oct', k: b64u(hmacSecret) }, fixtures.rsa.pkcs8, ed, fixtures.ed25519.pkcs8]) {
        throwsType(() => s.signJws('x', key, { alg }), /none/);
        throwsType(() => s.signJws(new Uint8Array(1), key, { alg }), /none/);
      }
    }
  });

  test('header.alg different from options.alg is a TypeError', () => {
    for (const alg of ['HS384', 'hs256', 'none', 'RS256', '', 256, null]) {
      throwsType(() => s.signJws('x', hmacSecret, { alg: 'HS256', header: { alg } }), /header\.alg/);
    }
    throwsType(() => s.signJws('x', ed, { alg: 'EdDSA', header: { alg: 'Ed25519' } }), /header\.alg/);
    throwsType(() => s.signJws('x', ed, { alg: 'Ed25519', header: { alg: 'EdDSA' } }), /header\.alg/);
  });

  test('b64 or crit in the header is a TypeError', () => {
    for (const header of [{ b64: false }, { b64: true }, { crit: ['exp'], exp: 1 }, { crit: [] }, { b64: false, crit: ['b64'] }]) {
      throwsType(() => s.signJws('x', hmacSecret, { alg: 'HS256', header }), /b64|crit/);
      throwsType(() => s.signJws(new Uint8Array(3), ed, { alg: 'EdDSA', header }), /b64|crit/);
    }
  });

  test('a payload that is neither a Uint8Array nor a string is a TypeError', () => {
    for (const payload of [undefined, null, 42, true, {}, { sub: 's' }, [1, 2], new ArrayBuffer(4), new DataView(new ArrayBuffer(4)), new Uint16Array(2), new Int8Array(2), new Uint8ClampedArray(2), new String('x'), () => 'x']) {
      throwsType(() => s.signJws(payload, hmacSecret, { alg: 'HS256' }), /payload/);
    }
  });

  test('options, alg, header or allowShortSecrets of the wrong type: TypeError', () => {
    for (const options of [undefined, null, 'HS256', ['HS256'], {}, { alg: 256 }, { alg: null }]) throwsType(() => s.signJws('x', hmacSecret, options));
    for (const header of [null, 'x', 42, ['alg'], new Map()]) throwsType(() => s.signJws('x', hmacSecret, { alg: 'HS256', header }), /header/);
    for (const bad of ['yes', 1, null, {}]) throwsType(() => s.signJws('x', hmacSecret, { alg: 'HS256', allowShortSecrets: bad }), /allowShortSecrets/);
    const cyclic = { a: 1 };
    cyclic.self = cyclic;
    throwsType(() => s.signJws('x', hmacSecret, { alg: 'HS256', header: cyclic }), /JSON/);
    throwsType(() => s.signJws('x', hmacSecret, { alg: 'HS256', header: { n: 1n } }), /JSON/);
  });

  test('an algorithm jwtlens does not implement: ERR_JOSE_NOT_SUPPORTED', () => {
    for (const alg of ['ES256K', 'RS1', 'HS1', 'Ed448', 'ed25519', 'hs256', 'XYZ']) throwsJwt(() => s.signJws('x', hmacSecret, { alg }), 'ERR_JOSE_NOT_SUPPORTED');
  });

  test('a key that does not fit the algorithm, or whose JWK restricts it: ERR_JOSE_ALG_NOT_ALLOWED', () => {
    for (const [key, algs] of [[fixtures.p256.pkcs8, ['RS256', 'ES384', 'EdDSA', 'Ed25519', 'HS256']], [ed, ['ES256', 'HS256', 'RS256']], [hmacSecret, ['RS256', 'ES256', 'EdDSA', 'Ed25519']], [fixtures.rsa.privateJwk, ['ES256', 'EdDSA']]]) {
      for (const alg of algs) throwsJwt(() => s.signJws('x', key, { alg }), 'ERR_JOSE_ALG_NOT_ALLOWED');
    }
    const jwk = fixtures.p256.privateJwk;
    for (const bad of [{ ...jwk, alg: 'ES384' }, { ...jwk, use: 'enc' }, { ...jwk, key_ops: ['verify'] }]) throwsJwt(() => s.signJws('x', bad, { alg: 'ES256' }), 'ERR_JOSE_ALG_NOT_ALLOWED');
    const bound = s.importSigningKey(hmacSecret, 'HS512');
    throwsJwt(() => s.signJws('x', bound, { alg: 'HS256' }), 'ERR_JOSE_ALG_NOT_ALLOWED');
    assert.equal(headerText(s.signJws('x', bound, { alg: 'HS512' })), '{"alg":"HS512"}');
    bound.free();
    throwsJwt(() => s.signJws('x', fixtures.rsa1024.pkcs8, { alg: 'RS256' }), 'ERR_JOSE_ALG_NOT_ALLOWED', { message: /2048/ });
  });

  test('a secret shorter than the hash: ERR_JOSE_ALG_NOT_ALLOWED unless allowShortSecrets; an empty one always', () => {
    for (const [alg, size] of [['HS256', 32], ['HS384', 48], ['HS512', 64]]) {
      const short = crypto.randomBytes(size - 1);
      throwsJwt(() => s.signJws('x', short, { alg }), 'ERR_JOSE_ALG_NOT_ALLOWED', { message: /allowShortSecrets/ });
      const token = s.signJws('x', short, { alg, allowShortSecrets: true });
      assert.equal(Buffer.from(m.verifyJws(token, short, { algorithms: [alg], allowShortSecrets: true }).payload).toString(), 'x');
      throwsJwt(() => m.verifyJws(token, short, { algorithms: [alg] }), 'ERR_JOSE_ALG_NOT_ALLOWED');
    }
    for (const key of ['', new Uint8Array(0), { kty: 'oct', k: '' }]) throwsJwt(() => s.signJws('x', key, { alg: 'HS256', allowShortSecrets: true }), 'ERR_JOSE_ALG_NOT_ALLOWED');
  });

  test('a public key is a TypeError asking for the private key; a Key of jwtlens names importSigningKey()', () => {
    for (const [alg, key] of [['RS256', fixtures.rsa.spki], ['ES256', fixtures.p256.certificate], ['EdDSA', fixtures.ed25519.spki], ['Ed25519', fixtures.ed25519.spki]]) {
      throwsType(() => s.signJws('x', key, { alg }), /cannot sign: pass the private key/);
    }
    for (const [alg, jwk] of [['RS256', fixtures.rsa.publicJwk], ['ES384', fixtures.p384.publicJwk], ['EdDSA', fixtures.ed25519.publicJwk]]) {
      throwsType(() => s.signJws('x', jwk, { alg }), /private key/);
    }
    const key = m.importKey(fixtures.ed25519.privateJwk);
    throwsType(() => s.signJws('x', key, { alg: 'EdDSA' }), /importSigningKey\(\) from jwtlens\/sign/);
    key.free();
  });

  test('a key of the wrong JS type, or a JWKS, is a TypeError', () => {
    const keyObject = crypto.createPrivateKey(fixtures.p256.pkcs8);
    for (const key of [undefined, null, 42, true, [], keyObject, new ArrayBuffer(64), new Uint16Array(32), { keys: [fixtures.p256.privateJwk] }]) {
      throwsType(() => s.signJws('x', key, { alg: 'ES256' }));
    }
  });

  test('a freed SigningKey is a TypeError', () => {
    const key = s.importSigningKey(ed);
    key.free();
    throwsType(() => s.signJws('x', key, { alg: 'EdDSA' }), /freed/);
  });
});

// ---------------------------------------------------------------------------------------------

/** Seeded PRNG (mulberry32), so the inputs below are the same on every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('signJws never traps: odd payloads, headers, keys and algorithms give a token that verifies, a TypeError or a JwtError', () => {
  const random = prng(0x51915);
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const { rsa, p256, p521, ed25519 } = fixtures;
  const good = [[hmacSecret, 'HS256'], [rsa.pkcs1Private, 'PS384'], [p256.sec1NoPublic, 'ES256'], [p521.privateJwk, 'ES512'], [ed25519.pkcs8, 'Ed25519'], [ed25519.pkcs8v2, 'EdDSA']];
  const keys = ['', 'x'.repeat(70000), new Uint8Array(70000), { kty: 'oct', k: '!!' }, { ...p256.privateJwk, d: 'AA' }, { kty: 'OKP', crv: 'Ed448', x: 'AA', d: 'AA' }, '-----BEGIN PRIVATE KEY-----\nAA\n-----END PRIVATE KEY-----\n', rsa.spki];
  const algs = [...ALG_NAMES, 'none', '', 'x'.repeat(5000), '\ud800'];
  let nested = { leaf: 1 };
  for (let i = 0; i < 80; i++) nested = { n: nested };
  const headers = [{}, { kid: '\ud800' }, { typ: 'JOSE' }, { cty: 'x'.repeat(100000) }, nested, { b64: true }, { x5c: ['AA'] }];
  const payloads = ['', '\ud800', 'x'.repeat(300000), new Uint8Array(0), crypto.randomBytes(1000), Buffer.from('{}')];
  let signed = 0;
  let refused = 0;
  for (let i = 0; i < 400; i++) {
    const [goodKey, goodAlg] = pick(good);
    const fine = random() < 0.5;
    const key = fine ? goodKey : pick(keys);
    const alg = fine || random() < 0.3 ? goodAlg : pick(algs);
    const options = { alg };
    if (random() < 0.3) options.header = pick(headers);
    if (random() < 0.2) options.allowShortSecrets = true;
    const payload = pick(payloads);
    try {
      const token = s.signJws(payload, key, options);
      const verifyKey = ALGS[alg].family === 'HMAC' ? hmacSecret : s.publicJwk(key);
      const bytes = typeof payload === 'string' ? Buffer.from(payload) : Buffer.from(payload);
      const v = m.verifyJws(token, verifyKey, { algorithms: [alg], maxTokenBytes: 1 << 20 });
      assert.ok(Buffer.from(v.payload).equals(bytes), `#${i}`);
      signed++;
    } catch (e) {
      assert.ok(!(e instanceof WebAssembly.RuntimeError), `trap #${i}: ${e && e.message}`);
      assert.ok(e instanceof TypeError || e instanceof m.JwtError, `#${i}: ${e && e.name}: ${e && e.message}`);
      refused++;
    }
  }
  assert.ok(signed > 100, `only ${signed} inputs signed`);
  assert.ok(refused > 50, `only ${refused} inputs refused`);
});

test('temporary keys of sign, signJws and publicJwk are freed whatever happens; a SigningKey only by free() (counted on WasmKey#free)', async () => {
  // The installed signing glue is the very instance the entry uses (same URL): count its frees.
  const glue = await import(pathToFileURL(path.join(installed.installed, 'sign', 'node.js')).href);
  const original = glue.WasmKey.prototype.free;
  let frees = 0;
  glue.WasmKey.prototype.free = function free(...args) {
    frees++;
    return original.apply(this, args);
  };
  try {
    const count = (fn) => {
      const before = frees;
      try {
        fn();
      } catch (e) {
        if (!(e instanceof m.JwtError)) throw e;
      }
      return frees - before;
    };
    const ed = fixtures.ed25519.privateJwk;
    // success, and failures after the key was built
    assert.equal(count(() => s.signJws('x', ed, { alg: 'EdDSA' })), 1);
    assert.equal(count(() => s.sign({}, ed, { alg: 'EdDSA' })), 1);
    assert.equal(count(() => s.publicJwk(ed)), 1);
    assert.equal(count(() => s.signJws('x', ed, { alg: 'ES256' })), 1);
    assert.equal(count(() => s.signJws('x', new Uint8Array(8), { alg: 'HS256' })), 1);
    assert.equal(count(() => s.sign({}, fixtures.p256.pkcs8, { alg: 'RS256' })), 1);
    assert.equal(count(() => throwsType(() => s.publicJwk(hmacSecret))), 1);
    assert.equal(count(() => throwsType(() => s.sign({}, ed, { alg: 'EdDSA', header: { crit: [] } }))), 1);
    // a key that fails to parse, or a public key refused at import, was never kept; a TypeError before any key is built
    assert.equal(count(() => s.signJws('x', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', { alg: 'EdDSA' })), 0);
    assert.equal(count(() => throwsType(() => s.signJws(42, ed, { alg: 'EdDSA' }))), 0);
    assert.equal(count(() => throwsType(() => s.signJws('x', ed, { alg: 'none' }))), 0);
    // many calls: exactly one free each
    assert.equal(count(() => {
      for (let i = 0; i < 300; i++) s.signJws(`n${i}`, hmacSecret, { alg: 'HS256' });
    }), 300);
    // a SigningKey is not freed by its use, once by free(), never twice
    const key = s.importSigningKey(ed);
    assert.equal(count(() => {
      s.signJws('x', key, { alg: 'EdDSA' });
      s.sign({}, key, { alg: 'EdDSA' });
      s.publicJwk(key);
    }), 0);
    assert.equal(count(() => key.free()), 1);
    assert.equal(count(() => key.free()), 0);
    const disposable = s.importSigningKey(hmacSecret);
    assert.equal(count(() => disposable[Symbol.dispose]()), 1);
  } finally {
    glue.WasmKey.prototype.free = original;
  }
});
