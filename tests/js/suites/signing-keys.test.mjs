// importSigningKey(), SigningKey and publicJwk() of jwtlens/sign (issue 17): every private key form
// and secret imports and signs, a public key is refused, `alg` binds the key; the SigningKey life
// cycle; publicJwk() of every key type is the public JWK (kid, alg, use kept) that node:crypto,
// jose and jwtlens agree on, and an HMAC secret has none.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { m, s, jose, NOW, at, b64u, claims, fixtures, hmacSecret, throwsJwt, throwsType } from '../lib/helpers.mjs';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const { rsa, p256, p384, p521, ed25519 } = fixtures;

/**
 * Every private key form: [label, input, key set, the algorithms it signs]. The forms node:crypto
 * writes, plus the ones fixtures/derive.mjs builds (no public point, PKCS#8 v2).
 */
const PRIVATE_FORMS = [
  ['RSA PKCS#8 PEM', rsa.pkcs8, rsa, ['RS256', 'PS512']],
  ['RSA PKCS#1 "RSA PRIVATE KEY" PEM', rsa.pkcs1Private, rsa, ['RS384', 'PS256']],
  ['RSA private JWK', rsa.privateJwk, rsa, ['RS512', 'PS384']],
  ['P-256 PKCS#8 PEM', p256.pkcs8, p256, ['ES256']],
  ['P-256 PKCS#8 PEM without the public point', p256.pkcs8NoPublic, p256, ['ES256']],
  ['P-256 SEC1 PEM', p256.sec1, p256, ['ES256']],
  ['P-256 SEC1 PEM without the public point', p256.sec1NoPublic, p256, ['ES256']],
  ['P-256 private JWK', p256.privateJwk, p256, ['ES256']],
  ['P-384 SEC1 PEM', p384.sec1, p384, ['ES384']],
  ['P-384 SEC1 PEM without the public point', p384.sec1NoPublic, p384, ['ES384']],
  ['P-384 private JWK', p384.privateJwk, p384, ['ES384']],
  ['P-521 PKCS#8 PEM', p521.pkcs8, p521, ['ES512']],
  ['P-521 SEC1 PEM without the public point', p521.sec1NoPublic, p521, ['ES512']],
  ['P-521 private JWK', p521.privateJwk, p521, ['ES512']],
  ['Ed25519 PKCS#8 PEM (v1)', ed25519.pkcs8, ed25519, ['EdDSA', 'Ed25519']],
  ['Ed25519 PKCS#8 v2 PEM (with its public key)', ed25519.pkcs8v2, ed25519, ['EdDSA', 'Ed25519']],
  ['Ed25519 private JWK', ed25519.privateJwk, ed25519, ['EdDSA', 'Ed25519']],
];

// ---------------------------------------------------------------------------------------------

