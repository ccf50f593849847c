// The three entries together (issue 17): jwtlens and jwtlens/lite keep sign, generateKeyPair,
// generateSecret and toPem as stubs that throw a TypeError naming jwtlens/sign; a Key (which
// verifies) given to jwtlens/sign and a SigningKey (which signs) given to jwtlens or jwtlens/lite
// are TypeErrors naming the right function; there is one JwtError class, so `instanceof JwtError`
// holds whichever entry threw.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { m, s, lite, NOW, at, claims, craft, fixtures, hmacSecret, throwsJwt, throwsType } from '../lib/helpers.mjs';

const MOVED = ['sign', 'generateKeyPair', 'generateSecret', 'toPem'];
const ENTRIES = [['jwtlens', m], ['jwtlens/lite', lite]];

describe('the signing functions in jwtlens and jwtlens/lite are stubs that name jwtlens/sign', () => {
  for (const [label, entry] of ENTRIES) {
    for (const name of MOVED) {
      test(`${label}: ${name}() throws a TypeError naming jwtlens/sign and ${name}, whatever the arguments`, () => {
        assert.equal(typeof entry[name], 'function');
        assert.equal(entry[name].name, name);
        const calls = [
          () => entry[name](),
          () => entry.sign({ sub: 's' }, hmacSecret, { alg: 'HS256' }),
          () => entry.generateKeyPair('ES256'),
          () => entry.generateSecret('HS256'),
          () => entry.toPem(fixtures.p256.publicJwk),
          () => entry[name](undefined, null, 42),
        ].filter((_, i) => i === 0 || i === 5 || MOVED[i - 1] === name);
        for (const call of calls) {
          const e = throwsType(call, /jwtlens\/sign/);
          assert.match(e.message, new RegExp(`\\b${name}\\b`));
          assert.match(e.message, new RegExp(`import \\{ ${name} \\} from 'jwtlens/sign'`));
        }
      });
    }
  }

  test('the stubs do nothing else: no token, no key, the entry keeps working', () => {
    for (const [, entry] of ENTRIES) {
      for (const name of MOVED) throwsType(() => entry[name]({ sub: 's' }, hmacSecret, { alg: 'HS256' }));
      const token = craft({ alg: 'HS256' }, claims());
      assert.equal(entry.verify(token, hmacSecret, at('HS256')).payload.sub, 'user-42');
    }
  });

  test('jwtlens/sign has the real functions, under the same names', () => {
    for (const name of MOVED) assert.notEqual(s[name], m[name]);
    const token = s.sign({ sub: 's', exp: NOW + 60 }, hmacSecret, { alg: 'HS256' });
    assert.equal(m.verify(token, hmacSecret, at('HS256')).payload.sub, 's');
    assert.equal(s.generateKeyPair('ES256').publicJwk.crv, 'P-256');
    assert.equal(s.generateSecret('HS512').length, 64);
    assert.equal(s.toPem(fixtures.p256.publicJwk), fixtures.p256.spki);
  });
});

describe('a Key and a SigningKey are not interchangeable', () => {
  test('a Key (jwtlens or jwtlens/lite) given to sign, signJws, publicJwk or importSigningKey: TypeError naming importSigningKey()', () => {
    const keys = [
      ['jwtlens Key of a secret', m.importKey(hmacSecret), 'HS256'],
      ['jwtlens Key of a private JWK', m.importKey(fixtures.p256.privateJwk), 'ES256'],
      ['jwtlens Key of a private PEM', m.importKey(fixtures.rsa.pkcs8), 'RS256'],
      ['jwtlens Key of a JWKS', m.importKey({ keys: [fixtures.ed25519.publicJwk] }), 'EdDSA'],
      ['jwtlens/lite Key', lite.importKey(hmacSecret, 'HS256'), 'HS256'],
    ];
    for (const [label, key, alg] of keys) {
      for (const call of [() => s.sign({}, key, { alg }), () => s.signJws('x', key, { alg }), () => s.publicJwk(key), () => s.importSigningKey(key), () => s.importSigningKey(key, alg)]) {
        const e = throwsType(call, /importSigningKey\(\) from jwtlens\/sign/);
        assert.match(e.message, /Key from importKey\(\)/, label);
      }
      key.free();
      // a freed Key is still a Key: the same advice
      throwsType(() => s.sign({}, key, { alg }), /importSigningKey/);
    }
  });

  test('a SigningKey given to verify, verifyJws or importKey (jwtlens or jwtlens/lite): TypeError naming importKey() and publicJwk()', () => {
    const token = craft({ alg: 'HS256' }, claims());
    for (const [input, alg] of [[hmacSecret, 'HS256'], [fixtures.ed25519.privateJwk, 'EdDSA'], [fixtures.p256.sec1NoPublic, 'ES256']]) {
      const key = s.importSigningKey(input);
      for (const [label, entry] of ENTRIES) {
        for (const call of [() => entry.verify(token, key, at(alg)), () => entry.verifyJws(token, key, { algorithms: [alg] }), () => entry.importKey(key), () => entry.importKey(key, alg)]) {
          const e = throwsType(call, /SigningKey from jwtlens\/sign/);
          assert.match(e.message, /publicJwk\(\)/, label);
          assert.match(e.message, /importKey\(\)/, label);
        }
      }
      key.free();
      throwsType(() => m.verify(token, key, at(alg)), /SigningKey/);
    }
  });

  test('a SigningKey is not a secret for inspect either: TypeError', () => {
    const key = s.importSigningKey(fixtures.p256.pkcs8);
    throwsType(() => m.inspect('a.b.c', { secret: key }), /secret/);
    key.free();
  });

  test('the classes are distinct: neither is an instance of the other', () => {
    const key = m.importKey(hmacSecret);
    const signingKey = s.importSigningKey(hmacSecret);
    assert.ok(key instanceof m.Key && key instanceof lite.Key && !(key instanceof s.SigningKey));
    assert.ok(signingKey instanceof s.SigningKey && !(signingKey instanceof m.Key));
    assert.notEqual(s.SigningKey, m.Key);
    key.free();
    signingKey.free();
  });
});

