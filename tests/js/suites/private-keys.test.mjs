// Private keys given to the verifying entries (issue 17). jwtlens verifies with public keys: a
// private key whose public part is written in it (a private JWK, an RSA private key, an EC key with
// its public point, an Ed25519 PKCS#8 v2 key) still verifies, read for that public part only; one
// whose public part would have to be computed from the secret (an Ed25519 PKCS#8 v1 key, as
// node:crypto and OpenSSL write it; a SEC1 EC key without its point) is ERR_JWK_INVALID, with a
// message that says to pass the public key and names publicJwk() of jwtlens/sign, which is then
// the fix. importKey of a private JWK imports its public members: the Key cannot sign.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { m, s, lite, jose, NOW, at, claims, fixtures, hmacSecret, throwsJwt, throwsType } from '../lib/helpers.mjs';

const { rsa, p256, p384, p521, ed25519 } = fixtures;
const NEEDS_PUBLIC = /does not contain its public key.*pass the public key.*publicJwk\(\) of jwtlens\/sign/;

/** Tokens of every key set, signed by jose with the private key: [alg, token]. */
const tokens = {};
for (const [name, set, alg] of [['rsa', rsa, 'RS256'], ['p256', p256, 'ES256'], ['p384', p384, 'ES384'], ['p521', p521, 'ES512'], ['ed25519', ed25519, 'EdDSA'], ['ed25519Fs', ed25519, 'Ed25519']]) {
  tokens[name] = { alg, token: await new jose.SignJWT(claims()).setProtectedHeader({ alg }).sign(await jose.importJWK(set.privateJwk, alg)) };
  tokens[name].jws = await new jose.CompactSign(Buffer.from('any bytes')).setProtectedHeader({ alg }).sign(await jose.importJWK(set.privateJwk, alg));
}

/** [label, private key input, token set] that jwtlens must accept: the public part is in them. */
const WITH_PUBLIC = [
  ['RSA PKCS#8 PEM', rsa.pkcs8, 'rsa'],
  ['RSA PKCS#1 "RSA PRIVATE KEY" PEM', rsa.pkcs1Private, 'rsa'],
  ['RSA private JWK', rsa.privateJwk, 'rsa'],
  ['P-256 PKCS#8 PEM (its ECPrivateKey has the public point, as node:crypto writes it)', p256.pkcs8, 'p256'],
  ['P-256 SEC1 PEM with its public point (node:crypto)', p256.sec1, 'p256'],
  ['P-256 SEC1 PEM with its public point (built here)', p256.sec1WithPublic, 'p256'],
  ['P-256 private JWK', p256.privateJwk, 'p256'],
  ['P-384 SEC1 PEM with its public point', p384.sec1, 'p384'],
  ['P-384 PKCS#8 PEM', p384.pkcs8, 'p384'],
  ['P-521 SEC1 PEM with its public point', p521.sec1, 'p521'],
  ['P-521 private JWK', p521.privateJwk, 'p521'],
  ['Ed25519 PKCS#8 v2 PEM (with its public key)', ed25519.pkcs8v2, 'ed25519'],
  ['Ed25519 PKCS#8 v2 PEM, for Ed25519 tokens', ed25519.pkcs8v2, 'ed25519Fs'],
  ['Ed25519 private JWK', ed25519.privateJwk, 'ed25519'],
];

/** [label, private key input, token set] that jwtlens refuses: the public part would be computed. */
const WITHOUT_PUBLIC = [
  ['Ed25519 PKCS#8 v1 PEM (as node:crypto and OpenSSL write it)', ed25519.pkcs8, 'ed25519'],
  ['Ed25519 PKCS#8 v1 PEM, for Ed25519 tokens', ed25519.pkcs8, 'ed25519Fs'],
  ['P-256 SEC1 PEM without its public point', p256.sec1NoPublic, 'p256'],
  ['P-384 SEC1 PEM without its public point', p384.sec1NoPublic, 'p384'],
  ['P-521 SEC1 PEM without its public point', p521.sec1NoPublic, 'p521'],
  ['P-256 PKCS#8 PEM whose ECPrivateKey has no public point', p256.pkcs8NoPublic, 'p256'],
  ['P-521 PKCS#8 PEM whose ECPrivateKey has no public point', p521.pkcs8NoPublic, 'p521'],
];

