// The fully-specified algorithm name Ed25519 (RFC 9864) beside the polymorphic EdDSA (RFC 8037),
// issue 17: the same Ed25519 signatures, but each name is accepted only where it is named — in
// options.algorithms, in a JWK's "alg", in importKey / importSigningKey's alg — in both directions.
// verify, verifyJws, JWK Sets, sign, signJws, generateKeyPair and inspect; jose agrees.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { m, s, lite, jose, NOW, at, claims, craft, fixtures, hmacSecret, throwsJwt } from '../lib/helpers.mjs';

const ed = fixtures.ed25519;
const NAMES = ['EdDSA', 'Ed25519'];
const other = (alg) => (alg === 'EdDSA' ? 'Ed25519' : 'EdDSA');

/** Per name: a JWT and a JWS signed by jose (so that jwtlens's signing is not what is tested here). */
const tokens = {};
for (const alg of NAMES) {
  const key = await jose.importJWK(ed.privateJwk, alg);
  tokens[alg] = {
    jwt: await new jose.SignJWT(claims()).setProtectedHeader({ alg }).sign(key),
    jws: await new jose.CompactSign(Buffer.from('bytes')).setProtectedHeader({ alg }).sign(key),
  };
}

/** Public key forms without an alg of their own. */
const PUBLIC_FORMS = [
  ['SPKI PEM', ed.spki],
  ['certificate PEM', ed.certificate],
  ['public JWK', ed.publicJwk],
  ['JWKS', { keys: [ed.publicJwk] }],
  ['PKCS#8 v2 private PEM', ed.pkcs8v2],
];

