// Every algorithm (EdDSA and its fully-specified name Ed25519 included) × every key form it can be
// given in, each valid (signed by jose) and tampered (payload changed, signature changed, another
// key of the same type); verifyJws over arbitrary bytes for every algorithm; JWKS selection.
// Private key PEMs are here in the forms that carry their public part (issue 17); the ones that do
// not (Ed25519 PKCS#8 v1, SEC1 without the point) are refused: private-keys.test.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {
  m, jose, NOW, ALGS, ALG_NAMES, claims, at, b64u, fromB64u, fixtures, hmacSecret, hmacOther, keySetFor, joseSign, craft, throwsJwt,
} from '../lib/helpers.mjs';

const hmacText = fixtures.secrets.hmacText;
const otherSetFor = (alg) => ({ rsa: fixtures.rsaOther, p256: fixtures.p256Other, ed25519: fixtures.ed25519Other })[ALGS[alg].key];

/** Key forms per algorithm: [label, key input, key input of a different key of the same kind | null]. */
function keyForms(alg) {
  const { family } = ALGS[alg];
  if (family === 'HMAC') {
    const oct = (s) => ({ kty: 'oct', k: b64u(s) });
    return [
      ['secret string (UTF-8)', hmacText, `${hmacText}x`, { textSecret: true }],
      ['Uint8Array', new Uint8Array(hmacSecret), new Uint8Array(hmacOther)],
      ['Buffer', Buffer.from(hmacSecret), Buffer.from(hmacOther)],
      ['oct JWK', oct(hmacSecret), oct(hmacOther)],
      ['oct JWK with alg', { ...oct(hmacSecret), alg }, { ...oct(hmacOther), alg }],
      ['JWKS of one oct key', { keys: [oct(hmacSecret)] }, { keys: [oct(hmacOther)] }],
      ['importKey(bytes)', () => m.importKey(hmacSecret), () => m.importKey(hmacOther)],
      [`importKey(bytes, ${alg})`, () => m.importKey(hmacSecret, alg), () => m.importKey(hmacOther, alg)],
      ['importKey(oct JWK)', () => m.importKey(oct(hmacSecret)), () => m.importKey(oct(hmacOther))],
    ];
  }
  const k = keySetFor(alg);
  const o = otherSetFor(alg);
  const forms = [
    ['PEM SPKI', k.spki, o?.spki],
    ['X.509 certificate PEM', k.certificate, o?.certificate],
    k.pkcs8v2
      ? ['private key PEM (PKCS#8 v2, with its public key)', k.pkcs8v2, o?.pkcs8v2]
      : ['private key PEM (PKCS#8, with its public part)', k.pkcs8, o?.pkcs8],
    ['public JWK', k.publicJwk, o?.publicJwk],
    ['public JWK with alg, use, key_ops', { ...k.publicJwk, alg, use: 'sig', key_ops: ['verify'] }, o && { ...o.publicJwk, alg }],
    ['private JWK (private members ignored)', k.privateJwk, o?.privateJwk],
    ['JWKS', { keys: [{ ...k.publicJwk, kid: 'a' }] }, o && { keys: [{ ...o.publicJwk, kid: 'a' }] }],
    ['importKey(PEM)', () => m.importKey(k.spki), o && (() => m.importKey(o.spki))],
    [`importKey(JWK, ${alg})`, () => m.importKey(k.publicJwk, alg), o && (() => m.importKey(o.publicJwk, alg))],
    ['importKey(JWKS)', () => m.importKey({ keys: [k.publicJwk] }), o && (() => m.importKey({ keys: [o.publicJwk] }))],
  ];
  if (k.pkcs1Public) {
    forms.push(['PEM PKCS#1 "RSA PUBLIC KEY"', k.pkcs1Public, o.pkcs1Public]);
    forms.push(['private key PEM (PKCS#1 "RSA PRIVATE KEY")', k.pkcs1Private, o.pkcs1Private]);
  }
  if (k.sec1) forms.push(['private key PEM (SEC1 "EC PRIVATE KEY" with its public point)', k.sec1, o?.sec1]);
  return forms;
}

// A key form may be a thunk making a Key (importKey); the Key is freed afterwards.
function withKeyInput(input, fn) {
  if (typeof input !== 'function') return fn(input);
  const key = input();
  assert.ok(key instanceof m.Key);
  try {
    return fn(key);
  } finally {
    key.free();
  }
}

