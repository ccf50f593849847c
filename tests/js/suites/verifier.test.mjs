// createVerifier (issue 20): the prepared verifier's API, its life cycle, every key form, and the
// lean crossing's honesty rules: options changed in place between calls are seen, results are
// plain fresh objects, non-ASCII input around a token round-trips. The claim and attack suites
// also run with every verify() made through createVerifier (scripts/suites.sh).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { m, lite, NOW, claims, craft, at, b64u, fixtures, hmacSecret, jose, throwsJwt, throwsType } from '../lib/helpers.mjs';

const HS = (payload = claims(), header = {}) => craft({ alg: 'HS256', ...header }, payload);
const TOKEN = HS();
const TEXT_SECRET = 'a text secret, UTF-8: ünïcödé, at least forty-eight bytes long';
const joseSign = (alg, payload, key, header = {}) => new jose.SignJWT(payload).setProtectedHeader({ alg, ...header }).sign(key);

describe('createVerifier', () => {
  test('returns a function that verifies at the time of each call', () => {
    const v = m.createVerifier(hmacSecret, { algorithms: ['HS256'] });
    assert.equal(typeof v, 'function');
    assert.deepEqual(v(TOKEN, { currentDate: NOW }), { payload: claims(), protectedHeader: { alg: 'HS256' } });
    assert.deepEqual(v(TOKEN, { currentDate: new Date(NOW * 1000) }).payload, claims());
    // the clock when no time is given: the token expired long ago
    throwsJwt(() => v(TOKEN), 'ERR_JWT_EXPIRED');
    throwsJwt(() => v(TOKEN, {}), 'ERR_JWT_EXPIRED');
    // each call has its own time
    throwsJwt(() => v(TOKEN, { currentDate: NOW + 7200 }), 'ERR_JWT_EXPIRED');
    assert.equal(v(TOKEN, { currentDate: NOW }).payload.sub, 'user-42');
    v.free();
  });

  test('the options are fixed at creation and checked there', () => {
    throwsType(() => m.createVerifier(hmacSecret, { algorithms: ['HS256'], currentDate: NOW }), /currentDate/);
    throwsType(() => m.createVerifier(hmacSecret, { algorithms: [] }), /algorithms/);
    throwsType(() => m.createVerifier(hmacSecret), /options/);
    throwsType(() => m.createVerifier(hmacSecret, { algorithms: ['HS256'], clockTolerance: 'soon' }), /duration/);
    throwsType(() => m.createVerifier(42, { algorithms: ['HS256'] }), /key/);
    const v = m.createVerifier(hmacSecret, { algorithms: ['HS256'], issuer: 'https://issuer.example', audience: ['api'] });
    throwsJwt(() => v(TOKEN, { currentDate: NOW }), 'ERR_JWT_CLAIM_VALIDATION_FAILED');
    const good = HS(claims({ iss: 'https://issuer.example', aud: 'api' }));
    assert.equal(v(good, { currentDate: NOW }).payload.aud, 'api');
    // per call only the time: anything else would be silently ignored, so it is refused
    throwsType(() => v(good, { currentDate: NOW, audience: 'other' }), /audience.*createVerifier/);
    throwsType(() => v(good, { algorithms: ['HS512'] }), /algorithms/);
    for (const bad of [null, 42, 'x', [NOW]]) throwsType(() => v(good, bad), /options/);
    throwsType(() => v(good, { currentDate: 'yesterday' }), /currentDate/);
    for (const t of [undefined, 42, Buffer.from(good)]) throwsType(() => v(t, { currentDate: NOW }), /token/);
    v.free();
  });

  test('a verifier holds its own key: freeing the Key it was made from changes nothing', () => {
    const key = m.importKey(hmacSecret, 'HS256');
    const v = m.createVerifier(key, { algorithms: ['HS256'] });
    key.free();
    throwsType(() => m.verify(TOKEN, key, at('HS256')), /freed/);
    assert.equal(v(TOKEN, { currentDate: NOW }).payload.sub, 'user-42');
    v.free();
    throwsType(() => m.createVerifier(key, { algorithms: ['HS256'] }), /freed/);
  });

  test('free(), a second free(), using, and free() on something else', () => {
    const v = m.createVerifier(hmacSecret, { algorithms: ['HS256'] });
    v.free();
    throwsType(() => v(TOKEN, { currentDate: NOW }), /freed; create it again with createVerifier/);
    v.free();
    const d = m.createVerifier(hmacSecret, { algorithms: ['HS256'] });
    d[Symbol.dispose]();
    throwsType(() => d(TOKEN, { currentDate: NOW }), /freed/);
    // free is bound to its verifier: it can be handed around on its own
    const detached = m.createVerifier(hmacSecret, { algorithms: ['HS256'] });
    const { free } = detached;
    free();
    throwsType(() => detached(TOKEN, { currentDate: NOW }), /freed/);
    free();
  });

  test('every key form verify takes, each algorithm family', async () => {
    const cases = [
      ['HS256', hmacSecret, [hmacSecret, { kty: 'oct', k: b64u(hmacSecret) }, { keys: [{ kty: 'oct', k: b64u(hmacSecret) }] }]],
      ['HS384', new TextEncoder().encode(TEXT_SECRET), [TEXT_SECRET]],
      ['RS256', fixtures.rsa.pkcs8, [fixtures.rsa.spki, fixtures.rsa.publicJwk, { keys: [fixtures.rsa.publicJwk] }, m.importKey(fixtures.rsa.spki)]],
      ['PS256', fixtures.rsa.pkcs8, [fixtures.rsa.spki]],
      ['ES256', fixtures.p256.pkcs8, [fixtures.p256.spki, fixtures.p256.publicJwk]],
      ['ES384', fixtures.p384.pkcs8, [fixtures.p384.spki]],
      ['ES512', fixtures.p521.pkcs8, [fixtures.p521.spki]],
      ['EdDSA', fixtures.ed25519.pkcs8, [fixtures.ed25519.spki, fixtures.ed25519.publicJwk]],
    ];
    for (const [alg, signing, forms] of cases) {
      const key = alg.startsWith('HS') ? signing : await jose.importPKCS8(signing, alg);
      const token = await joseSign(alg, claims(), key);
      for (const form of forms) {
        const v = m.createVerifier(form, { algorithms: [alg] });
        assert.equal(v(token, { currentDate: NOW }).payload.sub, 'user-42', `${alg} ${typeof form}`);
        const [h, p, sig] = token.split('.');
        const flipped = Buffer.from(sig, 'base64url');
        flipped[0] ^= 1;
        throwsJwt(() => v(`${h}.${p}.${flipped.toString('base64url')}`, { currentDate: NOW }), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
        v.free();
      }
    }
  });

  test('the allow-list and key rules hold: alg none, another algorithm, a key of another family', () => {
    const v = m.createVerifier(hmacSecret, { algorithms: ['HS256'] });
    throwsJwt(() => v(craft({ alg: 'none' }, claims(), ''), { currentDate: NOW }), 'ERR_JOSE_ALG_NOT_ALLOWED');
    throwsJwt(() => v(craft({ alg: 'HS512' }, claims()), { currentDate: NOW }), 'ERR_JOSE_ALG_NOT_ALLOWED');
    v.free();
    const rsa = m.createVerifier(fixtures.rsa.spki, { algorithms: ['HS256'] });
    throwsJwt(() => rsa(TOKEN, { currentDate: NOW }), 'ERR_JOSE_ALG_NOT_ALLOWED');
    rsa.free();
    // the default requires exp, as verify's
    const noExp = HS({ sub: 'user-42' });
    const strict = m.createVerifier(hmacSecret, { algorithms: ['HS256'] });
    throwsJwt(() => strict(noExp, { currentDate: NOW }), 'ERR_JWT_CLAIM_VALIDATION_FAILED');
    const waived = m.createVerifier(hmacSecret, { algorithms: ['HS256'], requiredClaims: [] });
    assert.equal(waived(noExp, { currentDate: NOW }).payload.sub, 'user-42');
    strict.free();
    waived.free();
  });

  test('maxTokenBytes is enforced per call, before the token is copied', () => {
    const v = m.createVerifier(hmacSecret, { algorithms: ['HS256'], maxTokenBytes: 100 });
    throwsJwt(() => v(TOKEN, { currentDate: NOW }), 'ERR_JWT_INVALID');
    throwsJwt(() => v('a'.repeat(5_000_000), { currentDate: NOW }), 'ERR_JWT_INVALID');
    v.free();
  });

  test('jwtlens/lite has it too: HMAC verifies, asymmetric keys are ERR_JOSE_NOT_SUPPORTED', () => {
    const v = lite.createVerifier(hmacSecret, { algorithms: ['HS256'] });
    assert.equal(v(TOKEN, { currentDate: NOW }).payload.sub, 'user-42');
    v.free();
    throwsJwt(() => lite.createVerifier(fixtures.rsa.spki, { algorithms: ['RS256'] }), 'ERR_JOSE_NOT_SUPPORTED');
    // a lite Key used by the full entry's createVerifier runs on the lite module, as verify does
    const liteKey = lite.importKey(hmacSecret, 'HS256');
    const cross = m.createVerifier(liteKey, { algorithms: ['HS256'] });
    assert.equal(cross(TOKEN, { currentDate: NOW }).payload.sub, 'user-42');
    cross.free();
    liteKey.free();
  });
});

describe('the lean crossing', () => {
  test('options changed in place between verify calls are seen (audience, issuer, algorithms, currentDate)', () => {
    const token = HS(claims({ iss: 'https://a.example', aud: 'api' }));
    const key = m.importKey(hmacSecret);
    for (const keyForm of [key, hmacSecret]) {
      const options = { algorithms: ['HS256'], audience: ['api'], issuer: ['https://a.example'], currentDate: NOW };
      assert.equal(m.verify(token, keyForm, options).payload.aud, 'api');
      options.audience[0] = 'other';
      throwsJwt(() => m.verify(token, keyForm, options), 'ERR_JWT_CLAIM_VALIDATION_FAILED');
      options.audience[0] = 'api';
      assert.equal(m.verify(token, keyForm, options).payload.aud, 'api');
      options.issuer.push('https://b.example');
      assert.equal(m.verify(token, keyForm, options).payload.aud, 'api');
      options.issuer.splice(0, 2, 'https://b.example');
      throwsJwt(() => m.verify(token, keyForm, options), 'ERR_JWT_CLAIM_VALIDATION_FAILED');
      options.issuer[0] = 'https://a.example';
      options.algorithms[0] = 'HS512';
      throwsJwt(() => m.verify(token, keyForm, options), 'ERR_JOSE_ALG_NOT_ALLOWED');
      options.algorithms[0] = 'HS256';
      options.currentDate = NOW + 7200;
      throwsJwt(() => m.verify(token, keyForm, options), 'ERR_JWT_EXPIRED');
      options.currentDate = NOW;
      assert.equal(m.verify(token, keyForm, options).payload.aud, 'api');
      options.audience = 'other';
      throwsJwt(() => m.verify(token, keyForm, options), 'ERR_JWT_CLAIM_VALIDATION_FAILED');
      options.audience = 'api';
      options.requiredClaims = ['jti'];
      throwsJwt(() => m.verify(token, keyForm, options), 'ERR_JWT_CLAIM_VALIDATION_FAILED');
    }
    // verifyJws keeps its own options: a change of algorithms is seen there too
    const jwsOptions = { algorithms: ['HS256'] };
    assert.ok(m.verifyJws(TOKEN, key, jwsOptions).payload instanceof Uint8Array);
    jwsOptions.algorithms.push('HS512');
    jwsOptions.algorithms.shift();
    throwsJwt(() => m.verifyJws(TOKEN, key, jwsOptions), 'ERR_JOSE_ALG_NOT_ALLOWED');
    key.free();
  });

  test('options the core refuses are TypeErrors, not raw arrays (a lone surrogate in a string option)', () => {
    const key = m.importKey(hmacSecret);
    for (const keyForm of [key, hmacSecret]) {
      for (const bad of [{ issuer: '\ud800' }, { audience: ['api', '\udfff'] }, { requiredClaims: ['\ud800x'] }, { algorithms: ['HS256', '\ud800'] }]) {
        throwsType(() => m.verify(TOKEN, keyForm, { algorithms: ['HS256'], currentDate: NOW, ...bad }), /options/);
      }
      throwsType(() => m.verifyJws(TOKEN, keyForm, { algorithms: ['HS256', '\ud800'] }), /options/);
      throwsType(() => m.createVerifier(keyForm, { algorithms: ['HS256'], subject: '\ud800' }), /options/);
      // and the next call works
      assert.equal(m.verify(TOKEN, keyForm, at('HS256')).payload.sub, 'user-42');
    }
    key.free();
  });

  test('results are plain, fresh, structured-clonable objects', () => {
    const v = m.createVerifier(hmacSecret, { algorithms: ['HS256'] });
    const a = v(TOKEN, { currentDate: NOW });
    const b = v(TOKEN, { currentDate: NOW });
    assert.notEqual(a, b);
    assert.notEqual(a.payload, b.payload);
    a.payload.sub = 'changed';
    assert.equal(b.payload.sub, 'user-42');
    assert.equal(v(TOKEN, { currentDate: NOW }).payload.sub, 'user-42');
    for (const r of [b, m.decode(TOKEN), m.verify(TOKEN, hmacSecret, at('HS256'))]) {
      assert.deepEqual(structuredClone(r), r);
      for (const o of [r, r.payload]) {
        assert.equal(Object.getPrototypeOf(o), Object.prototype);
        for (const d of Object.values(Object.getOwnPropertyDescriptors(o))) assert.ok('value' in d, 'no getters');
      }
    }
    v.free();
  });

  test('decode: segments from tokens with non-ASCII whitespace and "Bearer " around them', () => {
    const [h, p, sig] = TOKEN.split('.');
    for (const input of [TOKEN, `\u3000${TOKEN}\u2028`, `Bearer ${TOKEN}`, `\u00a0 bearer   ${TOKEN}\n`, `${TOKEN}\u0085`]) {
      const d = m.decode(input);
      assert.deepEqual(d.segments, { header: h, payload: p, signature: sig }, JSON.stringify(input));
      assert.equal(d.signature, sig);
      assert.deepEqual(d.payload, claims());
      assert.deepEqual(lite.decode(input).segments, d.segments);
    }
    // a payload with non-ASCII text: the JSON crosses as UTF-8 and back
    const text = 'Zoë 🦀 \u2028 ok';
    const t = HS(claims({ name: text }));
    assert.equal(m.decode(t).payload.name, text);
    assert.equal(m.createVerifier(hmacSecret, { algorithms: ['HS256'] })(t, { currentDate: NOW }).payload.name, text);
  });

  test('decode of a large token with non-ASCII whitespace in a fresh process (the memory grows during the call)', async () => {
    const { execFileSync } = await import('node:child_process');
    const { installed } = await import('../lib/helpers.mjs');
    const script = `
      const m = await import(${JSON.stringify(installed.entryUrl)});
      const crypto = await import('node:crypto');
      const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const input = b64({ alg: 'HS256' }) + '.' + b64({ pad: 'x'.repeat(180000) });
      const token = input + '.' + crypto.createHmac('sha256', 'k').update(input).digest('base64url');
      const d = m.decode('\\u00a0\\u3000' + token + '\\u2028');
      const [h, p, s] = token.split('.');
      if (d.segments.header !== h || d.segments.payload !== p || d.segments.signature !== s || d.payload.pad.length !== 180000) throw new Error('wrong segments');
      console.log('ok');
    `;
    assert.equal(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim(), 'ok');
  });

  test('tokens of every size up to the limit cross, and the buffers are replaced after a large one', () => {
    const v = m.createVerifier(hmacSecret, { algorithms: ['HS256'], maxTokenBytes: 4_000_000 });
    for (const n of [0, 10, 1000, 100_000, 1_000_000, 10, 0]) {
      const t = HS(claims({ pad: 'x'.repeat(n) }));
      assert.equal(v(t, { currentDate: NOW }).payload.pad.length, n);
      assert.equal(m.verify(t, hmacSecret, at('HS256', { maxTokenBytes: 4_000_000 })).payload.pad.length, n);
      if (t.length <= 262144) assert.equal(m.decode(t).payload.pad.length, n);
    }
    v.free();
  });
});
