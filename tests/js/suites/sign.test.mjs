// sign(), generateKeyPair(), generateSecret() and toPem() of jwtlens/sign (issue 5; in their own
// entry since issue 17): round trips for every algorithm and every private key form (jwtlens/sign
// → jwtlens, jwtlens/sign → jose, jose → jwtlens), byte-for-byte equality with jose where the
// algorithm is deterministic, the header and payload member order, the time options, every
// refusal with its error, and key generation checked by jose and node:crypto. The signing input
// itself, given to jwtlens to verify, follows the issue 17 rule (a private key verifies when its
// public part is written in it; otherwise ERR_JWK_INVALID, and publicJwk() is the fix).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {
  m, s, jose, NOW, ALGS, ALG_NAMES, at, b64u, fromB64u, fixtures, hmacSecret, keySetFor, throwsJwt, throwsType,
} from '../lib/helpers.mjs';

const hmacText = fixtures.secrets.hmacText;
const HASH_BYTES = { sha256: 32, sha384: 48, sha512: 64 };
const ASYMMETRIC = ALG_NAMES.filter((a) => ALGS[a].family !== 'HMAC');
const HMAC_ALGS = ALG_NAMES.filter((a) => ALGS[a].family === 'HMAC');
/** Algorithms whose signature is a function of the key and the input only. */
const DETERMINISTIC = new Set(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'EdDSA', 'Ed25519']);
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** The claims every round trip signs; `iat` comes from `issuedAt: NOW` and is appended. */
const PAYLOAD = { sub: 'user-42', iss: 'https://issuer.example', aud: ['api', 'web'], scope: 'read write', name: 'Zoë 🚀 "q" \\ /', exp: NOW + 3600 };
const SIGNED_PAYLOAD = { ...PAYLOAD, iat: NOW };

const decodeSegment = (s) => JSON.parse(fromB64u(s).toString('utf8'));
const headerText = (token) => fromB64u(token.split('.')[0]).toString('utf8');
const payloadText = (token) => fromB64u(token.split('.')[1]).toString('utf8');
const signatureBytes = (token) => fromB64u(token.split('.')[2]);
const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The private key forms of an algorithm. `key()` gives the input for sign (a thunk, so that a
 * SigningKey is made per test and freed); `kid` is the kid it carries; `joseSecret` the HMAC
 * secret bytes jose signs and verifies with (asymmetric algorithms use the fixture key pair in
 * jose). `self` says what jwtlens (the verifying entry) makes of the signing input itself: 'ok'
 * (it verifies: its public part is written in it), 'needs-public' (ERR_JWK_INVALID: the public
 * part would have to be computed) or 'signing-key' (a SigningKey: a TypeError).
 */
function signForms(alg) {
  if (ALGS[alg].family === 'HMAC') {
    const bytes = new Uint8Array(hmacSecret);
    const text = new TextEncoder().encode(hmacText);
    return [
      { label: 'HMAC secret as a string', key: () => hmacText, joseSecret: text, verifyKey: hmacText, self: 'ok' },
      { label: 'HMAC secret as a Uint8Array', key: () => new Uint8Array(hmacSecret), joseSecret: bytes, verifyKey: hmacSecret, self: 'ok' },
      { label: 'HMAC secret as a Buffer', key: () => Buffer.from(hmacSecret), joseSecret: bytes, verifyKey: hmacSecret, self: 'ok' },
      { label: 'oct JWK with kid', key: () => ({ kty: 'oct', k: b64u(hmacSecret), kid: `oct-${alg}` }), kid: `oct-${alg}`, joseSecret: bytes, verifyKey: hmacSecret, self: 'ok' },
      { label: 'SigningKey from importSigningKey(secret bytes)', key: () => s.importSigningKey(hmacSecret), isSigningKey: true, joseSecret: bytes, verifyKey: hmacSecret, self: 'signing-key', secret: true },
    ];
  }
  const k = keySetFor(alg);
  const ed = ALGS[alg].family === 'EdDSA';
  const forms = [{ label: `PKCS#8 "PRIVATE KEY" PEM${ed ? ' (v1, as node:crypto writes it: no public key)' : ''}`, key: () => k.pkcs8, self: ed ? 'needs-public' : 'ok' }];
  if (k.pkcs8v2) forms.push({ label: 'PKCS#8 v2 "PRIVATE KEY" PEM (with its public key)', key: () => k.pkcs8v2, self: 'ok' });
  if (k.pkcs8NoPublic) forms.push({ label: 'PKCS#8 "PRIVATE KEY" PEM without the public point', key: () => k.pkcs8NoPublic, self: 'needs-public' });
  if (k.pkcs1Private) forms.push({ label: 'PKCS#1 "RSA PRIVATE KEY" PEM', key: () => k.pkcs1Private, self: 'ok' });
  if (k.sec1) forms.push({ label: 'SEC1 "EC PRIVATE KEY" PEM (with its public point)', key: () => k.sec1, self: 'ok' });
  if (k.sec1NoPublic) forms.push({ label: 'SEC1 "EC PRIVATE KEY" PEM without its public point', key: () => k.sec1NoPublic, self: 'needs-public' });
  const jwkLabel = { RSA: 'private RSA JWK (with CRT parameters) and kid', 'RSA-PSS': 'private RSA JWK (with CRT parameters) and kid', ECDSA: 'private EC JWK and kid', EdDSA: 'private OKP JWK and kid' }[ALGS[alg].family];
  forms.push({ label: jwkLabel, key: () => ({ ...k.privateJwk, kid: `jwk-${alg}` }), kid: `jwk-${alg}`, self: 'ok' });
  forms.push({ label: 'SigningKey from importSigningKey(PKCS#8 PEM)', key: () => s.importSigningKey(k.pkcs8), isSigningKey: true, self: 'signing-key' });
  return forms.map((f) => ({ ...f, verifyKey: k.spki }));
}

/** Runs `fn` with the form's key input; a SigningKey made for it is freed afterwards. */
async function withSignKey(form, fn) {
  const key = form.key();
  if (form.isSigningKey) assert.ok(key instanceof s.SigningKey);
  try {
    return await fn(key);
  } finally {
    if (form.isSigningKey) key.free();
  }
}

/**
 * `run(key)` verifies with jwtlens; `key` is the signing input of `form`. It verifies when its
 * public part is written in it; otherwise jwtlens refuses it and publicJwk() of jwtlens/sign,
 * which the message names, gives the key that verifies (a secret has no public part: the same
 * secret verifies).
 */
function verifyWithSigningInput(form, key, run, want) {
  if (form.self === 'ok') {
    assert.deepEqual(run(key), want);
    return;
  }
  if (form.self === 'needs-public') {
    throwsJwt(() => run(key), 'ERR_JWK_INVALID', { message: /pass the public key.*publicJwk\(\) of jwtlens\/sign/ });
  } else {
    throwsType(() => run(key), /SigningKey from jwtlens\/sign.*publicJwk\(\)/);
  }
  if (form.secret) {
    throwsType(() => s.publicJwk(key), /HMAC secret has no public key/);
    assert.deepEqual(run(form.verifyKey), want);
  } else {
    assert.deepEqual(run(s.publicJwk(key)), want);
  }
}

const expectedHeader = (alg, kid) => (kid === undefined ? { alg, typ: 'JWT' } : { alg, typ: 'JWT', kid });