function alterPayload(token) {
  const [h, , s] = token.split('.');
  return `${h}.${b64u(JSON.stringify(claims({ sub: 'admin' })))}.${s}`;
}
function alterSignature(token) {
  const [h, p, s] = token.split('.');
  const sig = fromB64u(s);
  sig[Math.floor(sig.length / 2)] ^= 0x01;
  return `${h}.${p}.${b64u(sig)}`;
}

// Tokens are signed up front (jose is asynchronous; node:test suites are declared synchronously).
const payload = claims({ iss: 'https://issuer.example', aud: 'api' });
const signed = {};
for (const alg of ALG_NAMES) {
  const bytes = crypto.randomBytes(257);
  const joseKey = ALGS[alg].family === 'HMAC' ? new Uint8Array(hmacSecret) : await jose.importJWK(keySetFor(alg).privateJwk, alg);
  signed[alg] = {
    token: await joseSign(alg, payload, { header: { typ: 'JWT' } }),
    textToken: ALGS[alg].family === 'HMAC' ? await joseSign(alg, payload, { header: { typ: 'JWT' }, key: new TextEncoder().encode(hmacText) }) : null,
    bytes,
    jws: await new jose.CompactSign(bytes).setProtectedHeader({ alg, cty: 'application/octet-stream' }).sign(joseKey),
    josePublic: ALGS[alg].family === 'HMAC' ? new Uint8Array(hmacSecret) : await jose.importJWK(keySetFor(alg).publicJwk, alg),
  };
}

