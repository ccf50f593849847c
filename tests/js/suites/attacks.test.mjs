// Known attacks on JWT verifiers, each rejected with the contract's code.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { m, s, jose, NOW, claims, craft, at, b64u, fromB64u, fixtures, hmacSecret, rawSign, joseSign, throwsJwt, throwsType, withFetchSpy } from '../lib/helpers.mjs';

// P-256 / P-384 / P-521 group orders (big-endian hex).
const ORDER = {
  ES256: { n: 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551', size: 32, keys: fixtures.p256 },
  ES384: { n: 'ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973', size: 48, keys: fixtures.p384 },
  ES512: { n: '01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409', size: 66, keys: fixtures.p521 },
};
function fixed(hex, size) {
  assert.match(hex, /^[0-9a-f]+$/);
  assert.ok(hex.length <= size * 2, `${hex} does not fit in ${size} bytes`);
  return Buffer.from(hex.padStart(size * 2, '0'), 'hex');
}
const plusOne = (hex) => (BigInt(`0x${hex}`) + 1n).toString(16);

describe('alg "none"', () => {
  for (const alg of ['none', 'None', 'NONE', 'nOnE', 'NoNe']) {
    test(`alg "${alg}", empty and junk signature: ERR_JOSE_ALG_NOT_ALLOWED whatever the allow-list`, () => {
      const empty = craft({ alg }, claims(), { signWith: 'none' });
      const junk = craft({ alg }, claims(), { signature: 'c2lnbmF0dXJl' });
      for (const token of [empty, junk]) {
        for (const algorithms of [['HS256'], ['none'], [alg], ['none', 'HS256', 'RS256'], ['NONE']]) {
          for (const key of [hmacSecret, fixtures.rsa.spki, { kty: 'oct', k: b64u(hmacSecret) }]) {
            throwsJwt(() => m.verify(token, key, at(algorithms)), 'ERR_JOSE_ALG_NOT_ALLOWED');
          }
          throwsJwt(() => m.verifyJws(token, hmacSecret, { algorithms }), 'ERR_JOSE_ALG_NOT_ALLOWED');
        }
      }
    });
  }
});

describe('allow-list', () => {
  test('an alg not in algorithms is refused before the key is used', async () => {
    throwsJwt(() => m.verify(craft({ alg: 'HS384' }, claims()), hmacSecret, at('HS256')), 'ERR_JOSE_ALG_NOT_ALLOWED');
    const rs512 = await joseSign('RS512', claims());
    const es256 = await joseSign('ES256', claims());
    throwsJwt(() => m.verify(rs512, fixtures.rsa.spki, at(['RS256', 'PS512'])), 'ERR_JOSE_ALG_NOT_ALLOWED');
    throwsJwt(() => m.verify(es256, fixtures.p256.publicJwk, at('EdDSA')), 'ERR_JOSE_ALG_NOT_ALLOWED');
  });

  test('the allow-list is case-sensitive', () => {
    throwsJwt(() => m.verify(craft({ alg: 'HS256' }, claims()), hmacSecret, at('hs256')), 'ERR_JOSE_ALG_NOT_ALLOWED');
    throwsJwt(() => m.verify(craft({ alg: 'hs256' }, claims(), { signWith: 'HS256' }), hmacSecret, at(['HS256', 'hs256'])), ['ERR_JOSE_ALG_NOT_ALLOWED', 'ERR_JOSE_NOT_SUPPORTED']);
  });

  test('a header without alg, or alg not a string: refused', () => {
    for (const header of [{ typ: 'JWT' }, { alg: 256 }, { alg: null }, { alg: ['HS256'] }]) {
      const token = craft(header, claims(), { signWith: 'HS256' });
      throwsJwt(() => m.verify(token, hmacSecret, at('HS256')), ['ERR_JWS_INVALID', 'ERR_JOSE_ALG_NOT_ALLOWED', 'ERR_JWT_INVALID']);
    }
  });
});

describe('algorithm confusion: HS* signed with a public key as the HMAC secret', () => {
  const publicKeys = [
    ['RSA SPKI PEM', fixtures.rsa.spki],
    ['RSA PKCS#1 PEM', fixtures.rsa.pkcs1Public],
    ['RSA certificate PEM', fixtures.rsa.certificate],
    ['EC P-256 SPKI PEM', fixtures.p256.spki],
    ['Ed25519 SPKI PEM', fixtures.ed25519.spki],
  ];
  for (const [label, pem] of publicKeys) {
    for (const alg of ['HS256', 'HS512']) {
      test(`${alg} signed with the ${label} text (with and without the final newline), verified with that PEM`, () => {
        for (const secret of [pem, pem.trimEnd(), pem.replace(/\n/g, '\r\n')]) {
          const token = craft({ alg }, claims(), { key: Buffer.from(secret) });
          throwsJwt(() => m.verify(token, pem, at([alg, 'RS256', 'ES256', 'EdDSA'])), 'ERR_JOSE_ALG_NOT_ALLOWED');
          throwsJwt(() => m.verify(token, secret, at([alg, 'RS256', 'ES256', 'EdDSA'])), 'ERR_JOSE_ALG_NOT_ALLOWED');
        }
      });
    }
  }

  test('HS256 signed with the DER bytes of the RSA / EC key, verified with the PEM', () => {
    for (const keys of [fixtures.rsa, fixtures.p256]) {
      const token = craft({ alg: 'HS256' }, claims(), { key: Buffer.from(keys.spkiDer, 'base64') });
      throwsJwt(() => m.verify(token, keys.spki, at(['HS256', 'RS256'])), 'ERR_JOSE_ALG_NOT_ALLOWED');
      throwsJwt(() => m.verify(token, keys.publicJwk, at(['HS256', 'RS256'])), 'ERR_JOSE_ALG_NOT_ALLOWED');
      const imported = m.importKey(keys.spki);
      throwsJwt(() => m.verify(token, imported, at(['HS256', 'RS256'])), 'ERR_JOSE_ALG_NOT_ALLOWED');
      imported.free();
    }
  });

  test('HS256 signed with an RSA JWK\'s JSON as the secret, verified with that JWK', () => {
    const jwk = fixtures.rsa.publicJwk;
    const token = craft({ alg: 'HS256' }, claims(), { key: Buffer.from(JSON.stringify(jwk)) });
    throwsJwt(() => m.verify(token, jwk, at(['HS256', 'RS256'])), 'ERR_JOSE_ALG_NOT_ALLOWED');
  });

  test('the reverse: RS256 token with an HMAC secret or oct JWK is refused', async () => {
    const token = await joseSign('RS256', claims());
    throwsJwt(() => m.verify(token, hmacSecret, at(['HS256', 'RS256'])), 'ERR_JOSE_ALG_NOT_ALLOWED');
    throwsJwt(() => m.verify(token, { kty: 'oct', k: b64u(hmacSecret) }, at(['HS256', 'RS256'])), 'ERR_JOSE_ALG_NOT_ALLOWED');
  });

  test('a PEM that does not parse is ERR_JWK_INVALID, never a secret', () => {
    const lines = fixtures.rsa.pkcs8.split('\n');
    const lineMissing = [...lines.slice(0, 4), ...lines.slice(5)].join('\n'); // the DER lengths no longer add up
    const truncated = fixtures.rsa.spki.slice(0, 200) + '\n-----END PUBLIC KEY-----\n';
    for (const pem of [lineMissing, truncated, '-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n', '-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n', '-----BEGIN']) {
      const token = craft({ alg: 'HS256' }, claims(), { key: Buffer.from(pem) });
      throwsJwt(() => m.verify(token, pem, at(['HS256', 'RS256'])), 'ERR_JWK_INVALID');
      throwsJwt(() => m.importKey(pem), 'ERR_JWK_INVALID');
      throwsJwt(() => s.sign({ sub: 'admin' }, pem, { alg: 'HS256' }), 'ERR_JWK_INVALID');
      throwsJwt(() => s.importSigningKey(pem), 'ERR_JWK_INVALID');
    }
  });

  test('an RSA private key PEM with altered modulus bytes: never a secret; jwtlens/sign refuses it', async () => {
    // Six bytes inside the modulus replaced (the DER still parses). jwtlens reads a private key
    // for its public part only (issue 17), which is now another RSA public key: tokens of the real
    // key do not verify with it, and it is never an HMAC secret. Signing needs the private key,
    // whose parts no longer agree: jwtlens/sign refuses it.
    const altered = fixtures.rsa.pkcs8.replace(/[A-Za-z]{8}\n/, 'AAAAAAAA\n');
    assert.notEqual(altered, fixtures.rsa.pkcs8);
    const forged = craft({ alg: 'HS256' }, claims({ sub: 'admin' }), { key: Buffer.from(altered) });
    throwsJwt(() => m.verify(forged, altered, at(['HS256', 'RS256'])), 'ERR_JOSE_ALG_NOT_ALLOWED', { message: /cannot be used with an RSA key/ });
    const genuine = await joseSign('RS256', claims());
    throwsJwt(() => m.verify(genuine, altered, at('RS256')), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    throwsJwt(() => s.importSigningKey(altered), 'ERR_JWK_INVALID');
    throwsJwt(() => s.sign({ sub: 'admin' }, altered, { alg: 'RS256' }), 'ERR_JWK_INVALID');
  });

  test('a PEM after explanatory text is still a PEM: never an HMAC secret (algorithm confusion)', async () => {
    for (const prefix of ['subject=CN = example\n', 'Bag Attributes\n    localKeyID: 01 02 03\n', ' ', '\ufeff']) {
      const pem = `${prefix}${fixtures.rsa.spki}`;
      // an attacker who knows the public key text signs HS256 with it
      const forged = craft({ alg: 'HS256' }, claims({ sub: 'admin' }), { key: Buffer.from(pem) });
      throwsJwt(() => m.verify(forged, pem, at(['RS256', 'HS256'])), 'ERR_JOSE_ALG_NOT_ALLOWED');
      // and the key works as the RSA key it is
      assert.ok(m.verify(await joseSign('RS256', claims()), pem, at('RS256')));
    }
    const notPem = 'my secret mentions -----BEGIN but has no block, and is long enough';
    throwsJwt(() => m.importKey(notPem), 'ERR_JWK_INVALID');
  });
});

describe('key material as bytes or JSON text is never an HMAC secret (issue 14 §2)', () => {
  // The audit's rows: a PEM read with fs.readFileSync (a Buffer), TextEncoder bytes of the PEM,
  // DER SPKI bytes, and JSON.stringify(publicJwk). An attacker who knows the public key forges an
  // HS256 token with exactly those bytes as the secret.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwtlens-confusion-'));
  const keySets = [['RSA', fixtures.rsa, 'RS256'], ['P-256', fixtures.p256, 'ES256'], ['Ed25519', fixtures.ed25519, 'EdDSA']];
  const forms = [];
  for (const [name, keys, alg] of keySets) {
    for (const [pemName, pem] of [['SPKI', keys.spki], ['certificate', keys.certificate], ['PKCS#8', keys.pkcs8]]) {
      const file = path.join(dir, `${name}-${pemName.replace(/\W/g, '')}.pem`);
      fs.writeFileSync(file, pem);
      // node:crypto writes an Ed25519 PKCS#8 key without its public key, which jwtlens then
      // refuses (it verifies with public keys only, issue 17)
      const flags = { pem: true, private: pemName === 'PKCS#8', noPublicPart: pemName === 'PKCS#8' && name === 'Ed25519' };
      forms.push({ label: `${name} ${pemName} PEM from readFileSync`, keys, alg, input: fs.readFileSync(file), ...flags });
      forms.push({ label: `${name} ${pemName} PEM as TextEncoder bytes`, keys, alg, input: new TextEncoder().encode(pem), ...flags });
    }
    forms.push({ label: `${name} DER SPKI bytes`, keys, alg, input: Buffer.from(keys.spkiDer, 'base64'), pem: false });
    forms.push({ label: `${name} DER SPKI as a Uint8Array`, keys, alg, input: new Uint8Array(Buffer.from(keys.spkiDer, 'base64')), pem: false });
    forms.push({ label: `${name} JSON.stringify(publicJwk)`, keys, alg, input: JSON.stringify(keys.publicJwk), pem: false });
    forms.push({ label: `${name} JSON.stringify(publicJwk) as bytes`, keys, alg, input: Buffer.from(JSON.stringify(keys.publicJwk)), pem: false });
    forms.push({ label: `${name} JWKS as JSON text`, keys, alg, input: JSON.stringify({ keys: [keys.publicJwk] }), pem: false });
    forms.push({ label: `${name} SPKI base64 body without armour`, keys, alg, input: keys.spki.split('\n').filter((l) => l && !l.startsWith('-----')).join('\n'), pem: false });
  }

  for (const { label, keys, alg, input, pem, private: isPrivate, noPublicPart } of forms) {
    test(`${label}: verify, verifyJws, importKey, sign and importSigningKey never use it as a secret`, async () => {
      const secret = typeof input === 'string' ? Buffer.from(input) : Buffer.from(input);
      const forged = craft({ alg: 'HS256' }, claims({ sub: 'admin' }), { key: secret });
      const algorithms = ['HS256', alg];
      if (noPublicPart) {
        // read as that PEM, which jwtlens refuses: verifying needs the public key
        for (const f of [() => m.verify(forged, input, at(algorithms)), () => m.verifyJws(forged, input, { algorithms }), () => m.importKey(input), () => m.importKey(input, 'HS256')]) {
          throwsJwt(f, 'ERR_JWK_INVALID', { message: /pass the public key/ });
        }
      } else {
        const expected = pem ? 'ERR_JOSE_ALG_NOT_ALLOWED' : 'ERR_JWK_INVALID';
        throwsJwt(() => m.verify(forged, input, at(algorithms)), expected);
        throwsJwt(() => m.verifyJws(forged, input, { algorithms }), expected);
      }
      if (pem && !noPublicPart) {
        // bytes holding a PEM are read as that PEM: the key verifies its own tokens
        const key = m.importKey(input);
        throwsJwt(() => m.verify(forged, key, at(algorithms)), 'ERR_JOSE_ALG_NOT_ALLOWED');
        const genuine = await joseSign(alg, claims());
        assert.equal(m.verify(genuine, key, at(alg)).payload.sub, 'user-42');
        assert.equal(m.verify(genuine, input, at(alg)).payload.sub, 'user-42');
        throwsJwt(() => m.importKey(input, 'HS256'), 'ERR_JOSE_ALG_NOT_ALLOWED');
        key.free();
      } else if (!pem) {
        throwsJwt(() => m.importKey(input), 'ERR_JWK_INVALID', { message: /never used as an HMAC secret/ });
        throwsJwt(() => m.importKey(input, 'HS256'), 'ERR_JWK_INVALID');
      }
      // and jwtlens/sign never makes an HS256 token with it
      if (!pem) {
        throwsJwt(() => s.sign({ sub: 'admin' }, input, { alg: 'HS256' }), 'ERR_JWK_INVALID');
        throwsJwt(() => s.importSigningKey(input), 'ERR_JWK_INVALID', { message: /never used as an HMAC secret/ });
        throwsJwt(() => s.importSigningKey(input, 'HS256'), 'ERR_JWK_INVALID');
      } else if (isPrivate) {
        throwsJwt(() => s.sign({ sub: 'admin' }, input, { alg: 'HS256' }), 'ERR_JOSE_ALG_NOT_ALLOWED', { message: /cannot be used with an? (RSA|EC|Ed25519) key/ });
        throwsJwt(() => s.importSigningKey(input, 'HS256'), 'ERR_JOSE_ALG_NOT_ALLOWED');
        // it signs as the private key it is
        const token = s.sign({ sub: 'u', exp: NOW + 60 }, input, { alg });
        assert.equal(m.verify(token, keys.spki, at(alg)).payload.sub, 'u');
      } else {
        // a public key: refused before its algorithm is looked at
        throwsType(() => s.sign({ sub: 'admin' }, input, { alg: 'HS256' }), /cannot sign: pass the private key/);
        throwsType(() => s.importSigningKey(input), /cannot sign: pass the private key/);
      }
    });
  }

  test('a private key PEM read with readFileSync signs as that key, never as a secret', () => {
    const file = path.join(dir, 'rsa-private.pem');
    fs.writeFileSync(file, fixtures.rsa.pkcs8);
    const bytes = fs.readFileSync(file);
    const token = s.sign({ sub: 'u', exp: NOW + 60 }, bytes, { alg: 'RS256' });
    assert.equal(m.verify(token, fixtures.rsa.spki, at('RS256')).payload.sub, 'u');
    throwsJwt(() => s.sign({ sub: 'u' }, bytes, { alg: 'HS256' }), 'ERR_JOSE_ALG_NOT_ALLOWED');
    const key = s.importSigningKey(bytes, 'RS256');
    assert.equal(m.verify(s.sign({ sub: 'k', exp: NOW + 60 }, key, { alg: 'RS256' }), fixtures.rsa.spki, at('RS256')).payload.sub, 'k');
    key.free();
  });

  test('a JWK whose key_ops repeats a value is refused by importKey, verify and sign (RFC 7517 §4.3, issue 14 §4)', async () => {
    const token = await joseSign('RS256', claims());
    for (const key_ops of [['verify', 'verify'], ['sign', 'verify', 'sign']]) {
      const jwk = { ...fixtures.rsa.publicJwk, key_ops };
      throwsJwt(() => m.importKey(jwk), 'ERR_JWK_INVALID', { message: /repeats/ });
      throwsJwt(() => m.verify(token, jwk, at('RS256')), 'ERR_JWK_INVALID');
      throwsJwt(() => s.sign({ sub: 'u' }, { ...fixtures.rsa.privateJwk, key_ops }, { alg: 'RS256' }), 'ERR_JWK_INVALID');
      throwsJwt(() => s.importSigningKey({ ...fixtures.rsa.privateJwk, key_ops }), 'ERR_JWK_INVALID', { message: /repeats/ });
    }
    assert.equal(m.verify(token, { ...fixtures.rsa.publicJwk, key_ops: ['verify'] }, at('RS256')).payload.sub, 'user-42');
  });

  test('ordinary secrets, text or bytes, still work', () => {
    for (const secret of [hmacSecret, fixtures.secrets.hmacText, Buffer.from(fixtures.secrets.hmacText), 'MIIBsecret' + 'x'.repeat(40), '{"note":"json but not a jwk","pad":"xxxxxxxxxxxxxxxx"}']) {
      const token = s.sign({ sub: 'u', exp: NOW + 60 }, secret, { alg: 'HS256' });
      assert.equal(m.verify(token, secret, at('HS256')).payload.sub, 'u');
    }
  });
});

describe('embedded keys and key URLs in the header are never trusted', () => {
  test('a header jwk that signed the token is not used (CVE-2018-0114)', async () => {
    const attacker = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = attacker.publicKey.export({ format: 'jwk' });
    const token = craft({ alg: 'ES256', jwk }, claims({ sub: 'admin' }), { key: attacker.privateKey });
    throwsJwt(() => m.verify(token, fixtures.p256.spki, at('ES256')), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    throwsJwt(() => m.verify(token, { keys: [fixtures.p256.publicJwk] }, at('ES256')), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    // with an RSA key set there is no ES256 candidate at all: the header jwk does not become one
    throwsJwt(() => m.verify(token, { keys: [fixtures.rsa.publicJwk] }, at('ES256')), 'ERR_JWKS_NO_MATCHING_KEY');
  });

  test('a header x5c is not used', async () => {
    const token = craft({ alg: 'RS256', x5c: [fixtures.rsaOther.certificate.replace(/-----[^-]+-----|\n/g, '')] }, claims(), { key: fixtures.rsaOther.pkcs8 });
    throwsJwt(() => m.verify(token, fixtures.rsa.spki, at('RS256')), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  test('jku / x5u are never fetched (fetch is a spy); a valid token with them still verifies with the given key', () => {
    const headers = [
      { jku: 'https://attacker.example/jwks.json' },
      { x5u: 'https://attacker.example/cert.pem' },
      { jku: 'http://169.254.169.254/latest/meta-data/', kid: 'k' },
    ];
    const calls = withFetchSpy(() => {
      for (const h of headers) {
        const legit = craft({ alg: 'RS256', ...h }, claims(), { key: fixtures.rsa.pkcs8 });
        assert.deepEqual(m.verify(legit, fixtures.rsa.spki, at('RS256')).protectedHeader, { alg: 'RS256', ...h });
        const forged = craft({ alg: 'RS256', ...h }, claims({ sub: 'admin' }), { key: fixtures.rsaOther.pkcs8 });
        throwsJwt(() => m.verify(forged, fixtures.rsa.spki, at('RS256')), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
        m.decode(forged);
      }
    });
    assert.equal(calls.length, 0, `fetch was called: ${JSON.stringify(calls)}`);
  });
});

describe('ECDSA signature values (CVE-2022-21449 and friends)', () => {
  for (const [alg, { n, size, keys }] of Object.entries(ORDER)) {
    const zero = Buffer.alloc(size);
    const one = fixed('1', size);
    const good = craft({ alg }, claims(), { key: keys.pkcs8 });
    const sig = fromB64u(good.split('.')[2]);
    const r = sig.subarray(0, size);
    const s = sig.subarray(size);
    const withSig = (bytes) => `${good.split('.').slice(0, 2).join('.')}.${b64u(bytes)}`;
    const variants = [
      ['r = s = 0 (psychic signature)', Buffer.concat([zero, zero])],
      ['r = 0', Buffer.concat([zero, s])],
      ['s = 0', Buffer.concat([r, zero])],
      ['r = n', Buffer.concat([fixed(n, size), s])],
      ['s = n', Buffer.concat([r, fixed(n, size)])],
      ['r = n + 1', Buffer.concat([fixed(plusOne(n), size), s])],
      ['s = n + 1', Buffer.concat([r, fixed(plusOne(n), size)])],
      ['r = s = 1', Buffer.concat([one, one])],
      ['all bits set', Buffer.alloc(2 * size, 0xff)],
    ];
    test(`${alg}: the untouched signature verifies, and n is the group order (node:crypto accepts (r, n - s))`, () => {
      assert.ok(m.verify(good, keys.spki, at(alg)));
      assert.equal(n.length, 2 * size);
      const flipped = (BigInt(`0x${n}`) - BigInt(`0x${s.toString('hex')}`)).toString(16);
      const input = Buffer.from(good.split('.').slice(0, 2).join('.'));
      const hash = { ES256: 'sha256', ES384: 'sha384', ES512: 'sha512' }[alg];
      assert.ok(crypto.verify(hash, input, { key: keys.spki, dsaEncoding: 'ieee-p1363' }, Buffer.concat([r, fixed(flipped, size)])));
    });
    for (const [label, bytes] of variants) {
      test(`${alg}: ${label} → ERR_JWS_SIGNATURE_VERIFICATION_FAILED`, () => {
        assert.equal(bytes.length, 2 * size);
        throwsJwt(() => m.verify(withSig(bytes), keys.spki, at(alg)), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
        throwsJwt(() => m.verify(withSig(bytes), keys.publicJwk, at(alg)), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
      });
    }
    test(`${alg}: s replaced by n - s (the other valid-looking s) is handled like any other signature`, () => {
      // n - s is a valid ECDSA signature too (malleability); accepting it is allowed, a trap is not
      const other = (BigInt(`0x${n}`) - BigInt(`0x${s.toString('hex')}`)).toString(16);
      try {
        m.verify(withSig(Buffer.concat([r, fixed(other, size)])), keys.spki, at(alg));
      } catch (e) {
        assert.ok(e instanceof m.JwtError, `${e && e.name}: ${e && e.message}`);
        assert.equal(e.code, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
      }
    });
    test(`${alg}: a DER-encoded signature is refused (ERR_JWS_INVALID: wrong length)`, () => {
      const der = crypto.sign(alg === 'ES256' ? 'sha256' : alg === 'ES384' ? 'sha384' : 'sha512', Buffer.from(good.split('.').slice(0, 2).join('.')), { key: keys.pkcs8, dsaEncoding: 'der' });
      assert.notEqual(der.length, 2 * size);
      throwsJwt(() => m.verify(withSig(der), keys.spki, at(alg)), 'ERR_JWS_INVALID');
    });
    test(`${alg}: signatures one byte short / long / doubled / empty → ERR_JWS_INVALID`, () => {
      for (const bytes of [sig.subarray(1), Buffer.concat([sig, Buffer.from([0])]), Buffer.concat([Buffer.from([0]), sig]), Buffer.concat([sig, sig]), sig.subarray(0, size)]) {
        throwsJwt(() => m.verify(withSig(bytes), keys.spki, at(alg)), 'ERR_JWS_INVALID');
      }
    });
  }
});

describe('signature lengths for the other families', () => {
  test('HMAC, RSA and EdDSA signatures of the wrong length → ERR_JWS_INVALID', () => {
    const cases = [
      ['HS256', hmacSecret, 32],
      ['HS512', hmacSecret, 64],
      ['RS256', fixtures.rsa.spki, 256],
      ['PS256', fixtures.rsa.spki, 256],
      ['EdDSA', fixtures.ed25519.spki, 64],
    ];
    for (const [alg, key] of cases) {
      const good = craft({ alg }, claims());
      const [h, p, s] = good.split('.');
      const sig = fromB64u(s);
      for (const bytes of [sig.subarray(0, sig.length - 1), Buffer.concat([sig, Buffer.from([1])]), sig.subarray(0, 16)]) {
        throwsJwt(() => m.verify(`${h}.${p}.${b64u(bytes)}`, key, at(alg)), 'ERR_JWS_INVALID');
      }
    }
  });

  test('an empty signature → ERR_JWS_INVALID for every algorithm', () => {
    const cases = [
      ['HS256', hmacSecret], ['HS384', hmacSecret], ['HS512', hmacSecret],
      ['RS256', fixtures.rsa.spki], ['PS512', fixtures.rsa.spki],
      ['ES256', fixtures.p256.spki], ['ES384', fixtures.p384.spki], ['ES512', fixtures.p521.spki],
      ['EdDSA', fixtures.ed25519.spki],
    ];
    for (const [alg, key] of cases) {
      const token = craft({ alg }, claims(), { signature: '' });
      assert.ok(token.endsWith('.'));
      throwsJwt(() => m.verify(token, key, at(alg)), 'ERR_JWS_INVALID');
      throwsJwt(() => m.verifyJws(token, key, { algorithms: [alg] }), 'ERR_JWS_INVALID');
    }
  });
});

describe('JWK alg and key type must fit the token', () => {
  test('a JWK whose alg differs from the token\'s: ERR_JOSE_ALG_NOT_ALLOWED', async () => {
    const token = await joseSign('RS256', claims());
    throwsJwt(() => m.verify(token, { ...fixtures.rsa.publicJwk, alg: 'RS512' }, at(['RS256', 'RS512'])), 'ERR_JOSE_ALG_NOT_ALLOWED');
    throwsJwt(() => m.verify(token, { ...fixtures.rsa.publicJwk, alg: 'PS256' }, at(['RS256', 'PS256'])), 'ERR_JOSE_ALG_NOT_ALLOWED');
    const hs = craft({ alg: 'HS384' }, claims());
    throwsJwt(() => m.verify(hs, { kty: 'oct', k: b64u(hmacSecret), alg: 'HS256' }, at(['HS256', 'HS384'])), 'ERR_JOSE_ALG_NOT_ALLOWED');
  });

  test('importKey(input, alg) pins the algorithm even when the allow-list has more', async () => {
    const rs256 = await joseSign('RS256', claims());
    const ps256 = await joseSign('PS256', claims());
    const key = m.importKey(fixtures.rsa.spki, 'PS256');
    throwsJwt(() => m.verify(rs256, key, at(['RS256', 'PS256'])), 'ERR_JOSE_ALG_NOT_ALLOWED');
    assert.ok(m.verify(ps256, key, at(['RS256', 'PS256'])));
    key.free();
  });

  test('an RSA key under the id-RSASSA-PSS OID verifies PS* only (as jose and WebCrypto)', async () => {
    // the fixture's SPKI with rsaEncryption + NULL params relabelled id-RSASSA-PSS + empty params
    const der = Buffer.from(fixtures.rsa.spki.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const from = Buffer.from('2a864886f70d0101010500', 'hex');
    const at0 = der.indexOf(from);
    assert.ok(at0 > 0);
    Buffer.from('2a864886f70d01010a3000', 'hex').copy(der, at0);
    const pem = `-----BEGIN PUBLIC KEY-----\n${der.toString('base64').match(/.{1,64}/g).join('\n')}\n-----END PUBLIC KEY-----\n`;
    assert.equal(crypto.createPublicKey(pem).asymmetricKeyType, 'rsa-pss');
    const rs256 = await joseSign('RS256', claims());
    const ps256 = await joseSign('PS256', claims());
    assert.ok(m.verify(ps256, pem, at('PS256')));
    throwsJwt(() => m.verify(rs256, pem, at(['RS256', 'PS256'])), 'ERR_JOSE_ALG_NOT_ALLOWED', { message: /RSA-PSS/ });
    throwsJwt(() => m.importKey(pem, 'RS256'), 'ERR_JOSE_ALG_NOT_ALLOWED');
    await assert.rejects(jose.importSPKI(pem, 'RS256'));
    // the same key under rsaEncryption serves both
    assert.ok(m.verify(rs256, fixtures.rsa.spki, at('RS256')));
    assert.ok(m.verify(ps256, fixtures.rsa.spki, at('PS256')));
  });

  test('an EC key on the wrong curve for the alg: ERR_JOSE_ALG_NOT_ALLOWED', () => {
    const es256 = craft({ alg: 'ES256' }, claims());
    throwsJwt(() => m.verify(es256, fixtures.p384.spki, at('ES256')), 'ERR_JOSE_ALG_NOT_ALLOWED');
    throwsJwt(() => m.verify(es256, fixtures.p521.publicJwk, at('ES256')), 'ERR_JOSE_ALG_NOT_ALLOWED');
  });

  test('an ES256 token relabelled ES384 and verified with a P-384 key: wrong signature length', () => {
    const es256 = craft({ alg: 'ES256' }, claims());
    const [, p, s] = es256.split('.');
    const relabelled = `${b64u(JSON.stringify({ alg: 'ES384' }))}.${p}.${s}`;
    throwsJwt(() => m.verify(relabelled, fixtures.p384.spki, at(['ES256', 'ES384'])), 'ERR_JWS_INVALID');
  });

  test('an Ed25519 key is not an ECDSA key, an EC key is not an RSA key', async () => {
    throwsJwt(() => m.verify(craft({ alg: 'ES256' }, claims()), fixtures.ed25519.spki, at(['ES256', 'EdDSA'])), 'ERR_JOSE_ALG_NOT_ALLOWED');
    const rs256 = await joseSign('RS256', claims());
    throwsJwt(() => m.verify(rs256, fixtures.p256.spki, at(['RS256', 'ES256'])), 'ERR_JOSE_ALG_NOT_ALLOWED');
  });
});

describe('crit and b64', () => {
  const token = (header) => craft({ alg: 'HS256', ...header }, claims());
  test('crit with an unknown name: ERR_JWS_INVALID', () => {
    throwsJwt(() => m.verify(token({ crit: ['x-unknown'], 'x-unknown': 1 }), hmacSecret, at('HS256')), 'ERR_JWS_INVALID');
    throwsJwt(() => m.verify(token({ crit: ['x-unknown'], 'x-unknown': 1 }), hmacSecret, at('HS256', { crit: { 'x-other': true } })), 'ERR_JWS_INVALID');
  });
  test('crit listing registered header names: ERR_JWS_INVALID even when the caller "understands" them', () => {
    for (const name of ['alg', 'kid', 'typ', 'exp']) {
      const h = name === 'alg' ? { crit: ['alg'] } : { crit: [name], [name]: 'v' };
      const crit = { [name]: true };
      if (name === 'exp') {
        // "exp" is not a registered *header* parameter: understood, it is fine
        assert.ok(m.verify(token(h), hmacSecret, at('HS256', { crit })));
      } else {
        throwsJwt(() => m.verify(token(h), hmacSecret, at('HS256', { crit })), 'ERR_JWS_INVALID');
      }
    }
  });
  test('crit that is empty, not an array, or names a parameter absent from the header: ERR_JWS_INVALID', () => {
    for (const h of [{ crit: [] }, { crit: 'x' }, { crit: [1] }, { crit: ['x'] }, { crit: null }]) {
      throwsJwt(() => m.verify(token(h), hmacSecret, at('HS256', { crit: { x: true } })), 'ERR_JWS_INVALID');
    }
  });
  test('crit understood: accepted', () => {
    const r = m.verify(token({ crit: ['x'], x: { a: 1 } }), hmacSecret, at('HS256', { crit: { x: true } }));
    assert.deepEqual(r.protectedHeader, { alg: 'HS256', crit: ['x'], x: { a: 1 } });
    assert.ok(m.verifyJws(token({ crit: ['x'], x: 1 }), hmacSecret, { algorithms: ['HS256'], crit: { x: true } }));
  });
  test('b64 (RFC 7797) is refused whatever crit says', () => {
    for (const h of [{ b64: false, crit: ['b64'] }, { b64: false }, { b64: true }, { b64: true, crit: ['b64'] }]) {
      for (const crit of [undefined, { b64: true }]) {
        const opts = crit ? at('HS256', { crit }) : at('HS256');
        throwsJwt(() => m.verify(token(h), hmacSecret, opts), 'ERR_JWS_INVALID');
        throwsJwt(() => m.verifyJws(token(h), hmacSecret, { algorithms: ['HS256'], ...(crit ? { crit } : {}) }), 'ERR_JWS_INVALID');
      }
    }
  });
  test('b64:false with the payload signed unencoded is still refused', () => {
    const h = b64u(JSON.stringify({ alg: 'HS256', b64: false, crit: ['b64'] }));
    const payload = '{"sub":"admin","exp":4102444800}';
    const sig = b64u(rawSign('HS256', `${h}.${payload}`, hmacSecret));
    throwsJwt(() => m.verifyJws(`${h}..${sig}`, hmacSecret, { algorithms: ['HS256'], crit: { b64: true } }), 'ERR_JWS_INVALID');
  });
});

describe('parsing tricks', () => {
  test('duplicate alg in the header ("HS256" then "none"): ERR_JWT_INVALID', () => {
    const token = craft('{"alg":"HS256","alg":"none"}', claims(), { signWith: 'HS256' });
    throwsJwt(() => m.verify(token, hmacSecret, at('HS256')), 'ERR_JWT_INVALID');
    throwsJwt(() => m.decode(token), 'ERR_JWT_INVALID');
  });
  test('duplicate claim in the payload (exp twice): ERR_JWT_INVALID', () => {
    const token = craft({ alg: 'HS256' }, `{"sub":"a","exp":${NOW - 10},"exp":${NOW + 3600}}`);
    throwsJwt(() => m.verify(token, hmacSecret, at('HS256')), 'ERR_JWT_INVALID');
  });
  test('a second signature segment, or a JWE-shaped token: ERR_JWT_INVALID', () => {
    const good = craft({ alg: 'HS256' }, claims());
    throwsJwt(() => m.verify(`${good}.${good.split('.')[2]}`, hmacSecret, at('HS256')), 'ERR_JWT_INVALID');
    throwsJwt(() => m.verify(`${b64u('{"alg":"dir","enc":"A256GCM"}')}..aXY.Y2lwaGVy.dGFn`, hmacSecret, at('HS256')), 'ERR_JWT_INVALID');
  });
  test('non-canonical base64url (padding, +, /, trailing bits, whitespace): ERR_JWT_INVALID', () => {
    const good = craft({ alg: 'HS256' }, claims());
    const [h, p, s] = good.split('.');
    // the signature's last character carries 2 unused bits: setting one makes it non-canonical
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(s.at(-1));
    const nonCanonical = s.slice(0, -1) + alphabet[last | 1];
    assert.equal(fromB64u(nonCanonical).toString('hex'), fromB64u(s).toString('hex'), 'decodes to the same bytes leniently');
    for (const token of [`${h}=.${p}.${s}`, `${h}.${p}.${s}=`, `${h}.${p}.${nonCanonical}`, `${h}.${p.replace(/-/g, '+').replace(/_/g, '/')}x.${s}`, `${h}.${p} .${s}`, `${h}.${p}.${s.slice(0, 10)}\n${s.slice(10)}`]) {
      if (token === `${h}.${p}.${s}`) continue;
      throwsJwt(() => m.verify(token, hmacSecret, at('HS256')), 'ERR_JWT_INVALID');
    }
  });
  test('deeply nested JSON: 64 levels verify, 65 are ERR_JWT_INVALID, 90000 do not crash', () => {
    // the object is level 1, each array one more
    const nest = (levels) => `{"exp":${NOW + 3600},"n":${'['.repeat(levels - 1)}1${']'.repeat(levels - 1)}}`;
    const ok = craft({ alg: 'HS256' }, nest(64));
    assert.ok(m.verify(ok, hmacSecret, at('HS256')));
    throwsJwt(() => m.verify(craft({ alg: 'HS256' }, nest(65)), hmacSecret, at('HS256')), 'ERR_JWT_INVALID');
    throwsJwt(() => m.decode(craft({ alg: 'HS256' }, nest(90000))), 'ERR_JWT_INVALID');
    throwsJwt(() => m.verify(craft({ alg: 'HS256' }, nest(60000)), hmacSecret, at('HS256', { maxTokenBytes: 1 << 20 })), 'ERR_JWT_INVALID');
    // still alive afterwards
    assert.ok(m.verify(ok, hmacSecret, at('HS256')));
  });
  test('invalid UTF-8 in the payload: ERR_JWT_INVALID', () => {
    const token = craft({ alg: 'HS256' }, Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    throwsJwt(() => m.verify(token, hmacSecret, at('HS256', { requiredClaims: [] })), 'ERR_JWT_INVALID');
  });
  test('a lone surrogate escape in a claim: ERR_JWT_INVALID', () => {
    const token = craft({ alg: 'HS256' }, `{"exp":${NOW + 3600},"x":"\\ud800"}`);
    throwsJwt(() => m.verify(token, hmacSecret, at('HS256')), 'ERR_JWT_INVALID');
  });
});