// jose keys (asynchronous), made up front.
const joseKeys = {};
for (const alg of ASYMMETRIC) {
  const k = keySetFor(alg);
  joseKeys[alg] = { private: await jose.importJWK(k.privateJwk, alg), public: await jose.importJWK(k.publicJwk, alg) };
}
const josePublic = (alg, form) => (ALGS[alg].family === 'HMAC' ? form.joseSecret : joseKeys[alg].public);
const josePrivate = (alg, form) => (ALGS[alg].family === 'HMAC' ? form.joseSecret : joseKeys[alg].private);
const joseVerify = (token, key, alg) => jose.jwtVerify(token, key, { algorithms: [alg], currentDate: new Date(NOW * 1000) });

// ---------------------------------------------------------------------------------------------

for (const alg of ALG_NAMES) {
  describe(`${alg}: round trips`, () => {
    for (const form of signForms(alg)) {
      test(`${form.label}: jwtlens signs, jwtlens verifies`, async () => {
        await withSignKey(form, (key) => {
          const token = s.sign(PAYLOAD, key, { alg, issuedAt: NOW });
          assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
          assert.equal(signatureBytes(token).length, ALGS[alg].sigBytes);
          const want = { payload: SIGNED_PAYLOAD, protectedHeader: expectedHeader(alg, form.kid) };
          assert.deepEqual(m.verify(token, form.verifyKey, at(alg)), want);
          // the signing input itself: verifies where its public part is written in it
          verifyWithSigningInput(form, key, (k) => m.verify(token, k, at(alg)), want);
          // and another key of the same kind does not
          const other = ALGS[alg].family === 'HMAC' ? fixtures.secrets.hmacOther : ({ rsa: fixtures.rsaOther, p256: fixtures.p256Other, ed25519: fixtures.ed25519Other })[ALGS[alg].key]?.spki;
          if (other) throwsJwt(() => m.verify(token, ALGS[alg].family === 'HMAC' ? fromB64u(other) : other, at(alg)), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
        });
      });

      test(`${form.label}: jwtlens signs, jose verifies`, async () => {
        await withSignKey(form, async (key) => {
          const token = s.sign(PAYLOAD, key, { alg, issuedAt: NOW });
          const r = await joseVerify(token, josePublic(alg, form), alg);
          assert.deepEqual(r.payload, SIGNED_PAYLOAD);
          assert.deepEqual(r.protectedHeader, expectedHeader(alg, form.kid));
        });
      });

      test(`${form.label}: jose signs, jwtlens verifies`, async () => {
        const joseToken = await new jose.SignJWT(PAYLOAD).setProtectedHeader({ alg, typ: 'JWT' }).setIssuedAt(NOW).sign(josePrivate(alg, form));
        await withSignKey(form, (key) => {
          verifyWithSigningInput(form, key, (k) => m.verify(joseToken, k, at(alg)), { payload: SIGNED_PAYLOAD, protectedHeader: { alg, typ: 'JWT' } });
          assert.deepEqual(m.verify(joseToken, form.verifyKey, at(alg)).payload, SIGNED_PAYLOAD);
        });
      });

      if (DETERMINISTIC.has(alg)) {
        test(`${form.label}: the token equals jose's byte for byte`, async () => {
          const header = form.kid === undefined ? { alg, typ: 'JWT' } : { alg, typ: 'JWT', kid: form.kid };
          const joseToken = await new jose.SignJWT({ ...PAYLOAD, iat: NOW }).setProtectedHeader(header).sign(josePrivate(alg, form));
          await withSignKey(form, (key) => {
            assert.equal(s.sign(PAYLOAD, key, { alg, issuedAt: NOW }), joseToken);
            // and with iat in the payload instead of issuedAt
            assert.equal(s.sign({ ...PAYLOAD, iat: NOW }, key, { alg }), joseToken);
          });
        });
      }
    }

    if (DETERMINISTIC.has(alg)) {
      test('signing twice gives the same token', () => {
        const key = ALGS[alg].family === 'HMAC' ? hmacSecret : keySetFor(alg).pkcs8;
        assert.equal(s.sign(PAYLOAD, key, { alg, issuedAt: NOW }), s.sign(PAYLOAD, key, { alg, issuedAt: NOW }));
      });
    }
  });
}

describe('ECDSA: raw R || S signatures', () => {
  for (const alg of ['ES256', 'ES384', 'ES512']) {
    test(`${alg}: ${ALGS[alg].sigBytes} bytes, verified by jose and by node:crypto as IEEE P1363 (not DER)`, async () => {
      const k = keySetFor(alg);
      for (let i = 0; i < 8; i++) {
        const token = s.sign({ ...PAYLOAD, n: i }, k.pkcs8, { alg, issuedAt: NOW });
        const sig = signatureBytes(token);
        assert.equal(sig.length, ALGS[alg].sigBytes);
        const input = Buffer.from(token.slice(0, token.lastIndexOf('.')));
        assert.ok(crypto.verify(ALGS[alg].hash, input, { key: k.spki, dsaEncoding: 'ieee-p1363' }, sig));
        assert.equal(crypto.verify(ALGS[alg].hash, input, { key: k.spki, dsaEncoding: 'der' }, sig), false);
        const r = await joseVerify(token, joseKeys[alg].public, alg);
        assert.equal(r.payload.n, i);
      }
    });
  }
});

describe('RSA-PSS: salt as long as the hash', () => {
  for (const alg of ['PS256', 'PS384', 'PS512']) {
    test(`${alg}: node:crypto verifies with saltLength ${HASH_BYTES[ALGS[alg].hash]} only; jose verifies; the salt is random`, async () => {
      const k = keySetFor(alg);
      const { hash } = ALGS[alg];
      const a = s.sign(PAYLOAD, k.pkcs8, { alg, issuedAt: NOW });
      const b = s.sign(PAYLOAD, k.pkcs8, { alg, issuedAt: NOW });
      assert.equal(a.slice(0, a.lastIndexOf('.')), b.slice(0, b.lastIndexOf('.')));
      assert.notEqual(signatureBytes(a).toString('hex'), signatureBytes(b).toString('hex'), 'PSS signatures are randomised');
      for (const token of [a, b]) {
        const input = Buffer.from(token.slice(0, token.lastIndexOf('.')));
        const verifyWith = (saltLength) => crypto.verify(hash, input, { key: k.spki, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength }, signatureBytes(token));
        assert.ok(verifyWith(HASH_BYTES[hash]), 'salt length = hash length');
        assert.equal(verifyWith(0), false);
        assert.equal(verifyWith(HASH_BYTES[hash] - 1), false);
        assert.equal(verifyWith(HASH_BYTES[hash] + 1), false);
        assert.deepEqual((await joseVerify(token, joseKeys[alg].public, alg)).payload, SIGNED_PAYLOAD);
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------

describe('member order', () => {
  test('header: alg, typ, kid, then the caller\'s members in their order', async () => {
    const header = { zeta: 1, kid: 'h-kid', cty: 'example', typ: 'at+jwt', alpha: { b: 2, a: 1 }, alg: 'HS256' };
    const token = s.sign({ sub: 'x' }, hmacSecret, { alg: 'HS256', header, issuedAt: NOW });
    assert.equal(headerText(token), '{"alg":"HS256","typ":"at+jwt","kid":"h-kid","zeta":1,"cty":"example","alpha":{"b":2,"a":1}}');
    // jose with the same header object in that order gives the same token
    const joseToken = await new jose.SignJWT({ sub: 'x', iat: NOW })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: 'h-kid', zeta: 1, cty: 'example', alpha: { b: 2, a: 1 } })
      .sign(new Uint8Array(hmacSecret));
    assert.equal(token, joseToken);
  });

  test('header: kid from a JWK comes after typ; without kid or typ members the order holds', () => {
    const jwk = { ...fixtures.ed25519.privateJwk, kid: 'ed-1' };
    assert.equal(headerText(s.sign({}, jwk, { alg: 'EdDSA', header: { x: 1 } })), '{"alg":"EdDSA","typ":"JWT","kid":"ed-1","x":1}');
    assert.equal(headerText(s.sign({}, fixtures.ed25519.privateJwk, { alg: 'EdDSA', header: { x: 1 } })), '{"alg":"EdDSA","typ":"JWT","x":1}');
    assert.equal(headerText(s.sign({}, fixtures.ed25519.pkcs8, { alg: 'EdDSA' })), '{"alg":"EdDSA","typ":"JWT"}');
  });

  test('payload: the caller\'s order, then the added iat, nbf, exp', async () => {
    const token = s.sign({ z: 1, a: 2, m: [3, { y: 1, b: 2 }] }, hmacSecret, { alg: 'HS256', issuedAt: NOW, expiresIn: 60, notBefore: 10 });
    assert.equal(payloadText(token), `{"z":1,"a":2,"m":[3,{"y":1,"b":2}],"iat":${NOW},"nbf":${NOW + 10},"exp":${NOW + 60}}`);
    const joseToken = await new jose.SignJWT({ z: 1, a: 2, m: [3, { y: 1, b: 2 }], iat: NOW, nbf: NOW + 10, exp: NOW + 60 })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new Uint8Array(hmacSecret));
    assert.equal(token, joseToken);
  });

  test('payload: members the caller already has keep their place', () => {
    const token = s.sign({ exp: 1, sub: 's', iat: 5, nbf: 2 }, hmacSecret, { alg: 'HS256', expiresIn: 100, notBefore: 7 });
    assert.equal(payloadText(token), '{"exp":105,"sub":"s","iat":5,"nbf":12}');
    const withNumber = s.sign({ iat: 5, sub: 's' }, hmacSecret, { alg: 'HS256', issuedAt: NOW });
    assert.equal(payloadText(withNumber), `{"iat":${NOW},"sub":"s"}`);
  });

  test('JSON text matches JSON.stringify for awkward values', () => {
    const payload = { s: 'Zoë 🚀 "q" \\ / \n\t\u0001\u001f\u007f\u2028\u2029', f: 1.5, g: 0.1 + 0.2, h: 1e21, i: -0, k: 5e-324, l: 1.7976931348623157e308, n: -1e-7, '': 'empty', 'ü': null, t: true, arr: [] };
    const token = s.sign(payload, hmacSecret, { alg: 'HS256', issuedAt: false });
    assert.equal(payloadText(token), JSON.stringify(payload));
  });
});

// ---------------------------------------------------------------------------------------------

describe('time options', () => {
  const HS = (payload, options) => decodeSegment(s.sign(payload, hmacSecret, { alg: 'HS256', ...options }).split('.')[1]);

  test('expiresIn / notBefore as numbers are seconds after issuedAt', () => {
    assert.deepEqual(HS({ sub: 's' }, { issuedAt: NOW, expiresIn: 60, notBefore: 30 }), { sub: 's', iat: NOW, nbf: NOW + 30, exp: NOW + 60 });
    assert.deepEqual(HS({}, { issuedAt: NOW, expiresIn: 0, notBefore: 0 }), { iat: NOW, nbf: NOW, exp: NOW });
    assert.deepEqual(HS({}, { issuedAt: NOW, expiresIn: 1.5 }), { iat: NOW, exp: NOW + 1.5 });
  });

  test('... or after the payload\'s own iat', () => {
    assert.deepEqual(HS({ iat: NOW - 1000 }, { expiresIn: 60, notBefore: 5 }), { iat: NOW - 1000, nbf: NOW - 995, exp: NOW - 940 });
  });

  test('... or after now when there is no iat', () => {
    const before = nowSeconds();
    const p = HS({ sub: 's' }, { issuedAt: false, expiresIn: 60, notBefore: 10 });
    const after = nowSeconds();
    assert.deepEqual(Object.keys(p), ['sub', 'nbf', 'exp']);
    assert.ok(p.exp >= before + 60 && p.exp <= after + 60, `exp ${p.exp} not now + 60`);
    assert.ok(p.nbf >= before + 10 && p.nbf <= after + 10, `nbf ${p.nbf} not now + 10`);
    // the default iat is now, and expiresIn counts from it
    const q = HS({}, { expiresIn: 60 });
    assert.equal(q.exp, q.iat + 60);
    assert.ok(q.iat >= before && q.iat <= nowSeconds());
  });

  for (const [text, seconds] of [['90s', 90], ['15m', 900], ['2h', 7200], ['7d', 604800]]) {
    test(`"${text}" is ${seconds} seconds`, () => {
      assert.deepEqual(HS({}, { issuedAt: NOW, expiresIn: text, notBefore: text }), { iat: NOW, nbf: NOW + seconds, exp: NOW + seconds });
    });
  }

  test('a duration that is not one is a TypeError', () => {
    for (const bad of ['soon', '', '15', 'm15', '15 parsecs', NaN, Infinity, -Infinity, null, true, {}, [60], 10n]) {
      throwsType(() => s.sign({}, hmacSecret, { alg: 'HS256', expiresIn: bad }), /expiresIn/);
      throwsType(() => s.sign({}, hmacSecret, { alg: 'HS256', notBefore: bad }), /notBefore/);
    }
  });

  test('issuedAt: default sets iat = now unless the payload has one', () => {
    const before = nowSeconds();
    const p = HS({ sub: 's' }, {});
    assert.deepEqual(Object.keys(p), ['sub', 'iat']);
    assert.ok(Number.isInteger(p.iat) && p.iat >= before && p.iat <= nowSeconds());
    assert.deepEqual(HS({ iat: 123, sub: 's' }, {}), { iat: 123, sub: 's' });
  });

  test('issuedAt: false adds no iat', () => {
    assert.deepEqual(HS({ sub: 's' }, { issuedAt: false }), { sub: 's' });
    assert.deepEqual(HS({ sub: 's' }, { issuedAt: false, expiresIn: 60 }).iat, undefined);
  });

  test('issuedAt: true sets iat = now, replacing the payload\'s', () => {
    const before = nowSeconds();
    const p = HS({ iat: 5, sub: 's' }, { issuedAt: true });
    assert.deepEqual(Object.keys(p), ['iat', 'sub']);
    assert.ok(p.iat >= before && p.iat <= nowSeconds());
    const q = HS({ sub: 's' }, { issuedAt: true });
    assert.ok(q.iat >= before && q.iat <= nowSeconds());
  });

  test('issuedAt: a number sets that iat', () => {
    assert.deepEqual(HS({ sub: 's' }, { issuedAt: 1234567890 }), { sub: 's', iat: 1234567890 });
    assert.deepEqual(HS({ iat: 5, sub: 's' }, { issuedAt: 1234567890 }), { iat: 1234567890, sub: 's' });
  });

  test('issuedAt of the wrong type is a TypeError', () => {
    for (const bad of ['now', null, NaN, Infinity, {}, 1n]) throwsType(() => s.sign({}, hmacSecret, { alg: 'HS256', issuedAt: bad }), /issuedAt/);
  });

  test('a token signed with expiresIn verifies until it expires', () => {
    const token = s.sign({ sub: 's' }, hmacSecret, { alg: 'HS256', issuedAt: NOW, expiresIn: '15m', notBefore: '90s' });
    throwsJwt(() => m.verify(token, hmacSecret, at('HS256')), 'ERR_JWT_CLAIM_VALIDATION_FAILED', { claim: 'nbf', reason: 'check_failed' });
    assert.equal(m.verify(token, hmacSecret, at('HS256', { currentDate: NOW + 90 })).payload.sub, 's');
    throwsJwt(() => m.verify(token, hmacSecret, at('HS256', { currentDate: NOW + 900 })), 'ERR_JWT_EXPIRED', { claim: 'exp', reason: 'check_failed' });
  });
});

// ---------------------------------------------------------------------------------------------

describe('header options', () => {
  const H = (key, options) => decodeSegment(s.sign({}, key, { issuedAt: false, ...options }).split('.')[0]);

  test('typ and kid from header win', () => {
    assert.deepEqual(H(hmacSecret, { alg: 'HS256', header: { typ: 'at+jwt' } }), { alg: 'HS256', typ: 'at+jwt' });
    assert.deepEqual(H({ ...fixtures.p256.privateJwk, kid: 'from-jwk' }, { alg: 'ES256', header: { kid: 'from-header' } }), { alg: 'ES256', typ: 'JWT', kid: 'from-header' });
    assert.deepEqual(H({ kty: 'oct', k: b64u(hmacSecret), kid: 'oct-kid' }, { alg: 'HS512', header: { kid: 'h', typ: 'dpop+jwt' } }), { alg: 'HS512', typ: 'dpop+jwt', kid: 'h' });
  });

  test('kid is copied from a JWK that has one', () => {
    for (const [alg, jwk] of [['RS256', fixtures.rsa.privateJwk], ['PS512', fixtures.rsa.privateJwk], ['ES384', fixtures.p384.privateJwk], ['ES512', fixtures.p521.privateJwk], ['EdDSA', fixtures.ed25519.privateJwk], ['HS384', { kty: 'oct', k: b64u(hmacSecret) }]]) {
      assert.deepEqual(H({ ...jwk, kid: `kid-${alg}` }, { alg }), { alg, typ: 'JWT', kid: `kid-${alg}` });
      assert.deepEqual(H(jwk, { alg }), { alg, typ: 'JWT' });
    }
  });

  test('header.alg equal to options.alg is accepted once', () => {
    assert.equal(headerText(s.sign({}, hmacSecret, { alg: 'HS256', header: { alg: 'HS256' } })), '{"alg":"HS256","typ":"JWT"}');
  });

  test('header.alg different from options.alg is a TypeError', () => {
    for (const alg of ['HS384', 'hs256', 'none', 'RS256', '', 256, null]) {
      throwsType(() => s.sign({}, hmacSecret, { alg: 'HS256', header: { alg } }), /alg/);
    }
    throwsType(() => s.sign({}, fixtures.p256.pkcs8, { alg: 'ES256', header: { alg: 'ES384' } }), /alg/);
  });

  test('b64 or crit in the header is a TypeError', () => {
    for (const header of [{ b64: false }, { b64: true }, { crit: ['exp'], exp: 1 }, { crit: [] }, { b64: false, crit: ['b64'] }]) {
      throwsType(() => s.sign({}, hmacSecret, { alg: 'HS256', header }));
      throwsType(() => s.sign({}, fixtures.ed25519.pkcs8, { alg: 'EdDSA', header }));
    }
  });

  test('header that is not a plain object is a TypeError', () => {
    for (const header of [null, 'x', 42, ['alg'], new Map()]) throwsType(() => s.sign({}, hmacSecret, { alg: 'HS256', header }), /header/);
  });
});

// ---------------------------------------------------------------------------------------------

describe('refusals', () => {
  test('alg "none" in any letter case is a TypeError, whatever the key', () => {
    const keys = [hmacSecret, hmacText, { kty: 'oct', k: b64u(hmacSecret) }, fixtures.rsa.pkcs8, fixtures.p256.privateJwk, fixtures.ed25519.pkcs8];
    for (const alg of ['none', 'None', 'NONE', 'nOnE', 'NoNe']) {
      for (const key of keys) throwsType(() => s.sign({ sub: 's' }, key, { alg }), /none/);
    }
  });

  test('options or alg missing is a TypeError', () => {
    for (const options of [undefined, null, 'HS256', ['HS256'], {}, { alg: 256 }, { alg: null }]) {
      throwsType(() => s.sign({}, hmacSecret, options));
    }
  });

  test('an algorithm jwtlens does not implement: ERR_JOSE_NOT_SUPPORTED', () => {
    for (const alg of ['ES256K', 'RS1', 'HS1', 'Ed448', 'ed25519', 'ED25519', 'hs256', 'XYZ']) {
      throwsJwt(() => s.sign({}, hmacSecret, { alg }), 'ERR_JOSE_NOT_SUPPORTED');
      throwsJwt(() => s.sign({}, fixtures.ed25519.privateJwk, { alg }), 'ERR_JOSE_NOT_SUPPORTED');
    }
  });

  test('a key that does not fit the algorithm: ERR_JOSE_ALG_NOT_ALLOWED', () => {
    const cases = [
      [fixtures.p256.pkcs8, ['RS256', 'PS256', 'HS256', 'EdDSA', 'Ed25519', 'ES384', 'ES512']],
      [fixtures.p256.privateJwk, ['RS256', 'HS256', 'EdDSA', 'Ed25519', 'ES384']],
      [fixtures.p384.sec1, ['ES256', 'ES512', 'RS384']],
      [fixtures.p521.pkcs8, ['ES256', 'ES384', 'PS512']],
      [fixtures.rsa.pkcs8, ['ES256', 'EdDSA', 'Ed25519', 'HS256', 'HS512']],
      [fixtures.rsa.pkcs1Private, ['ES256', 'EdDSA', 'HS256']],
      [fixtures.rsa.privateJwk, ['ES512', 'EdDSA', 'Ed25519', 'HS384']],
      [fixtures.ed25519.pkcs8, ['ES256', 'RS256', 'HS256']],
      [fixtures.ed25519.privateJwk, ['ES256', 'PS256', 'HS512']],
      [hmacSecret, ['RS256', 'PS256', 'ES256', 'EdDSA', 'Ed25519']],
      [hmacText, ['RS512', 'ES384', 'EdDSA']],
      [{ kty: 'oct', k: b64u(hmacSecret) }, ['RS256', 'ES256', 'EdDSA', 'Ed25519']],
    ];
    for (const [key, algs] of cases) {
      for (const alg of algs) throwsJwt(() => s.sign({}, key, { alg }), 'ERR_JOSE_ALG_NOT_ALLOWED');
    }
  });

  test('a JWK whose alg, use or key_ops exclude signing with this alg: ERR_JOSE_ALG_NOT_ALLOWED', () => {
    const jwk = fixtures.p256.privateJwk;
    for (const bad of [{ ...jwk, alg: 'ES384' }, { ...jwk, use: 'enc' }, { ...jwk, key_ops: ['verify'] }, { ...jwk, key_ops: [] }]) {
      throwsJwt(() => s.sign({}, bad, { alg: 'ES256' }), 'ERR_JOSE_ALG_NOT_ALLOWED');
    }
    assert.ok(s.sign({}, { ...jwk, alg: 'ES256', use: 'sig', key_ops: ['sign', 'verify'] }, { alg: 'ES256' }));
    throwsJwt(() => s.sign({}, { kty: 'oct', k: b64u(hmacSecret), alg: 'HS512' }, { alg: 'HS256' }), 'ERR_JOSE_ALG_NOT_ALLOWED');
  });

  test('a SigningKey bound to another alg: ERR_JOSE_ALG_NOT_ALLOWED', () => {
    const key = s.importSigningKey(hmacSecret, 'HS384');
    try {
      throwsJwt(() => s.sign({}, key, { alg: 'HS256' }), 'ERR_JOSE_ALG_NOT_ALLOWED');
      assert.equal(decodeSegment(s.sign({}, key, { alg: 'HS384' }).split('.')[0]).alg, 'HS384');
    } finally {
      key.free();
    }
  });

  test('an RSA key under 2048 bits: ERR_JOSE_ALG_NOT_ALLOWED', () => {
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
    const forms = [
      privateKey.export({ type: 'pkcs8', format: 'pem' }),
      privateKey.export({ type: 'pkcs1', format: 'pem' }),
      privateKey.export({ format: 'jwk' }),
      fixtures.rsa1024.pkcs8,
      fixtures.rsa1024.privateJwk,
    ];
    for (const key of forms) {
      for (const alg of ['RS256', 'RS512', 'PS256', 'PS384']) throwsJwt(() => s.sign({}, key, { alg }), 'ERR_JOSE_ALG_NOT_ALLOWED', { message: /2048/ });
    }
    // 2047 bits is under too; 2048 is fine
    const { privateKey: k2047 } = crypto.generateKeyPairSync('rsa', { modulusLength: 2047 });
    throwsJwt(() => s.sign({}, k2047.export({ type: 'pkcs8', format: 'pem' }), { alg: 'RS256' }), 'ERR_JOSE_ALG_NOT_ALLOWED');
  });

  for (const alg of HMAC_ALGS) {
    const size = HASH_BYTES[ALGS[alg].hash];
    test(`${alg}: a secret of ${size - 1} bytes is refused unless allowShortSecrets; ${size} bytes is fine`, () => {
      const short = crypto.randomBytes(size - 1);
      const shortText = 'k'.repeat(size - 1);
      for (const key of [short, shortText, { kty: 'oct', k: b64u(short) }]) {
        throwsJwt(() => s.sign({}, key, { alg }), 'ERR_JOSE_ALG_NOT_ALLOWED', { message: /allowShortSecrets/ });
        throwsJwt(() => s.sign({}, key, { alg, allowShortSecrets: false }), 'ERR_JOSE_ALG_NOT_ALLOWED');
      }
      const token = s.sign({ sub: 's' }, short, { alg, allowShortSecrets: true, issuedAt: NOW });
      const input = token.slice(0, token.lastIndexOf('.'));
      assert.ok(crypto.createHmac(ALGS[alg].hash, short).update(input).digest().equals(signatureBytes(token)));
      assert.equal(m.verify(token, short, at(alg, { allowShortSecrets: true, requiredClaims: [] })).payload.sub, 's');
      // the secret length is measured in UTF-8 bytes
      const multibyte = 'é'.repeat(Math.ceil(size / 2));
      assert.ok(s.sign({}, multibyte, { alg }));
      assert.ok(s.sign({}, crypto.randomBytes(size), { alg }));
    });
  }

  test('an empty secret is always refused', () => {
    for (const key of ['', new Uint8Array(0), { kty: 'oct', k: '' }]) {
      for (const allowShortSecrets of [false, true]) throwsJwt(() => s.sign({}, key, { alg: 'HS256', allowShortSecrets }), 'ERR_JOSE_ALG_NOT_ALLOWED');
    }
  });

  test('allowShortSecrets that is not a boolean is a TypeError', () => {
    for (const bad of ['yes', 1, null, {}]) throwsType(() => s.sign({}, hmacSecret, { alg: 'HS256', allowShortSecrets: bad }), /allowShortSecrets/);
  });

  test('a public key PEM or certificate is a TypeError that asks for the private key', () => {
    const cases = [
      ['RS256', fixtures.rsa.spki], ['PS256', fixtures.rsa.pkcs1Public], ['RS384', fixtures.rsa.certificate],
      ['ES256', fixtures.p256.spki], ['ES256', fixtures.p256.certificate], ['ES384', fixtures.p384.spki], ['ES512', fixtures.p521.spki],
      ['EdDSA', fixtures.ed25519.spki], ['EdDSA', fixtures.ed25519.certificate], ['Ed25519', fixtures.ed25519.spki],
    ];
    for (const [alg, key] of cases) throwsType(() => s.sign({}, key, { alg }), /cannot sign: pass the private key/);
  });

  test('a Key from importKey() of jwtlens (or jwtlens/lite) is a TypeError naming importSigningKey()', () => {
    for (const [alg, input] of [['RS256', fixtures.rsa.spki], ['ES256', fixtures.p256.publicJwk], ['EdDSA', fixtures.ed25519.spki], ['ES256', fixtures.p256.pkcs8], ['HS256', hmacSecret]]) {
      const key = m.importKey(input);
      try {
        throwsType(() => s.sign({}, key, { alg }), /importSigningKey\(\) from jwtlens\/sign/);
      } finally {
        key.free();
      }
    }
  });

  test('a public JWK is a TypeError, as a public PEM is', () => {
    for (const [alg, jwk] of [['RS256', fixtures.rsa.publicJwk], ['PS384', fixtures.rsa.publicJwk], ['ES256', fixtures.p256.publicJwk], ['ES384', fixtures.p384.publicJwk], ['ES512', fixtures.p521.publicJwk], ['EdDSA', fixtures.ed25519.publicJwk]]) {
      throwsType(() => s.sign({}, jwk, { alg }));
      throwsType(() => s.sign({}, { ...jwk, kid: 'k', alg, use: 'sig' }, { alg }));
    }
  });

  test('a key of the wrong JS type, or a JWKS, is a TypeError', async () => {
    const keyObject = crypto.createPrivateKey(fixtures.p256.pkcs8);
    const cryptoKey = joseKeys.ES256.private;
    for (const key of [undefined, null, 42, true, 10n, [], [fixtures.p256.privateJwk], keyObject, cryptoKey, new ArrayBuffer(64), new Uint16Array(32), new Date(), { keys: [fixtures.p256.privateJwk] }]) {
      throwsType(() => s.sign({}, key, { alg: 'ES256' }));
    }
  });

  test('a payload that is not a plain object is a TypeError', () => {
    class Claims {
      constructor() {
        this.sub = 's';
      }
    }
    for (const payload of [undefined, null, 'claims', 42, true, [], [{ sub: 's' }], new Date(), new Map([['sub', 's']]), new Claims(), Buffer.from('{}'), () => ({})]) {
      throwsType(() => s.sign(payload, hmacSecret, { alg: 'HS256' }), /payload/);
    }
    // a null-prototype object is a plain object
    const bare = Object.assign(Object.create(null), { sub: 's' });
    assert.equal(decodeSegment(s.sign(bare, hmacSecret, { alg: 'HS256', issuedAt: false }).split('.')[1]).sub, 's');
  });

  test('exp, nbf or iat of NaN or ±Infinity is a TypeError, not a token saying null (issue 14 §4)', () => {
    for (const name of ['exp', 'nbf', 'iat']) {
      for (const value of [NaN, Infinity, -Infinity]) {
        for (const issuedAt of [undefined, false]) {
          throwsType(() => s.sign({ sub: 's', [name]: value }, hmacSecret, { alg: 'HS256', issuedAt }), new RegExp(`payload\\.${name} must be a finite number`));
        }
      }
      throwsType(() => s.sign({ [name]: null }, hmacSecret, { alg: 'HS256', issuedAt: false }), new RegExp(`payload\\.${name} must be a finite number`));
      throwsType(() => s.sign({ [name]: '1700000000' }, hmacSecret, { alg: 'HS256', issuedAt: false }), /RFC 7519/);
    }
    // with issuedAt: true the payload's iat is replaced, so a NaN there is never signed — but the
    // caller still made a mistake, and JS cannot tell which: refused as well
    throwsType(() => s.sign({ iat: NaN }, hmacSecret, { alg: 'HS256', issuedAt: true }), /payload\.iat/);
    // the finite values still sign
    const token = s.sign({ exp: NOW + 60, nbf: NOW - 1.5, iat: NOW }, hmacSecret, { alg: 'HS256' });
    assert.equal(m.verify(token, hmacSecret, at('HS256')).payload.nbf, NOW - 1.5);
  });

  test('iss, sub, jti that are not strings and aud that is not a string or string array: TypeError (issue 14 §4)', () => {
    for (const payload of [{ iss: 0 }, { sub: 42 }, { jti: null }, { iss: ['a'] }, { sub: {} }, { aud: 0 }, { aud: ['a', 1] }, { aud: { a: 1 } }, { aud: null }, { aud: true }]) {
      throwsType(() => s.sign(payload, hmacSecret, { alg: 'HS256' }), /RFC 7519/);
    }
    for (const payload of [{ iss: 'i', sub: 's', jti: 'j', aud: 'a' }, { aud: ['a', 'b'] }, { aud: [] }, { custom: 0, name: null }]) {
      assert.ok(s.sign(payload, hmacSecret, { alg: 'HS256' }).split('.').length === 3, JSON.stringify(payload));
    }
  });

  test('a payload JSON cannot represent is a TypeError', () => {
    const cyclic = { a: 1 };
    cyclic.self = cyclic;
    throwsType(() => s.sign(cyclic, hmacSecret, { alg: 'HS256' }), /JSON/);
    throwsType(() => s.sign({ n: 1n }, hmacSecret, { alg: 'HS256' }), /JSON/);
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

describe('never a trap', () => {
  test('broken keys, odd algorithms, options and payloads: a TypeError or a JwtError, never a WebAssembly trap', () => {
    const random = prng(0x5eed);
    const pick = (xs) => xs[Math.floor(random() * xs.length)];
    const pemBody = (pem) => pem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
    const rewrap = (label, b64) => `-----BEGIN ${label}-----\n${b64.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END ${label}-----\n`;
    const { rsa, p256, p521, ed25519 } = fixtures;
    const keys = [
      '-----BEGIN PRIVATE KEY-----\n\n-----END PRIVATE KEY-----\n',
      '-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----\n',
      '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIA==\n-----END EC PRIVATE KEY-----\n',
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n',
      '-----BEGIN',
      rewrap('PRIVATE KEY', pemBody(rsa.pkcs8).slice(0, 200)),
      rewrap('PRIVATE KEY', pemBody(p256.pkcs8).slice(0, 60)),
      rewrap('RSA PRIVATE KEY', pemBody(p256.sec1)),
      rewrap('EC PRIVATE KEY', pemBody(rsa.pkcs1Private)),
      rewrap('PRIVATE KEY', pemBody(ed25519.pkcs8).replace(/.$/, 'A')),
      { kty: 'RSA', n: rsa.privateJwk.n, e: 'AQAB', d: 'AQ' },
      { ...rsa.privateJwk, p: fixtures.rsaOther.privateJwk.p },
      { ...rsa.privateJwk, d: fixtures.rsaOther.privateJwk.d },
      { ...rsa.privateJwk, d: 42 },
      { ...rsa.privateJwk, p: '', q: '' },
      { ...p256.privateJwk, d: fixtures.p256Other.privateJwk.d },
      { ...p256.privateJwk, d: 'AA' },
      { ...p256.privateJwk, d: b64u(Buffer.alloc(32, 0xff)) },
      { ...p256.privateJwk, d: b64u(Buffer.alloc(32)) },
      { ...p521.privateJwk, d: p521.privateJwk.d.slice(3) },
      { ...ed25519.privateJwk, d: ed25519.privateJwk.d.slice(2) },
      { ...ed25519.privateJwk, d: fixtures.ed25519Other.privateJwk.d },
      { kty: 'OKP', crv: 'Ed448', x: 'AA', d: 'AA' },
      { kty: 'EC', crv: 'secp256k1', x: 'AA', y: 'AA', d: 'AA' },
      { kty: 'oct', k: '!!' },
      { kty: 'oct', k: 'A'.repeat(100000) },
      { kty: 'nope' },
      {},
      'x'.repeat(100000),
      new Uint8Array(100000),
      hmacSecret,
      rsa.pkcs8,
      p256.sec1,
      ed25519.privateJwk,
    ];
    const algs = [...ALG_NAMES, 'none', 'NONE', '', 'ES256K', 'HS1', 'x'.repeat(10000), '\u0000', '\ud800'];
    // keys that do sign, with their algorithms: half of the inputs start from one of these
    const good = [[hmacSecret, 'HS512'], [hmacText, 'HS384'], [rsa.pkcs8, 'PS256'], [rsa.pkcs1Private, 'RS512'], [rsa.privateJwk, 'RS256'], [p256.sec1, 'ES256'], [p256.sec1NoPublic, 'ES256'], [p521.privateJwk, 'ES512'], [ed25519.pkcs8, 'EdDSA'], [ed25519.pkcs8v2, 'Ed25519'], [ed25519.privateJwk, 'EdDSA']];
    const durations = [0, -1, 60, 1.5, '15m', '2 days ago', 1e300, -1e300, Number.MAX_SAFE_INTEGER, '99999999999999999y', '-1h', '1e3s', '\ud800'];
    const issuedAts = [true, false, 0, NOW, 1e308, -1e308, -1];
    let nested = { leaf: 1 };
    for (let i = 0; i < 80; i++) nested = { n: nested };
    const payloads = [{}, { sub: 's' }, { iat: 'x', exp: null }, { iat: 1e308 }, { iat: -1e308 }, nested, { s: '\ud800\udc00\ud800' }, { big: 'x'.repeat(300000) }, { '\ud800': 1 }];
    const headers = [{}, { kid: '\ud800' }, { typ: null }, { typ: 42 }, { kid: { a: [1, 2] } }, { x5c: ['AA'], jku: 'https://x' }, { cty: 'JWT' }, nested];
    let signed = 0;
    let refused = 0;
    for (let i = 0; i < 600; i++) {
      const [goodKey, goodAlg] = pick(good);
      const fine = random() < 0.5;
      const key = fine ? goodKey : pick(keys);
      const options = { alg: fine || random() < 0.3 ? goodAlg : pick(algs) };
      // each option is absent, or (less often) an odd value
      if (random() < 0.3) options.header = pick(headers);
      if (random() < 0.3) options.expiresIn = pick(durations);
      if (random() < 0.3) options.notBefore = pick(durations);
      if (random() < 0.3) options.issuedAt = pick(issuedAts);
      if (random() < 0.3) options.allowShortSecrets = true;
      const payload = random() < 0.6 ? { sub: `user-${i}` } : pick(payloads);
      try {
        const token = s.sign(payload, key, options);
        assert.equal(typeof token, 'string');
        assert.equal(token.split('.').length, 3);
        assert.equal(typeof m.decode(token).header.alg, 'string');
        signed++;
      } catch (e) {
        assert.ok(!(e instanceof WebAssembly.RuntimeError), `trap #${i}: ${e && e.message}`);
        assert.ok(e instanceof TypeError || e instanceof m.JwtError, `#${i}: ${e && e.name}: ${e && e.message}`);
        if (e instanceof m.JwtError) assert.match(e.code, /^ERR_/);
        refused++;
      }
    }
    assert.ok(signed > 100, `only ${signed} inputs signed`);
    assert.ok(refused > 100, `only ${refused} inputs refused`);
    // the instance still works
    const token = s.sign({ sub: 's' }, fixtures.p256.pkcs8, { alg: 'ES256', issuedAt: NOW, expiresIn: 60 });
    assert.equal(m.verify(token, fixtures.p256.spki, at('ES256')).payload.sub, 's');
  });
});

// ---------------------------------------------------------------------------------------------

const THUMBPRINT = /^[A-Za-z0-9_-]{43}$/;

describe('generateKeyPair', () => {
  for (const alg of ASYMMETRIC) {
    test(`${alg}: alg and kid = RFC 7638 thumbprint on both JWKs, no private members in the public one, they sign and verify`, async () => {
      const { privateJwk, publicJwk } = s.generateKeyPair(alg);
      assert.equal(privateJwk.alg, alg);
      assert.equal(publicJwk.alg, alg);
      const thumbprint = await jose.calculateJwkThumbprint(publicJwk, 'sha256');
      assert.match(thumbprint, THUMBPRINT);
      assert.equal(publicJwk.kid, thumbprint);
      assert.equal(privateJwk.kid, thumbprint);
      assert.equal(await jose.calculateJwkThumbprint(privateJwk, 'sha256'), thumbprint);
      for (const member of PRIVATE_MEMBERS) assert.equal(publicJwk[member], undefined, `public JWK has "${member}"`);
      assert.equal(typeof privateJwk.d, 'string');
      const { family, crv } = ALGS[alg];
      if (family === 'RSA' || family === 'RSA-PSS') {
        assert.equal(publicJwk.kty, 'RSA');
        assert.equal(fromB64u(publicJwk.n).length, 256, 'a 2048-bit modulus by default');
        assert.equal(publicJwk.e, 'AQAB');
        for (const member of ['p', 'q', 'dp', 'dq', 'qi']) assert.equal(typeof privateJwk[member], 'string', `private RSA JWK lacks CRT member "${member}"`);
      } else if (family === 'ECDSA') {
        assert.equal(publicJwk.kty, 'EC');
        assert.equal(publicJwk.crv, crv);
      } else {
        assert.equal(publicJwk.kty, 'OKP');
        assert.equal(publicJwk.crv, 'Ed25519');
      }
      // both JWKs are what node:crypto reads, and the private one holds the public one
      const nodePublic = crypto.createPublicKey({ key: publicJwk, format: 'jwk' });
      const nodePrivate = crypto.createPrivateKey({ key: privateJwk, format: 'jwk' });
      assert.ok(crypto.createPublicKey(nodePrivate).export({ type: 'spki', format: 'der' }).equals(nodePublic.export({ type: 'spki', format: 'der' })));
      // publicJwk() of the private JWK is the generated public JWK (kid, alg and use included)
      assert.deepEqual(s.publicJwk(privateJwk), publicJwk);

      const token = s.sign(PAYLOAD, privateJwk, { alg, issuedAt: NOW });
      assert.deepEqual(decodeSegment(token.split('.')[0]), { alg, typ: 'JWT', kid: thumbprint });
      assert.deepEqual(m.verify(token, publicJwk, at(alg)).payload, SIGNED_PAYLOAD);
      assert.deepEqual(m.verify(token, { keys: [publicJwk] }, at(alg)).payload, SIGNED_PAYLOAD);
      assert.deepEqual((await joseVerify(token, await jose.importJWK(publicJwk, alg), alg)).payload, SIGNED_PAYLOAD);
      // and the other way: jose signs with the private JWK, jwtlens verifies with the public one
      const joseToken = await new jose.SignJWT(PAYLOAD).setProtectedHeader({ alg, kid: thumbprint }).setIssuedAt(NOW).sign(await jose.importJWK(privateJwk, alg));
      assert.deepEqual(m.verify(joseToken, publicJwk, at(alg)).payload, SIGNED_PAYLOAD);
    });
  }

  test('two calls give two different keys', () => {
    for (const alg of ['ES256', 'EdDSA', 'Ed25519']) {
      const a = s.generateKeyPair(alg);
      const b = s.generateKeyPair(alg);
      assert.notEqual(a.privateJwk.d, b.privateJwk.d);
      assert.notEqual(a.publicJwk.kid, b.publicJwk.kid);
    }
  });

  test('modulusLength: 3072', async () => {
    const { privateJwk, publicJwk } = s.generateKeyPair('PS384', { modulusLength: 3072 });
    assert.equal(fromB64u(publicJwk.n).length, 384);
    assert.equal(crypto.createPublicKey({ key: publicJwk, format: 'jwk' }).asymmetricKeyDetails.modulusLength, 3072);
    assert.equal(publicJwk.kid, await jose.calculateJwkThumbprint(publicJwk, 'sha256'));
    const token = s.sign(PAYLOAD, privateJwk, { alg: 'PS384', issuedAt: NOW });
    assert.equal(signatureBytes(token).length, 384);
    assert.deepEqual((await joseVerify(token, await jose.importJWK(publicJwk, 'PS384'), 'PS384')).payload, SIGNED_PAYLOAD);
    assert.deepEqual(m.verify(token, publicJwk, at('PS384')).payload, SIGNED_PAYLOAD);
  });

  test('HMAC algorithms and wrong arguments are refused', () => {
    for (const alg of HMAC_ALGS) throwsType(() => s.generateKeyPair(alg), /generateSecret/);
    for (const alg of [undefined, null, 256, {}]) throwsType(() => s.generateKeyPair(alg));
    for (const alg of ['ES256K', 'XYZ']) throwsJwt(() => s.generateKeyPair(alg), 'ERR_JOSE_NOT_SUPPORTED');
    for (const options of [null, 'big']) throwsType(() => s.generateKeyPair('RS256', options));
    // a multiple of 8 from 2048 to 8192
    for (const modulusLength of [0, -2048, 1024, 2047, 2049, 2052, 8193, 8200, 16384, 2 ** 31, Number.MAX_SAFE_INTEGER, '2048', 1.5, NaN]) {
      throwsType(() => s.generateKeyPair('RS256', { modulusLength }), /modulusLength/);
    }
  });
});

describe('generateSecret', () => {
  for (const [alg, size] of [['HS256', 32], ['HS384', 48], ['HS512', 64]]) {
    test(`${alg}: ${size} random bytes that sign and verify`, async () => {
      const a = s.generateSecret(alg);
      const b = s.generateSecret(alg);
      assert.ok(a instanceof Uint8Array);
      assert.equal(a.length, size);
      assert.equal(b.length, size);
      assert.notDeepEqual(Buffer.from(a), Buffer.from(b));
      assert.ok(new Set(a).size > 4, 'looks random');
      const token = s.sign(PAYLOAD, a, { alg, issuedAt: NOW });
      assert.deepEqual(m.verify(token, a, at(alg)).payload, SIGNED_PAYLOAD);
      assert.deepEqual((await joseVerify(token, a, alg)).payload, SIGNED_PAYLOAD);
      throwsJwt(() => m.verify(token, b, at(alg)), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    });
  }

  test('a non-HMAC algorithm is a TypeError', () => {
    for (const alg of ASYMMETRIC) throwsType(() => s.generateSecret(alg));
    for (const alg of [undefined, null, 32, {}]) throwsType(() => s.generateSecret(alg));
  });
});

describe('toPem', () => {
  const SETS = [['RS256', 'rsa'], ['ES256', 'p256'], ['ES384', 'p384'], ['ES512', 'p521'], ['EdDSA', 'ed25519']];
  const pemBytes = (pem) => Buffer.from(pem.split('\n').filter((l) => l && !l.startsWith('-----')).join(''), 'base64');

  for (const [alg, name] of SETS) {
    test(`${name}: the public JWK as SPKI (as node:crypto writes it), the private one as PKCS#8 that signs`, () => {
      const k = fixtures[name];
      const spki = s.toPem(k.publicJwk);
      assert.match(spki, /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n?$/);
      assert.equal(spki, k.spki, 'same SPKI as node:crypto');
      assert.ok(crypto.createPublicKey(spki).export({ type: 'spki', format: 'der' }).equals(pemBytes(k.spki)));
      const pkcs8 = s.toPem(k.privateJwk);
      assert.match(pkcs8, /^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n?$/);
      const token = s.sign(PAYLOAD, pkcs8, { alg, issuedAt: NOW });
      assert.deepEqual(m.verify(token, spki, at(alg)).payload, SIGNED_PAYLOAD);
      assert.deepEqual(m.verify(token, k.spki, at(alg)).payload, SIGNED_PAYLOAD);
    });

    test(`${name}: the private PKCS#8 PEM is one node:crypto and jose read`, async () => {
      const k = fixtures[name];
      const pkcs8 = s.toPem(k.privateJwk);
      let nodePrivate;
      assert.doesNotThrow(() => {
        nodePrivate = crypto.createPrivateKey(pkcs8);
      }, `node:crypto (OpenSSL ${process.versions.openssl}) cannot read toPem(${name} private JWK): DER ${pemBytes(pkcs8).toString('hex')}`);
      assert.ok(crypto.createPublicKey(nodePrivate).export({ type: 'spki', format: 'der' }).equals(pemBytes(k.spki)));
      assert.equal(nodePrivate.export({ format: 'jwk' }).d, k.privateJwk.d);
      const joseKey = await jose.importPKCS8(pkcs8, alg);
      const joseToken = await new jose.SignJWT(PAYLOAD).setProtectedHeader({ alg }).setIssuedAt(NOW).sign(joseKey);
      assert.deepEqual(m.verify(joseToken, k.spki, at(alg)).payload, SIGNED_PAYLOAD);
    });
  }

  for (const alg of ASYMMETRIC) {
    test(`${alg}: PEMs of a generated key pair: node:crypto reads the SPKI, both sign and verify`, () => {
      const { privateJwk, publicJwk } = s.generateKeyPair(alg);
      const spki = s.toPem(publicJwk);
      const pkcs8 = s.toPem(privateJwk);
      assert.ok(spki.startsWith('-----BEGIN PUBLIC KEY-----\n'));
      assert.ok(pkcs8.startsWith('-----BEGIN PRIVATE KEY-----\n'));
      const nodePublic = crypto.createPublicKey(spki);
      assert.deepEqual(nodePublic.export({ format: 'jwk' }), crypto.createPublicKey({ key: publicJwk, format: 'jwk' }).export({ format: 'jwk' }));
      // jwtlens signs with the PKCS#8 PEM, node:crypto and jwtlens verify with the SPKI PEM
      const token = s.sign(PAYLOAD, pkcs8, { alg, issuedAt: NOW });
      const input = Buffer.from(token.slice(0, token.lastIndexOf('.')));
      const { family, hash } = ALGS[alg];
      const withPadding = (key) => (family === 'RSA-PSS'
        ? { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_BYTES[hash] }
        : family === 'ECDSA' ? { key, dsaEncoding: 'ieee-p1363' } : key);
      assert.ok(crypto.verify(hash, input, withPadding(nodePublic), signatureBytes(token)));
      assert.deepEqual(m.verify(token, spki, at(alg)).payload, SIGNED_PAYLOAD);
      // node:crypto signs with the private JWK, jwtlens verifies with the SPKI PEM
      const nodePrivate = crypto.createPrivateKey({ key: privateJwk, format: 'jwk' });
      const header = b64u(JSON.stringify({ alg }));
      const body = b64u(JSON.stringify(SIGNED_PAYLOAD));
      const nodeToken = `${header}.${body}.${b64u(crypto.sign(hash, Buffer.from(`${header}.${body}`), withPadding(nodePrivate)))}`;
      assert.deepEqual(m.verify(nodeToken, spki, at(alg)).payload, SIGNED_PAYLOAD);
    });
  }

  test('an oct JWK, a JWKS or a non-object is a TypeError', () => {
    throwsType(() => s.toPem({ kty: 'oct', k: b64u(hmacSecret) }));
    throwsType(() => s.toPem({ kty: 'oct', k: b64u(hmacSecret), alg: 'HS256', kid: 'x' }));
    throwsType(() => s.toPem({ keys: [fixtures.p256.publicJwk] }));
    for (const bad of [undefined, null, 'jwk', 42, [fixtures.p256.publicJwk]]) throwsType(() => s.toPem(bad));
  });

  test('a JWK that does not parse is ERR_JWK_INVALID', () => {
    throwsJwt(() => s.toPem({ kty: 'EC', crv: 'P-256', x: fixtures.p256.publicJwk.x }), 'ERR_JWK_INVALID');
    throwsJwt(() => s.toPem({ ...fixtures.p256.privateJwk, d: fixtures.p256Other.privateJwk.d }), 'ERR_JWK_INVALID');
  });
});

// ---------------------------------------------------------------------------------------------

test('timing report', () => {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const { publicJwk } = s.generateKeyPair('RS256');
    runs.push(performance.now() - t0);
    assert.equal(fromB64u(publicJwk.n).length, 256);
  }
  runs.sort((a, b) => a - b);
  console.log(`timing: generateKeyPair('RS256') (RSA-2048) in Node ${process.version}: median of 3 = ${runs[1].toFixed(0)} ms (runs: ${runs.map((t) => t.toFixed(0)).join(', ')} ms)`);
});