test('sanity: the derived key forms are the fixture keys (node:crypto reads the ones its OpenSSL can)', () => {
  assert.equal(ed25519.pkcs8v1, ed25519.pkcs8, 'the v1 builder writes what node:crypto writes');
  assert.equal(p256.sec1WithPublic, p256.sec1, 'the SEC1 builder writes what node:crypto writes');
  for (const set of [p256, p384, p521]) {
    for (const pem of [set.sec1NoPublic, set.pkcs8NoPublic]) assert.deepEqual(crypto.createPublicKey(pem).export({ format: 'jwk' }), set.publicJwk);
    assert.ok(!Buffer.from(set.sec1NoPublic.split('\n').slice(1, -2).join(''), 'base64').includes(Buffer.from(set.publicJwk.x, 'base64url')), 'no public point in it');
  }
  // OpenSSL 3.0 cannot read PKCS#8 v2; jwtlens/sign can, and computes the same public key
  assert.deepEqual(s.publicJwk(ed25519.pkcs8v2), ed25519.publicJwk);
  assert.ok(Buffer.from(ed25519.pkcs8v2.split('\n').slice(1, -2).join(''), 'base64').includes(Buffer.from(ed25519.publicJwk.x, 'base64url')));
});

describe('jwtlens: a private key whose public part is written in it verifies', () => {
  for (const [label, input, name] of WITH_PUBLIC) {
    test(`${label}: verify, verifyJws, importKey (with and without alg)`, () => {
      const { alg, token, jws } = tokens[name];
      assert.deepEqual(m.verify(token, input, at(alg)), { payload: claims(), protectedHeader: { alg } });
      assert.equal(Buffer.from(m.verifyJws(jws, input, { algorithms: [alg] }).payload).toString(), 'any bytes');
      for (const bind of [undefined, alg]) {
        const key = m.importKey(input, bind);
        assert.deepEqual(m.verify(token, key, at(alg)).payload, claims());
        key.free();
      }
      // it is read for its public part: another key's token does not verify
      const other = { rsa: fixtures.rsaOther, p256: fixtures.p256Other, ed25519: fixtures.ed25519Other, ed25519Fs: fixtures.ed25519Other }[name];
      if (other) {
        const forged = s.sign(claims(), other.privateJwk, { alg, issuedAt: NOW - 60 });
        throwsJwt(() => m.verify(forged, input, at(alg)), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
      }
    });
  }

  test('as bytes (readFileSync) too', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwtlens-private-keys-'));
    try {
      for (const [pem, name] of [[rsa.pkcs1Private, 'rsa'], [p384.sec1, 'p384'], [ed25519.pkcs8v2, 'ed25519']]) {
        fs.writeFileSync(path.join(dir, 'k.pem'), pem);
        const { alg, token } = tokens[name];
        assert.deepEqual(m.verify(token, fs.readFileSync(path.join(dir, 'k.pem')), at(alg)).payload, claims());
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('jwtlens: a private key whose public part would have to be computed is ERR_JWK_INVALID; publicJwk() is the fix', () => {
  for (const [label, input, name] of WITHOUT_PUBLIC) {
    test(`${label}: refused by verify, verifyJws and importKey with a message that says what to pass`, () => {
      const { alg, token, jws } = tokens[name];
      const e = throwsJwt(() => m.verify(token, input, at(alg)), 'ERR_JWK_INVALID', { message: NEEDS_PUBLIC });
      assert.match(e.message, /"PUBLIC KEY" PEM|JWK without "d"/);
      throwsJwt(() => m.verifyJws(jws, input, { algorithms: [alg] }), 'ERR_JWK_INVALID', { message: NEEDS_PUBLIC });
      throwsJwt(() => m.importKey(input), 'ERR_JWK_INVALID', { message: NEEDS_PUBLIC });
      throwsJwt(() => m.importKey(input, alg), 'ERR_JWK_INVALID', { message: NEEDS_PUBLIC });
      throwsJwt(() => m.verify(token, Buffer.from(input), at(alg)), 'ERR_JWK_INVALID', { message: NEEDS_PUBLIC });
      // never an HMAC secret either
      throwsJwt(() => m.verify(token, input, at(['HS256', alg])), 'ERR_JWK_INVALID');
    });

    test(`${label}: publicJwk() of jwtlens/sign gives the key that verifies (as a JWK, its PEM, a JWKS, a Key)`, () => {
      const { alg, token, jws } = tokens[name];
      const jwk = s.publicJwk(input);
      assert.ok(!('d' in jwk));
      assert.deepEqual(m.verify(token, jwk, at(alg)), { payload: claims(), protectedHeader: { alg } });
      assert.equal(Buffer.from(m.verifyJws(jws, jwk, { algorithms: [alg] }).payload).toString(), 'any bytes');
      assert.deepEqual(m.verify(token, s.toPem(jwk), at(alg)).payload, claims());
      assert.deepEqual(m.verify(token, { keys: [jwk] }, at(alg)).payload, claims());
      const key = m.importKey(jwk, alg);
      assert.deepEqual(m.verify(token, key, at(alg)).payload, claims());
      key.free();
      // and jwtlens/sign signs with the refused key itself
      const signed = s.sign(claims(), input, { alg, issuedAt: NOW - 60 });
      assert.deepEqual(m.verify(signed, jwk, at(alg)).payload, claims());
    });
  }

  test('the same key with its public part written in it is accepted: the rule is about what is in the key, not its kind', () => {
    const { alg, token } = tokens.p256;
    throwsJwt(() => m.verify(token, p256.sec1NoPublic, at(alg)), 'ERR_JWK_INVALID');
    assert.ok(m.verify(token, p256.sec1WithPublic, at(alg)));
    throwsJwt(() => m.verify(tokens.ed25519.token, ed25519.pkcs8v1, at('EdDSA')), 'ERR_JWK_INVALID');
    assert.ok(m.verify(tokens.ed25519.token, ed25519.pkcs8v2, at('EdDSA')));
  });
});

describe('jwtlens: importKey of a private JWK', () => {
  test('imports its public members: the Key verifies like the public JWK and cannot sign', () => {
    for (const [set, name] of [[rsa, 'rsa'], [p384, 'p384'], [ed25519, 'ed25519']]) {
      const { alg, token } = tokens[name];
      const key = m.importKey({ ...set.privateJwk, kid: 'pk' });
      assert.deepEqual(m.verify(token, key, at(alg)), m.verify(token, set.publicJwk, at(alg)));
      throwsType(() => s.sign({}, key, { alg }), /importSigningKey\(\) from jwtlens\/sign/);
      throwsType(() => s.publicJwk(key), /importSigningKey/);
      throwsType(() => m.sign({}, key, { alg }), /jwtlens\/sign/);
      key.free();
    }
  });

  test('its private members are not used: a "d" of another key changes nothing', () => {
    const { alg, token } = tokens.p256;
    const key = m.importKey({ ...p256.privateJwk, d: fixtures.p256Other.privateJwk.d });
    assert.deepEqual(m.verify(token, key, at(alg)).payload, claims());
    key.free();
    // while jwtlens/sign, which signs with "d", refuses the contradiction
    throwsJwt(() => s.importSigningKey({ ...p256.privateJwk, d: fixtures.p256Other.privateJwk.d }), 'ERR_JWK_INVALID');
  });
});

describe('jwtlens/lite and private keys', () => {
  test('a private PEM or asymmetric JWK is ERR_JOSE_NOT_SUPPORTED (lite is HMAC only), with or without its public part', () => {
    for (const [input, alg] of [[ed25519.pkcs8, 'EdDSA'], [ed25519.pkcs8v2, 'Ed25519'], [p256.sec1NoPublic, 'ES256'], [p256.sec1, 'ES256'], [rsa.pkcs1Private, 'RS256'], [ed25519.privateJwk, 'EdDSA'], [p256.privateJwk, 'ES256']]) {
      throwsJwt(() => lite.importKey(input), 'ERR_JOSE_NOT_SUPPORTED');
      throwsJwt(() => lite.verify(tokens.p256.token, input, at([alg])), 'ERR_JOSE_NOT_SUPPORTED');
    }
  });

  test('an oct JWK with a private-looking member still verifies HMAC', () => {
    const token = s.sign(claims(), hmacSecret, { alg: 'HS256', issuedAt: NOW - 60 });
    assert.deepEqual(lite.verify(token, { kty: 'oct', k: Buffer.from(hmacSecret).toString('base64url'), d: 'ignored' }, at('HS256')).payload, claims());
  });
});