describe('the allow-list decides between EdDSA and Ed25519', () => {
  for (const alg of NAMES) {
    for (const [label, key] of PUBLIC_FORMS) {
      test(`an ${alg} token, ${label}: verifies where ${alg} is allowed, ERR_JOSE_ALG_NOT_ALLOWED where only ${other(alg)} is`, () => {
        const { jwt, jws } = tokens[alg];
        for (const algorithms of [[alg], NAMES, [other(alg), alg, 'RS256']]) {
          assert.deepEqual(m.verify(jwt, key, at(algorithms)), { payload: claims(), protectedHeader: { alg } });
          assert.equal(Buffer.from(m.verifyJws(jws, key, { algorithms }).payload).toString(), 'bytes');
        }
        for (const algorithms of [[other(alg)], [other(alg), 'ES256', 'HS256'], [alg.toLowerCase()], [alg.toUpperCase()]]) {
          throwsJwt(() => m.verify(jwt, key, at(algorithms)), 'ERR_JOSE_ALG_NOT_ALLOWED', { message: new RegExp(alg) });
          throwsJwt(() => m.verifyJws(jws, key, { algorithms }), 'ERR_JOSE_ALG_NOT_ALLOWED');
        }
        const imported = m.importKey(key);
        assert.ok(m.verify(jwt, imported, at(alg)));
        throwsJwt(() => m.verify(jwt, imported, at(other(alg))), 'ERR_JOSE_ALG_NOT_ALLOWED');
        imported.free();
      });
    }
  }

  test('jose applies the same rule', async () => {
    for (const alg of NAMES) {
      const key = await jose.importJWK(ed.publicJwk, alg);
      assert.ok(await jose.jwtVerify(tokens[alg].jwt, key, { algorithms: [alg], currentDate: new Date(NOW * 1000) }));
      await assert.rejects(jose.jwtVerify(tokens[alg].jwt, key, { algorithms: [other(alg)], currentDate: new Date(NOW * 1000) }), (e) => e.code === 'ERR_JOSE_ALG_NOT_ALLOWED');
    }
  });

  test('the names are case-sensitive: ed25519, ED25519, eddsa are not algorithms', () => {
    for (const alg of ['ed25519', 'ED25519', 'eddsa', 'EDDSA', 'Ed25519 ']) {
      const token = craft({ alg }, claims(), { signWith: 'EdDSA' });
      throwsJwt(() => m.verify(token, ed.spki, at([alg])), ['ERR_JOSE_NOT_SUPPORTED', 'ERR_JOSE_ALG_NOT_ALLOWED']);
      throwsJwt(() => m.verify(token, ed.spki, at(NAMES)), 'ERR_JOSE_ALG_NOT_ALLOWED');
    }
  });

  test('Ed25519 is an EdDSA algorithm: never with an RSA, EC or HMAC key', () => {
    const token = tokens.Ed25519.jwt;
    for (const key of [fixtures.rsa.spki, fixtures.p256.publicJwk, hmacSecret, { kty: 'oct', k: Buffer.from(hmacSecret).toString('base64url') }]) {
      throwsJwt(() => m.verify(token, key, at(['Ed25519', 'RS256', 'ES256', 'HS256'])), 'ERR_JOSE_ALG_NOT_ALLOWED');
    }
    throwsJwt(() => m.importKey(fixtures.p256.spki, 'Ed25519'), 'ERR_JOSE_ALG_NOT_ALLOWED');
  });

  test('a token signed by another Ed25519 key, or altered, does not verify under either name', () => {
    for (const alg of NAMES) {
      throwsJwt(() => m.verify(tokens[alg].jwt, fixtures.ed25519Other.spki, at(NAMES)), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
      const [h, p, sig] = tokens[alg].jwt.split('.');
      // the other name in the header, the signature kept: the signing input changed
      const renamed = `${Buffer.from(JSON.stringify({ alg: other(alg) })).toString('base64url')}.${p}.${sig}`;
      throwsJwt(() => m.verify(renamed, ed.spki, at(NAMES)), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
      assert.ok(h);
    }
  });
});

describe('a JWK alg, and importKey\'s alg, name one of the two', () => {
  for (const alg of NAMES) {
    test(`a JWK with alg ${alg}: verifies ${alg} tokens only, even where both names are allowed`, () => {
      const jwk = { ...ed.publicJwk, alg };
      assert.deepEqual(m.verify(tokens[alg].jwt, jwk, at(NAMES)).payload, claims());
      throwsJwt(() => m.verify(tokens[other(alg)].jwt, jwk, at(NAMES)), 'ERR_JOSE_ALG_NOT_ALLOWED', { message: new RegExp(`"${alg}"`) });
      throwsJwt(() => m.verifyJws(tokens[other(alg)].jws, jwk, { algorithms: NAMES }), 'ERR_JOSE_ALG_NOT_ALLOWED');
      // imported, with or without the same alg; the other alg is refused at import
      const key = m.importKey(jwk);
      throwsJwt(() => m.verify(tokens[other(alg)].jwt, key, at(NAMES)), 'ERR_JOSE_ALG_NOT_ALLOWED');
      key.free();
      m.importKey(jwk, alg).free();
      throwsJwt(() => m.importKey(jwk, other(alg)), 'ERR_JOSE_ALG_NOT_ALLOWED');
    });

    test(`in a JWK Set, a key with alg ${alg} is no candidate for an ${other(alg)} token`, () => {
      const set = { keys: [{ ...ed.publicJwk, alg, kid: 'e' }] };
      assert.ok(m.verify(tokens[alg].jwt, set, at(NAMES)));
      throwsJwt(() => m.verify(tokens[other(alg)].jwt, set, at(NAMES)), 'ERR_JWKS_NO_MATCHING_KEY');
      // with one key per name, each token finds its own
      const both = { keys: [{ ...ed.publicJwk, alg: 'EdDSA', kid: 'a' }, { ...ed.publicJwk, alg: 'Ed25519', kid: 'b' }] };
      assert.ok(m.verify(tokens[alg].jwt, both, at(NAMES)));
    });

    test(`importKey(key, "${alg}") binds the key to ${alg}`, () => {
      const key = m.importKey(ed.spki, alg);
      assert.ok(m.verify(tokens[alg].jwt, key, at(NAMES)));
      throwsJwt(() => m.verify(tokens[other(alg)].jwt, key, at(NAMES)), 'ERR_JOSE_ALG_NOT_ALLOWED', { message: /imported for/ });
      key.free();
    });
  }
});

describe('jwtlens/sign signs under either name, as asked', () => {
  for (const alg of NAMES) {
    test(`sign and signJws with alg ${alg}: the header says ${alg}; jwtlens and jose verify it under ${alg} only`, async () => {
      for (const key of [ed.pkcs8, ed.pkcs8v2, ed.privateJwk]) {
        const jwt = s.sign(claims(), key, { alg, issuedAt: NOW - 60 });
        const jws = s.signJws('bytes', key, { alg });
        assert.equal(m.decode(jwt).header.alg, alg);
        assert.deepEqual(m.verify(jwt, ed.spki, at(alg)), { payload: claims(), protectedHeader: { alg, typ: 'JWT' } });
        assert.deepEqual(m.verifyJws(jws, ed.publicJwk, { algorithms: [alg] }).protectedHeader, { alg });
        throwsJwt(() => m.verify(jwt, ed.spki, at(other(alg))), 'ERR_JOSE_ALG_NOT_ALLOWED');
        throwsJwt(() => m.verifyJws(jws, ed.spki, { algorithms: [other(alg)] }), 'ERR_JOSE_ALG_NOT_ALLOWED');
        const joseKey = await jose.importJWK(ed.publicJwk, alg);
        assert.deepEqual((await jose.jwtVerify(jwt, joseKey, { algorithms: [alg], currentDate: new Date(NOW * 1000) })).payload, claims());
        await assert.rejects(jose.jwtVerify(jwt, joseKey, { algorithms: [other(alg)], currentDate: new Date(NOW * 1000) }), (e) => e.code === 'ERR_JOSE_ALG_NOT_ALLOWED');
      }
      // Ed25519 signatures are deterministic: the same as jose's and node:crypto's
      const token = s.signJws('bytes', ed.pkcs8, { alg });
      assert.equal(token, await new jose.CompactSign(Buffer.from('bytes')).setProtectedHeader({ alg }).sign(await jose.importJWK(ed.privateJwk, alg)));
      const input = token.slice(0, token.lastIndexOf('.'));
      assert.ok(crypto.sign(null, Buffer.from(input), ed.pkcs8).equals(Buffer.from(token.split('.')[2], 'base64url')));
    });

    test(`a private JWK with alg ${alg}, or a SigningKey bound to ${alg}, signs ${alg} only`, () => {
      const jwk = { ...ed.privateJwk, alg };
      assert.equal(m.decode(s.sign({}, jwk, { alg })).header.alg, alg);
      throwsJwt(() => s.sign({}, jwk, { alg: other(alg) }), 'ERR_JOSE_ALG_NOT_ALLOWED');
      throwsJwt(() => s.signJws('x', jwk, { alg: other(alg) }), 'ERR_JOSE_ALG_NOT_ALLOWED');
      throwsJwt(() => s.importSigningKey(jwk, other(alg)), 'ERR_JOSE_ALG_NOT_ALLOWED');
      const bound = s.importSigningKey(ed.pkcs8, alg);
      assert.equal(m.decode(s.signJws('{}', bound, { alg })).header.alg, alg);
      throwsJwt(() => s.sign({}, bound, { alg: other(alg) }), 'ERR_JOSE_ALG_NOT_ALLOWED', { message: /imported for/ });
      bound.free();
      // publicJwk keeps the JWK's alg, so the verifier gets the same restriction
      assert.equal(s.publicJwk(jwk).alg, alg);
    });
  }

  test('header.alg must be options.alg: EdDSA and Ed25519 are different names', () => {
    assert.throws(() => s.sign({}, ed.privateJwk, { alg: 'Ed25519', header: { alg: 'EdDSA' } }), TypeError);
    assert.throws(() => s.signJws('x', ed.privateJwk, { alg: 'EdDSA', header: { alg: 'Ed25519' } }), TypeError);
  });

  test('generateKeyPair("Ed25519"): both JWKs carry alg Ed25519, so their tokens verify as Ed25519 only', async () => {
    const { privateJwk, publicJwk } = s.generateKeyPair('Ed25519');
    assert.equal(privateJwk.alg, 'Ed25519');
    assert.equal(publicJwk.alg, 'Ed25519');
    assert.equal(publicJwk.kty, 'OKP');
    assert.equal(publicJwk.crv, 'Ed25519');
    assert.equal(publicJwk.kid, await jose.calculateJwkThumbprint(publicJwk, 'sha256'));
    const token = s.sign(claims(), privateJwk, { alg: 'Ed25519', issuedAt: NOW - 60 });
    assert.deepEqual(m.decode(token).header, { alg: 'Ed25519', typ: 'JWT', kid: publicJwk.kid });
    assert.deepEqual(m.verify(token, publicJwk, at(NAMES)).payload, claims());
    throwsJwt(() => s.sign({}, privateJwk, { alg: 'EdDSA' }), 'ERR_JOSE_ALG_NOT_ALLOWED');
    const edToken = s.sign(claims(), { ...privateJwk, alg: undefined }, { alg: 'EdDSA', issuedAt: NOW - 60 });
    throwsJwt(() => m.verify(edToken, publicJwk, at(NAMES)), 'ERR_JOSE_ALG_NOT_ALLOWED');
    // and generateKeyPair("EdDSA") the other way round
    const pair = s.generateKeyPair('EdDSA');
    assert.equal(pair.publicJwk.alg, 'EdDSA');
    throwsJwt(() => m.verify(s.sign(claims(), { ...pair.privateJwk, alg: undefined }, { alg: 'Ed25519' }), pair.publicJwk, at(NAMES)), 'ERR_JOSE_ALG_NOT_ALLOWED');
  });
});

describe('inspect and jwtlens/lite', () => {
  test('inspect: Ed25519 is a known algorithm of the EdDSA family, not alg-unknown', () => {
    for (const entry of [m, lite]) {
      for (const alg of NAMES) {
        const r = entry.inspect(tokens[alg].jwt, { now: NOW });
        assert.equal(r.algorithm.name, alg);
        assert.equal(r.algorithm.family, 'EdDSA');
        assert.ok(!r.findings.some((f) => f.code === 'alg-unknown'), JSON.stringify(r.findings));
      }
      assert.match(entry.inspect(tokens.Ed25519.jwt).algorithm.description, /Ed25519/);
    }
  });

  test('jwtlens/lite: Ed25519, like EdDSA, is ERR_JOSE_NOT_SUPPORTED (HMAC only); the allow-list is checked first', () => {
    for (const alg of NAMES) {
      throwsJwt(() => lite.verify(tokens[alg].jwt, hmacSecret, at(alg)), 'ERR_JOSE_NOT_SUPPORTED');
      throwsJwt(() => lite.verifyJws(tokens[alg].jws, hmacSecret, { algorithms: [alg] }), 'ERR_JOSE_NOT_SUPPORTED');
      throwsJwt(() => lite.verify(tokens[alg].jwt, hmacSecret, at('HS256')), 'ERR_JOSE_ALG_NOT_ALLOWED');
    }
  });
});