describe('one JwtError class for the three entries', () => {
  /** What `f` throws (it must throw). */
  const thrown = (f) => {
    try {
      f();
    } catch (e) {
      return e;
    }
    assert.fail('expected a throw');
  };

  test('the same class object', () => {
    assert.equal(s.JwtError, m.JwtError);
    assert.equal(lite.JwtError, m.JwtError);
  });

  test('errors thrown by jwtlens, jwtlens/lite and jwtlens/sign are instanceof every entry\'s JwtError', () => {
    const errors = [
      ['jwtlens verify', thrown(() => m.verify('a.b', hmacSecret, at('HS256'))), 'ERR_JWT_INVALID'],
      ['jwtlens importKey', thrown(() => m.importKey(fixtures.ed25519.pkcs8)), 'ERR_JWK_INVALID'],
      ['jwtlens/lite verify', thrown(() => lite.verify(craft({ alg: 'RS256' }, claims(), { signWith: 'HS256' }), hmacSecret, at('RS256'))), 'ERR_JOSE_NOT_SUPPORTED'],
      ['jwtlens/sign sign', thrown(() => s.sign({}, new Uint8Array(8), { alg: 'HS256' })), 'ERR_JOSE_ALG_NOT_ALLOWED'],
      ['jwtlens/sign signJws', thrown(() => s.signJws('x', hmacSecret, { alg: 'ES256K' })), 'ERR_JOSE_NOT_SUPPORTED'],
      ['jwtlens/sign importSigningKey', thrown(() => s.importSigningKey('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n')), 'ERR_JWK_INVALID'],
      ['jwtlens/sign generateKeyPair', thrown(() => s.generateKeyPair('XYZ')), 'ERR_JOSE_NOT_SUPPORTED'],
      ['jwtlens/sign toPem', thrown(() => s.toPem({ kty: 'EC', crv: 'P-256', x: fixtures.p256.publicJwk.x })), 'ERR_JWK_INVALID'],
    ];
    for (const [label, e, code] of errors) {
      for (const JwtError of [m.JwtError, lite.JwtError, s.JwtError]) assert.ok(e instanceof JwtError, label);
      assert.ok(e instanceof Error, label);
      assert.equal(e.name, 'JwtError', label);
      assert.equal(e.code, code, label);
    }
  });

  test('a TypeError is never a JwtError, whichever entry threw it', () => {
    for (const e of [thrown(() => m.verify(42, hmacSecret, at('HS256'))), thrown(() => lite.decode(null)), thrown(() => s.sign({}, hmacSecret, { alg: 'none' })), thrown(() => s.signJws(42, hmacSecret, { alg: 'HS256' })), thrown(() => m.sign())]) {
      assert.ok(e instanceof TypeError);
      assert.ok(!(e instanceof s.JwtError));
    }
  });

  test('a JwtError made by the caller is one for every entry too', () => {
    const e = new s.JwtError('ERR_JWT_EXPIRED', '"exp" claim timestamp check failed', { claim: 'exp', reason: 'check_failed' });
    assert.ok(e instanceof m.JwtError && e instanceof lite.JwtError);
    assert.deepEqual([e.code, e.claim, e.reason, e.name], ['ERR_JWT_EXPIRED', 'exp', 'check_failed', 'JwtError']);
    throwsJwt(() => {
      throw e;
    }, 'ERR_JWT_EXPIRED', { claim: 'exp', reason: 'check_failed' });
  });
});