describe('importSigningKey: private keys', () => {
  for (const [label, input, set, algs] of PRIVATE_FORMS) {
    test(`${label}: a SigningKey that signs ${algs.join(', ')}; jwtlens verifies with the public key`, () => {
      const key = s.importSigningKey(input);
      try {
        assert.ok(key instanceof s.SigningKey);
        assert.ok(!(key instanceof m.Key), 'a SigningKey is not a Key');
        assert.deepEqual(Object.keys(key), [], 'no enumerable state');
        for (const alg of algs) {
          const token = s.sign(claims(), key, { alg, issuedAt: NOW - 60 });
          assert.deepEqual(m.verify(token, set.spki, at(alg)).payload, claims());
          assert.equal(Buffer.from(m.verifyJws(s.signJws('jws', key, { alg }), set.publicJwk, { algorithms: [alg] }).payload).toString(), 'jws');
          // the same key, imported again for this algorithm only
          const bound = s.importSigningKey(input, alg);
          assert.equal(m.decode(s.sign({}, bound, { alg })).header.alg, alg);
          bound.free();
        }
      } finally {
        key.free();
      }
    });
  }

  test('a private key PEM as bytes (readFileSync, TextEncoder) is read as that PEM', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwtlens-signing-keys-'));
    try {
      for (const [pem, alg, set] of [[rsa.pkcs1Private, 'RS256', rsa], [p384.sec1NoPublic, 'ES384', p384], [ed25519.pkcs8, 'EdDSA', ed25519]]) {
        const file = path.join(dir, 'key.pem');
        fs.writeFileSync(file, pem);
        for (const bytes of [fs.readFileSync(file), new TextEncoder().encode(pem)]) {
          const key = s.importSigningKey(bytes, alg);
          assert.ok(m.verify(s.sign(claims(), key, { alg }), set.spki, at(alg)));
          key.free();
          throwsJwt(() => s.importSigningKey(bytes, 'HS256'), 'ERR_JOSE_ALG_NOT_ALLOWED', { message: /cannot be used with/ });
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a private JWK\'s kid goes into the header; its alg, use and key_ops restrict signing', () => {
    const key = s.importSigningKey({ ...p256.privateJwk, kid: 'p-1', alg: 'ES256', use: 'sig', key_ops: ['sign'] });
    assert.deepEqual(m.decode(s.sign({}, key, { alg: 'ES256' })).header, { alg: 'ES256', typ: 'JWT', kid: 'p-1' });
    key.free();
    // never usable (use "enc", key_ops empty): refused at once
    for (const bad of [{ ...p256.privateJwk, use: 'enc' }, { ...p256.privateJwk, key_ops: [] }, { ...p256.privateJwk, key_ops: ['encrypt'] }]) {
      for (const alg of [undefined, 'ES256']) throwsJwt(() => s.importSigningKey(bad, alg), 'ERR_JOSE_ALG_NOT_ALLOWED', { message: /use|key_ops/ });
    }
    // for verifying only (key_ops ["verify"]): a SigningKey never signs with it, refused at import or when it signs
    for (const alg of [undefined, 'ES256']) {
      let key;
      try {
        key = s.importSigningKey({ ...p256.privateJwk, key_ops: ['verify'] }, alg);
      } catch (e) {
        assert.ok(e instanceof m.JwtError && e.code === 'ERR_JOSE_ALG_NOT_ALLOWED', `${e && e.name}: ${e && e.message}`);
        continue;
      }
      throwsJwt(() => s.sign({}, key, { alg: 'ES256' }), 'ERR_JOSE_ALG_NOT_ALLOWED', { message: /key_ops/ });
      throwsJwt(() => s.signJws('x', key, { alg: 'ES256' }), 'ERR_JOSE_ALG_NOT_ALLOWED', { message: /key_ops/ });
      key.free();
    }
    throwsJwt(() => s.importSigningKey({ ...p256.privateJwk, alg: 'ES384' }, 'ES256'), 'ERR_JOSE_ALG_NOT_ALLOWED');
    const jwkBound = s.importSigningKey({ ...p256.privateJwk, alg: 'ES256' });
    throwsJwt(() => s.sign({}, jwkBound, { alg: 'ES384' }), 'ERR_JOSE_ALG_NOT_ALLOWED');
    jwkBound.free();
  });

  test('a private JWK whose private members do not match its public ones: ERR_JWK_INVALID', () => {
    for (const bad of [
      { ...p256.privateJwk, d: fixtures.p256Other.privateJwk.d },
      { ...ed25519.privateJwk, d: fixtures.ed25519Other.privateJwk.d },
      { ...rsa.privateJwk, d: fixtures.rsaOther.privateJwk.d },
      { ...rsa.privateJwk, p: fixtures.rsaOther.privateJwk.p },
    ]) {
      throwsJwt(() => s.importSigningKey(bad), 'ERR_JWK_INVALID');
      throwsJwt(() => s.publicJwk(bad), 'ERR_JWK_INVALID');
    }
  });

  test('a private key PEM whose written public part is another key\'s: ERR_JWK_INVALID, as for such a JWK (jwtlens would verify with the written one)', async () => {
    const { sec1WithPublic, ed25519Pkcs8v2 } = await import('../fixtures/derive.mjs');
    const cases = [
      ['SEC1 with another key\'s point', sec1WithPublic(p256.privateJwk, fixtures.p256Other.publicJwk), 'ES256'],
      ['Ed25519 PKCS#8 v2 with another key\'s public key', ed25519Pkcs8v2(ed25519.privateJwk, fixtures.ed25519Other.publicJwk.x), 'EdDSA'],
    ];
    for (const [label, pem, alg] of cases) {
      // what the verifying entry reads: the written public key, which is the other key
      const other = alg === 'ES256' ? fixtures.p256Other : fixtures.ed25519Other;
      const byOther = await new jose.SignJWT(claims()).setProtectedHeader({ alg }).sign(await jose.importJWK(other.privateJwk, alg));
      assert.equal(m.verify(byOther, pem, at(alg)).payload.sub, 'user-42', label);
      throwsJwt(() => s.importSigningKey(pem), 'ERR_JWK_INVALID', { message: /match|public/ });
      throwsJwt(() => s.sign({}, pem, { alg }), 'ERR_JWK_INVALID');
      throwsJwt(() => s.publicJwk(pem), 'ERR_JWK_INVALID');
    }
  });
});

describe('importSigningKey: secrets', () => {
  test('a secret string, bytes, a Buffer or an oct JWK: a SigningKey for HS256/384/512', () => {
    const text = fixtures.secrets.hmacText;
    for (const [input, verifyWith] of [[text, text], [new Uint8Array(hmacSecret), hmacSecret], [Buffer.from(hmacSecret), hmacSecret], [{ kty: 'oct', k: b64u(hmacSecret), kid: 'o' }, hmacSecret]]) {
      const key = s.importSigningKey(input);
      for (const alg of ['HS256', 'HS384', 'HS512']) assert.ok(m.verify(s.sign(claims(), key, { alg }), verifyWith, at(alg)));
      throwsJwt(() => s.sign({}, key, { alg: 'RS256' }), 'ERR_JOSE_ALG_NOT_ALLOWED');
      key.free();
    }
  });

  test('a short secret is imported; its length is checked when it signs, with allowShortSecrets', () => {
    const short = crypto.randomBytes(20);
    const key = s.importSigningKey(short, 'HS256');
    throwsJwt(() => s.sign({}, key, { alg: 'HS256' }), 'ERR_JOSE_ALG_NOT_ALLOWED', { message: /allowShortSecrets/ });
    assert.ok(m.verify(s.sign(claims(), key, { alg: 'HS256', allowShortSecrets: true }), short, at('HS256', { allowShortSecrets: true })));
    key.free();
  });

  test('an empty secret is refused: ERR_JOSE_ALG_NOT_ALLOWED', () => {
    for (const input of ['', new Uint8Array(0), { kty: 'oct', k: '' }]) throwsJwt(() => s.importSigningKey(input), 'ERR_JOSE_ALG_NOT_ALLOWED');
  });

  test('key material as bytes or text is never a secret: ERR_JWK_INVALID', () => {
    for (const input of [Buffer.from(rsa.spkiDer, 'base64'), JSON.stringify(p256.privateJwk), JSON.stringify({ keys: [p256.publicJwk] }), Buffer.from(JSON.stringify(ed25519.privateJwk))]) {
      throwsJwt(() => s.importSigningKey(input), 'ERR_JWK_INVALID', { message: /never used as an HMAC secret/ });
    }
  });
});

describe('importSigningKey: refusals', () => {
  test('a public key PEM or certificate: TypeError "cannot sign: pass the private key"', () => {
    for (const pem of [rsa.spki, rsa.pkcs1Public, rsa.certificate, p256.spki, p256.certificate, p384.spki, p521.spki, ed25519.spki, ed25519.certificate]) {
      throwsType(() => s.importSigningKey(pem), /cannot sign: pass the private key/);
      throwsType(() => s.importSigningKey(Buffer.from(pem)), /cannot sign: pass the private key/);
    }
  });

  test('a public JWK (no "d"): a TypeError that says signing needs the private key', () => {
    for (const jwk of [rsa.publicJwk, p256.publicJwk, p384.publicJwk, p521.publicJwk, ed25519.publicJwk, { ...ed25519.publicJwk, kid: 'k', alg: 'EdDSA', use: 'sig' }]) {
      const e = throwsType(() => s.importSigningKey(jwk), /private key/);
      assert.match(e.message, /public key|"d"/);
    }
  });

  test('a JWKS, a Key of jwtlens, or a value of the wrong JS type: TypeError', () => {
    throwsType(() => s.importSigningKey({ keys: [p256.privateJwk] }), /JWKS/);
    for (const source of [m.importKey(p256.spki), m.importKey(hmacSecret), m.importKey(p256.privateJwk)]) {
      throwsType(() => s.importSigningKey(source), /importSigningKey\(\) from jwtlens\/sign/);
      source.free();
    }
    const keyObject = crypto.createPrivateKey(p256.pkcs8);
    for (const bad of [undefined, null, 42, true, 10n, Symbol('k'), [], [p256.privateJwk], keyObject, new ArrayBuffer(32), new Uint16Array(16), new Date(), new Map(), () => p256.pkcs8, Object.create(s.SigningKey.prototype)]) {
      throwsType(() => s.importSigningKey(bad));
    }
  });

  test('alg: a string; "none" and algorithms that do not fit the key are refused as importKey refuses them', () => {
    for (const alg of [256, null, ['ES256'], {}]) throwsType(() => s.importSigningKey(p256.pkcs8, alg), /alg/);
    throwsJwt(() => s.importSigningKey(p256.pkcs8, 'none'), 'ERR_JOSE_ALG_NOT_ALLOWED');
    throwsJwt(() => m.importKey(p256.spki, 'none'), 'ERR_JOSE_ALG_NOT_ALLOWED');
    for (const alg of ['ES384', 'RS256', 'EdDSA', 'Ed25519', 'HS256']) throwsJwt(() => s.importSigningKey(p256.pkcs8, alg), 'ERR_JOSE_ALG_NOT_ALLOWED');
    for (const alg of ['ES256K', 'XYZ', 'es256']) throwsJwt(() => s.importSigningKey(p256.pkcs8, alg), 'ERR_JOSE_NOT_SUPPORTED');
    throwsJwt(() => s.importSigningKey(fixtures.rsa1024.pkcs8, 'RS256'), 'ERR_JOSE_ALG_NOT_ALLOWED', { message: /2048/ });
  });

  test('PEMs that do not parse, or are encrypted: ERR_JWK_INVALID / ERR_JOSE_NOT_SUPPORTED', () => {
    for (const pem of ['-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', '-----BEGIN EC PRIVATE KEY-----\n-----END EC PRIVATE KEY-----\n', '-----BEGIN']) {
      throwsJwt(() => s.importSigningKey(pem), 'ERR_JWK_INVALID');
    }
    throwsJwt(() => s.importSigningKey('-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n'), 'ERR_JOSE_NOT_SUPPORTED');
    const ed448 = crypto.generateKeyPairSync('ed448').privateKey;
    throwsJwt(() => s.importSigningKey(ed448.export({ type: 'pkcs8', format: 'pem' })), 'ERR_JOSE_NOT_SUPPORTED');
    throwsJwt(() => s.importSigningKey(ed448.export({ format: 'jwk' })), 'ERR_JOSE_NOT_SUPPORTED');
  });
});

// ---------------------------------------------------------------------------------------------

describe('SigningKey', () => {
  test('cannot be constructed directly', () => {
    throwsType(() => new s.SigningKey(), /importSigningKey/);
    throwsType(() => new s.SigningKey(Symbol('jwtlens.SigningKey'), null, null), /importSigningKey/);
  });

  test('signs many tokens', () => {
    const key = s.importSigningKey(ed25519.pkcs8v2, 'EdDSA');
    for (let i = 0; i < 50; i++) assert.equal(m.verify(s.sign(claims({ n: i }), key, { alg: 'EdDSA' }), ed25519.spki, at('EdDSA')).payload.n, i);
    key.free();
  });

  test('free(): a freed SigningKey is a TypeError to use; free() twice is harmless', () => {
    const key = s.importSigningKey(p256.sec1);
    key.free();
    key.free();
    throwsType(() => s.sign({}, key, { alg: 'ES256' }), /freed.*importSigningKey/);
    throwsType(() => s.signJws('x', key, { alg: 'ES256' }), /freed/);
    throwsType(() => s.publicJwk(key), /freed/);
    throwsType(() => s.importSigningKey(key), /freed/);
  });

  test('[Symbol.dispose]() frees it; a `using` declaration does at the end of the scope', () => {
    assert.equal(typeof s.SigningKey.prototype[Symbol.dispose], 'function');
    const key = s.importSigningKey(hmacSecret);
    key[Symbol.dispose]();
    throwsType(() => s.sign({}, key, { alg: 'HS256' }), /freed/);
  });

  test('free() on something that is not a SigningKey is a TypeError (a Key included, and the reverse)', () => {
    throwsType(() => s.SigningKey.prototype.free.call({}));
    const key = m.importKey(hmacSecret);
    throwsType(() => s.SigningKey.prototype.free.call(key), /SigningKey/);
    key.free();
    const signingKey = s.importSigningKey(hmacSecret);
    throwsType(() => m.Key.prototype.free.call(signingKey), /Key/);
    assert.ok(m.verify(s.sign(claims(), signingKey, { alg: 'HS256' }), hmacSecret, at('HS256')), 'still usable');
    signingKey.free();
  });

  test('importSigningKey(key) returns the same SigningKey; importSigningKey(key, alg) is a TypeError', () => {
    const key = s.importSigningKey(hmacSecret);
    assert.equal(s.importSigningKey(key), key);
    throwsType(() => s.importSigningKey(key, 'HS256'), /already a SigningKey/);
    key.free();
  });
});

// ---------------------------------------------------------------------------------------------

describe('publicJwk', () => {
  for (const [label, input, set] of PRIVATE_FORMS) {
    test(`${label}: the public JWK, as node:crypto computes it; it verifies in jwtlens and jose`, async () => {
      const jwk = s.publicJwk(input);
      assert.deepEqual(jwk, set.publicJwk);
      for (const member of PRIVATE_MEMBERS) assert.equal(jwk[member], undefined, `"${member}"`);
      // its members in RFC 7638 order (the thumbprint's)
      assert.deepEqual(Object.keys(jwk), { RSA: ['e', 'kty', 'n'], EC: ['crv', 'kty', 'x', 'y'], OKP: ['crv', 'kty', 'x'] }[jwk.kty]);
      // what node:crypto derives from the private key
      // (node:crypto's OpenSSL 3.0 cannot read PKCS#8 v2: the v1 form of the same key stands in)
      const nodeInput = input === set.pkcs8v2 ? set.pkcs8 : typeof input === 'string' ? input : { key: input, format: 'jwk' };
      const nodePrivate = crypto.createPrivateKey(nodeInput);
      assert.deepEqual(jwk, crypto.createPublicKey(nodePrivate).export({ format: 'jwk' }));
      // it verifies what the private key signs, in both libraries
      const alg = { RSA: 'PS256', EC: { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' }[jwk.crv], OKP: 'EdDSA' }[jwk.kty];
      const token = s.sign(claims(), input, { alg });
      assert.deepEqual(m.verify(token, jwk, at(alg)).payload, claims());
      assert.deepEqual(m.verify(token, s.toPem(jwk), at(alg)).payload, claims());
      assert.deepEqual((await jose.jwtVerify(token, await jose.importJWK(jwk, alg), { currentDate: new Date(NOW * 1000) })).payload, claims());
    });
  }

  test('of a SigningKey: the same JWK; the key is not consumed', () => {
    const key = s.importSigningKey(rsa.pkcs8);
    assert.deepEqual(s.publicJwk(key), rsa.publicJwk);
    assert.deepEqual(s.publicJwk(key), rsa.publicJwk);
    assert.ok(s.sign({}, key, { alg: 'RS256' }));
    key.free();
  });

  test('kid, alg and use of a private JWK are kept; its key_ops (a private key\'s) are not', () => {
    for (const [set, alg] of [[rsa, 'RS384'], [p521, 'ES512'], [ed25519, 'Ed25519']]) {
      const jwk = s.publicJwk({ ...set.privateJwk, kid: `k-${alg}`, alg, use: 'sig', key_ops: ['sign'], x5t: 'ignored', ext: true });
      assert.deepEqual(jwk, { ...set.publicJwk, kid: `k-${alg}`, alg, use: 'sig' });
      assert.ok(!('key_ops' in jwk));
      // the key's members first (RFC 7638 order), then the metadata
      assert.deepEqual(Object.keys(jwk).slice(0, Object.keys(set.publicJwk).length).sort(), Object.keys(set.publicJwk).sort());
      // and it is what a verifier needs: a key_ops of ["sign"] would make jwtlens refuse it
      const token = s.sign(claims(), set.privateJwk, { alg, header: { kid: `k-${alg}` } });
      assert.equal(m.verify(token, jwk, at(alg)).protectedHeader.kid, `k-${alg}`);
      assert.equal(m.verify(token, { keys: [jwk] }, at(alg)).protectedHeader.kid, `k-${alg}`);
    }
    const key = s.importSigningKey({ ...p256.privateJwk, kid: 'sk' });
    assert.equal(s.publicJwk(key).kid, 'sk');
    key.free();
  });

  test('of a generated key pair\'s private JWK: the generated public JWK', () => {
    for (const alg of ['ES384', 'EdDSA', 'Ed25519', 'PS256']) {
      const { privateJwk, publicJwk } = s.generateKeyPair(alg);
      assert.deepEqual(s.publicJwk(privateJwk), publicJwk);
      const key = s.importSigningKey(s.toPem(privateJwk));
      const { kid: _kid, alg: _alg, use: _use, ...bare } = publicJwk;
      assert.deepEqual(s.publicJwk(key), bare, 'a PEM carries no kid, alg or use');
      key.free();
    }
  });

  test('each call returns a fresh plain object', () => {
    const a = s.publicJwk(p256.pkcs8);
    const b = s.publicJwk(p256.pkcs8);
    assert.notEqual(a, b);
    assert.equal(Object.getPrototypeOf(a), Object.prototype);
    a.x = 'changed';
    assert.equal(s.publicJwk(p256.pkcs8).x, p256.publicJwk.x);
  });

  test('an HMAC secret has no public key: TypeError (the same secret verifies)', () => {
    const key = s.importSigningKey(hmacSecret);
    for (const input of [hmacSecret, fixtures.secrets.hmacText, { kty: 'oct', k: b64u(hmacSecret) }, key]) {
      throwsType(() => s.publicJwk(input), /HMAC secret has no public key/);
    }
    key.free();
  });

  test('a public key, a JWKS, a Key of jwtlens or a value of the wrong JS type: TypeError', () => {
    for (const input of [p256.spki, ed25519.certificate]) throwsType(() => s.publicJwk(input), /cannot sign: pass the private key/);
    for (const input of [p256.publicJwk, rsa.publicJwk]) throwsType(() => s.publicJwk(input), /private key/);
    throwsType(() => s.publicJwk({ keys: [p256.privateJwk] }), /JWKS/);
    const key = m.importKey(p256.pkcs8);
    throwsType(() => s.publicJwk(key), /importSigningKey\(\)/);
    key.free();
    for (const bad of [undefined, null, 42, [], new ArrayBuffer(8), crypto.createPrivateKey(p256.pkcs8)]) throwsType(() => s.publicJwk(bad));
  });

  test('key material that does not parse: ERR_JWK_INVALID', () => {
    throwsJwt(() => s.publicJwk('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n'), 'ERR_JWK_INVALID');
    throwsJwt(() => s.publicJwk({ ...p256.privateJwk, d: 'AA' }), 'ERR_JWK_INVALID');
  });
});