for (const alg of ALG_NAMES) {
  describe(`${alg}`, () => {
    const { token, textToken } = signed[alg];
    const opts = at(alg, { issuer: 'https://issuer.example', audience: 'api' });

    test('the signature has the algorithm\'s size', () => {
      assert.equal(fromB64u(token.split('.')[2]).length, ALGS[alg].sigBytes);
    });

    for (const [label, good, other, flags = {}] of keyForms(alg)) {
      const t = flags.textSecret ? textToken : token;
      test(`${label}: valid`, () => {
        withKeyInput(good, (key) => {
          const r = m.verify(t, key, opts);
          assert.deepEqual(r, { payload, protectedHeader: { alg, typ: 'JWT' } });
        });
      });
      test(`${label}: payload altered`, () => {
        withKeyInput(good, (key) => throwsJwt(() => m.verify(alterPayload(t), key, opts), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'));
      });
      test(`${label}: signature altered`, () => {
        withKeyInput(good, (key) => throwsJwt(() => m.verify(alterSignature(t), key, opts), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'));
      });
      if (other) {
        test(`${label}: another key of the same kind`, () => {
          withKeyInput(other, (key) => throwsJwt(() => m.verify(t, key, opts), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'));
        });
      }
    }

    test('not in algorithms: ERR_JOSE_ALG_NOT_ALLOWED (whichever key)', () => {
      const others = ALG_NAMES.filter((a) => a !== alg);
      const key = ALGS[alg].family === 'HMAC' ? hmacSecret : keySetFor(alg).spki;
      throwsJwt(() => m.verify(token, key, at(others)), 'ERR_JOSE_ALG_NOT_ALLOWED');
    });

    test('verifyJws: any bytes as the payload', () => {
      const { bytes, jws } = signed[alg];
      const verifyKey = ALGS[alg].family === 'HMAC' ? hmacSecret : keySetFor(alg).publicJwk;
      const r = m.verifyJws(jws, verifyKey, { algorithms: [alg] });
      assert.ok(r.payload instanceof Uint8Array);
      assert.ok(Buffer.from(r.payload).equals(bytes));
      assert.deepEqual(r.protectedHeader, { alg, cty: 'application/octet-stream' });
      // verify (JWT) refuses the same token: the payload is not a JSON object
      throwsJwt(() => m.verify(jws, verifyKey, at(alg)), 'ERR_JWT_INVALID');
      throwsJwt(() => m.verifyJws(alterSignature(jws), verifyKey, { algorithms: [alg] }), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    });

    test('jose agrees: it verifies the same token with the same public key', async () => {
      const r = await jose.jwtVerify(token, signed[alg].josePublic, { algorithms: [alg], currentDate: new Date(NOW * 1000) });
      assert.deepEqual(r.payload, m.verify(token, ALGS[alg].family === 'HMAC' ? hmacSecret : keySetFor(alg).spki, opts).payload);
    });
  });
}

describe('JWKS selection', () => {
  const rs = fixtures.rsa.publicJwk;
  const rsOther = fixtures.rsaOther.publicJwk;
  const es = fixtures.p256.publicJwk;
  const ed = fixtures.ed25519.publicJwk;

  test('by kid: only the key with that kid is a candidate', async () => {
    const token = await joseSign('RS256', claims(), { header: { kid: 'two' } });
    const jwks = { keys: [{ ...rsOther, kid: 'one' }, { ...rs, kid: 'two' }, { ...rsOther, kid: 'three' }] };
    assert.equal(m.verify(token, jwks, at('RS256')).protectedHeader.kid, 'two');
    // the right key under another kid is not used
    throwsJwt(() => m.verify(token, { keys: [{ ...rs, kid: 'one' }, { ...rsOther, kid: 'two' }] }, at('RS256')), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  test('a token kid never matches keys without kid', async () => {
    const token = await joseSign('RS256', claims(), { header: { kid: 'k1' } });
    throwsJwt(() => m.verify(token, { keys: [rs] }, at('RS256')), 'ERR_JWKS_NO_MATCHING_KEY');
  });

  test('no kid in the token: all keys are candidates, filtered by kty/crv', async () => {
    const token = await joseSign('ES256', claims());
    assert.ok(m.verify(token, { keys: [rs, ed, es] }, at('ES256')));
    const edToken = await joseSign('EdDSA', claims());
    assert.ok(m.verify(edToken, { keys: [rs, es, ed] }, at('EdDSA')));
  });

  test('several candidates: ERR_JWKS_MULTIPLE_MATCHING_KEYS (keys are never tried in turn)', async () => {
    const token = await joseSign('RS256', claims());
    throwsJwt(() => m.verify(token, { keys: [rsOther, rs] }, at('RS256')), 'ERR_JWKS_MULTIPLE_MATCHING_KEYS');
    const kidToken = await joseSign('RS256', claims(), { header: { kid: 'dup' } });
    throwsJwt(() => m.verify(kidToken, { keys: [{ ...rs, kid: 'dup' }, { ...rsOther, kid: 'dup' }] }, at('RS256')), 'ERR_JWKS_MULTIPLE_MATCHING_KEYS');
  });

  test('filters: alg, use, key_ops, crv', async () => {
    const token = await joseSign('RS256', claims());
    assert.ok(m.verify(token, { keys: [{ ...rsOther, alg: 'RS512' }, { ...rs, alg: 'RS256' }] }, at('RS256')));
    assert.ok(m.verify(token, { keys: [{ ...rsOther, use: 'enc' }, { ...rs, use: 'sig' }] }, at('RS256')));
    assert.ok(m.verify(token, { keys: [{ ...rsOther, key_ops: ['encrypt'] }, { ...rs, key_ops: ['verify'] }] }, at('RS256')));
    throwsJwt(() => m.verify(token, { keys: [{ ...rs, use: 'enc' }] }, at('RS256')), 'ERR_JWKS_NO_MATCHING_KEY');
    throwsJwt(() => m.verify(token, { keys: [{ ...rs, key_ops: ['sign'] }] }, at('RS256')), 'ERR_JWKS_NO_MATCHING_KEY');
    throwsJwt(() => m.verify(token, { keys: [{ ...rs, alg: 'PS256' }] }, at('RS256')), 'ERR_JWKS_NO_MATCHING_KEY');
    const es384 = await joseSign('ES384', claims());
    assert.ok(m.verify(es384, { keys: [es, fixtures.p384.publicJwk, fixtures.p521.publicJwk] }, at('ES384')));
  });

  test('no key of the token\'s type: ERR_JWKS_NO_MATCHING_KEY', async () => {
    const token = await joseSign('ES512', claims());
    throwsJwt(() => m.verify(token, { keys: [rs, es, ed] }, at('ES512')), 'ERR_JWKS_NO_MATCHING_KEY');
    throwsJwt(() => m.verify(token, { keys: [] }, at('ES512')), 'ERR_JWKS_NO_MATCHING_KEY');
  });

  test('an imported JWKS selects per token', async () => {
    const key = m.importKey({ keys: [{ ...rs, kid: 'r' }, { ...es, kid: 'e' }, { ...ed, kid: 'd' }] });
    try {
      for (const [alg, kid] of [['RS256', 'r'], ['PS384', 'r'], ['ES256', 'e'], ['EdDSA', 'd'], ['Ed25519', 'd']]) {
        const token = await joseSign(alg, claims(), { header: { kid } });
        assert.equal(m.verify(token, key, at(['RS256', 'PS384', 'ES256', 'EdDSA', 'Ed25519'])).protectedHeader.kid, kid);
      }
    } finally {
      key.free();
    }
  });

  test('at most 1000 keys', async () => {
    const token = await joseSign('RS256', claims(), { header: { kid: 'k999' } });
    const keys = Array.from({ length: 1000 }, (_, i) => ({ ...(i === 999 ? rs : rsOther), kid: `k${i}` }));
    assert.ok(m.verify(token, { keys }, at('RS256')));
    throwsJwt(() => m.verify(token, { keys: [...keys, { ...rsOther, kid: 'k1000' }] }, at('RS256')), 'ERR_JWKS_INVALID');
  });

  test('a JWKS mixing oct and asymmetric keys is ERR_JWKS_INVALID', async () => {
    const token = await joseSign('RS256', claims());
    throwsJwt(() => m.verify(token, { keys: [rs, { kty: 'oct', k: b64u(hmacSecret) }] }, at(['RS256', 'HS256'])), 'ERR_JWKS_INVALID');
    throwsJwt(() => m.importKey({ keys: [{ kty: 'oct', k: b64u(hmacSecret) }, es] }), 'ERR_JWKS_INVALID');
  });

  test('keys that are not an array of objects: ERR_JWKS_INVALID', async () => {
    const token = await joseSign('RS256', claims());
    for (const keys of ['x', 42, null, {}]) throwsJwt(() => m.verify(token, { keys }, at('RS256')), 'ERR_JWKS_INVALID');
    // an element that is not a JWK object: the set or the key is invalid, either code says so
    for (const keys of [[42], ['x'], [null]]) throwsJwt(() => m.verify(token, { keys }, at('RS256')), ['ERR_JWKS_INVALID', 'ERR_JWK_INVALID']);
  });

  test('an entry that can never be selected (no kty, members of the wrong type, bad material) is skipped, as jose skips it', async () => {
    const token = await joseSign('RS256', claims(), { header: { kid: 'good' } });
    const rs = { ...fixtures.rsa.publicJwk, kid: 'good' };
    const odd = [
      { n: rs.n, e: rs.e, kid: 'no-kty' }, { ...rs, kty: 7, kid: 'kty-number' }, { ...rs, kid: 7 }, { ...rs, kid: 'u', use: 5 },
      { ...rs, kid: 'o', key_ops: 'verify' }, { ...rs, kid: 'a', alg: ['RS256'] }, { kty: 'RSA', kid: 'bad-n', n: 'AAAA', e: 'AQAB' },
      { kty: 'EC', crv: 'P-256', kid: 'off-curve', x: 'AAAA', y: 'AAAA' }, { kty: 'OKP', crv: 'X25519', kid: 'x', x: b64u(new Uint8Array(32)) },
      { kty: 'XYZ', kid: 'unknown' },
    ];
    for (const entry of odd) {
      const label = JSON.stringify(entry).slice(0, 60);
      assert.deepEqual(m.verify(token, { keys: [entry, rs] }, at('RS256')).payload, claims(), label);
      const key = m.importKey({ keys: [rs, entry] });
      assert.ok(m.verify(token, key, at('RS256')), label);
      key.free();
    }
    // a set with nothing usable: no matching key, not an invalid set
    throwsJwt(() => m.verify(token, { keys: odd }, at('RS256')), 'ERR_JWKS_NO_MATCHING_KEY');
    // jose agrees
    assert.ok(await jose.jwtVerify(token, jose.createLocalJWKSet({ keys: [odd[2], odd[3], rs] }), { currentDate: new Date(NOW * 1000) }));
  });
});
